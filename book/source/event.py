"""Load and check an event folder into the typed model.

``load_event(folder, blocks)`` reads ``event.yaml`` (with the settings
blocks the output kinds declare), then the record files (book/source/records.py),
the hand translations over the sessions (book/source/translations.py), the
concept note (book/source/concept.py), the free pages and greetings
(book/source/pages.py) and the sponsors and staff (book/source/sponsors.py), checks every field and returns
the :class:`~book.source.model.Event` with the list of findings. Each finding
points at the file, line and column the user edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import Findings
from .checks import check_clashes
from .concept import load_concept
from .files import check_image, check_svg, image_path, read_file, read_text
from .model import LANGS, Event, Text
from .pages import load_greetings, load_pages
from .reader import Reader, TextSource
from .records import load_categories, load_people, load_rooms
from .sessions import load_sessions
from .settings import Block
from .sponsors import load_sponsors, load_staff
from .translations import apply_translations
from .yamlsrc import LDict, LStr
from .zones import known_zone

SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
CORE_KEYS = (
    "id",
    "edition",
    "name",
    "short_name",
    "theme",
    "venue",
    "city",
    "timezone",
    "languages",
    "period",
    "programme_range",
    "hosts",
    "organisers",
    "data_version",
    "also_show_timezone",
    "logo",
    "cover_image",
)


@dataclass
class Loaded:
    event: Event | None
    findings: Findings
    texts: list[TextSource] = field(default_factory=list)


def load_event(folder: Path, blocks: tuple[Block, ...] = (), strict: bool = False) -> Loaded:
    """The event, and every finding; ``strict``: a missing translation is an error."""
    folder = Path(folder)
    f = Findings(folder)
    texts: list[TextSource] = []
    if not folder.is_dir():
        f.error(folder, (1, 1), f"{folder} is not a folder", "give the path of an event folder, e.g. data/whrcf2021")
        return Loaded(None, f, texts)

    path, doc = read_file(folder, "event.yaml", f)
    if doc is None:
        if path.exists() and not f.items:
            f.error(path, (1, 1), "event.yaml is empty", "start from data/whrcf2021/event.yaml")
        return Loaded(None, f, texts)
    r = Reader(path, f, texts, LANGS)
    ev = r.mapping(doc, "event.yaml")
    if ev is None:
        return Loaded(None, f, texts)
    r.keys(ev, set(CORE_KEYS) | {b.key for b in blocks}, ("id", "name", "timezone", "period"), "event.yaml")
    langs = tuple(str(x) for x in r.seq(ev.get("languages"), "languages")) or LANGS
    for lang in langs:
        if lang not in LANGS:
            r.err(ev.get("languages"), f"unsupported language `{lang}`", "use ko and/or en")
    r.langs = tuple(lang for lang in langs if lang in LANGS)

    edition = None
    if "edition" in ev:
        raw = ev["edition"]
        if isinstance(raw, LStr) and raw.strip().isdigit():
            edition = int(raw)
        else:
            r.err(raw, "edition must be a whole number", "e.g. `edition: 11`")
    tz = _zone(r, ev, "timezone", "Asia/Seoul") or "Asia/Seoul"
    also_tz = _zone(r, ev, "also_show_timezone", "Europe/Brussels") if "also_show_timezone" in ev else None
    period = _date_range(r, ev, "period") or (date.today(), date.today())
    prange = _date_range(r, ev, "programme_range", period)
    if prange[0] > period[0] or prange[1] < period[1]:
        r.err(
            ev.get("programme_range"),
            "programme_range must include the whole period",
            f"make it start on or before {period[0]} and end on or after {period[1]}",
        )

    settings = {block.key: block.read(r, ev.get(block.key), folder) for block in blocks}
    logo = None
    if "logo" in ev and r.mapping(ev["logo"], "logo") is not None:
        node = ev["logo"]
        r.keys(node, ("file", "width_mm"), ("file", "width_mm"), "logo")
        width = r.number(node.get("width_mm"), "logo.width_mm", 5, 200)
        path = image_path(r, folder, node.get("file"), "logo.file")
        if path and width:
            check_image(r, node["file"], path, width)
            logo = (str(path), width)

    def image(node, what) -> str | None:
        path = image_path(r, folder, node, what)
        if path:
            (check_svg if path.suffix.lower() == ".svg" else check_image)(r, node, path)
        return str(path) if path else None

    def texts_list(key):
        return tuple(r.text(item, f"{key} item") for item in r.seq(ev.get(key), key))

    def hosts_list():
        """The hosts, each ``{ko, en}`` or plain text, and its ``logo`` (for the back cover)."""
        names, logos = [], []
        for item in r.seq(ev.get("hosts"), "hosts"):
            logo = None
            if isinstance(item, LDict) and "logo" in item:
                logo = image(item["logo"], "hosts item logo")
                rest = LDict((k, v) for k, v in item.items() if k != "logo")
                rest.pos, rest.key_pos = item.pos, item.key_pos
                item = rest
            names.append(r.text(item, "hosts item"))
            logos.append(logo)
        return tuple(names), tuple(logos)

    cover_image = None
    if "cover_image" in ev and r.mapping(ev["cover_image"], "cover_image") is not None:
        r.keys(ev["cover_image"], ("file",), ("file",), "cover_image")
        cover_image = image(ev["cover_image"].get("file"), "cover_image.file")

    def optional_text(key):
        return r.text(ev.get(key), key) if key in ev else Text()

    # In the order the texts are met (the font check names the first place of a character).
    event_id = r.ident(ev.get("id"), "id") or folder.name
    if not SAFE_ID.match(event_id):  # it names the output folder
        r.err(
            ev.get("id"),
            f"the event id `{event_id}` cannot name a folder",
            "use letters, digits, '.', '-' and '_', starting with a letter or digit, e.g. pyconkr2018",
        )
        event_id = "event"
    name = r.text(ev.get("name"), "name")
    short_name = r.text(ev.get("short_name"), "short_name") if "short_name" in ev else Text()
    theme, venue, city = optional_text("theme"), optional_text("venue"), optional_text("city")
    (hosts, host_logos), organisers = hosts_list(), texts_list("organisers")
    data_version = r.string(ev.get("data_version"), "data_version", required=False) if "data_version" in ev else None
    categories = load_categories(folder, f, texts, r.langs)
    rooms = load_rooms(folder, f, texts, r.langs)
    people = load_people(folder, f, texts, r.langs)
    sessions = apply_translations(
        folder, f, texts, r.langs, load_sessions(folder, f, texts, r.langs, categories, rooms, people, prange)
    )
    check_clashes(f, sessions)
    event = Event(
        id=event_id,
        folder=str(folder),
        edition=edition,
        name=name,
        short_name=short_name,
        theme=theme,
        venue=venue,
        city=city,
        timezone=tz,
        languages=r.langs,
        period=period,
        programme_range=prange,
        hosts=hosts,
        organisers=organisers,
        data_version=data_version or "",
        also_show_timezone=also_tz,
        logo=logo,
        settings=settings,
        style=read_text(folder, "style.css", f),
        press_style=read_text(folder, "press.css", f),
        categories=categories,
        rooms=rooms,
        people=people,
        sessions=sessions,
        concept=load_concept(folder, f, texts, r.langs),
        pages=load_pages(folder, f, texts, r.langs),
        greetings=load_greetings(folder, f, texts, r.langs, people),
        sponsors=load_sponsors(folder, f, texts, r.langs),
        staff=load_staff(folder, f, texts, r.langs),
        cover_image=cover_image,
        host_logos=host_logos,
    )
    f.summarise_translations(strict)
    return Loaded(event, f, texts)


def _zone(r: Reader, ev, key: str, example: str) -> str | None:
    tz = r.string(ev.get(key), key, required=key == "timezone")
    if tz is None:
        return None
    if known_zone(tz) is None:
        r.err(ev.get(key), f"unknown time zone `{tz}`", f"use an IANA name such as {example}")
        return None
    return tz


def _date_range(r: Reader, ev, key: str, default=None):
    node = ev.get(key)
    if node is None:
        return default
    m = r.mapping(node, key)
    if m is None:
        return default
    r.keys(m, ("start", "end"), ("start", "end"), key)
    start = r.date(m["start"], f"{key}.start") if "start" in m else None
    end = r.date(m["end"], f"{key}.end") if "end" in m else None
    if start and end and end < start:
        r.err(m["end"], f"{key} ends ({end}) before it starts ({start})", "swap the dates or fix the year")
    return (start, end) if start and end else default
