"""The programme as frab/pretalx schedule JSON, valid against the c3voc JSON schema.

Times carry the event's offset; guids are UUID 5s of the event's and the
session's ids, so they stay the same from one export to the next. The format
holds one title per talk: the event's first language. The whole programme,
both languages and the sessions without a time (an exhibition) included,
also goes into ``conference.meta.programme-book``, which this tool's import
reads back: export then import gives the same programme.
"""

from __future__ import annotations

import json
from datetime import timedelta

from .. import __version__
from .common import (
    acronym,
    event_records,
    guid,
    hm,
    in_room_order,
    links,
    one,
    person_code,
    person_numbers,
    pretalx_code,
    room_name,
    schedule_days,
    session_guid,
    session_numbers,
    subtitle,
    timed_sessions,
    untimed_notes,
)

NAME = "frab-json"
SUFFIX = ".json"
GENERATOR = "programme-book"


def write(event) -> bytes:
    lang = event.languages[0]
    sessions = timed_sessions(event)
    other = next((x for x in event.languages if x != lang), None)
    ids, person_ids = session_numbers(event, sessions), person_numbers(event)
    days = []
    for index, day, midnight, todays in schedule_days(event):
        rooms: dict[str, list] = {}
        for s in in_room_order(event, todays):
            start = midnight + timedelta(minutes=s.start)
            rooms.setdefault(room_name(event, s, lang), []).append(
                {
                    "guid": session_guid(event, s),
                    "id": ids[s.id],
                    **({"code": pretalx_code(s)} if pretalx_code(s) else {}),
                    "date": start.isoformat(),
                    "start": f"{start:%H:%M}",
                    "duration": hm(s.end - s.start),
                    "room": room_name(event, s, lang),
                    "slug": f"{acronym(event)}-{ids[s.id]}",
                    "url": s.url or s.online_url or f"urn:uuid:{session_guid(event, s)}",
                    "title": one(s.title, lang),
                    "subtitle": subtitle(s, other),
                    "track": one(event.categories[s.category].label, lang),
                    "type": s.kind or "",
                    "language": s.language or lang,
                    "abstract": one(s.description, lang),
                    **(
                        {"description": full}
                        if (full := one(s.full_description, "en") or one(s.full_description, "ko"))
                        else {}
                    ),
                    "persons": [
                        {"id": person_ids[pid], "public_name": one(event.people[pid].name, lang)}
                        | ({"guid": event.people[pid].guid} if event.people[pid].guid else {})
                        | ({"code": person_code(event.people[pid])} if person_code(event.people[pid]) else {})
                        for who in s.people.values()
                        for pid in who
                    ],
                    "links": [{"url": u, "title": t or u, "type": "web"} for t, u in links(s)],
                }
            )
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": (midnight + timedelta(minutes=min(s.start for s in todays))).isoformat(),
                "day_end": (midnight + timedelta(minutes=max(s.end for s in todays))).isoformat(),
                "rooms": rooms,
            }
        )
    doc = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR, "version": __version__},
        "schedule": {
            "version": event.data_version or "1",
            "conference": {
                "acronym": acronym(event),
                "title": one(event.name, lang),
                "start": event.period[0].isoformat(),
                "end": event.period[1].isoformat(),
                "daysCount": (event.period[1] - event.period[0]).days + 1,
                "timeslot_duration": "00:05",
                "time_zone_name": event.timezone,
                "rooms": [{"name": one(r.name, lang), "guid": guid(event, "room", r.id)} for r in event.rooms.values()],
                "tracks": [{"name": one(c.label, lang)} for c in event.categories.values()],
                "days": days,
                "meta": {GENERATOR: event_records(event)},
            },
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode() + b"\n"


def notes(event) -> list[str]:
    return untimed_notes(
        event, "they are not among this file's events, only in its programme-book records, which this tool reads back"
    )
