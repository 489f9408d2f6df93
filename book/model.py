"""The typed event model: what an event folder says, once checked.

Plain dataclasses, no behaviour beyond small accessors. Times are minutes
after local midnight (24:00 is 1440); dates are ``datetime.date``. Every
user-visible string is a :class:`Text` with one entry per language.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Text:
    ko: str | None = None
    en: str | None = None

    def get(self, lang: str, fallback: bool = True) -> str | None:
        value = getattr(self, lang, None)
        if value or not fallback:
            return value
        return self.ko or self.en

    def __bool__(self) -> bool:
        return bool(self.ko or self.en)


@dataclass(frozen=True)
class Category:
    id: str
    label: Text
    colour: str  # "#rrggbb"
    cmyk: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Room:
    id: str
    name: Text


@dataclass(frozen=True)
class Person:
    id: str
    name: Text
    affiliation: Text = field(default_factory=Text)
    country: Text = field(default_factory=Text)
    sort_as: str | None = None  # where the index files a name that does not start with the family name


# Role keys as they appear under a session's ``people`` mapping, in print order.
ROLES = ("moderator", "facilitator", "host", "opening", "remarks", "speaker", "discussant")


@dataclass(frozen=True)
class Session:
    id: str
    category: str
    short: Text
    title: Text
    date: date
    end_date: date | None = None
    start: int | None = None  # minutes after midnight
    end: int | None = None
    room: str | None = None
    description: Text = field(default_factory=Text)
    people: dict[str, tuple[str, ...]] = field(default_factory=dict)
    organisers: tuple[Text, ...] = ()
    online_url: str | None = None
    interpretation: tuple[str, ...] = ()
    source: tuple[str, int] = ("", 0)  # file and line, for messages

    @property
    def last_date(self) -> date:
        return self.end_date or self.date

    @property
    def spans_days(self) -> bool:
        return self.end_date is not None and self.end_date != self.date


@dataclass(frozen=True)
class Block:
    """A paragraph (``items`` empty) or a bulleted list (``text`` empty)."""

    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConceptSection:
    id: str
    heading: Text
    blocks: dict[str, tuple[Block, ...]]  # lang -> blocks


@dataclass(frozen=True)
class Event:
    id: str
    folder: str
    edition: int | None
    name: Text
    short_name: Text
    theme: Text
    venue: Text
    city: Text
    timezone: str
    languages: tuple[str, ...]
    period: tuple[date, date]
    programme_range: tuple[date, date]
    hosts: tuple[Text, ...]
    organisers: tuple[Text, ...]
    page_size: str
    book_title: Text
    data_version: str
    also_show_timezone: str | None
    logo: tuple[str, float] | None  # (absolute path, printed width in mm)
    day_sheets: dict       # {"paper": "A4", "editions": ("ko+en",)}
    room_signs: dict       # {"paper": "A4 landscape"}
    press: dict            # see book/load.py PRESS_DEFAULTS
    categories: dict[str, Category]
    rooms: dict[str, Room]
    people: dict[str, Person]
    sessions: tuple[Session, ...]
    concept: tuple[ConceptSection, ...]
