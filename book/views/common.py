"""Shared view helpers: language runs, session summaries, the days of an event.

A :class:`Run` is text in one language, escaped and ready to print (Korean
with its words held together). Every view is a :class:`DocumentView`: the
document language, its title and the interface words, which every page's
``<head>`` and labels need.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup, escape

from ..source.model import LANGS, ROLES, Event, Session, Text, language_of
from . import i18n
from .korean import DEFAULT_MAX, hold_together, keep_all
from .prose import markdown_html

ANCHOR_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")
# The schedule tools' session types a reader is helped to see ("talk", "lecture", "maintrack" say nothing).
KINDS = {
    **dict.fromkeys(("workshop", "hands-on", "handson", "tutorial"), "workshop"),
    **dict.fromkeys(("lightning", "lightning talk", "lightning_talk", "lightningtalk", "lightning-talk"), "lightning"),
    **dict.fromkeys(("panel", "podium", "panel discussion"), "panel"),
    **dict.fromkeys(("meeting", "discussion", "bof", "meetup"), "meeting"),
    **dict.fromkeys(("film", "movie", "screening"), "film"),
    **dict.fromkeys(("concert", "performance", "music"), "performance"),
}


@dataclass(frozen=True)
class Run:
    """One piece of text in one language, ready to print."""

    lang: str
    text: str
    html: Markup
    secondary: bool = False  # the English under the Korean in a pair


def run(lang: str, text: str, secondary=False, max_len=DEFAULT_MAX, spoken: str | None = None) -> Run:
    """``text`` as a run. Its language is the one it is written in, whatever
    field it came from (``lang``): Hangul makes it Korean, with its words held
    together, and a run without Hangul is English, hyphenated as English, or
    the language its session is given in (``spoken``: de, fr…), hyphenated with
    that language's patterns."""
    real = language_of(text)
    held = hold_together(text)
    html = keep_all(held, max_len) if real == "ko" else escape(held)
    if real == "en" and spoken and spoken not in LANGS:
        real = spoken
    return Run(real, text, html, secondary)


def date_run(lang: str, text: str, secondary=False) -> Run:
    """A date or a range of dates as a run that never breaks inside a date:
    "Thu 7 Oct–Fri 29 Oct" may break after the dash, not inside "Thu 7 Oct"."""
    r = run(lang, text, secondary)
    parts = str(r.html).split(i18n.RANGE)
    html = Markup(i18n.RANGE).join(Markup(f'<span class="nowrap">{part}</span>') for part in parts)
    return Run(r.lang, r.text, html, r.secondary)


def runs(text: Text | str | None, langs: tuple[str, ...], max_len=DEFAULT_MAX, spoken: str | None = None) -> list[Run]:
    """The text in each edition language, Korean first; duplicates dropped.

    A language the data lacks falls back to the other one, so every edition
    shows every text; the run is marked with the language it is really in,
    so a screen reader reads it right, and a one-language text prints once.
    """
    if text is None:
        return []
    if isinstance(text, str):
        text = Text(ko=text, en=text)
    out, seen = [], set()
    for lang in langs:
        value = text.get(lang, fallback=False) or text.get(lang)
        if not value or value in seen:
            continue
        seen.add(value)
        out.append(run(lang, value, secondary=bool(out), max_len=max_len, spoken=spoken))
    return out


def label_runs(key: str, langs) -> list[Run]:
    return runs(Text(**{lang: i18n.labels(lang)[key] for lang in ("ko", "en")}), langs)


def labels(langs) -> dict[str, list[Run]]:
    """Every interface label, as runs in the edition's languages."""
    return {key: label_runs(key, langs) for key in i18n.labels("en")}


@dataclass(frozen=True)
class DocumentView:
    """What every output's view gives its page head and labels."""

    lang: str  # the document language (html lang)
    title: str  # the document title (PDF metadata)
    labels: dict  # key -> runs in the edition's languages


@dataclass(frozen=True)
class RoleLine:
    role: str
    label: list[Run]
    people: list[dict]
    more: int = 0  # people left out of a shortened line ("+2")

    @property
    def lang(self) -> str | None:
        """The one language of every name and affiliation on the line, if they share one."""
        langs = {r.lang for p in self.people for r in p["name"] + p["affiliation"]}
        return langs.pop() if len(langs) == 1 else None


@dataclass(frozen=True)
class SessionView:
    anchor: str
    time: str
    other_time: str  # the same time in the event's second zone, with its abbreviation
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
    language: list[Run] = field(default_factory=list)  # "in Korean" when not in the edition's first language
    zone: str = ""  # the local zone's abbreviation (KST), when a second zone is shown
    subtitle: list[Run] = field(default_factory=list)  # the source's subtitle, under the title
    kind: list[Run] = field(default_factory=list)  # the schedule tool's type, where it helps (workshop…)
    start: str = ""  # the time column's two lines: "13:30" and "–18:00"
    end: str = ""


def prose_runs(text: Text, langs, spoken: str | None = None) -> list[Run]:
    """A description in each edition language, its Markdown rendered (book/views/prose.py)."""
    return [Run(r.lang, r.text, markdown_html(r.text), r.secondary) for r in runs(text, langs, spoken=spoken)]


def language_badge(s: Session, langs) -> list[Run]:
    """The language a one-language session is given in, when it is not the edition's first."""
    if not s.language or s.language == langs[0]:
        return []
    return [
        run(lang, i18n.labels(lang)["in_language"].format(language=i18n.language_name(s.language, lang)), i > 0)
        for i, lang in enumerate(langs)
    ]


def session_view(
    event: Event, s: Session, langs, roles_shown=ROLES, names_at_most: int | None = None, venue: bool = True
) -> SessionView:
    """One session, with the people of ``roles_shown`` (all roles, by default);
    ``names_at_most`` shortens a long role line to that many names and "+N".
    Its place is its room; without one, the event's venue, unless ``venue`` is
    False (the book prints the venue once, under the day's title)."""
    cat = event.categories[s.category]
    room = event.rooms.get(s.room) if s.room else None
    place = runs(room.name, langs) if room else runs(event.venue, langs) if venue else []
    roles = []
    for role in roles_shown:
        ids = s.people.get(role, ())
        if not ids:
            continue
        shown = ids[:names_at_most] if names_at_most and len(ids) > names_at_most + 1 else ids
        people = [
            {
                "name": runs(event.people[pid].name, langs[:1]),
                "affiliation": runs(event.people[pid].affiliation, langs[:1]),
            }
            for pid in shown
        ]
        roles.append(RoleLine(role, label_runs(f"role_{role}", langs), people, len(ids) - len(shown)))
    date_note = []
    if s.spans_days:
        date_note = [
            date_run(lang, i18n.day_range(s.date, s.last_date, lang), secondary=i > 0) for i, lang in enumerate(langs)
        ]
    spoken = s.language
    title = runs(s.title, langs, spoken=spoken) if s.title != s.short else []
    size = sum(len(r.text) for r in title + runs(s.description, langs)) + 60 * len(roles)
    return SessionView(
        anchor=session_anchor(s.id),
        time=i18n.time_range(s.start, s.end),
        start=i18n.hm(s.start) if s.start is not None else "",
        end=i18n.RANGE + i18n.hm(s.end, end=True) if s.start is not None and s.end is not None else "",
        other_time=i18n.other_zone_range(s.date, s.start, s.end, event.timezone, event.also_show_timezone)
        if event.also_show_timezone and not s.spans_days
        else "",
        category_id=s.category,
        category=runs(cat.label, langs),
        short=runs(s.short, langs, spoken=spoken),
        title=title,
        subtitle=runs(s.subtitle, langs[:1], spoken=spoken),
        kind=label_runs(f"kind_{KINDS[s.kind.lower()]}", langs) if s.kind and s.kind.lower() in KINDS else [],
        place=place,
        description=prose_runs(s.description, langs, spoken=spoken),
        roles=roles,
        organisers=[runs(o, langs[:1]) for o in s.organisers],
        online_url=s.online_url,
        interpretation=", ".join(i18n.language_name(code, langs[0]) for code in s.interpretation),
        date_note=date_note,
        long=size > 700,
        language=language_badge(s, langs),
        zone=i18n.zone_abbreviation(s.date, event.timezone) if event.also_show_timezone and not s.spans_days else "",
    )


def sort_key(s: Session, event: Event | None = None):
    """Time order, then the order of the rooms in rooms.yaml (then end and id)."""
    rooms = list(event.rooms) if event else []
    room = rooms.index(s.room) if s.room in rooms else len(rooms)
    return (s.date, s.start if s.start is not None else -1, room, s.end or 0, s.id)


def _anchor(prefix: str, ident: str) -> str:
    """An HTML id for any id: kept when it is plain, else made plain and told apart by a hash."""
    if ANCHOR_SAFE.match(ident):
        return f"{prefix}-{ident}"
    plain = re.sub(r"[^A-Za-z0-9_-]+", "-", ident).strip("-")[:40]
    return f"{prefix}-{plain}-{hashlib.sha1(ident.encode()).hexdigest()[:8]}"


def session_anchor(ident: str) -> str:
    return _anchor("s", ident)


def person_anchor(ident: str) -> str:
    return _anchor("person", ident)


def session_days(event: Event) -> list[date]:
    """Dates on which at least one session starts, in order."""
    return sorted({s.date for s in event.sessions})


def sessions_on(event: Event, day: date) -> list[Session]:
    return sorted((s for s in event.sessions if s.date == day), key=lambda s: sort_key(s, event))


def ongoing_on(event: Event, day: date) -> list[Session]:
    """Multi-day items running on ``day`` that started earlier."""
    return sorted(
        (s for s in event.sessions if s.spans_days and s.date < day <= s.last_date), key=lambda s: sort_key(s, event)
    )


def running_on(event: Event, day: date) -> list[Session]:
    """Multi-day items running on ``day``, those starting that day last."""
    return ongoing_on(event, day) + [s for s in sessions_on(event, day) if s.spans_days]
