"""Which rooms share a glance page, and how a cell's title is set in its width.

Each room is a column (``room_columns``); sessions a room holds at once, and
a day's sessions without rooms, are packed into lanes (``pack_lanes``).

Rooms are grouped the way the event files them: by the ``group`` rooms.yaml
gives a room (a building, a floor, a wing), else by the letters its name
starts with, which is how campus and congress rooms are named ("H.1302",
"UB2.252A", "K.3.201": buildings H, UB and K; "Saal 1", "Saal G"). A page
takes whole groups while they fit, so a reader finds a building's rooms
together, wherever rooms.yaml lists them; a group wider than a page is
split evenly over the pages it needs. Grouping is
kept only while it costs at most one page in four over plain packing.

Korean titles in a cell break only between words: a word wider than the
cell's line sets the cell's letters closer (negative tracking, as Korean
designers tighten 자간, down to ``MIN_TRACK``), so it stays whole at the
book's type sizes; only a word too long even then may break.
"""

from __future__ import annotations

import math
import re

from ..source.model import HANGUL
from .balance import width_em
from .glance_parts import PT_MM
from .korean import BEFORE_OPENING

_LEAD = re.compile(r"\s*([A-Za-z]+)(?=[\d.\s_-]|$)")
MIN_TRACK = -0.05  # em between Korean letters at the tightest: closer, and glyphs touch
CELL_SIDE_MM = 0.6 * 2 + 1.2 + 0.8 * 2  # a cell's outer and inner padding and its category bar
ELLIPSIS_EM = 1.0  # the room kept for the clamp's ellipsis at the end of a line


def pack_lanes(sessions):
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


def room_columns(event, timed) -> tuple[list, list[str]]:
    """(session, column or None for every column, (lane, lanes)), and the day's rooms in
    rooms.yaml order. Sessions a room holds at once (a clash, which the check warns of)
    share its column side by side, each in its lane of the room's ``lanes``."""
    used = {s.room for s in timed if s.room in event.rooms}
    rooms = [r for r in event.rooms if r in used]
    share = {}
    for room in rooms:
        placed, lanes = pack_lanes(sorted((s for s in timed if s.room == room), key=lambda s: (s.start, s.end)))
        share.update({s.id: (lane, lanes) for s, lane in placed})
    return [(s, rooms.index(s.room) if s.room in rooms else None, share.get(s.id, (0, 1))) for s in timed], rooms


def room_group(room) -> str:
    """The group a room is filed under: rooms.yaml's ``group``, else its name's leading letters."""
    if room.group:
        return room.group.get("en")  # Text.get falls back to the Korean
    name = room.name.get("en") or room.id
    m = _LEAD.match(name)
    return m.group(1).upper() if m else ""


def pack(rooms: list[str], groups: dict[str, str], per_page: int) -> list[list[int]]:
    """Column indices of ``rooms`` for each page: whole groups while they fit, at most ``per_page``."""
    plain = math.ceil(len(rooms) / per_page)
    even = math.ceil(len(rooms) / plain)
    plain_pages = [list(range(i, min(i + even, len(rooms)))) for i in range(0, len(rooms), even)]
    if plain == 1:
        return plain_pages
    by_group: dict[str, list[int]] = {}  # in the order groups first appear in rooms.yaml
    for i, room in enumerate(rooms):
        by_group.setdefault(groups[room], []).append(i)
    runs = list(by_group.values())
    pages: list[list[int]] = []
    for run in runs:
        if pages and len(pages[-1]) + len(run) <= per_page:
            pages[-1].extend(run)
            continue
        if len(run) > per_page and pages:  # wider than a page anyway: it fills the page it starts on
            room = per_page - len(pages[-1])
            pages[-1].extend(run[:room])
            run = run[room:]
        even = math.ceil(len(run) / math.ceil(len(run) / per_page))  # 6 rooms, 4 a page: 3 and 3
        pages.extend(run[i : i + even] for i in range(0, len(run), even))
    return pages if len(pages) <= plain + math.ceil(plain / 4) else plain_pages


def cell_tracking(text: str, width_mm: float, cell_pt: float) -> tuple[float, float]:
    """(the tracking in em, 0 or less, that keeps the longest Korean word of ``text`` whole in a cell
    ``width_mm`` wide; the ems a line then holds): words up to that many ems are held whole."""
    em_mm = cell_pt * PT_MM
    line_em = max(1.0, (width_mm - CELL_SIDE_MM) / em_mm - ELLIPSIS_EM)
    words = [w for w in text.split() if HANGUL.search(w)]
    longest = max(words, key=width_em, default="")
    if not longest or width_em(longest) <= line_em:
        return 0.0, line_em
    # each letter gives up the tracking: the word's width is its ems plus len × tracking
    track = max(MIN_TRACK, (line_em - width_em(longest)) / len(longest))
    return round(track, 3), line_em - track * len(longest)


def too_wide(text: str, hold_em: float) -> list[str]:
    """The Korean words of ``text`` wider than ``hold_em``: in a cell they break between syllables.
    A word breaks before an opening bracket first ("도시연합" | "(APCAD)"), as keep_all allows."""
    pieces = [p for w in text.split() for p in BEFORE_OPENING.split(w) if p]
    return [p for p in pieces if HANGUL.search(p) and width_em(p) > hold_em + 0.01]
