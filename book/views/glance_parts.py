"""The programme at a glance, its measures and its pieces: the scale and the heights the
grid is fitted with (in mm, as the stylesheets set them), the page geometry the book
gives it, and the cells and pages the grid is made of (book/views/glance.py lays them out).
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_HOUR = 16.0  # the scale, unless the page is too short (down to what the shortest session needs)
LANES_PER_PAGE = 5  # without rooms: at most this many lanes on a page
MIN_COLUMN_MM = 24.0  # with rooms: no column narrower (about 9 Korean characters at 7.5 pt)
PT_MM = 25.4 / 72
LINE_HEIGHT = 1.2  # a cell's leading
CELL_PAD_MM = 0.35 + 0.4  # vertical padding of .cell and .cell-in, each side
DAY_HEAD_MM = 9.0  # a grid's day heading
HEAD_MM = 6.0  # the room heads above a grid with rooms
STRIP_LINE_MM = 3.6  # a line of the ongoing strip above a grid
CHAPTER_HEAD_MM = 26.0  # the chapter's heading, above the first day
LEGEND_LINE_MM = 4.1  # a line of the category legend at the foot of each page
GAP_MM = 6.0  # between two grids sharing a page
SLACK_MM = 3.0  # what the estimates above may be short by


@dataclass(frozen=True)
class GlanceGeometry:
    """The room the grid has on a page: the text block (from the page size
    and the book's @page margins) less the time axis beside the grid and a
    reserve at the side for the estimate's slack; and the cells' type size
    (the ``--size-cell`` token)."""

    width_mm: float
    height_mm: float  # the whole text block's height
    cell_pt: float = 7.5

    SIDE_RESERVE_MM = 2.0

    @classmethod
    def from_text_block(cls, width_mm: float, height_mm: float, axis_mm: float, cell_pt: float = 7.5):
        return cls(width_mm - axis_mm - cls.SIDE_RESERVE_MM, height_mm, cell_pt)

    @property
    def line_mm(self) -> float:
        return self.cell_pt * PT_MM * LINE_HEIGHT

    @property
    def one_line_mm(self) -> float:  # a one-line cell, set solid without inner padding
        return self.cell_pt * PT_MM + 0.7


@dataclass(frozen=True)
class GlanceCell:
    anchor: str
    top: float  # % of the grid height
    height: float  # %
    left: float  # % of the grid width
    width: float  # %
    time: str
    tag: list  # the category's tag, in the edition's first language
    category_id: str
    lines: list  # the short title's runs, first language first
    clamp: int  # whole lines the cell holds (0: no text)
    setting: str  # "", "one-line" (time and title on one line) or "one-line tight" (set solid)
    track: float = 0.0  # letter-spacing in em, below 0 when a long Korean word would not fit whole


@dataclass(frozen=True)
class GlancePage:
    day_label: list
    part: str  # "1/2" when a day needs more than one page
    hours: list  # [{label, top}]: top in % of the grid's height
    cells: list
    ongoing: list
    height_mm: float
    heads: list  # room heads: [{name, left, width}], empty without rooms
    first: bool  # the first grid of the chapter: it follows the chapter's heading
    follows: bool = False  # shares the page with the grid before it
    legend: bool = True  # the last grid on its page carries the legend
    tab: int = 0  # the fore-edge tab's step: the day's in the programme
    tab_label: str = ""  # what the tab prints (the first day on the page)
    breaks: tuple = ()  # [{top, height}] in %: where the axis cuts hours with no session
    guide: str = ""  # the rooms on the page, first – last, when the day's rooms take several pages
    layout: str = ""  # how the day was laid out, and why (for build.json)
    date: str = ""  # the day, ISO
    opens_left: bool = False  # the chapter's first page, when it opens on a verso for a spread
    recto_half: bool = False
    lead: bool = False  # a recto half facing the chapter's opening page: set level with its heading  # the right-hand page of a day set as a facing spread: the verso's axis goes on
