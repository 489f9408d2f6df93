"""The programme at a glance: one grid per day, time running down.

When the day's sessions have rooms, the grid has one column per room, in the
order of rooms.yaml, headed by the room's name, and a session for everyone
(``room: all``, or no room on a day that has rooms) runs across every
column. More rooms than fit a page continue on the next one with the room
heads repeated. Without rooms, parallel sessions are packed into lanes
(each session takes the first free one), split evenly over pages as well.

A cell never shows part of a line: the view counts how many whole lines its
height holds, and the stylesheet clamps the cell's text to them, ending with
an ellipsis (CSS ``line-clamp``). A cell too short for two lines sets its
start time and title on one (the cell's height shows the end); one too short
for a line shows its colour only.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..source.model import Event
from . import i18n
from .common import run, running_on, runs, session_anchor, session_days, sessions_on, sort_key

MM_PER_HOUR = 16.0        # the scale, unless the page is too short for the day
LANES_PER_PAGE = 5        # without rooms: at most this many lanes on a page
MIN_COLUMN_MM = 24.0      # with rooms: no column narrower (about 9 Korean characters at 7 pt)
PT_MM = 0.3528
CELL_PT = 7.0
LINE_MM = CELL_PT * PT_MM * 1.2   # a cell's line (line-height 1.2)
ONE_LINE_MM = CELL_PT * PT_MM     # a one-line cell is set solid
CELL_PAD_MM = 0.35 + 0.4          # vertical padding of .cell and .cell-in, each side
HEAD_MM = 6.0                     # the room heads above a grid with rooms
CHAPTER_HEAD_MM = 18.0            # the chapter's heading, above the first day


@dataclass(frozen=True)
class GlanceGeometry:
    """The room the grid has on a page: the text block (from the page size
    and the book's @page margins) less the time axis beside the grid, a
    reserve at the side for the estimate's slack, and the day heading and
    legend above and below it."""

    width_mm: float
    height_mm: float  # at most; less when strips above the grid need room

    SIDE_RESERVE_MM = 2.0
    HEAD_RESERVE_MM = 24.0

    @classmethod
    def from_text_block(cls, width_mm: float, height_mm: float, axis_mm: float) -> GlanceGeometry:
        return cls(width_mm - axis_mm - cls.SIDE_RESERVE_MM, height_mm - cls.HEAD_RESERVE_MM)


@dataclass(frozen=True)
class GlanceCell:
    anchor: str
    top: float     # % of the grid height
    height: float  # %
    left: float    # % of the grid width
    width: float   # %
    time: str
    category_id: str
    lines: list    # the short title's runs, first language first
    clamp: int     # whole lines the cell holds (0: no text)
    setting: str   # "", "one-line" (time and title on one line) or "one-line tight" (set solid)


@dataclass(frozen=True)
class GlancePage:
    day_label: list
    part: str          # "1/2" when a day needs more than one page
    hours: list        # [{label, top}]
    cells: list
    ongoing: list
    height_mm: float
    heads: list        # room heads: [{name, left, width}], empty without rooms
    first: bool        # the first page of the chapter: it follows the chapter's heading


def before_period(event: Event, langs) -> list[dict]:
    """Sessions before the event's period, listed at the start of the glance chapter."""
    return [{"anchor": session_anchor(s.id), "title": runs(s.short, langs), "time": i18n.time_range(s.start, s.end),
             "date": [run(lang, i18n.date_short(s.date, lang), i > 0) for i, lang in enumerate(langs)],
             "category_id": s.category}
            for s in sorted(event.sessions, key=lambda s: sort_key(s, event)) if s.date < event.period[0]]


def _lanes(sessions):
    """Greedy interval partitioning: each session gets the first free lane."""
    ends, placed = [], []
    for s in sessions:
        for i, end in enumerate(ends):
            if end <= s.start:
                ends[i] = s.end
                placed.append((s, i))
                break
        else:
            ends.append(s.end)
            placed.append((s, len(ends) - 1))
    return placed, len(ends)


def _columns(event: Event, timed) -> tuple[list, list[str]]:
    """(session, column or None for every column), and the day's rooms in rooms.yaml order."""
    used = {s.room for s in timed if s.room in event.rooms}
    rooms = [r for r in event.rooms if r in used]
    return [(s, rooms.index(s.room) if s.room in rooms else None) for s in timed], rooms


def _fit(height_mm: float) -> tuple[int, str]:
    """(whole lines a cell of this height holds, how they are set): "" for the
    time over the title, "one-line" for both on one line, "tight" for one line
    set solid without the inner padding (a cell shorter than a padded line)."""
    lines = int((height_mm - 2 * CELL_PAD_MM + 0.01) // LINE_MM)
    if lines >= 2:
        return lines, ""
    if lines == 1:
        return 1, "one-line"
    return (1, "one-line tight") if height_mm - 0.7 >= ONE_LINE_MM else (0, "one-line")


def glance_pages(event: Event, langs, geometry: GlanceGeometry) -> list[GlancePage]:
    """The grid pages of every day in the period (the first below the chapter's heading)."""
    days = [d for d in session_days(event) if event.period[0] <= d <= event.period[1]]
    pages = []
    for day in days:
        timed = [s for s in sessions_on(event, day) if s.start is not None and not s.spans_days]
        if not timed:
            continue
        placed, rooms = _columns(event, timed)
        if rooms:
            columns, per_page = len(rooms), max(1, int(geometry.width_mm // MIN_COLUMN_MM))
        else:
            placed, columns = _lanes(timed)
            per_page = LANES_PER_PAGE
        groups = math.ceil(columns / per_page)
        per_page = math.ceil(columns / groups)
        t0 = min(s.start for s in timed) // 60 * 60
        t1 = math.ceil(max(s.end for s in timed) / 60) * 60
        span = t1 - t0
        hours = [{"label": i18n.hm(t), "top": (t - t0) / span * 100} for t in range(t0, t1 + 1, 60)]
        ongoing = [{"anchor": session_anchor(s.id), "title": runs(s.short, langs),
                    "dates": [run(lang, i18n.day_range(s.date, s.last_date, lang), i > 0) for i, lang in enumerate(langs)],
                    "category_id": s.category} for s in running_on(event, day)]
        strip_lines = len(ongoing) * 2
        room_for_grid = (geometry.height_mm - 3.6 * strip_lines - (4 if strip_lines else 0) - (HEAD_MM if rooms else 0)
                         - (CHAPTER_HEAD_MM if not pages else 0))
        height = min(room_for_grid, span / 60 * MM_PER_HOUR)
        for g in range(groups):
            first, count = g * per_page, min(per_page, columns - g * per_page)
            cells = []
            for s, column in placed:
                if column is not None and not first <= column < first + count:
                    continue
                left, width = (0, 100) if column is None else ((column - first) * 100 / count, 100 / count)
                clamp, setting = _fit((s.end - s.start) / span * height)
                cells.append(GlanceCell(anchor=session_anchor(s.id), top=(s.start - t0) / span * 100,
                                        height=(s.end - s.start) / span * 100, left=left, width=width,
                                        time=i18n.time_range(s.start, s.end) if not setting else i18n.hm(s.start),
                                        category_id=s.category,
                                        lines=runs(s.short, langs, max_len=8), clamp=clamp, setting=setting))
            heads = [{"name": runs(event.rooms[room].name, langs), "left": i * 100 / count, "width": 100 / count}
                     for i, room in enumerate(rooms[first:first + count])]
            pages.append(GlancePage(
                day_label=[run(lang, i18n.date_day(day, lang), i > 0) for i, lang in enumerate(langs)],
                part=f"{g + 1}/{groups}" if groups > 1 else "", hours=hours, height_mm=height,
                cells=cells, ongoing=ongoing, heads=heads, first=not pages,
            ))
    return pages
