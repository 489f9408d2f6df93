"""What the export formats share: stable ids, one-language texts, times and rooms."""

from __future__ import annotations

import re
import uuid

NAMESPACE = uuid.UUID("6f1c2a8e-4b1d-5d8e-9a0b-7c3e1f2a4b5c")  # this tool's: guids stay the same across exports


def guid(event, kind: str, ident: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{event.id}/{kind}/{ident}"))


def acronym(event) -> str:
    """The event id as the c3voc schema's acronym: lower-case letters, digits and '_', four or more."""
    a = re.sub(r"[^a-z0-9_]+", "_", event.id.lower()).strip("_")
    return (a + "____")[: max(4, len(a))]


def one(text, lang: str) -> str:
    return (text.get(lang) if text else "") or ""


def hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def timed_sessions(event) -> list:
    """The sessions with a time on one day, in time order: what a schedule format holds."""
    return sorted(
        (s for s in event.sessions if s.start is not None and not s.spans_days),
        key=lambda s: (s.date, s.start, s.room or "", s.id),
    )


def schedule_days(event):
    """(index, date, its midnight in the event's zone, its timed sessions) of each day with one, in order."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(event.timezone)
    sessions = timed_sessions(event)
    for index, day in enumerate(sorted({s.date for s in sessions}), start=1):
        yield index, day, datetime.combine(day, datetime.min.time(), zone), [s for s in sessions if s.date == day]


def room_name(event, s, lang: str) -> str:
    """The session's room, or the venue when it names none (the formats need a room)."""
    if s.room and s.room in event.rooms:
        return one(event.rooms[s.room].name, lang)
    return one(event.venue, lang) or "—"


def texts(t) -> dict:
    return {k: v for k, v in (("ko", t.ko), ("en", t.en)) if v}


def event_records(event) -> dict:
    """The programme's records in full (what the import owns), for a lossless round trip."""
    return {
        "categories": [
            {
                "id": c.id,
                "label": texts(c.label),
                "tag": texts(c.tag),
                "colour": c.colour,
                "cmyk": list(c.cmyk) if c.cmyk else None,
            }
            for c in event.categories.values()
        ],
        "rooms": [{"id": r.id, "name": texts(r.name)} for r in event.rooms.values()],
        "people": [
            {"id": p.id, "name": texts(p.name), "affiliation": texts(p.affiliation)} for p in event.people.values()
        ],
        "sessions": [
            {
                "id": s.id,
                "category": s.category,
                "title": texts(s.title),
                "short": texts(s.short),
                "description": texts(s.description),
                "date": s.date.isoformat(),
                "end_date": s.end_date.isoformat() if s.end_date else None,
                "start": s.start,
                "end": s.end,
                "room": s.room,
                "people": {r: list(i) for r, i in s.people.items()},
                "online_url": s.online_url,
                "language": s.language,
                "organisers": [texts(o) for o in s.organisers],
                "interpretation": list(s.interpretation),
            }
            for s in event.sessions
        ],
    }
