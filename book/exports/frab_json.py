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
from .common import acronym, event_records, guid, hm, one, room_name, schedule_days, timed_sessions

NAME = "frab-json"
SUFFIX = ".json"
GENERATOR = "programme-book"


def write(event) -> bytes:
    lang = event.languages[0]
    sessions = timed_sessions(event)
    people = list(event.people)
    days = []
    for index, day, midnight, todays in schedule_days(event):
        rooms: dict[str, list] = {}
        for s in todays:
            start = midnight + timedelta(minutes=s.start)
            rooms.setdefault(room_name(event, s, lang), []).append(
                {
                    "guid": guid(event, "session", s.id),
                    "id": sessions.index(s) + 1,
                    "date": start.isoformat(),
                    "start": hm(s.start),
                    "duration": hm(s.end - s.start),
                    "room": room_name(event, s, lang),
                    "slug": f"{acronym(event)}-{sessions.index(s) + 1}",
                    "url": s.online_url or f"urn:uuid:{guid(event, 'session', s.id)}",
                    "title": one(s.title, lang),
                    "subtitle": "",
                    "track": one(event.categories[s.category].label, lang),
                    "type": "session",
                    "language": s.language or lang,
                    "abstract": one(s.description, lang),
                    "persons": [
                        {
                            "id": people.index(pid) + 1,
                            "guid": guid(event, "person", pid),
                            "public_name": one(event.people[pid].name, lang),
                        }
                        for ids in s.people.values()
                        for pid in ids
                    ],
                    "links": [{"url": s.online_url, "title": "online", "type": "web"}] if s.online_url else [],
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
