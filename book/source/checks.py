"""Checks across records: what no single field can show.

Two sessions in one room at overlapping times are a warning (a real
programme has them: a room shared by two small meetups, a talk moved in a
hurry; the glance sets them side by side); one person in two overlapping
sessions is a warning too (they may really move between rooms);
a session at the time of one for every room (``room: all``) is a warning.

Each is a sweep over sessions sorted by start, so a congress of thousands
is checked in a moment, and each session is named once, with the first
session it overlaps: a programme that puts 10,000 talks in one room at
nine o'clock gets 9,999 findings, not fifty million.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from ..errors import Findings
from .model import ALL_ROOMS


def _overlapping(sessions):
    """(earlier, later) for each session that starts before an earlier one of the group ends;
    the earlier is the one that ends last, so the pair truly overlaps."""
    last = None
    for s in sorted(sessions, key=lambda s: (s.date, s.start, s.end)):
        if last is not None and last.date == s.date and s.start < last.end:
            yield last, s
        if last is None or last.date != s.date or s.end > last.end:
            last = s


def check_clashes(f: Findings, sessions) -> None:
    """Room clashes and people booked in two places at once (warnings)."""
    timed = [s for s in sessions if s.start is not None and s.end is not None and not s.spans_days]
    rooms, people, every_room = defaultdict(list), defaultdict(list), defaultdict(list)
    for s in timed:
        if s.room == ALL_ROOMS:
            every_room[s.date].append(s)
        elif s.room:
            rooms[s.room].append(s)
        for pid in {pid for ids in s.people.values() for pid in ids}:
            people[pid].append(s)
    for room, group in rooms.items():
        for a, b in _overlapping(group):
            f.warning(
                b.source[0],
                (b.source[1], 3),
                f"sessions `{a.id}` and `{b.id}` are in room `{room}` at overlapping times "
                "(the glance sets them side by side)",
                "move one of them to another room or time, unless the room really holds both",
            )
    _against_every_room(f, rooms, every_room)
    for pid, group in people.items():
        for a, b in _overlapping(group):
            f.warning(
                b.source[0],
                (b.source[1], 3),
                f"`{pid}` is booked in `{a.id}` and `{b.id}` at overlapping times",
                "check the programme; ignore if they really move between them",
            )


def _against_every_room(f: Findings, rooms, every_room) -> None:
    """A warning for each session in a room that overlaps a session for every room."""
    by_day = {}
    for day, group in every_room.items():
        group = sorted(group, key=lambda s: s.start)
        widest, reach = [], None  # reach[i]: the session ending last among the first i + 1
        for s in group:
            reach = s if reach is None or s.end > reach.end else reach
            widest.append(reach)
        by_day[day] = ([s.start for s in group], widest)
    for group in rooms.values():
        for s in group:
            if s.date not in by_day:
                continue
            starts, widest = by_day[s.date]
            n = bisect_left(starts, s.end)  # the sessions for every room that start before s ends
            if n and widest[n - 1].end > s.start:
                a, b = sorted((widest[n - 1], s), key=lambda x: (x.start, x.end))
                f.warning(
                    b.source[0],
                    (b.source[1], 3),
                    f"`{a.id}` and `{b.id}` overlap, and one of them is for every room (`room: all`)",
                    "check the times; ignore if the room stays open during it",
                )
