"""The typed event model: what an event folder says, once checked.

Plain dataclasses, no behaviour beyond small accessors. Times are minutes
after local midnight (24:00 is 1440); a session that runs into the night
belongs to the day it starts on and counts on past 24:00 (00:30 the next
morning is 1470, written "24:30"), as frab's day does; dates are
``datetime.date``. Every
user-visible string is a :class:`Text` with one entry per language.

The words every stage shares are defined here once: the languages, the
editions (which languages a document prints, in which order) and the paper
sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

LANGS = ("ko", "en")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # de, pt-BR, zh-Hant
NIGHT = 48 * 60  # the latest a time can be: the end of the night after the date
LONGEST = 24 * 60  # a timed session lasts at most a day; a longer one is a multi-day item
HANGUL = re.compile(r"[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7AF\uD7B0-\uD7FF]")


def language_of(text: str) -> str:
    """The language a text is written in, of the two: Korean if it has Hangul."""
    return "ko" if HANGUL.search(text or "") else "en"


LANG_NAMES = {"ko": "Korean", "en": "English"}
# An edition prints these languages, the first one leading.
EDITIONS = {"ko+en": ("ko", "en"), "ko": ("ko",), "en": ("en",)}
BILINGUAL = "ko+en"
ALL_ROOMS = "all"  # `room: all`: a session for everyone, across every room (a keynote, lunch)

PAPER_MM = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210), "B5": (176, 250), "letter": (215.9, 279.4)}


def editions_for(languages, editions) -> list[str]:
    """``editions`` as an event in ``languages`` can print them: one that needs a
    language the event lacks becomes the event's own (an English-only event's
    bilingual day sheet is its English one); each once."""
    own = BILINGUAL if set(EDITIONS[BILINGUAL]) <= set(languages) else languages[0]
    out = []
    for edition in editions:
        edition = edition if set(EDITIONS[edition]) <= set(languages) else own
        if edition not in out:
            out.append(edition)
    return out


def edition_tag(edition: str) -> str:
    """The edition as it appears in file names: ko+en → ko-en."""
    return edition.replace("+", "-")


def file_names(ids) -> dict[str, str]:
    """A safe, distinct file-name part for each id (ids may hold any character):
    letters, digits (Hangul too), '.', '-' and '_' are kept, the rest become
    '-', and a name that would repeat another or begin with '.' is told apart."""
    out, used = {}, set()
    for ident in ids:
        name = re.sub(r"[^\w.-]+", "-", ident, flags=re.UNICODE).strip("-.") or "x"
        while name in used or name.startswith("."):
            name = f"{name}-{len(used)}"
        used.add(name)
        out[ident] = name
    return out


def paper_mm(paper: str) -> tuple[float, float]:
    """'A4', 'A4 landscape' → (width, height) in millimetres."""
    size, _, orientation = paper.partition(" ")
    width, height = PAPER_MM.get(size, PAPER_MM["A4"])
    return (height, width) if orientation == "landscape" else (width, height)


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
    tag: Text = field(default_factory=lambda: Text())  # the short name a glance cell prints
    given: frozenset[str] = frozenset()  # what categories.yaml writes of colour, cmyk, tag (the rest defaults)


@dataclass(frozen=True)
class Room:
    id: str
    name: Text
    group: Text | None = None  # the building, floor or wing the event files it under (rooms.yaml `group`)


@dataclass(frozen=True)
class Person:
    id: str
    name: Text
    affiliation: Text = field(default_factory=Text)
    country: Text = field(default_factory=Text)
    sort_as: str | None = None  # where the index files a name that does not start with the family name
    bio: Text = field(default_factory=Text)
    photo: str | None = None  # absolute path of a file in the event folder
    source_id: str | None = None  # the id the schedule tool gave them, written back on export
    guid: str | None = None


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
    start: int | None = None  # minutes after the date's midnight; past 1440 (24:00) is the night after it
    end: int | None = None
    room: str | None = None
    description: Text = field(default_factory=Text)
    people: dict[str, tuple[str, ...]] = field(default_factory=dict)
    organisers: tuple[Text, ...] = ()
    online_url: str | None = None
    interpretation: tuple[str, ...] = ()
    language: str | None = None  # the language it is given in: ko, en, de… (a BCP 47 code)
    source: tuple[str, int] = ("", 0)  # file and line, for messages
    subtitle: Text = field(default_factory=Text)
    full_description: Text = field(default_factory=Text)  # a source's long text beside its abstract: kept, not printed
    kind: str | None = None  # the schedule tool's type: talk, workshop, lightning…
    links: tuple[tuple[str, str], ...] = ()  # (title, web address)
    # What the schedule tool calls it, written back on export so attendee apps keep favourites:
    source_id: str | None = None  # its id there, when the session id is another (a pretalx code)
    guid: str | None = None
    url: str | None = None  # its web page there

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


# Where a free page (pages/*.md) stands in the book.
PLACES = ("opening", "before-programme", "after-programme", "closing")


@dataclass(frozen=True)
class FreePage:
    """A page of the event's own (pages/*.md): Markdown per language."""

    id: str
    title: Text
    place: str
    body: dict[str, str]  # lang -> Markdown
    images: dict[str, str]  # the name the Markdown gives -> absolute path
    source: tuple[str, int] = ("", 0)


@dataclass(frozen=True)
class Greeting:
    """A greeting (인사말): who, in which office, a portrait, the text per language."""

    name: Text
    office: Text
    body: dict[str, str]  # lang -> Markdown
    portrait: str | None = None
    signature: str | None = None
    person: str | None = None  # a people.yaml id, when the greeting names one


@dataclass(frozen=True)
class Sponsor:
    name: Text
    logo: str | None = None  # absolute path; None: the name is printed instead
    url: str | None = None
    description: Text = field(default_factory=Text)


@dataclass(frozen=True)
class SponsorTier:
    id: str
    label: Text
    sponsors: tuple[Sponsor, ...]


@dataclass(frozen=True)
class StaffGroup:
    label: Text
    names: tuple[Text, ...]


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
    data_version: str
    also_show_timezone: str | None
    logo: tuple[str, float] | None  # (absolute path, printed width in mm)
    # The output kinds' own blocks of event.yaml (book, press, day_sheets…),
    # read and checked with the fields each kind declares (book/outputs).
    settings: dict[str, dict]
    style: str  # the event's own style.css ("" when it has none)
    press_style: str  # its press.css, for the press edition only
    categories: dict[str, Category]
    rooms: dict[str, Room]
    people: dict[str, Person]
    sessions: tuple[Session, ...]
    concept: tuple[ConceptSection, ...]
    pages: tuple[FreePage, ...] = ()
    greetings: tuple[Greeting, ...] = ()
    sponsors: tuple[SponsorTier, ...] = ()
    staff: tuple[StaffGroup, ...] = ()
    cover_image: str | None = None  # the key visual for the front cover (absolute path)
    host_logos: tuple[str | None, ...] = ()  # each host's logo for the back cover, beside ``hosts``
