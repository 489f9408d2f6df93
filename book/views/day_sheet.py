"""Day sheets and their shared staff-print pieces: one page per date.

A sheet lists every session starting that day in time order, with the
multi-day items (an exhibition) running that day on top, and a QR code for
each session with an online link.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..source.model import EDITIONS, Event
from . import i18n
from .common import DocumentView, labels, ongoing_on, run, running_on, runs, session_view, sessions_on


def sheet_days(event: Event) -> list[date]:
    """Dates on which at least one single-day session starts."""
    return sorted({s.date for s in event.sessions if not s.spans_days})


def qr_data_uri(url: str) -> str:
    """A vector QR code (segno) for the URL, as an SVG data URI."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=1, border=0, dark="#000000")


def content_hash(sessions) -> str:
    """A short hash of what a sheet shows: it changes exactly when the sheet's
    sessions change, so a reprint is needed only then, and an old printout
    can be told from a new one."""
    shown = [replace(s, source=("", 0)) for s in sorted(sessions, key=lambda s: s.id)]  # not where it was read
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:8]


def as_of(event: Event, when: datetime, langs, sessions) -> list:
    """The "as of" line, as a person reads it: when the data was current, in
    each language (10월 5일 18:30 기준 · as of 5 Oct 18:30), then the labelled
    code of what the sheet shows (자료 6b53c2c3) and the data version."""
    local = when.astimezone(ZoneInfo(event.timezone))  # SOURCE_DATE_EPOCH and "now" are UTC: the event's clock
    stamps = [i18n.as_of(local, lang) for lang in langs]
    label = i18n.labels(langs[0])["data_label"]
    version = f" ({event.data_version})" if event.data_version else ""
    return [run(langs[0], " · ".join(stamps) + f" · {label} {content_hash(sessions)}{version}")]


@dataclass(frozen=True)
class SheetView(DocumentView):
    date: str
    date_label: list
    event_name: list
    venue: list
    as_of: list
    ongoing: list
    sessions: list
    categories: list


# Who runs the session and who speaks: what staff need on the day (names
# shortened after the third, "+2").
SHOWN = ("moderator", "facilitator", "speaker")
NAMES_AT_MOST = 3


def sheet_view(event: Event, day: date, edition: str, when: datetime) -> SheetView:
    langs = EDITIONS[edition]
    sessions = [
        replace(
            session_view(event, s, langs, SHOWN, NAMES_AT_MOST), qr=qr_data_uri(s.online_url) if s.online_url else None
        )
        for s in sessions_on(event, day)
        if not s.spans_days
    ]
    ongoing = [session_view(event, s, langs) for s in running_on(event, day)]
    used = {s.category_id for s in sessions + ongoing}
    return SheetView(
        lang=langs[0],
        labels=labels(langs),
        title=" / ".join(f"{event.name.get(lang)} — {i18n.date_day(day, lang)}" for lang in langs),
        date=day.isoformat(),
        date_label=[run(lang, i18n.date_long(day, lang), i > 0) for i, lang in enumerate(langs)],
        event_name=runs(event.name, langs),
        venue=runs(event.venue, langs),
        as_of=as_of(event, when, langs, sessions_on(event, day) + ongoing_on(event, day)),
        ongoing=ongoing,
        sessions=sessions,
        categories=[
            {"id": c.id, "label": runs(c.label, langs), "tag": runs(c.tag, langs[:1])}
            for c in event.categories.values()
            if c.id in used
        ],
    )
