"""What the export formats share: stable ids, one-language texts, times and rooms."""

from __future__ import annotations

import re
import uuid

NAMESPACE = uuid.UUID("6f1c2a8e-4b1d-5d8e-9a0b-7c3e1f2a4b5c")  # this tool's: guids stay the same across exports


def guid(event, kind: str, ident: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{event.id}/{kind}/{ident}"))


def session_guid(event, s) -> str:
    """The guid the schedule tool gave the session, else this tool's stable one."""
    return s.guid or guid(event, "session", s.id)


def numbers(items, given) -> dict[str, int]:
    """A whole-number id per item, as the formats want: the source's own where it is one and
    not taken, else the next number after the largest (so a source's ids are never shifted)."""
    own = {}
    for item in items:
        value = given(item)
        if value and value.isdigit() and int(value) not in own.values():
            own[item.id] = int(value)
    n = max(own.values(), default=0)
    out = {}
    for item in items:
        if item.id in own:
            out[item.id] = own[item.id]
        else:
            n += 1
            out[item.id] = n
    return out


def session_numbers(event, sessions) -> dict[str, int]:
    return numbers(sessions, lambda s: s.source_id or s.id)


def person_numbers(event) -> dict[str, int]:
    return numbers(event.people.values(), lambda p: p.source_id)


def pretalx_code(s) -> str | None:
    """The session's pretalx code (ABC123), when its id is one: the import takes a code as the id
    and keeps the numeric id beside it."""
    if s.source_id and s.source_id.isdigit() and re.fullmatch(r"[0-9a-z]{6}", s.id):
        return s.id.upper()
    return None


def person_code(person) -> str | None:
    """A pretalx speaker code (ABC123), when that is the id the person came with."""
    given = person.source_id or ""
    return given if re.fullmatch(r"[0-9A-Z]+", given) and not given.isdigit() else None


def subtitle(s, other: str | None) -> str:
    """The source's subtitle, or the title in the other language when there is none."""
    if s.subtitle:
        return s.subtitle.get("ko") or s.subtitle.get("en") or ""
    return one(s.title, other) if other and s.title.get(other, False) else ""


def links(s) -> list[tuple[str, str]]:
    """The session's links: the source's, then its online link."""
    out = list(s.links)
    if s.online_url and s.online_url not in {u for _, u in out}:
        out.append(("online", s.online_url))
    return out


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


def in_room_order(event, sessions) -> list:
    """A day's sessions room by room, in rooms.yaml's order (the rest last), each room's in time order."""
    order = {r: i for i, r in enumerate(event.rooms)}
    return sorted(sessions, key=lambda s: (order.get(s.room, len(order)), s.start, s.id))


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
                "tag": texts(c.tag) if "tag" in c.given else {},
                "colour": c.colour if "colour" in c.given else "",
                "cmyk": list(c.cmyk) if c.cmyk and "cmyk" in c.given else None,
            }
            for c in event.categories.values()
        ],
        "rooms": [{"id": r.id, "name": texts(r.name)} for r in event.rooms.values()],
        "people": [
            {
                "id": p.id,
                "name": texts(p.name),
                "affiliation": texts(p.affiliation),
                "source_id": p.source_id,
                "guid": p.guid,
            }
            for p in event.people.values()
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
                "subtitle": texts(s.subtitle),
                "full_description": texts(s.full_description),
                "type": s.kind,
                "links": [list(x) for x in s.links],
                "source_id": s.source_id,
                "guid": s.guid,
                "url": s.url,
            }
            for s in event.sessions
        ],
    }


def untimed_notes(event, where: str) -> list[str]:
    """A note naming the items a schedule format has no place for: those over several days or
    without a time (an exhibition), which attendee apps would show as a day-long talk."""
    left = [s for s in event.sessions if s.start is None or s.spans_days]
    if not left:
        return []
    names = ", ".join(f"`{s.id}`" for s in left[:5]) + (f" and {len(left) - 5} more" if len(left) > 5 else "")
    return [f"note: {names} ({len(left)} in all) run over several days or have no time: {where}"]
