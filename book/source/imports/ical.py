"""iCalendar (``.ics``), through the icalendar library.

One VEVENT per session: ``UID`` is its id, ``SUMMARY`` its title (its
language told by its script, or by ``LANGUAGE`` on the property),
``DTSTART``/``DTEND`` (or ``DURATION``) its time, converted to the event's
zone, ``LOCATION`` its room, ``CATEGORIES`` its category, ``DESCRIPTION``
and ``URL`` (its online link). A calendar names no roles: attendees are
read as speakers. Lines are the unfolded file's, so a problem is placed at
the ``BEGIN:VEVENT`` of its event.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from .common import Programme, from_html, in_language, local, session, slug, zone_of

SUFFIXES = (".ics",)


def read(path: Path, text: str, timezone: str | None) -> Programme:
    import icalendar

    name = path.name
    p = Programme()
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        p.fail(f"{name}:1", f"not an iCalendar file: {exc}", "export the calendar again as .ics")
        return p
    zone = zone_of(p, f"{path.name}:1", str(calendar.get("X-WR-TIMEZONE") or ""), timezone or "Asia/Seoul")
    p.timezone = zone
    p.name = in_language(str(calendar.get("X-WR-CALNAME") or ""))
    starts = [i for i, line in enumerate(text.splitlines(), 1) if line.strip().upper() == "BEGIN:VEVENT"]
    for n, event in enumerate(calendar.walk("VEVENT")):
        line = starts[n] if n < len(starts) else 1
        where = f"{name}:{line}"
        uid = str(event.get("UID") or "").strip()
        ident = slug(uid.split("@")[0]) or f"event-{n + 1}"
        try:
            start = _moment(event.decoded("DTSTART"), zone)
            end = (
                _moment(event.decoded("DTEND"), zone)
                if event.get("DTEND")
                else start + (event.decoded("DURATION") if event.get("DURATION") else timedelta(0))
            )
        except (KeyError, ValueError, TypeError) as exc:
            p.fail(
                where,
                f"event `{ident}` has no readable start or end ({exc.__class__.__name__})",
                "give it DTSTART and DTEND (or DURATION) with a date and time",
            )
            continue
        if start is None or end is None:
            p.fail(where, f"event `{ident}` lasts whole days, not a time of day", "give it a start and end time")
            continue
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
            url=url if url and url.startswith(("https://", "http://")) else None,
            line=line,
        )
    return p


def _moment(value, zone: str) -> datetime | None:
    if isinstance(value, datetime):
        return local(value, zone)
    if isinstance(value, date):
        return None
    raise ValueError(value)
