"""Room signs: one page per room per day, read from two metres away."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import i18n
from ..model import Event
from .common import EDITIONS, label_runs, ongoing_on, run, runs, session_view, sessions_on
from .day_sheet import as_of, sheet_days


@dataclass
class SignView:
    lang: str
    langs: tuple
    labels: dict
    title: str
    room_id: str
    room: list
    date: str
    date_label: list
    event_name: list
    as_of: list
    sessions: list


def room_days(event: Event) -> list[tuple[str, date, list]]:
    """(room, day, sessions) for every room with something on a sheet day."""
    out = []
    for day in sheet_days(event):
        items = [s for s in sessions_on(event, day) + ongoing_on(event, day) if s.room]
        for room in event.rooms:
            mine = [s for s in items if s.room == room]
            if mine:
                out.append((room, day, mine))
    return out


def sign_view(event: Event, room: str, day: date, sessions, settings) -> SignView:
    langs = EDITIONS["ko+en"] if len(event.languages) > 1 else event.languages
    name = event.rooms[room].name
    return SignView(
        lang=langs[0], langs=langs, labels={k: label_runs(k, langs) for k in i18n.labels("en")},
        title=" / ".join(f"{name.get(lang)} — {i18n.date_day(day, lang)}" for lang in langs),
        room_id=room, room=runs(name, langs), date=day.isoformat(),
        date_label=[run(lang, i18n.date_day(day, lang), i > 0) for i, lang in enumerate(langs)],
        event_name=runs(event.short_name, langs[:1]), as_of=as_of(event, settings, langs[0], sessions),
        sessions=[session_view(event, s, langs) for s in sessions],
    )
