"""What an import says it did: the changes an event coordinator reads, and what to edit next.

The report compares the folder before and after (sessions added, removed,
moved, retitled; people added and removed), is printed, and is written
beside the data in ``import-report.txt``. A new folder's report ends with
what to edit before the book is printed.
"""

from __future__ import annotations

from pathlib import Path

from ...wording import count
from .common import Programme


def _hm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def changes(old, p: Programme) -> list[str]:
    """What changed, as an event coordinator reads it."""
    if old is None:
        return [
            f"new event folder: {count(len(p.sessions), 'session')}, {count(len(p.people), 'person')}, "
            f"{count(len(p.rooms), 'room')}"
        ]
    before = {s.id: s for s in old.sessions}
    after = {s.id: s for s in p.sessions}
    lines = []

    def when(s):
        room = f", {s.room}" if s.room else ""
        return f"{s.date:%a %d %b} {_hm(s.start)}–{_hm(s.end)}{room}" if s.start is not None else f"{s.date}{room}"

    for ident in after.keys() - before.keys():
        lines.append(
            f"added     {ident}: {after[ident].title.get('ko') or after[ident].title.get('en')} ({when(after[ident])})"
        )
    for ident in before.keys() - after.keys():
        lines.append(
            f"removed   {ident}: {before[ident].title.get('ko') or before[ident].title.get('en')} "
            f"({when(before[ident])})"
        )
    for ident in before.keys() & after.keys():
        a, b = before[ident], after[ident]
        if (a.date, a.start, a.end, a.room) != (b.date, b.start, b.end, b.room):
            lines.append(f"moved     {ident}: {when(a)} → {when(b)}")
        for lang in ("ko", "en"):
            if b.title.get(lang, fallback=False) and a.title.get(lang, fallback=False) != b.title.get(lang, False):
                lines.append(f"retitled  {ident} ({lang}): {a.title.get(lang, False) or '—'} → {b.title.get(lang)}")
    people_before, people_after = set(old.people), set(p.people)
    lines += [f"person added    {i}: {p.people[i].name.get('ko')}" for i in sorted(people_after - people_before)]
    lines += [f"person removed  {i}: {old.people[i].name.get('ko')}" for i in sorted(people_before - people_after)]
    order = ("added", "removed", "moved", "retitled", "person")
    return sorted(lines, key=lambda line: (order.index(line.split()[0]), line)) or ["no change"]


def next_steps(p: Programme, folder: Path) -> list[str]:
    """What to edit in a new event folder before its book is printed."""
    steps = [f"next: check {folder / 'event.yaml'}: its name, dates and time zone ({p.timezone}) are the source's"]
    if not p.name:
        steps.append(
            f"      the source names no event: write its name in event.yaml (the cover prints `{folder.name}`)"
        )
    if not p.venue:
        steps.append("      add the venue (and city, hosts) to event.yaml")
    steps.append(f"      give the categories colours and short tags in {folder / 'categories.yaml'}")
    steps.append(f"      then `book build {folder}`")
    return steps
