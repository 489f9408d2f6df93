"""What every import reads a source into: a :class:`Programme`, in the event model's own records.

A format module turns its source into categories, rooms, people and
sessions (book/source/model.py) and a few facts about the event (name,
time zone, dates). Nothing is invented: a text the source gives in one
language stays in that language. Problems are :class:`SourceProblem`s with
the place in the source (file and line, or sheet and cell), what is wrong
and a hint; any of them stops the import before the event folder is touched.

The mapping, the same for every format:
- a track (or, without one, the talk's type) becomes a category; a room a room;
- a person becomes a person whose id comes from the source's own id (so it
  stays the same across imports), or from the name when the source has none;
- the talk's language (``language``) decides which language its title is in;
  without one, its script does (Hangul: Korean);
- a duration becomes an end time; times become the event's time zone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..model import LANGS, NIGHT, Category, Person, Room, Session, Text, language_of
from ..reader import YEARS
from ..zones import known_zone


@dataclass(frozen=True)
class SourceProblem:
    where: str  # "schedule.xml:123", "sessions.xlsx:Sheet1!C14"
    message: str
    hint: str = ""
    severity: str = "error"  # or "warning": the import goes on, and says so

    def format(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}" + (f" (hint: {self.hint})" if self.hint else "")


class SourceError(Exception):
    def __init__(self, problems: list[SourceProblem]):
        super().__init__("; ".join(p.format() for p in problems))
        self.problems = problems


@dataclass
class Programme:
    """An event's programme as a source gives it."""

    name: Text = field(default_factory=Text)
    timezone: str = "Asia/Seoul"
    languages: tuple[str, ...] = ()
    categories: dict[str, Category] = field(default_factory=dict)
    rooms: dict[str, Room] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    warnings: list[SourceProblem] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # the session ids given so far
    local: bool = False  # --times-are-local: a time marked with an offset is read as the zone's own
    clocks: list[tuple[int, int]] = field(default_factory=list)  # (clock time the source writes or -1, read)
    listed: set[str] = field(default_factory=set)  # "rooms", "categories", "people": listed by the source, in order
    venue: Text = field(default_factory=Text)
    city: Text = field(default_factory=Text)

    def fail(self, where: str, message: str, hint: str = "") -> None:
        self.problems.append(SourceProblem(where, message, hint))

    def warn(self, where: str, message: str, hint: str = "") -> None:
        self.warnings.append(SourceProblem(where, message, hint, "warning"))

    def category(self, name: str) -> str:
        ident = slug(name, keep_hangul=True) or "session"
        self.categories.setdefault(ident, Category(ident, in_language(name), ""))
        return ident

    def room(self, name: str) -> str | None:
        if not name or not name.strip():
            return None
        ident = slug(name, keep_hangul=True) or "room"
        self.rooms.setdefault(ident, Room(ident, in_language(name.strip())))
        return ident

    def person(
        self,
        name: str,
        source_id: str | None = None,
        affiliation: str = "",
        ident: str | None = None,
        guid: str | None = None,
    ) -> str | None:
        name = " ".join((name or "").split())
        if not name:
            return None
        given = str(source_id) if source_id not in (None, "") else None
        ident = ident or (f"p-{slug(given)}" if given else slug(name, keep_hangul=True))
        if ident not in self.people:
            self.people[ident] = Person(
                ident, in_language(name), in_language(affiliation), source_id=given, guid=guid or None
            )
        return ident

    def in_order(self) -> None:
        """Rooms, categories and people in an order that does not depend on how the file is laid
        out: the order the source lists them in, else the order of first use in time. So an
        export read back gives the same folder, whichever order the format writes things in."""
        first: dict[str, tuple] = {}
        for n, s in enumerate(sorted(self.sessions, key=lambda s: (s.date, -1 if s.start is None else s.start))):
            keys = [f"r:{s.room}", f"c:{s.category}"] + [f"p:{i}" for ids in s.people.values() for i in ids]
            for k, key in enumerate(keys):
                first.setdefault(key, (n, k))
        last = (len(self.sessions), 0)
        if "rooms" not in self.listed:
            self.rooms = dict(sorted(self.rooms.items(), key=lambda kv: first.get(f"r:{kv[0]}", last)))
        if "categories" not in self.listed:
            self.categories = dict(sorted(self.categories.items(), key=lambda kv: first.get(f"c:{kv[0]}", last)))
        if "people" not in self.listed:
            self.people = dict(sorted(self.people.items(), key=lambda kv: first.get(f"p:{kv[0]}", last)))

    @property
    def period(self) -> tuple[date, date] | None:
        days = [s.date for s in self.sessions] + [s.last_date for s in self.sessions]
        return (min(days), max(days)) if days else None


def slug(text: str, keep_hangul: bool = False) -> str:
    """An id from a name: lower case letters, digits and '-' (Hangul kept when asked)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    pattern = r"[^a-z0-9\uac00-\ud7a3]+" if keep_hangul else r"[^a-z0-9]+"
    return re.sub(pattern, "-", unicodedata.normalize("NFC", text).lower()).strip("-")[:60]


def in_language(text: str | None, lang: str | None = None) -> Text:
    """``text`` as a Text in ``lang`` (ko or en), or in the language its script tells."""
    text = (text or "").strip()
    if not text:
        return Text()
    lang = lang if lang in LANGS else language_of(text)
    return Text(**{lang: text})


def minutes(hhmm: str) -> int | None:
    """ "09:30" → 570; "24:00" → 1440; "24:30" (half past midnight, the night after) → 1470;
    None when it is not a time."""
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*", hhmm or "")
    if not m or int(m[2]) > 59 or int(m[1]) * 60 + int(m[2]) > NIGHT:
        return None
    return int(m[1]) * 60 + int(m[2])


MAX_MINUTES = 31 * 24 * 60
MAX_SESSIONS = 20_000  # a congress has about 1,000; a book of 20,000 would be 10,000 pages


def duration(text: str) -> int | None:
    """ "01:30" or "1:30" or "90" (minutes) → 90."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{1,6}", text):
        minutes_ = int(text)
    elif m := re.fullmatch(r"(\d{1,4}):(\d{2})(?::\d{2})?", text):
        minutes_ = int(m[1]) * 60 + int(m[2])
    else:
        return None
    return minutes_ if minutes_ <= MAX_MINUTES else None  # a session of over a month: not a duration


def zone_of(p: Programme, where: str, value, fallback: str) -> str:
    """The zone a source names, checked; an unknown one is a problem at ``where`` (the fallback is
    used meanwhile, so the rest of the file is still read and its problems found)."""
    if value in (None, ""):
        return fallback
    if known_zone(value) is None:
        p.fail(where, f"`{str(value)[:80]}` is not a time zone", "name it as the IANA database does: Europe/Berlin")
        return fallback
    return value


def local(moment: datetime, zone: str) -> datetime:
    """An aware moment in the event's zone; a naive one is taken as already local."""
    return moment.astimezone(ZoneInfo(zone)) if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))


def placed(p: Programme, where: str, ident: str, moment: datetime, zone: str, after: int = 0) -> datetime | None:
    """``moment`` plus ``after`` minutes, in the event's zone; None, and a problem at ``where``,
    when its year is one no event has (time-zone arithmetic near the year 9999 overflows)."""
    if not YEARS[0] <= moment.year <= YEARS[1]:
        p.fail(
            where,
            f"session `{ident}` is dated in the year {moment.year}, which is not a plausible year for an event",
            f"check the date: the years {YEARS[0]} to {YEARS[1]} are accepted",
        )
        return None
    if p.local:
        moment = moment.replace(tzinfo=None)
    return local(moment + timedelta(minutes=after), zone)
