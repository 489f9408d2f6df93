"""The programme as iCalendar (``.ics``), through icalendar: one VEVENT per session.

Each event has a stable UID, its start and end with the event's time zone,
the title in the event's first language (both, " / " joined, when it has
both), the room as LOCATION, the category, the description and the online
link as URL. A multi-day item (an exhibition) is an all-day event.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .. import __version__
from .common import one, room_name

NAME = "ics"
SUFFIX = ".ics"


def write(event) -> bytes:
    import icalendar

    zone = ZoneInfo(event.timezone)
    lang = event.languages[0]
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//programme-book {__version__}//{event.id}//")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", one(event.name, lang))
    cal.add("x-wr-timezone", event.timezone)
    for s in sorted(event.sessions, key=lambda s: (s.date, s.start or 0, s.id)):
        e = icalendar.Event()
        e.add("uid", s.guid or f"{s.id}@{event.id}.programme-book")
        e.add("summary", " / ".join(dict.fromkeys(t for t in (s.title.get(x, False) for x in event.languages) if t)))
        if s.start is not None and not s.spans_days:
            midnight = datetime.combine(s.date, datetime.min.time(), zone)
            e.add("dtstart", midnight + timedelta(minutes=s.start))
            e.add("dtend", midnight + timedelta(minutes=s.end))
        else:
            e.add("dtstart", s.date)
            e.add("dtend", s.last_date + timedelta(days=1))
        e.add("dtstamp", datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")))  # stable: the file changes only with the data
        e.add("location", room_name(event, s, lang))
        e.add("categories", [one(event.categories[s.category].label, lang)])
        if s.description:
            e.add("description", one(s.description, lang))
        if s.online_url or s.url:
            e.add("url", s.online_url or s.url)
        cal.add_component(e)
    return cal.to_ical()


def notes(event) -> list[str]:
    return []  # an item over several days is an all-day event: nothing is left out
