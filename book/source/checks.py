"""Checks across records: what no single field can show.

Two sessions in one room at overlapping times are an error; one person in
two overlapping sessions is a warning (they may really move between rooms).
"""

from __future__ import annotations

from ..errors import Findings
from .model import ALL_ROOMS


def check_clashes(f: Findings, sessions) -> None:
    """Room clashes (errors) and people booked in two places at once (warnings)."""
    timed = [s for s in sessions if s.start is not None and s.end is not None and not s.spans_days]
    for i, a in enumerate(timed):
        for b in timed[i + 1 :]:
            if a.date != b.date or not (a.start < b.end and b.start < a.end):
                continue
            if a.room and a.room == b.room and a.room != ALL_ROOMS:
                f.error(
                    b.source[0],
                    (b.source[1], 3),
                    f"sessions `{a.id}` and `{b.id}` are in room `{a.room}` at overlapping times",
                    "move one of them to another room or time",
                )
            elif a.room and b.room and ALL_ROOMS in (a.room, b.room) and a.room != b.room:
                f.warning(
                    b.source[0],
                    (b.source[1], 3),
                    f"`{a.id}` and `{b.id}` overlap, and one of them is for every room (`room: all`)",
                    "check the times; ignore if the room stays open during it",
                )
            for role_a in a.people.values():
                for pid in role_a:
                    if any(pid in ids for ids in b.people.values()):
                        f.warning(
                            b.source[0],
                            (b.source[1], 3),
                            f"`{pid}` is booked in `{a.id}` and `{b.id}` at overlapping times",
                            "check the programme; ignore if they really move between them",
                        )
