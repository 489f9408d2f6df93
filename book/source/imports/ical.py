"""iCalendar (``.ics``), through the icalendar library.

One VEVENT per session: ``UID`` is its id, ``SUMMARY`` its title (its
language told by its script, or by ``LANGUAGE`` on the property),
``DTSTART``/``DTEND`` (or ``DURATION``) its time, converted to the event's
zone (no end: it lasts no time, and gets a default length, named; a date
without a time: a whole-day item of those days), ``LOCATION`` its room, ``CATEGORIES`` its category, ``DESCRIPTION``
and ``URL`` (its online link). A calendar names no roles: attendees are
read as speakers. Lines are the unfolded file's, so a problem is placed at
the ``BEGIN:VEVENT`` of its event.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from .abstracts import from_html
from .common import MAX_MINUTES, Programme, in_language, placed, slug
from .placing import session
from .timezone import choose as choose_zone
from .timezone import suspect_fake_utc

SUFFIXES = (".ics",)


def read(path: Path, text: str, timezone: str | None, local: bool = False) -> Programme:
    import icalendar

    name = path.name
    p = Programme(local=local)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        p.fail(f"{name}:1", f"not an iCalendar file: {exc}", "export the calendar again as .ics")
        return p
    tzids = re.findall(r"^DTSTART;(?:[^:\r\n]*;)?TZID=([^:;\r\n]+)", text, re.M)
    named = str(calendar.get("X-WR-TIMEZONE") or "") or (tzids[0].strip('"') if tzids else "")
    utc = [timedelta(0) for v in re.findall(r"^DTSTART[^:\r\n]*:(\S+)", text, re.M) if v.endswith("Z")]
    zone = choose_zone(p, f"{path.name}:1", named, timezone, utc)  # a time in Z is the only offset ICS writes
    p.timezone = zone
    p.name = in_language(str(calendar.get("X-WR-CALNAME") or ""))
    starts = [i for i, line in enumerate(text.splitlines(), 1) if line.strip().upper() == "BEGIN:VEVENT"]
    for n, event in enumerate(calendar.walk("VEVENT")):
        line = starts[n] if n < len(starts) else 1
        where = f"{name}:{line}"
        uid = str(event.get("UID") or "").strip()
        ident = slug(uid.split("@")[0]) or f"event-{n + 1}"
        times = _times(p, where, ident, event, zone)
        if times is None:
            continue
        start, end = times
        if isinstance(event.decoded("DTSTART"), datetime):
            p.clocks.append((-1, start.hour * 60 + start.minute))
        if event.get("RRULE") or event.get("RDATE"):
            p.warn(
                where,
                f"event `{ident}` repeats (RRULE): only its first time, {start:%Y-%m-%d %H:%M}, is imported",
                "give each time of a repeated session its own VEVENT",
            )
        summary = event.get("SUMMARY")
        lang = (
            summary.params.get("LANGUAGE", "")[:2].lower()
            if summary is not None and hasattr(summary, "params")
            else None
        )
        categories = event.get("CATEGORIES")
        category = categories.cats[0] if categories is not None and getattr(categories, "cats", None) else "session"
        attendees = event.get("ATTENDEE") or []
        attendees = attendees if isinstance(attendees, list) else [attendees]
        speakers = [
            p.person(str(a.params.get("CN", "")) or str(a).replace("mailto:", "").split("@")[0]) for a in attendees
        ]
        url = str(event.get("URL") or "") or None
        page = url if url and url.startswith(("https://", "http://")) else None
        session(
            p,
            where,
            ident=ident,
            title=str(summary or ""),
            language=lang or None,
            start=start,
            end=end,
            room=p.room(str(event.get("LOCATION") or "")),
            category=p.category(str(category)),
            people={"speaker": [s for s in speakers if s]},
            description=from_html(str(event.get("DESCRIPTION") or "")),
            online_url=page,
            line=line,
            whole_days=not isinstance(event.decoded("DTSTART"), datetime),
            guid=uid or None,
        )
    suspect_fake_utc(p, f"{name}:1", utc, p.clocks)
    return p


def _times(p, where: str, ident: str, event, zone: str) -> tuple[datetime, datetime] | None:
    """The event's start and end in the event's zone; None, with a problem, when they cannot be read."""
    for key in ("DTSTART", "DTEND", "DURATION"):
        if isinstance(event.get(key), list):
            p.fail(where, f"event `{ident}` has {len(event[key])} {key} lines", f"give it one {key}")
            return None
        tzid = getattr(event.get(key), "params", {}).get("TZID")
        if tzid and key != "DURATION" and getattr(event.get(key).dt, "tzinfo", True) is None:
            p.fail(
                where,
                f"event `{ident}`: the {key} TZID `{str(tzid)[:80]}` is not a time zone",
                "name it as the IANA database does (Europe/Berlin), or add its VTIMEZONE",
            )
            return None
    try:
        first = event.decoded("DTSTART")
        if not isinstance(first, datetime) and isinstance(first, date):  # whole days: to DTEND, or the one day
            last = event.decoded("DTEND") if event.get("DTEND") else first + timedelta(days=1)
            last = last if isinstance(last, date) and not isinstance(last, datetime) and last > first else None
            if last is None:
                p.fail(where, f"event `{ident}` ends before the day it starts", "give DTEND the day after the last")
                return None
            midnight = datetime.min.time()
            return datetime.combine(first, midnight), datetime.combine(last, midnight)
        start = _moment(p, where, ident, first, zone)
        if start is None or (not event.get("DTEND") and not event.get("DURATION")):
            return (start, start) if start else None
        if event.get("DTEND"):
            end = _moment(p, where, ident, event.decoded("DTEND"), zone)
            return (start, end) if end else None
        length = event.decoded("DURATION")
    except (KeyError, ValueError, TypeError) as exc:
        p.fail(
            where,
            f"event `{ident}` has no readable start or end ({exc.__class__.__name__})",
            "give it DTSTART and DTEND (or DURATION) with a date and time",
        )
        return None
    if not isinstance(length, timedelta) or abs(length) > timedelta(minutes=MAX_MINUTES):
        raw = event["DURATION"].to_ical().decode(errors="replace")[:40]
        p.fail(where, f"event `{ident}` lasts {raw}, over a month, longer than any session", "check its DURATION")
        return None
    return start, start + length


def _moment(p, where: str, ident: str, value, zone: str) -> datetime | None:
    if isinstance(value, datetime):
        return placed(p, where, ident, value, zone)
    raise ValueError(value)  # a date where the start is a time
