"""The programme at a glance: one grid per day, time running down.

Parallel sessions are packed into lanes (each session takes the first free
one); a day with more lanes than fit is split evenly over pages. Each cell
gets the lines of its short title that fit its height, estimated from the
cell's size in millimetres, so the template only places what the view chose.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..source.model import Event
from . import i18n
from .common import run, running_on, runs, session_days, sessions_on, sort_key

MM_PER_HOUR_MAX = 16.0
LANES_PER_PAGE = 5  # at most; a wider day is split evenly over pages
CELL_PAD_MM = 1.2
PT_MM = 0.3528
CELL_PT = 7.0
CELL_LEADING = 1.2


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
    lines: list    # runs that fit
    show_time: bool


@dataclass(frozen=True)
class GlancePage:
    day_label: list
    part: str          # "1/2" when a day needs more than one page
    hours: list        # [{label, top}]
    cells: list
    ongoing: list
    height_mm: float


def _text_width_mm(text: str, pt: float) -> float:
    em = pt * PT_MM
    return sum(em * (1.0 if ord(c) > 0x2E80 else 0.52) for c in text)


def _lines_needed(text: str, width_mm: float, pt: float) -> int:
    words, lines, current = text.split(), 1, 0.0
    space = pt * PT_MM * 0.3
    for word in words:
        w = _text_width_mm(word, pt)
        if current and current + space + w > width_mm:
            lines += 1
            current = w
        else:
            current = current + space + w if current else w
        while current > width_mm:   # a word wider than the cell breaks
            lines += 1
            current -= width_mm
    return lines


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


def before_period(event: Event, langs) -> list[dict]:
    """Sessions before the event's period, listed on the glance key page."""
    return [{"anchor": f"s-{s.id}", "title": runs(s.short, langs), "time": i18n.time_range(s.start, s.end),
             "date": [run(lang, i18n.date_short(s.date, lang), i > 0) for i, lang in enumerate(langs)],
             "category_id": s.category}
            for s in sorted(event.sessions, key=sort_key) if s.date < event.period[0]]


def glance_pages(event: Event, langs, geometry: GlanceGeometry) -> list[GlancePage]:
    days = [d for d in session_days(event) if event.period[0] <= d <= event.period[1]]
    pages = []
    for day in days:
        timed = [s for s in sessions_on(event, day) if s.start is not None and not s.spans_days]
        if not timed:
            continue
        placed, lanes = _lanes(timed)
        t0 = min(s.start for s in timed) // 60 * 60
        t1 = math.ceil(max(s.end for s in timed) / 60) * 60
        span = t1 - t0
        hours = [{"label": i18n.hm(t), "top": (t - t0) / span * 100} for t in range(t0, t1 + 1, 60)]
        groups = math.ceil(lanes / LANES_PER_PAGE)
        per_page = math.ceil(lanes / groups)
        ongoing = [{"anchor": f"s-{s.id}", "title": runs(s.short, langs),
                    "dates": [run(lang, i18n.day_range(s.date, s.last_date, lang), i > 0) for i, lang in enumerate(langs)],
                    "category_id": s.category} for s in running_on(event, day)]
        strip_lines = len(ongoing) * 2
        height = min(geometry.height_mm - 3.6 * strip_lines - (4 if strip_lines else 0), span / 60 * MM_PER_HOUR_MAX)
        for g in range(groups):
            lane_count = min(per_page, lanes - g * per_page)
            width = geometry.width_mm / lane_count - 2 * CELL_PAD_MM
            cells = []
            for s, lane in placed:
                if lane // per_page != g:
                    continue
                height_mm = (s.end - s.start) / span * height - 2 * CELL_PAD_MM * 0.5
                lines, show_time = _fit(runs(s.short, langs, max_len=8), width, height_mm)
                cells.append(GlanceCell(anchor=f"s-{s.id}",
                                        top=(s.start - t0) / span * 100, height=(s.end - s.start) / span * 100,
                                        left=lane % per_page * 100 / lane_count, width=100 / lane_count,
                                        time=i18n.time_range(s.start, s.end), category_id=s.category,
                                        lines=lines, show_time=show_time))
            pages.append(GlancePage(
                day_label=[run(lang, i18n.date_day(day, lang), i > 0) for i, lang in enumerate(langs)],
                part=f"{g + 1}/{groups}" if groups > 1 else "", hours=hours, height_mm=height,
                cells=cells, ongoing=ongoing,
            ))
    return pages


def _fit(lines, width_mm, height_mm):
    """Drop the least important lines until the cell's text fits its height."""
    line_mm = CELL_PT * PT_MM * CELL_LEADING

    def needed(items, with_time):
        return sum(_lines_needed(r.text, width_mm, CELL_PT) for r in items) + (1 if with_time else 0)

    for items, with_time in ((lines, True), (lines, False), (lines[:1], True), (lines[:1], False)):
        if needed(items, with_time) * line_mm <= height_mm:
            return items, with_time
    return lines[:1], False
