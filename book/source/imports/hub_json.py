"""The c3voc schedule JSON of the second kind (the CCC hub's, 2024 on): one flat list of events.

``schedule.events[]`` with ``start`` and ``end`` (ISO 8601 with offsets),
``room: {name}``, ``track: {slug}`` (named in ``conference.tracks``),
``participants: [{name, guid, role}]``, ``code``, ``guid``, ``url``,
``links``, ``type``, ``language``. A congress's days run past midnight
(``conference.days[]`` with ``start`` and ``end``): each event belongs to the
day whose span holds its start. Read by book/source/imports/frab_json.py when
a file has ``schedule.events``; problems are placed at the line of the
event's guid.
"""

from __future__ import annotations

from datetime import date, datetime

from .abstracts import from_html, full_description
from .common import Programme, in_language, placed
from .placing import session

ROLES = {"SPEAKER": "speaker", "MODERATOR": "moderator", "HOST": "host"}  # others (CONTRIBUTOR…) speak too


def _text(value) -> str:
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _moment(value) -> datetime | None:
    try:
        return datetime.fromisoformat(_text(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _days(conference: dict) -> list[tuple[datetime, datetime, date]]:
    out = []
    for day in conference.get("days") if isinstance(conference.get("days"), list) else []:
        if not isinstance(day, dict):
            continue
        start, end = _moment(day.get("start")), _moment(day.get("end"))
        try:
            on = date.fromisoformat(_text(day.get("date"))[:10])
        except ValueError:
            continue
        if start and end and start.tzinfo and end.tzinfo:
            out.append((start, end, on))
    return out


def read_events(p: Programme, name: str, schedule: dict, zone: str, lines) -> Programme:
    conference = schedule["conference"]
    tracks = {}
    for t in conference.get("tracks") if isinstance(conference.get("tracks"), list) else []:
        if isinstance(t, dict) and _text(t.get("name")).strip():
            tracks[_text(t.get("slug"))] = _text(t["name"])
            p.category(_text(t["name"]))
            p.listed.add("categories")
    for r in conference.get("rooms") if isinstance(conference.get("rooms"), list) else []:
        if isinstance(r, dict) and p.room(_text(r.get("name"))):
            p.listed.add("rooms")
    days = _days(conference)
    for n, e in enumerate(schedule["events"]):
        if not isinstance(e, dict):
            at = lines('"events"')
            p.fail(f"{name}:{at}", f"event {n + 1} is {type(e).__name__}, not an object", "export the schedule again")
            continue
        _event(p, name, zone, days, tracks, e, lines)
    return p


def _event(p: Programme, name, zone, days, tracks, e: dict, lines) -> None:
    guid = _text(e.get("guid")).strip()
    ident = (_text(e.get("code")) or guid or _text(e.get("id"))).strip()
    needle = '"' + (guid or ident) + '"'
    where = f"{name}:{lines(needle) if ident else 1}"
    if not ident:
        p.fail(where, "an event has no code, guid or id", "give every event a guid")
        return
    ident = ident.lower() if e.get("code") else ident
    start, end = _moment(e.get("start")), _moment(e.get("end"))
    if start is None or end is None:
        which = "start" if start is None else "end"
        p.fail(
            where,
            f"event `{ident}` has the {which} `{_text(e.get(which))[:40]}`, which is not a date and time",
            "write it as 2024-12-27T10:30:00+01:00",
        )
        return
    day = next((on for a, b, on in days if a <= start < b), None)
    start, end = placed(p, where, ident, start, zone), placed(p, where, ident, end, zone)
    if start is None or end is None:
        return
    people: dict[str, list] = {}
    for x in e.get("participants") if isinstance(e.get("participants"), list) else []:
        if not isinstance(x, dict):
            continue
        pid = p.person(_text(x.get("name")), _text(x.get("guid")) or None, guid=_text(x.get("guid")) or None)
        if pid:
            people.setdefault(ROLES.get(_text(x.get("role")).upper(), "speaker"), []).append(pid)
        else:
            p.warn(where, f"a participant of `{ident}` has no name: left out", "give each participant a name")
    track = e.get("track")
    label = tracks.get(_text(track.get("slug")), _text(track.get("name"))) if isinstance(track, dict) else _text(track)
    room = e.get("room")
    links = [x for x in e.get("links") or () if isinstance(x, dict)] if isinstance(e.get("links"), list) else []
    session(
        p,
        where,
        ident=ident,
        title=_text(e.get("title")),
        language=_text(e.get("language")) or None,
        start=start,
        end=end,
        room=p.room(_text(room.get("name")) if isinstance(room, dict) else _text(room)),
        category=p.category(label or _text(e.get("type")).lower() or "session"),
        people=people,
        description=from_html(_text(e.get("abstract")) or _text(e.get("description"))),
        line=int(where.rsplit(":", 1)[1]),
        day=day,
        subtitle=in_language(_text(e.get("subtitle"))),
        full_description=full_description(_text(e.get("abstract")), _text(e.get("description"))),
        kind=_text(e.get("type")).lower() or None,
        links=tuple((_text(x.get("title")), _text(x.get("url"))) for x in links if _text(x.get("url"))),
        source_id=_text(e.get("id")) or None,
        guid=guid or None,
        url=_text(e.get("url")) or None,
    )
