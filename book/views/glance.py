"""The programme at a glance: one grid per day, time running down.

When the day's sessions have rooms, the grid has one column per room, in the
order of rooms.yaml, headed by the room's name, and a session for everyone
(``room: all``, or no room on a day that has rooms) runs across every
column. More rooms than fit a page continue on the next one with the room
heads repeated. Without rooms, parallel sessions are packed into lanes
(each session takes the first free one), split evenly over pages as well.

Every cell shows its time, its category's tag and its short title in the
edition's first language, then as much as fits: the scale is chosen so that
the shortest session holds two lines (its time over its title) when the day
then fits a spread, else one line; a day too long for its page at that
scale is split by time (at hours no session crosses, if there are any)
rather than set smaller. A cell never shows part of a line: the view
counts the whole lines its height holds, and the stylesheet clamps the
text to them with an ellipsis (CSS ``line-clamp``).

Short days share a page: a grid that fits below the one before it follows it.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

from ..source.model import Event
from . import i18n
from .common import run, running_on, runs, session_anchor, session_days, sessions_on, sort_key
from .glance_parts import (
    CELL_PAD_MM,
    CHAPTER_HEAD_MM,
    DAY_HEAD_MM,
    GAP_MM,
    HEAD_MM,
    LANES_PER_PAGE,
    LEGEND_LINE_MM,
    MIN_COLUMN_MM,
    MM_PER_HOUR,
    PT_MM,
    SLACK_MM,
    STRIP_LINE_MM,
    GlanceCell,
    GlanceGeometry,
    GlancePage,
)


def before_period(event: Event, langs) -> list[dict]:
    """Sessions before the event's period, listed at the start of the glance chapter."""
    return [
        {
            "anchor": session_anchor(s.id),
            "title": runs(s.short, langs),
            "time": i18n.time_range(s.start, s.end),
            "date": [run(lang, i18n.date_short(s.date, lang), i > 0) for i, lang in enumerate(langs)],
            "category_id": s.category,
        }
        for s in sorted(event.sessions, key=lambda s: sort_key(s, event))
        if s.date < event.period[0]
    ]


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
    """(session, column or None for every column, (lane, lanes)), and the day's rooms in
    rooms.yaml order. Sessions a room holds at once (a clash, which the check warns of)
    share its column side by side, each in its lane of the room's ``lanes``."""
    used = {s.room for s in timed if s.room in event.rooms}
    rooms = [r for r in event.rooms if r in used]
    share = {}
    for room in rooms:
        placed, lanes = _lanes(sorted((s for s in timed if s.room == room), key=lambda s: (s.start, s.end)))
        share.update({s.id: (lane, lanes) for s, lane in placed})
    return [(s, rooms.index(s.room) if s.room in rooms else None, share.get(s.id, (0, 1))) for s in timed], rooms


def _fit(height_mm: float, g: GlanceGeometry) -> tuple[int, str]:
    """(whole lines a cell of this height holds, how they are set): "" for the
    time over the title, "one-line" for both on one line, "tight" for one line
    set solid without the inner padding (a cell shorter than a padded line)."""
    lines = int((height_mm - 2 * CELL_PAD_MM + 0.01) // g.line_mm)
    if lines >= 2:
        return lines, ""
    if lines == 1:
        return 1, "one-line"
    return (1, "one-line tight") if height_mm + 0.01 >= g.one_line_mm else (0, "one-line")


def _windows(timed, t0: int, t1: int, room_mm: float, scale: float) -> list[tuple[int, int]]:
    """The day's hours in as few parts as fit the page at ``scale`` (mm per
    hour), cut at whole hours that no session crosses when there are such."""
    parts = max(1, math.ceil((t1 - t0) / 60 * scale / max(room_mm, 1)))
    if parts == 1:
        return [(t0, t1)]
    hours = list(range(t0 + 60, t1, 60))
    crossing = {h: sum(1 for s in timed if s.start < h < s.end) for h in hours}
    cuts, last = [], t0
    for i in range(1, parts):
        target = t0 + (t1 - t0) * i / parts
        near = [h for h in hours if h > last and (h - last) / 60 * scale <= room_mm]
        if not near:
            break
        h = min(near, key=lambda h: (crossing[h], abs(h - target)))
        cuts.append(h)
        last = h
    bounds = [t0] + cuts + [t1]
    return list(itertools.pairwise(bounds))


def _grid(event, langs, g, placed, first, count, w0, w1, height):
    """The cells of columns ``first`` … ``first + count`` between minutes ``w0`` and ``w1``."""
    span = w1 - w0
    cells = []
    for s, column, (lane, lanes) in placed:
        if (column is not None and not first <= column < first + count) or s.end <= w0 or s.start >= w1:
            continue
        top, bottom = max(s.start, w0), min(s.end, w1)
        left, width = (0, 100) if column is None else ((column - first) * 100 / count, 100 / count)
        left, width = left + lane * width / lanes, width / lanes
        clamp, setting = _fit((bottom - top) / span * height, g)
        category = event.categories.get(s.category)
        cells.append(
            GlanceCell(
                anchor=session_anchor(s.id),
                top=(top - w0) / span * 100,
                height=(bottom - top) / span * 100,
                left=left,
                width=width,
                time=i18n.time_range(s.start, s.end) if not setting else i18n.hm(s.start),
                tag=runs(category.tag, langs[:1]) if category else [],
                category_id=s.category,
                # One line: no word is held whole, so the ellipsis may fall inside one ("개회…").
                lines=runs(s.short, langs, max_len=0 if setting else 8, spoken=s.language),
                clamp=clamp,
                setting=setting,
            )
        )
    return cells


def _day_pages(event, langs, g: GlanceGeometry, day, on_first_page: bool) -> list[GlancePage]:
    timed = [s for s in sessions_on(event, day) if s.start is not None and not s.spans_days]
    if not timed:
        return []
    placed, rooms = _columns(event, timed)
    if rooms:
        columns, per_page = len(rooms), max(1, int(g.width_mm // MIN_COLUMN_MM))
    else:
        placed, columns = _lanes(timed)
        placed = [(s, lane, (0, 1)) for s, lane in placed]
        per_page = LANES_PER_PAGE
    groups = math.ceil(columns / per_page)
    per_page = math.ceil(columns / groups)
    t0 = min(s.start for s in timed) // 60 * 60
    t1 = math.ceil(max(s.end for s in timed) / 60) * 60
    ongoing = [
        {
            "anchor": session_anchor(s.id),
            "title": runs(s.short, langs),
            "dates": [run(lang, i18n.day_range(s.date, s.last_date, lang), i > 0) for i, lang in enumerate(langs)],
            "category_id": s.category,
        }
        for s in running_on(event, day)
    ]
    strip_mm = (STRIP_LINE_MM * 2 * len(ongoing) + 4) if ongoing else 0
    room_mm = (
        g.height_mm
        - SLACK_MM
        - DAY_HEAD_MM
        - _legend_mm(event, langs, g)
        - strip_mm
        - (HEAD_MM if rooms else 0)
        - (CHAPTER_HEAD_MM if on_first_page else 0)
    )
    shortest = min(s.end - s.start for s in timed if s.end > s.start) if any(s.end > s.start for s in timed) else 60
    # mm per hour for the shortest session to hold its time over its title, when the day then fits a
    # spread (two pages, rooms included); else to hold one line, the time and as much of the title as fits.
    least = (2 * g.line_mm + 2 * CELL_PAD_MM + 0.05) / (shortest / 60)
    if (t1 - t0) / 60 * least > max(1, 2 // groups) * room_mm:
        least = (g.one_line_mm + 0.05) / (shortest / 60)
    windows = _windows(timed, t0, t1, room_mm, least)
    total = len(windows) * groups
    pages = []
    for w0, w1 in windows:
        height = min(room_mm, (w1 - w0) / 60 * max(MM_PER_HOUR, least))
        hours = [
            {"label": i18n.hm(t), "top": (t - w0) / (w1 - w0) * 100}
            for t in range(w0 // 60 * 60, w1 + 1, 60)
            if t >= w0
        ]
        for grp in range(groups):
            first, count = grp * per_page, min(per_page, columns - grp * per_page)
            heads = [
                {"name": runs(event.rooms[room].name, langs), "left": i * 100 / count, "width": 100 / count}
                for i, room in enumerate(rooms[first : first + count])
            ]
            pages.append(
                GlancePage(
                    day_label=[run(lang, i18n.date_day(day, lang), i > 0) for i, lang in enumerate(langs)],
                    part=f"{len(pages) + 1}/{total}" if total > 1 else "",
                    hours=hours,
                    height_mm=height,
                    cells=_grid(event, langs, g, placed, first, count, w0, w1, height),
                    ongoing=ongoing if not pages else [],
                    heads=heads,
                    first=on_first_page and not pages,
                    tab_label=i18n.tab_label(day, langs[0]),
                )
            )
    return pages


def _legend_mm(event: Event, langs, g: GlanceGeometry) -> float:
    """The legend's height: its entries (swatch, labels joined) packed into lines of the page's width."""
    from .balance import width_em

    em = g.cell_pt * PT_MM
    lines, used = 1, 0.0
    for c in event.categories.values():
        text = " / ".join(r.text for r in runs(c.label, langs))
        item = 3.2 + 3 + width_em(text) * em * 0.92  # swatch and gap; text at regular weight
        if used and used + item > g.width_mm + 10:  # the legend spans the grid and its time axis
            lines, used = lines + 1, 0.0
        used += item
    return 2 + LEGEND_LINE_MM * lines


def _block_mm(p: GlancePage) -> float:
    """The height a grid takes on its page, heading and strips included."""
    strip = (STRIP_LINE_MM * 2 * len(p.ongoing) + 4) if p.ongoing else 0
    return DAY_HEAD_MM + strip + (HEAD_MM if p.heads else 0) + p.height_mm


def glance_pages(event: Event, langs, geometry: GlanceGeometry, tabs: dict | None = None) -> list[GlancePage]:
    """The grids of every day in the period; a short day's grid shares the page
    of the one before it when both fit (each page ends with the legend).
    ``tabs``: each day's fore-edge tab step; a shared page keeps its first day's."""
    days = [d for d in session_days(event) if event.period[0] <= d <= event.period[1]]
    pages: list[GlancePage] = []
    used = 0.0  # mm of the current page taken
    for day in days:
        day_pages = _day_pages(event, langs, geometry, day, on_first_page=not pages)
        for i, p in enumerate(day_pages):
            need = _block_mm(p)
            if (
                pages
                and i == 0
                and len(day_pages) == 1
                and not pages[-1].part
                and used + GAP_MM + need <= geometry.height_mm - SLACK_MM - _legend_mm(event, langs, geometry)
            ):
                pages[-1] = replace(pages[-1], legend=False)
                p = replace(p, follows=True, tab=pages[-1].tab)
                used += GAP_MM + need
            else:
                used = need + (CHAPTER_HEAD_MM if p.first else 0)
                p = replace(p, tab=(tabs or {}).get(day, 0))
            pages.append(p)
    return pages
