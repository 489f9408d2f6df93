"""frab / pretalx schedule JSON (the c3voc ``schedule.json``).

``schedule.conference.days[].rooms{name: [event…]}``, or the CCC hub's flat
``schedule.events[]`` (book/source/imports/hub_json.py); each event has a
``date`` (ISO 8601 with its offset; frab's older exports give only
``start`` on the day) and a ``duration``. Persons are ``name`` or
``public_name`` with a pretalx ``code``, a ``guid`` or an ``id``. JSON has
no positions once parsed, so a problem is placed at the line where the
event's id first appears in the file.

A file this tool exported (``generator.name`` programme-book) carries the
whole programme in ``conference.meta.programme-book``, both languages and
the sessions without a time included: that is read instead, so a round trip
loses nothing.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from . import hub_json
from .abstracts import from_html, full_description
from .common import Programme, duration, in_language, minutes, placed
from .placing import DEFAULT_MINUTES, session
from .records import from_records
from .timezone import choose as choose_zone
from .timezone import offsets_in, suspect_fake_utc

SUFFIXES = (".json",)
GENERATOR = "programme-book"
ZONE_KEY = '"time_zone_name"'


class Lines:
    """The line of a needle in the source, found from where the last one was: events come in
    file order, so a whole file is searched once (not once per event), whatever its size."""

    def __init__(self, text: str):
        self.text, self.at, self.line = text, 0, 1

    def __call__(self, needle: str, default: int = 1) -> int:
        if not needle:
            return default
        found = self.text.find(needle, self.at)
        if found < 0:  # before the cursor: out of order, a search from the start
            found = self.text.find(needle)
            return self.text.count("\n", 0, found) + 1 if found >= 0 else default
        self.line += self.text.count("\n", self.at, found)
        self.at = found
        return self.line


def line_of(text: str, needle: str, default: int = 1) -> int:
    at = text.find(needle) if needle else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else default


def read(path: Path, text: str, timezone: str | None, local: bool = False) -> Programme:
    name = path.name
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        p = Programme()
        p.fail(
            f"{name}:{exc.lineno}",
            f"not JSON: {exc.msg} (column {exc.colno})",
            "export the schedule again, or check the file was not cut short",
        )
        return p
    except RecursionError:  # the C decoder's own bound: arrays in arrays a thousand deep
        p = Programme()
        p.fail(f"{name}:1", "the JSON is nested too deeply to be a schedule", "export the schedule again")
        return p
    schedule = doc.get("schedule") if isinstance(doc, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conference, dict) or not isinstance(conference.get("days"), list):
        p = Programme()
        p.fail(
            f"{name}:1",
            "not a frab/pretalx schedule: no schedule.conference.days",
            "export the schedule as JSON from pretalx (Schedule → Export → JSON) or frab",
        )
        return p
    p = Programme(name=in_language(_text(conference.get("title"))), local=local)
    at = f"{name}:{line_of(text, ZONE_KEY)}"
    moments = re.findall(r'"(?:date|start)"\s*:\s*"([^"]{0,40})"', text)
    offsets = offsets_in(moments)
    zone = choose_zone(p, at, conference.get("time_zone_name"), timezone, offsets)
    p.timezone = zone
    meta, generator = _dict(conference.get("meta")), _dict(doc.get("generator"))
    own = meta.get(GENERATOR) if generator.get("name") == GENERATOR else None
    if isinstance(own, dict):
        return from_records(p, own, name)
    if isinstance(schedule.get("events"), list):  # the hub's schedule: one list of events, not days of rooms
        p = hub_json.read_events(p, name, schedule, zone, Lines(text))
        suspect_fake_utc(p, at, offsets, p.clocks)
        return p
    rooms_listed = conference.get("rooms") if isinstance(conference.get("rooms"), list) else []
    listed = {r.get("name") for r in rooms_listed if isinstance(r, dict)}
    for r in rooms_listed:  # the conference's own order of rooms and tracks
        if isinstance(r, dict) and isinstance(r.get("name"), str) and p.room(r["name"]):
            p.listed.add("rooms")
    for t in conference.get("tracks") if isinstance(conference.get("tracks"), list) else []:
        if isinstance(t, dict) and _text(t.get("name")).strip():
            p.category(_text(t["name"]))
            p.listed.add("categories")
    lines = Lines(text)
    for day in conference["days"]:
        rooms = day.get("rooms") if isinstance(day, dict) else None
        if not isinstance(rooms, dict):
            p.fail(
                f"{name}:{line_of(text, str(day.get('date', '')) if isinstance(day, dict) else '')}",
                "a day without its rooms",
                "each day needs `rooms: {room name: [events]}`",
            )
            continue
        for room_name, events in rooms.items():
            if listed and room_name not in listed and events:
                key = '"' + room_name + '":'
                p.fail(
                    f"{name}:{line_of(text, key)}",
                    f"the room `{room_name}` is not in the conference's room list",
                    "add it to schedule.conference.rooms, or fix the room's name",
                )
                continue
            for event in events if isinstance(events, list) else []:
                if not isinstance(event, dict):
                    p.fail(
                        f"{name}:{lines(str(room_name))}",
                        f"an event in {room_name} is {type(event).__name__}, not an object",
                        "each event is {guid, title, start, duration, …}: export the schedule again",
                    )
                    continue
                _event(p, name, lines, zone, day, room_name, event)
    suspect_fake_utc(p, at, offsets, p.clocks)
    return p


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value) -> str:
    """A text field as a string: a number as its digits, anything else (a list, an object) empty."""
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _event(p: Programme, name, lines, zone, day, room_name, e) -> None:
    ident = next((_text(e.get(k)).strip() for k in ("code", "id", "guid") if _text(e.get(k)).strip()), "")
    line = lines(f'"{_text(e.get("guid")) or ident}"') if ident else 1
    where = f"{name}:{line}"
    if not ident:
        p.fail(where, f"an event in {room_name} has no code, id or guid", "give every event an id")
        return
    ident = ident.lower() if e.get("code") else ident
    start = _start(p, where, e, day, zone, ident)
    length = duration(str(e.get("duration") or ""))
    if start is None:
        return
    if length is None and not _text(e.get("duration")).strip():
        p.warn(where, f"event `{ident}` gives no duration: given {DEFAULT_MINUTES} minutes", 'write it as "01:30"')
        length = DEFAULT_MINUTES
    if length is None:
        p.fail(
            where, f"event `{ident}` has the duration `{e.get('duration')}`, which is not hh:mm", 'write it as "01:30"'
        )
        return
    people = {"speaker": []}
    persons = e.get("persons") or []
    if not isinstance(persons, list):
        p.fail(
            where, f"the persons of `{ident}` are {type(persons).__name__}, not a list", "give persons as [{name: …}]"
        )
        persons = []
    for person in persons:
        if isinstance(person, str):  # some exports list names only
            pid = p.person(person)
        elif isinstance(person, dict):
            pid = p.person(
                _text(person.get("public_name") or person.get("name")),
                _text(person.get("code") or person.get("id") or person.get("guid")) or None,
                guid=_text(person.get("guid")) or None,
            )
        else:
            p.fail(
                where,
                f"a person of `{ident}` is {type(person).__name__}, not a name or an object",
                "each person is a name, or {name: …, code: …}",
            )
            continue
        if pid:
            people["speaker"].append(pid)
        else:
            p.warn(where, f"a person of `{ident}` has no name: left out", "give each person a name or public_name")
    session(
        p,
        where,
        ident=ident,
        title=_text(e.get("title")),
        language=_text(e.get("language")) or None,
        start=start,
        end=start + timedelta(minutes=length),
        room=p.room(room_name or e.get("room") or ""),
        category=p.category(_text(e.get("track")) or _text(e.get("type")) or "session"),
        people=people,
        description=from_html(_text(e.get("abstract")) or _text(e.get("description"))),
        line=line,
        day=_day(day),
        subtitle=in_language(_text(e.get("subtitle"))),
        full_description=full_description(_text(e.get("abstract")), _text(e.get("description"))),
        kind=_text(e.get("type")) or None,
        links=_links(e.get("links")),
        source_id=_text(e.get("id")) if _text(e.get("id")) not in ("", ident) else None,
        guid=_text(e.get("guid")) or None,
        url=_text(e.get("url")) or None,
    )  # `url` is the talk's web page, not an online link


def _day(day: dict) -> date | None:
    try:
        return date.fromisoformat(str(day.get("date"))[:10])
    except ValueError:
        return None


def _links(value) -> tuple[tuple[str, str], ...]:
    """frab's ``links``: [{url, title}], web addresses only."""
    found = [(_text(x.get("title")), _text(x.get("url"))) for x in value or () if isinstance(x, dict)]
    return tuple((t, u) for t, u in found if u)  # each checked as a web address by session()


def _start(p, where, e, day, zone, ident) -> datetime | None:
    if e.get("date"):
        try:
            moment = datetime.fromisoformat(str(e["date"]).replace("Z", "+00:00"))
        except ValueError:
            p.fail(
                where,
                f"event `{ident}` has the date `{e['date']}`, which is not a date and time",
                "write it as 2018-08-18T09:40:00+09:00",
            )
            return None
        start = placed(p, where, ident, moment, zone)
        clock = minutes(str(e.get("start") or ""))
        if start is not None:
            p.clocks.append((-1 if clock is None else clock, start.hour * 60 + start.minute))
        return start
    at = minutes(str(e.get("start") or ""))
    try:
        base = datetime.fromisoformat(str(day.get("date")))
    except ValueError:
        p.fail(where, f"the day `{day.get('date')}` is not a date", "write it as 2018-08-18")
        return None
    if at is None:
        p.fail(where, f"event `{ident}` has the start `{e.get('start')}`, which is not a time", 'write it as "09:40"')
        return None
    return placed(p, where, ident, base, zone, at)
