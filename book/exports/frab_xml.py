"""The programme as frab ``schedule.xml``, valid against the c3voc XSD.

Days hold rooms, rooms hold events in time order; each event has its
stable guid, a numeric id, its date with the event's offset, start,
duration, the first language's title (the other in ``subtitle``), track,
type, language, abstract and persons.
"""

from __future__ import annotations

from datetime import timedelta
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from .common import (
    acronym,
    hm,
    in_room_order,
    links,
    one,
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

NAME = "frab-xml"
SUFFIX = ".xml"


def _description(s) -> list[str]:
    full = s.full_description.get("en") or s.full_description.get("ko")
    return [f"        <description>{escape(full)}</description>"] if full else []


def _code(s) -> str:
    return f' code="{pretalx_code(s)}"' if pretalx_code(s) else ""


def _guid(person) -> str:
    """A person's guid attribute: only the one the schedule tool gave (the format needs none)."""
    return f" guid={quoteattr(person.guid)}" if person.guid else ""


def write(event) -> bytes:
    lang = event.languages[0]
    other = next((x for x in event.languages if x != lang), None)
    sessions = timed_sessions(event)
    ids, person_ids = session_numbers(event, sessions), person_numbers(event)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<schedule>",
        f'  <generator name="programme-book" version={quoteattr(__version__)}/>',
        f"  <version>{escape(event.data_version or '1')}</version>",
        "  <conference>",
        f"    <title>{escape(one(event.name, lang))}</title>",
        f"    <acronym>{acronym(event)}</acronym>",
        f"    <start>{event.period[0].isoformat()}</start>",
        f"    <end>{event.period[1].isoformat()}</end>",
        f"    <days>{(event.period[1] - event.period[0]).days + 1}</days>",
        "    <timeslot_duration>00:05</timeslot_duration>",
        f"    <time_zone_name>{escape(event.timezone)}</time_zone_name>",
        *(f"    <track name={quoteattr(one(c.label, lang))}/>" for c in event.categories.values()),
        "  </conference>",
    ]
    for index, day, midnight, todays in schedule_days(event):
        first, last = min(s.start for s in todays), max(s.end for s in todays)
        out.append(
            f'  <day index="{index}" date="{day.isoformat()}" '
            f'start="{(midnight + timedelta(minutes=first)).isoformat()}" '
            f'end="{(midnight + timedelta(minutes=last)).isoformat()}">'
        )
        for room in dict.fromkeys(room_name(event, s, lang) for s in in_room_order(event, todays)):
            out.append(f"    <room name={quoteattr(room)}>")
            for s in (s for s in todays if room_name(event, s, lang) == room):
                start = midnight + timedelta(minutes=s.start)
                out += [
                    f'      <event id="{ids[s.id]}"{_code(s)} guid={quoteattr(session_guid(event, s))}>',
                    f"        <date>{start.isoformat()}</date>",
                    f"        <start>{start:%H:%M}</start>",
                    f"        <duration>{hm(s.end - s.start)}</duration>",
                    f"        <room>{escape(room)}</room>",
                ]
                out += [f"        <url>{escape(s.url)}</url>"] if s.url else []
                out += [
                    f"        <title>{escape(one(s.title, lang))}</title>",
                    f"        <subtitle>{escape(subtitle(s, other))}</subtitle>",
                    f"        <track>{escape(one(event.categories[s.category].label, lang))}</track>",
                    f"        <type>{escape(s.kind or '')}</type>",
                    f"        <language>{s.language or lang}</language>",
                    f"        <abstract>{escape(one(s.description, lang))}</abstract>",
                    *_description(s),
                    "        <persons>",
                ]
                out += [
                    f'          <person id="{person_ids[pid]}"{_guid(event.people[pid])}>'
                    f"{escape(one(event.people[pid].name, lang))}</person>"
                    for who in s.people.values()
                    for pid in who
                ]
                out.append("        </persons>")
                if links(s):
                    out.append("        <links>")
                    out += [f"          <link href={quoteattr(u)}>{escape(t)}</link>" for t, u in links(s)]
                    out.append("        </links>")
                out.append("      </event>")
            out.append("    </room>")
        out.append("  </day>")
    out.append("</schedule>")
    return ("\n".join(out) + "\n").encode()


def notes(event) -> list[str]:
    return untimed_notes(
        event, "a frab schedule has no place for them, so they are not in this file (.ics and .xlsx keep them)"
    )
