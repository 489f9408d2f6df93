"""Room signs: one page per room per day, read from two metres away.

The room's name is set as large as the sheet's width allows (``room_pt``),
from ``ROOM_MOST`` down to ``ROOM_LEAST`` for a long name, and at most
``ROOM_DENSE`` on a busy day's sign (``dense_pt``): a name of up to eight
characters stays at 100 pt or more on A4 landscape.

A sign built on its own day, once its first session has begun (the build's
time: the data version, or SOURCE_DATE_EPOCH, or now), is a "now / next"
sign (``now_next``): the sessions that have ended are left off (a line
says how many), the one under way is marked 지금 / Now and the one after
it 다음 / Next, so a sign reprinted at lunch shows the afternoon.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..source.model import ALL_ROOMS, EDITIONS, Event
from . import i18n
from .balance import width_em
from .common import (
    DocumentView,
    date_run,
    labels,
    ongoing_on,
    run,
    runs,
    session_anchor,
    session_view,
    sessions_on,
)
from .day_sheet import as_of, sheet_days


@dataclass(frozen=True)
class SignView(DocumentView):
    room: list
    date_label: list
    event_name: list
    as_of: list
    sessions: list
    room_pt: float = 100.0  # the room name's size: as large as the sheet's width allows
    logo: dict | None = None  # the event's logo: {"src", "width"} (mm)
    marks: dict = field(default_factory=dict)  # session anchor -> "now" or "next", on a sign built on its day
    earlier: list = field(default_factory=list)  # runs: how many sessions have ended and are left off

    @property
    def dense_pt(self) -> float:
        """The room name's size on a busy day's sign, in two columns."""
        return min(self.room_pt, ROOM_DENSE)


ROOM_MOST, ROOM_DENSE, ROOM_LEAST = 160.0, 110.0, 40.0
TRACKING = 0.03  # the room name is set 0.03 em tighter, as display type is


def room_pt(name: str, measure_pt: float, name_em: float | None = None) -> float:
    """The largest size (pt) at which ``name`` fits ``measure_pt`` on one line,
    within bounds; ``name_em`` is its width as shaped in the bold face (else
    it is estimated)."""
    em = max((width_em(name) if name_em is None else name_em) - TRACKING * len(name), 0.5)
    return round(max(ROOM_LEAST, min(ROOM_MOST, measure_pt / em * 0.98)), 1)


def now_next(event: Event, day: date, sessions, when: datetime) -> tuple[list, dict, int]:
    """(the sessions to print, {session id: "now" | "next"}, how many ended and are left off).

    Before the day, or before its first session begins, every session and no
    mark; after it, the sessions not yet over, the one under way (all, if
    several) marked now and the next to begin marked next."""
    local = when.astimezone(ZoneInfo(event.timezone))
    minute = local.hour * 60 + local.minute
    timed = [s for s in sessions if s.start is not None and s.date == day]
    if local.date() != day or not timed or minute < min(s.start for s in timed):
        return list(sessions), {}, 0
    kept = [s for s in sessions if s not in timed or (s.end if s.end is not None else s.start + 1) > minute]
    marks = {s.id: "now" for s in kept if s in timed and s.start <= minute}
    later = [s.start for s in kept if s in timed and s.start > minute]
    marks |= {s.id: "next" for s in kept if s in timed and later and s.start == min(later)}
    return kept, marks, len(sessions) - len(kept)


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


def sign_view(
    event: Event,
    room: str,
    day: date,
    sessions,
    edition: str,
    when: datetime,
    measure_pt=780.0,
    logo=None,
    name_em=None,
) -> SignView:
    """The sign of ``room`` on ``day``; ``measure_pt`` is the sheet's text width,
    ``logo`` the event's logo, ``name_em`` the shaped width of the room's name."""
    langs = EDITIONS[edition]
    name = event.rooms[room].name
    shown, marks, ended = now_next(event, day, sessions, when)
    said = [i18n.labels(lang)["earlier_one" if ended == 1 else "earlier"].format(n=ended) for lang in langs]
    return SignView(
        lang=langs[0],
        labels=labels(langs),
        title=" / ".join(f"{name.get(lang)} — {i18n.date_day(day, lang)}" for lang in langs),
        room=runs(name, langs),
        date_label=[date_run(lang, i18n.date_day(day, lang), i > 0) for i, lang in enumerate(langs)],
        event_name=runs(event.short_name or event.name, langs[:1]),
        as_of=as_of(event, when, langs[:1], sessions),
        sessions=[session_view(event, s, langs) for s in shown],
        room_pt=room_pt(name.get(langs[0]) or "", measure_pt, name_em),
        logo=logo,
        marks={session_anchor(s.id): mark for s in shown if (mark := marks.get(s.id))},
        earlier=[run(lang, text, i > 0) for i, (lang, text) in enumerate(zip(langs, said, strict=True))]
        if ended
        else [],
    )
