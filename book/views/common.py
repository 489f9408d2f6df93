"""Shared view helpers: language runs, session summaries, the days of an event.

A :class:`Run` is text in one language, escaped and ready to print (Korean
with its words held together). Every view is a :class:`DocumentView`: the
document language, its title and the interface words, which every page's
``<head>`` and labels need.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup, escape

from ..source.model import ROLES, Event, Session, Text
from . import i18n
from .korean import DEFAULT_MAX, keep_all


@dataclass(frozen=True)
class Run:
    """One piece of text in one language, ready to print."""

    lang: str
    text: str
    html: Markup
    secondary: bool = False  # the English under the Korean in a pair


def run(lang: str, text: str, secondary=False, max_len=DEFAULT_MAX) -> Run:
    html = keep_all(text, max_len) if lang == "ko" else escape(text)
    return Run(lang, text, html, secondary)


def runs(text: Text | str | None, langs: tuple[str, ...], max_len=DEFAULT_MAX) -> list[Run]:
    """The text in each edition language, Korean first; duplicates dropped.

    A language the data lacks falls back to the other one, marked with the
    language it really is, so a screen reader still reads it right.
    """
    if text is None:
        return []
    if isinstance(text, str):
        text = Text(ko=text, en=text)
    out, seen = [], set()
    for i, lang in enumerate(langs):
        value = text.get(lang, fallback=False)
        real = lang
        if not value:
            value = text.get(lang)
            real = "ko" if value == text.ko else "en"
        if not value or value in seen:
            continue
        seen.add(value)
        out.append(run(real, value, secondary=bool(out), max_len=max_len))
    return out


def label_runs(key: str, langs) -> list[Run]:
    return runs(Text(**{lang: i18n.labels(lang)[key] for lang in ("ko", "en")}), langs)


def labels(langs) -> dict[str, list[Run]]:
    """Every interface label, as runs in the edition's languages."""
    return {key: label_runs(key, langs) for key in i18n.labels("en")}


@dataclass(frozen=True)
class DocumentView:
    """What every output's view gives its page head and labels."""

    lang: str     # the document language (html lang)
    title: str    # the document title (PDF metadata)
    labels: dict  # key -> runs in the edition's languages


@dataclass(frozen=True)
class RoleLine:
    role: str
    label: list[Run]
    people: list[dict]

    @property
    def lang(self) -> str | None:
        """The one language of every name and affiliation on the line, if they share one."""
        langs = {r.lang for p in self.people for r in p["name"] + p["affiliation"]}
        return langs.pop() if len(langs) == 1 else None


@dataclass(frozen=True)
class SessionView:
    anchor: str
    time: str
    other_time: str
    category_id: str
    category: list[Run]
    short: list[Run]
    title: list[Run]
    place: list[Run]
    description: list[Run]
    roles: list[RoleLine] = field(default_factory=list)
    organisers: list[list[Run]] = field(default_factory=list)
    online_url: str | None = None
    interpretation: str = ""
    date_note: list[Run] = field(default_factory=list)
    long: bool = False
    qr: str | None = None  # QR code of the online link, on staff sheets


def session_view(event: Event, s: Session, langs, roles_shown=ROLES) -> SessionView:
    """One session, with the people of ``roles_shown`` (all roles, by default)."""
    cat = event.categories[s.category]
    room = event.rooms.get(s.room) if s.room else None
    place = runs(room.name if room else event.venue, langs)
    roles = []
    for role in roles_shown:
        ids = s.people.get(role, ())
        if not ids:
            continue
        people = []
        for pid in ids:
            p = event.people[pid]
            people.append({"id": pid, "name": runs(p.name, langs[:1]), "affiliation": runs(p.affiliation, langs[:1])})
        roles.append(RoleLine(role, label_runs(f"role_{role}", langs), people))
    date_note = []
    if s.spans_days:
        date_note = [run(lang, i18n.day_range(s.date, s.last_date, lang), secondary=i > 0) for i, lang in enumerate(langs)]
    title = runs(s.title, langs) if s.title != s.short else []
    size = sum(len(r.text) for r in title + runs(s.description, langs)) + 60 * len(roles)
    return SessionView(
        anchor=f"s-{s.id}", time=i18n.time_range(s.start, s.end),
        other_time=i18n.other_zone_range(s.date, s.start, s.end, event.timezone, event.also_show_timezone)
        if event.also_show_timezone and not s.spans_days else "",
        category_id=s.category, category=runs(cat.label, langs),
        short=runs(s.short, langs), title=title, place=place, description=runs(s.description, langs),
        roles=roles, organisers=[runs(o, langs[:1]) for o in s.organisers], online_url=s.online_url,
        interpretation=", ".join(i18n.language_name(code, langs[0]) for code in s.interpretation),
        date_note=date_note, long=size > 700,
    )


def sort_key(s: Session):
    return (s.date, s.start if s.start is not None else -1, s.end or 0, s.id)


def session_days(event: Event) -> list[date]:
    """Dates on which at least one session starts, in order."""
    return sorted({s.date for s in event.sessions})


def sessions_on(event: Event, day: date) -> list[Session]:
    return sorted((s for s in event.sessions if s.date == day), key=sort_key)


def ongoing_on(event: Event, day: date) -> list[Session]:
    """Multi-day items running on ``day`` that started earlier."""
    return sorted((s for s in event.sessions if s.spans_days and s.date < day <= s.last_date), key=sort_key)


def running_on(event: Event, day: date) -> list[Session]:
    """Multi-day items running on ``day``, those starting that day last."""
    return ongoing_on(event, day) + [s for s in sessions_on(event, day) if s.spans_days]
