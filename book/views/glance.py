"""The programme at a glance: one grid per day, time running down.

With rooms, each room is a column in rooms.yaml order under its name; a
session for everyone (``room: all``) runs across every column. Rooms that
do not fit one page go on more, grouped as the event files them
(book/views/glance_rooms.py), each page guided by its first and last room;
a page is made only for rooms with a session. Without rooms, parallel
sessions are packed into lanes. The axis (book/views/glance_axis.py) runs
from the day's first session to its last, cuts empty hours, and stretches
only where sessions are too short for a line.

Every cell shows its time, its category's tag and its short title, then as
much as fits, in whole lines (CSS ``line-clamp``). The scale is the roomiest
of ``SCALES`` that sets each page's part of the day on one page; a day still
too long is split by time where no session crosses. Short days share a
page. The legend is printed once, on the chapter's first page.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from ..source.model import Event
from ..wording import count
from . import i18n
from .balance import width_em
from .common import date_run, running_on, runs, session_anchor, session_days, sessions_on, sort_key
from .glance_axis import BREAK_MM, plan
from .glance_parts import (
    CELL_PAD_MM,
    CHAPTER_HEAD_MM,
    DAY_HEAD_MM,
    GAP_MM,
    HEAD_MM,
    LANES_PER_PAGE,
    LEGEND_LINE_MM,
    MIN_COLUMN_MM,
    PT_MM,
    SLACK_MM,
    STRIP_LINE_MM,
    GlanceCell,
    GlanceGeometry,
    GlancePage,
)
from .glance_rooms import cell_tracking, pack, pack_lanes, room_columns, room_group, too_wide


def before_period(event: Event, langs) -> list[dict]:
    """Sessions before the event's period, listed at the start of the glance chapter."""
    return [
        {
            "anchor": session_anchor(s.id),
            "title": runs(s.short, langs),
            "time": i18n.time_range(s.start, s.end),
            "date": [date_run(lang, i18n.date_short(s.date, lang), i > 0) for i, lang in enumerate(langs)],
            "category_id": s.category,
        }
        for s in sorted(event.sessions, key=lambda s: sort_key(s, event))
        if s.date < event.period[0]
    ]


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


def _grid(event, langs, g, placed, columns, axis):
    """The cells of the page's ``columns`` (indices into the day's) on ``axis``."""
    height = axis.height_mm
    cells = []
    for s, column, (lane, lanes) in placed:
        if (column is not None and column not in columns) or s.end <= axis.start or s.start >= axis.end:
            continue
        top, bottom = axis.mm(s.start), axis.mm(s.end)
        count = len(columns)
        left, width = (0, 100) if column is None else (columns.index(column) * 100 / count, 100 / count)
        left, width = left + lane * width / lanes, width / lanes
        lines_text = " ".join(r.text for r in runs(s.short, langs))
        track, hold_em = cell_tracking(lines_text, g.width_mm * width / 100, g.cell_pt)
        clamp, setting = _fit(bottom - top, g)
        # A cell across every room in a bilingual edition runs its two languages on in one line
        # ("paired"): it is wide, and short, so a line each would drop the second.
        full = column is None and len(langs) > 1
        setting = setting or ("paired" if full else "")
        category = event.categories.get(s.category)
        tag = runs(category.tag, langs[:1]) if category else []
        time = i18n.time_range(s.start, s.end) if not setting or full else i18n.hm(s.start)
        # The tag is never cut: on the time's line where both fit, else on a line of its own in a cell of
        # four lines or more, else left to the colour bar and the legend.
        tag_at = ""
        if tag and setting in ("", "paired"):
            tag_at = "head" if width_em(f"{time} {tag[0].text}") + 0.8 <= hold_em else "line" if clamp >= 4 else ""
        cells.append(
            GlanceCell(
                anchor=session_anchor(s.id),
                top=top / height * 100,
                height=(bottom - top) / height * 100,
                left=left,
                width=width,
                time=time,
                tag=tag,
                tag_at=tag_at,
                category_id=s.category,
                # One line: no word is held whole, so the ellipsis may fall inside one ("개회…").
                lines=runs(s.short, langs, max_len=0 if setting and not full else int(hold_em), spoken=s.language),
                clamp=clamp,
                setting=setting,
                track=track,
                breaks=tuple(too_wide(lines_text, hold_em)) if clamp > 1 and setting in ("", "paired") else (),
            )
        )
    return cells


def _day_pages(event, langs, g: GlanceGeometry, day, on_first_page: bool) -> list[GlancePage]:
    timed = [s for s in sessions_on(event, day) if s.start is not None and not s.spans_days]
    if not timed:
        return []
    placed, rooms = room_columns(event, timed)
    if rooms:
        per_page, lanes = max(1, int(g.width_mm // MIN_COLUMN_MM)), 0
        page_columns = pack(rooms, {r: room_group(event.rooms[r]) for r in rooms}, per_page)
    else:
        placed, lanes = pack_lanes(timed)
        per_page = LANES_PER_PAGE
        placed = [(s, lane, (0, 1)) for s, lane in placed]
        # Lanes fill from the left (the first is the busiest): dealt out in turn, each page gets its share.
        parts = math.ceil(lanes / LANES_PER_PAGE)
        page_columns = [list(range(i, lanes, parts)) for i in range(parts)]
    # A page for each group of columns that holds a session of its own; sessions across every room on each.
    pages_of = []
    for cols in page_columns:
        here = [s for s, col, _share in placed if col in cols]
        if here or len(page_columns) == 1:
            pages_of.append((cols, [s for s, col, _share in placed if col in cols or col is None]))
    ongoing = [
        {
            "anchor": session_anchor(s.id),
            "title": runs(s.short, langs),
            "dates": [date_run(lang, i18n.day_range(s.date, s.last_date, lang), i > 0) for i, lang in enumerate(langs)],
            "category_id": s.category,
        }
        for s in running_on(event, day)
    ]
    strip_mm = (STRIP_LINE_MM * 2 * len(ongoing) + 4) if ongoing else 0
    room_mm = g.height_mm - SLACK_MM - DAY_HEAD_MM - strip_mm - (HEAD_MM if rooms else 0)
    first_mm = room_mm - ((CHAPTER_HEAD_MM + _legend_mm(event, langs, g)) if on_first_page else 0)
    planned, how, spread = plan(pages_of, room_mm, first_mm, g)
    total = sum(len(w) for _c, _h, w in planned)
    cut = len({c for _c, _h, w in planned for a in w for c in a.cuts})
    what = count(len(rooms), "room") if rooms else f"{count(lanes, 'session')} at once"
    fit = f"{per_page} fit a page"
    windows_n = total - len(planned)
    layout = (
        (
            f"one page: {what}"
            if total == 1
            else f"a facing spread: {what}, {fit}"
            if spread
            else f"{total} pages: {what}"
        )
        + (f" in {len(planned)} groups, {fit}" if len(planned) > 2 else "")
        + (f", {windows_n} more for hours that do not fit one page" if windows_n > 0 else "")
        + f"; {how}"
        + (f"; {cut} empty stretch{'es' if cut > 1 else ''} of an hour or more cut" if cut else "")
    )
    pages = []
    for cols, _here, parts in planned:
        names = [event.rooms[rooms[c]].name for c in cols] if rooms else []
        guide = f"{_short(names[0])} – {_short(names[-1])}" if rooms and len(planned) > 1 and len(cols) > 1 else ""
        for axis in parts:
            height = axis.height_mm
            cells = _grid(event, langs, g, placed, cols, axis)
            if not cells:
                continue
            pages.append(
                GlancePage(
                    day_label=[date_run(lang, i18n.date_day(day, lang), i > 0) for i, lang in enumerate(langs)],
                    part="",
                    hours=[{"label": h["label"], "top": h["mm"] / height * 100} for h in axis.labels()],
                    height_mm=height,
                    cells=cells,
                    ongoing=ongoing if not pages or spread else [],
                    heads=[
                        {"name": runs(name, langs), "left": i * 100 / len(cols), "width": 100 / len(cols)}
                        for i, name in enumerate(names)
                    ],
                    first=on_first_page and not pages,
                    tab_label=i18n.tab_label(day, langs[0]),
                    breaks=tuple({"top": y / height * 100, "height": BREAK_MM / height * 100} for y in axis.breaks()),
                    guide=guide,
                    layout=layout,
                    date=day.isoformat(),
                    legend=on_first_page and not pages,
                    recto_half=spread and bool(pages),
                )
            )
    if len(pages) > 1:
        pages = [replace(p, part=f"{i}/{len(pages)}") for i, p in enumerate(pages, 1)]
    return pages


def _short(name) -> str:
    """A room's name without its nickname: "H.1302 (Depage)" is "H.1302"."""
    return name.get("en").split(" (")[0]  # Text.get falls back to the Korean


def _legend_mm(event: Event, langs, g: GlanceGeometry) -> float:
    """The legend's height: its entries (swatch, labels joined) packed into lines of the page's width."""
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
    of the one before it when both fit. The legend is printed once, at the foot
    of the chapter's first page (every cell carries its category's tag).
    ``tabs``: each day's fore-edge tab step; a shared page keeps its first day's."""
    days = [d for d in session_days(event) if event.period[0] <= d <= event.period[1]]
    pages: list[GlancePage] = []
    used = 0.0  # mm of the current page taken
    legend_mm = _legend_mm(event, langs, geometry)
    for day in days:
        day_pages = _day_pages(event, langs, geometry, day, on_first_page=not pages)
        if len(day_pages) == 2 and day_pages[1].recto_half:
            if not pages:  # the first day faces: the chapter opens on a verso, its recto level with it
                day_pages[0] = replace(day_pages[0], opens_left=True)
                day_pages[1] = replace(day_pages[1], lead=True)
            else:
                day_pages = _facing(pages, day_pages, tabs or {})
        for i, p in enumerate(day_pages):
            need = _block_mm(p)
            legend = legend_mm if pages and pages[-1].legend else 0
            if (
                pages
                and i == 0
                and len(day_pages) == 1
                and not pages[-1].part
                and used + GAP_MM + need <= geometry.height_mm - SLACK_MM - legend
            ):
                p = replace(p, follows=True, tab=pages[-1].tab, legend=pages[-1].legend)
                pages[-1] = replace(pages[-1], legend=False)
                used += GAP_MM + need
            else:
                used = need + (CHAPTER_HEAD_MM if p.first else 0)
                p = replace(p, tab=(tabs or {}).get(day, 0))
            pages.append(p)
    return pages


def _facing(pages: list[GlancePage], spread: list[GlancePage], tabs: dict) -> list[GlancePage]:
    """A spread's pages, so that it opens on a verso. The chapter opens on a recto (on a verso when its
    first day is a spread), so the view knows each page's side. When the spread would open on a recto,
    a grid that shares the page before takes a page of its own; failing that, the spread turns over,
    and its layout says so."""
    count = sum(1 for p in pages if not p.follows) + (1 if pages[0].opens_left else 0)
    if count % 2 == 1:
        return spread
    shared = next((i for i in range(len(pages) - 1, -1, -1) if pages[i].follows), None)
    if shared is not None and all(not p.recto_half for p in pages[shared:]):
        pages[shared - 1] = replace(pages[shared - 1], legend=pages[shared - 1].legend or pages[shared].legend)
        own_tab = tabs.get(date.fromisoformat(pages[shared].date), 0)  # on its own page, its own day's tab
        pages[shared] = replace(pages[shared], follows=False, legend=False, tab=own_tab)
        return spread
    note = "; across a page turn (no grid before it could move to make it face)"
    return [replace(p, layout=p.layout + note, recto_half=False) for p in spread]
