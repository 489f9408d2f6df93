"""Room signs: one page per room per day, read from two metres away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..source.model import ALL_ROOMS, EDITIONS, Event
from . import i18n
from .common import DocumentView, labels, ongoing_on, run, runs, session_view, sessions_on
from .day_sheet import as_of, sheet_days


@dataclass(frozen=True)
class SignView(DocumentView):
    room: list
    date_label: list
    event_name: list
    as_of: list
    sessions: list


def room_days(event: Event) -> list[tuple[str, date, list]]:
    """(room, day, sessions) for every room with sessions of its own on a sheet
    day; a session for every room (``room: all``) is on each of that day's signs."""
    out = []
    for day in sheet_days(event):
        items = [s for s in sessions_on(event, day) + ongoing_on(event, day) if s.room]
        for room in event.rooms:
            if any(s.room == room for s in items):
                out.append((room, day, [s for s in items if s.room in (room, ALL_ROOMS)]))
    return out


def sign_view(event: Event, room: str, day: date, sessions, edition: str, when: datetime) -> SignView:
    langs = EDITIONS[edition]
    name = event.rooms[room].name
    return SignView(
        lang=langs[0],
        labels=labels(langs),
        title=" / ".join(f"{name.get(lang)} — {i18n.date_day(day, lang)}" for lang in langs),
        room=runs(name, langs),
        date_label=[run(lang, i18n.date_day(day, lang), i > 0) for i, lang in enumerate(langs)],
        event_name=runs(event.short_name or event.name, langs[:1]),
        as_of=as_of(event, when, langs[:1], sessions),
        sessions=[session_view(event, s, langs) for s in sessions],
    )
