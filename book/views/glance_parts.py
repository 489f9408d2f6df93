"""The programme at a glance, its measures and its pieces: the scale and the heights the
grid is fitted with (in mm, as the stylesheets set them), the page geometry the book
gives it, the cells and pages the grid is made of (book/views/glance.py lays them out),
and what the pages tell build.json and the designer (``glance_layouts``, ``glance_notes``).
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
    tag_at: str  # where the tag goes, whole: "head" (the time's line), "line" (its own) or "" (not printed)
    category_id: str
    lines: list  # the short title's runs, first language first
    clamp: int  # whole lines the cell holds (0: no text)
    setting: str  # "", "one-line" (time and title on one line), "one-line tight" (set solid) or "paired"
    # (a cell across every room: the time over both languages run on in one line)
    breaks: tuple = ()  # Korean words too wide for the cell even set closer: they break between syllables
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
    recto_half: bool = False  # the right-hand page of a day set as a facing spread: the verso's axis goes on
    lead: bool = False  # a recto half facing the chapter's opening page: set level with its heading


def glance_notes(pages: list[GlancePage]) -> list[str]:
    """What the designer can fix: each short title whose Korean word is too wide for its glance cell."""
    found = {}
    for p in pages:
        for c in p.cells:
            for word in c.breaks:
                found.setdefault((c.anchor.removeprefix("s-"), word), p.date)
    return [
        f"glance {day}: the word `{word}` in session `{sid}`'s short title is wider than its cell and breaks "
        "between syllables; give the session a `short` title in sessions.yaml with a space where it may break"
        for (sid, word), day in found.items()
    ]


def glance_layouts(pages: list[GlancePage]) -> list[dict]:
    """Each day's layout on the glance: its date, its pages and how it was laid out (build.json, watch)."""
    out: dict[str, dict] = {}
    for p in pages:
        day = out.setdefault(p.date, {"date": p.date, "pages": 0, "layout": p.layout})
        day["pages"] += 0 if p.follows else 1
    return list(out.values())
