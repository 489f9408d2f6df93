"""Load and check an event folder into the typed model.

``load_event(folder)`` reads ``event.yaml``, ``categories.yaml``,
``rooms.yaml`` (optional), ``people.yaml`` (optional), ``sessions.yaml`` and
``concept.yaml`` (optional), checks every field, and returns the
:class:`~book.model.Event` with the list of findings. Each finding points at
the file, line and column the user edited. The field-level reading lives in
:mod:`book.reader`.
"""
from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import Findings
from .model import (ROLES, Block, Category, ConceptSection, Event, Person,
                    Room, Session, Text)
from .reader import (COLOUR_RE, EDITION_NAMES, GS_CMYK, LANGS, PAGE_SIZES, PRESS_DEFAULTS, URL_RE, Loaded,
                     Reader, TextSource, _LANG_NAME, _list_file, _load_records, _number, _read, _unique,
                     check_image,
                     image_path)
from .yamlsrc import LDict, LStr

__all__ = ["load_event", "Loaded", "TextSource", "GS_CMYK", "LANGS"]

def load_event(folder: Path) -> Loaded:
    folder = Path(folder)
    f = Findings(folder)
    texts: list[TextSource] = []
    if not folder.is_dir():
        f.error(folder, (1, 1), f"{folder} is not a folder", "give the path of an event folder, e.g. data/whrcf2021")
        return Loaded(None, f, texts)

    path, doc = _read(folder, "event.yaml", f)
    if doc is None:
        if path.exists() and not f.items:
            f.error(path, (1, 1), "event.yaml is empty", "start from data/whrcf2021/event.yaml")
        return Loaded(None, f, texts)
    r = Reader(path, f, texts, LANGS)
    ev = r.mapping(doc, "event.yaml")
    if ev is None:
        return Loaded(None, f, texts)
    allowed = {"id", "edition", "name", "short_name", "theme", "venue", "city", "timezone", "languages",
               "period", "programme_range", "hosts", "organisers", "book", "data_version",
               "also_show_timezone", "day_sheets", "room_signs", "logo", "press"}
    r.keys(ev, allowed, ("id", "name", "timezone", "period"), "event.yaml")
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
    tz = r.string(ev.get("timezone"), "timezone") or "Asia/Seoul"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        r.err(ev.get("timezone"), f"unknown time zone `{tz}`", "use an IANA name such as Asia/Seoul")
        tz = "Asia/Seoul"
    also_tz = r.string(ev.get("also_show_timezone"), "also_show_timezone", required=False) if "also_show_timezone" in ev else None
    if also_tz:
        try:
            ZoneInfo(also_tz)
        except (ZoneInfoNotFoundError, ValueError):
            r.err(ev.get("also_show_timezone"), f"unknown time zone `{also_tz}`", "use an IANA name such as Europe/Brussels")
            also_tz = None

    def date_range(key, default=None):
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

    period = date_range("period") or (date.today(), date.today())
    prange = date_range("programme_range", period)
    if prange[0] > period[0] or prange[1] < period[1]:
        r.err(ev.get("programme_range"), "programme_range must include the whole period",
              f"make it start on or before {period[0]} and end on or after {period[1]}")

    book = ev.get("book")
    page_size, book_title = "A5", Text(ko="프로그램 북", en="Programme Book")
    if book is not None and r.mapping(book, "book") is not None:
        r.keys(book, ("page_size", "title"), (), "book")
        if "page_size" in book:
            page_size = r.string(book["page_size"], "book.page_size") or "A5"
            if page_size not in PAGE_SIZES:
                r.err(book["page_size"], f"unknown page size `{page_size}`", "use one of " + ", ".join(PAGE_SIZES))
                page_size = "A5"
        if "title" in book:
            book_title = r.text(book["title"], "book.title")

    def paper(node, what, default):
        value = r.string(node, what) or default
        size, _, orientation = value.partition(" ")
        if size not in PAGE_SIZES or orientation not in ("", "portrait", "landscape"):
            r.err(node, f"unknown paper `{value}`", "use A3, A4, A5, B5 or letter, optionally followed by landscape")
            return default
        return value

    day_sheets = {"paper": "A4", "editions": ("ko+en",)}
    if "day_sheets" in ev and r.mapping(ev["day_sheets"], "day_sheets") is not None:
        node = ev["day_sheets"]
        r.keys(node, ("paper", "editions"), (), "day_sheets")
        if "paper" in node:
            day_sheets["paper"] = paper(node["paper"], "day_sheets.paper", "A4")
        if "editions" in node:
            eds = tuple(str(x) for x in r.seq(node["editions"], "day_sheets.editions"))
            for ed in eds:
                if ed not in EDITION_NAMES:
                    r.err(node["editions"], f"unknown edition `{ed}`", "use ko+en, ko or en")
            day_sheets["editions"] = tuple(ed for ed in eds if ed in EDITION_NAMES) or ("ko+en",)
    room_signs = {"paper": "A4 landscape"}
    if "room_signs" in ev and r.mapping(ev["room_signs"], "room_signs") is not None:
        r.keys(ev["room_signs"], ("paper",), (), "room_signs")
        if "paper" in ev["room_signs"]:
            room_signs["paper"] = paper(ev["room_signs"]["paper"], "room_signs.paper", "A4 landscape")

    press = _press(r, folder, ev.get("press"))
    logo = None
    if "logo" in ev and r.mapping(ev["logo"], "logo") is not None:
        node = ev["logo"]
        r.keys(node, ("file", "width_mm"), ("file", "width_mm"), "logo")
        width = _number(r, node.get("width_mm"), "logo.width_mm", 5, 200)
        path = image_path(r, folder, node.get("file"), "logo.file")
        if path and width:
            check_image(r, node["file"], path, width)
            logo = (str(path), width)

    def texts_list(key):
        return tuple(r.text(item, f"{key} item") for item in r.seq(ev.get(key), key))

    event_id = r.ident(ev.get("id"), "id") or folder.name
    name = r.text(ev.get("name"), "name")
    short_name = r.text(ev.get("short_name"), "short_name") if "short_name" in ev else name
    theme = r.text(ev.get("theme"), "theme") if "theme" in ev else Text()
    venue = r.text(ev.get("venue"), "venue") if "venue" in ev else Text()
    city = r.text(ev.get("city"), "city") if "city" in ev else Text()
    hosts, organisers = texts_list("hosts"), texts_list("organisers")
    data_version = r.string(ev.get("data_version"), "data_version", required=False) if "data_version" in ev else None

    categories = _load_categories(folder, f, texts, r.langs)
    rooms = _load_rooms(folder, f, texts, r.langs)
    people = _load_people(folder, f, texts, r.langs)
    sessions = _load_sessions(folder, f, texts, r.langs, categories, rooms, people, period, prange)
    concept = _load_concept(folder, f, texts, r.langs)

    event = Event(
        id=event_id, folder=str(folder), edition=edition, name=name, short_name=short_name, theme=theme,
        venue=venue, city=city, timezone=tz, languages=r.langs, period=period, programme_range=prange,
        hosts=hosts, organisers=organisers, page_size=page_size, book_title=book_title,
        data_version=data_version or "", also_show_timezone=also_tz, logo=logo, day_sheets=day_sheets,
        room_signs=room_signs, press=press, categories=categories, rooms=rooms,
        people=people, sessions=sessions, concept=concept,
    )
    return Loaded(event, f, texts)


def _press(r: Reader, folder: Path, node) -> dict:
    """Print settings for the press edition, with the shop's profile if given."""
    press = dict(PRESS_DEFAULTS)
    if node is None or r.mapping(node, "press") is None:
        return press
    r.keys(node, tuple(PRESS_DEFAULTS), (), "press")
    choices = {"variant": ("pdf/x-4", "pdf/x-1a"), "binding": ("saddle-stitch", "perfect"),
               "proof": ("A4", "A3", "none")}
    for key, allowed in choices.items():
        if key in node:
            value = r.string(node[key], f"press.{key}")
            if value not in allowed:
                r.err(node[key], f"press.{key} `{value}` is not one of {', '.join(allowed)}",
                      f"use {' or '.join(allowed)}")
            else:
                press[key] = None if value == "none" else value
    if "editions" in node:
        eds = tuple(str(x) for x in r.seq(node["editions"], "press.editions"))
        bad = [e for e in eds if e not in EDITION_NAMES]
        if bad:
            r.err(node["editions"], f"unknown edition `{bad[0]}`", "use ko+en, ko or en")
        press["editions"] = tuple(e for e in eds if e in EDITION_NAMES)
    if "bleed_mm" in node:
        press["bleed_mm"] = _number(r, node["bleed_mm"], "press.bleed_mm", 0, 10) or press["bleed_mm"]
    if "paper_mm" in node:
        press["paper_mm"] = _number(r, node["paper_mm"], "press.paper_mm", 0.03, 1) or press["paper_mm"]
    if "marks" in node:
        value = str(node["marks"]).lower()
        if value not in ("true", "false", "yes", "no"):
            r.err(node["marks"], "press.marks must be true or false", "write `marks: false` for no crop marks")
        press["marks"] = value in ("true", "yes")
    if "icc" in node:
        path = image_path(r, folder, node["icc"], "press.icc")
        if path:
            press["icc"] = str(path)
    return press


def _category(r: Reader, m, ident) -> Category:
    label = r.text(m.get("label"), "category label")
    colour = str(m.get("colour", "#777777")).strip()
    if "colour" in m and not COLOUR_RE.match(colour):
        r.err(m["colour"], f"colour `{colour}` is not a hex colour", "write it as \"#1F4E79\" (in quotes)")
        colour = "#777777"
    cmyk = None
    if "cmyk" in m:
        try:
            cmyk = tuple(float(x) for x in r.seq(m["cmyk"], "cmyk"))
            if len(cmyk) != 4 or not all(0 <= x <= 100 for x in cmyk):
                raise ValueError
        except ValueError:
            r.err(m["cmyk"], "cmyk must be four percentages from 0 to 100", "e.g. [90, 60, 15, 25]")
            cmyk = None
    return Category(ident, label, colour, cmyk)


def _room(r: Reader, m, ident) -> Room:
    return Room(ident, r.text(m.get("name"), "room name"))


def _person(r: Reader, m, ident) -> Person:
    # Names and affiliations are not translations: one language is enough.
    def optional(key, what):
        return r.text(m.get(key), what, translated=False) if key in m else Text()
    return Person(ident, r.text(m.get("name"), "person name", translated=False),
                  optional("affiliation", "affiliation"), optional("country", "country"),
                  r.string(m["sort_as"], "sort_as") if "sort_as" in m else None)


def _load_categories(folder, f, texts, langs) -> dict[str, Category]:
    return _load_records(folder, f, texts, langs, "categories.yaml", "category", ("id", "label", "colour", "cmyk"),
                         ("id", "label", "colour"), _category, file_required=True)


def _load_rooms(folder, f, texts, langs) -> dict[str, Room]:
    return _load_records(folder, f, texts, langs, "rooms.yaml", "room", ("id", "name"), ("id", "name"), _room)


def _load_people(folder, f, texts, langs) -> dict[str, Person]:
    return _load_records(folder, f, texts, langs, "people.yaml", "person",
                         ("id", "name", "affiliation", "country", "sort_as"), ("id", "name"), _person)


SESSION_KEYS = ("id", "category", "short", "title", "description", "date", "end_date", "start", "end",
                "room", "people", "organisers", "online_url", "interpretation")


def _load_sessions(folder, f, texts, langs, categories, rooms, people, period, prange):
    r, items = _list_file(folder, "sessions.yaml", f, texts, langs, True)
    out, seen = [], {}
    for item in items:
        m = r.mapping(item, "a session")
        if m is None:
            continue
        r.keys(m, SESSION_KEYS, ("id", "category", "short", "title", "date"), "a session")
        ident = r.ident(m.get("id"), "session id")
        cat = r.string(m.get("category"), "category") if "category" in m else None
        if cat and categories and cat not in categories:
            close = difflib.get_close_matches(cat, list(categories), n=1)
            r.err(m["category"], f"unknown category `{cat}`",
                  f"did you mean `{close[0]}`?" if close else "define it in categories.yaml")
        short = r.text(m.get("short"), "short name")
        title = r.text(m.get("title"), "title")
        desc = r.text(m.get("description"), "description") if "description" in m else Text()
        day = r.date(m["date"], "date") if "date" in m else None
        end_date = r.date(m["end_date"], "end_date") if "end_date" in m else None
        start = r.time(m["start"], "start") if "start" in m else None
        end = r.time(m["end"], "end") if "end" in m else None
        if start == 1440:
            r.err(m["start"], "a session cannot start at 24:00", "use 00:00 on the next day")
            start = None
        if end_date is None and ("start" in m) != ("end" in m):
            r.err(m, "a session with a start needs an end, and the other way round", "add the missing time")
        if start is not None and end is not None and end <= start and end_date is None:
            r.err(m["end"], f"the session ends ({m['end']}) before it starts ({m['start']})",
                  "check the times; a session ending at midnight ends at 24:00")
        if day and end_date and end_date < day:
            r.err(m["end_date"], f"end_date {end_date} is before the date {day}", "check the dates")
        for d, key in ((day, "date"), (end_date, "end_date")):
            if d and not (prange[0] <= d <= prange[1]):
                r.err(m[key], f"{key} {d} is outside the event's programme range ({prange[0]} to {prange[1]})",
                      "fix the date, or widen period / programme_range in event.yaml")
        room = r.string(m.get("room"), "room") if "room" in m else None
        if room and room not in rooms:
            close = difflib.get_close_matches(room, list(rooms), n=1)
            r.err(m["room"], f"unknown room `{room}`",
                  f"did you mean `{close[0]}`?" if close else "define it in rooms.yaml")
        roles = {}
        if "people" in m and r.mapping(m["people"], "people") is not None:
            r.keys(m["people"], ROLES, (), "people")
            for role in ROLES:
                ids = []
                for pid_node in r.seq(m["people"].get(role), role):
                    pid = r.string(pid_node, f"{role} id")
                    if pid and pid not in people:
                        close = difflib.get_close_matches(pid, list(people), n=1)
                        r.err(pid_node, f"unknown person `{pid}`",
                              f"did you mean `{close[0]}`?" if close else "add them to people.yaml")
                    elif pid:
                        ids.append(pid)
                if ids:
                    roles[role] = tuple(ids)
        organisers = tuple(r.text(o, "organiser", translated=False) for o in r.seq(m.get("organisers"), "organisers"))
        url = r.string(m.get("online_url"), "online_url") if "online_url" in m else None
        if url and not URL_RE.match(url):
            r.err(m["online_url"], f"online_url `{url}` is not a web address", "write the full https:// address")
            url = None
        interp = tuple(str(x) for x in r.seq(m.get("interpretation"), "interpretation"))
        if not _unique(r, seen, ident, m, "session") or day is None or cat is None:
            continue
        out.append(Session(
            id=ident, category=cat, short=short, title=title, date=day, end_date=end_date, start=start, end=end,
            room=room, description=desc, people=roles, organisers=organisers, online_url=url,
            interpretation=interp, source=(str(r.path), m.pos[0]),
        ))
    _check_clashes(r, out)
    return tuple(out)


def _check_clashes(r: Reader, sessions):
    timed = [s for s in sessions if s.start is not None and s.end is not None and not s.spans_days]
    for i, a in enumerate(timed):
        for b in timed[i + 1:]:
            if a.date != b.date or not (a.start < b.end and b.start < a.end):
                continue
            if a.room and a.room == b.room:
                r.f.error(r.path, (b.source[1], 3), f"sessions `{a.id}` and `{b.id}` are in room `{a.room}` at overlapping times",
                          "move one of them to another room or time")
            for role_a in a.people.values():
                for pid in role_a:
                    if any(pid in ids for ids in b.people.values()):
                        r.f.warning(r.path, (b.source[1], 3),
                                    f"`{pid}` is booked in `{a.id}` and `{b.id}` at overlapping times",
                                    "check the programme; ignore if they really move between them")


def _load_concept(folder, f, texts, langs) -> tuple[ConceptSection, ...]:
    r, items = _list_file(folder, "concept.yaml", f, texts, langs, False)
    out = []
    for item in items:
        m = r.mapping(item, "a concept-note section")
        if m is None:
            continue
        r.keys(m, ("id", "heading", "ko", "en"), ("id", "heading"), "a concept-note section")
        ident = r.ident(m.get("id"), "section id") or "section"
        heading = r.text(m.get("heading"), "section heading", role="prose")
        blocks = {}
        for lang in LANGS:
            if lang not in m:
                if lang in langs:
                    r.err(m, f"concept-note section `{ident}` has no {_LANG_NAME[lang]} text (`{lang}`)",
                          f"add `{lang}:` with the paragraphs")
                continue
            lang_blocks = []
            for b in r.seq(m[lang], f"{ident}.{lang}"):
                if isinstance(b, LDict) and "list" not in b and len(b) == 1:
                    r.err(b, "this paragraph contains `: ` and YAML read it as a key",
                          "put the whole paragraph in double quotes")
                    continue
                if isinstance(b, LDict):
                    r.keys(b, ("list",), ("list",), "a list block")
                    entries = tuple(x for x in (r.string(i, "list item", "prose") for i in r.seq(b.get("list"), "list")) if x)
                    lang_blocks.append(Block(items=entries))
                else:
                    text = r.string(b, "paragraph", "prose")
                    if text:
                        lang_blocks.append(Block(text=text))
            blocks[lang] = tuple(lang_blocks)
        if "ko" in blocks and "en" in blocks and len(blocks["ko"]) != len(blocks["en"]):
            r.warn(m, f"concept-note section `{ident}` has {len(blocks['ko'])} Korean and {len(blocks['en'])} English blocks",
                   "keep the paragraphs aligned one to one so the pairs line up")
        out.append(ConceptSection(ident, heading, blocks))
    return tuple(out)
