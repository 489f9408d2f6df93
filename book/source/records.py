"""The record files of an event folder: categories, rooms, people, sessions.

Each is a YAML list of records with unique ids (book/source/files.py); every
field is checked with :class:`~book.source.reader.Reader` and references
between records (a session's category, room and people) are resolved, with
the nearest known id suggested for a typo.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from .colour import DEFAULT_PALETTE, too_close
from .files import check_image, check_svg, image_path, list_file, load_records, unique
from .model import ALL_ROOMS, LANGS, ROLES, Category, Person, Room, Session, Text, language_of
from .reader import COLOUR_RE, Reader


def _category(r: Reader, m, ident) -> Category:
    label = r.text(m.get("label"), "category label")
    tag = r.text(m.get("tag"), "category tag") if "tag" in m else short_tag(label)
    colour = str(m.get("colour", "")).strip() or None
    if colour and not COLOUR_RE.match(colour):
        r.err(m["colour"], f"colour `{colour}` is not a hex colour", 'write it as "#1F4E79" (in quotes)')
        colour = None
    cmyk = None
    if "cmyk" in m:
        try:
            cmyk = tuple(float(x) for x in r.seq(m["cmyk"], "cmyk"))
            if len(cmyk) != 4 or not all(0 <= x <= 100 for x in cmyk):
                raise ValueError
        except ValueError:
            r.err(m["cmyk"], "cmyk must be four percentages from 0 to 100", "e.g. [90, 60, 15, 25]")
            cmyk = None
    return Category(ident, label, colour or "", cmyk, tag)


def short_tag(label: Text) -> Text:
    """The tag a glance cell prints for a category that gives none: a short
    label as it is, a long one cut to its first word (English) or its first
    four letters (Korean)."""

    def cut(text: str | None, lang: str) -> str | None:
        if not text:
            return text
        if lang == "ko" or language_of(text) == "ko":
            return text if len(text.replace(" ", "")) <= 4 else text.replace(" ", "")[:4]
        return text if len(text) <= 10 else text.split()[0]

    return Text(ko=cut(label.ko, "ko"), en=cut(label.en, "en"))


def _room(r: Reader, m, ident) -> Room:
    if ident == ALL_ROOMS:
        r.err(m.get("id"), "the room id `all` is kept for sessions across every room", "give this room another id")
    return Room(ident, r.text(m.get("name"), "room name"))


def _person(r: Reader, m, ident) -> Person:
    # Names and affiliations are not translations: one language is enough.
    def optional(key, what):
        return r.text(m.get(key), what, translated=False) if key in m else Text()

    bio = r.text(m["bio"], "bio", role="prose") if "bio" in m else Text()
    photo = image_path(r, folder_of(r), m["photo"], "photo") if "photo" in m else None
    if photo:
        (check_svg if photo.suffix.lower() == ".svg" else check_image)(r, m["photo"], photo)
    if "photo" in m and not bio:
        r.warn(
            m["photo"],
            f"`{ident}` has a photo but no bio: the Speakers section lists only people with a bio",
            "add `bio: {ko: …, en: …}`, or remove the photo",
        )
    return Person(
        ident,
        r.text(m.get("name"), "person name", translated=False),
        optional("affiliation", "affiliation"),
        optional("country", "country"),
        r.string(m["sort_as"], "sort_as") if "sort_as" in m else None,
        bio,
        str(photo) if photo else None,
    )


def folder_of(r: Reader):
    return r.path.parent


def load_categories(folder, f, texts, langs) -> dict[str, Category]:
    """The categories; one without a colour takes the default palette's colour of its place."""
    where = {}

    def make(r, m, ident):
        where[ident] = (r, m.get("colour", m.get("id")))
        return _category(r, m, ident)

    found = load_records(
        folder,
        f,
        texts,
        langs,
        "categories.yaml",
        "category",
        ("id", "label", "tag", "colour", "cmyk"),
        ("id", "label"),
        make,
        file_required=True,
    )
    out = {}
    for i, (ident, c) in enumerate(found.items()):
        if not c.colour:
            colour, cmyk = DEFAULT_PALETTE[i % len(DEFAULT_PALETTE)]
            c = replace(c, colour=colour, cmyk=c.cmyk or cmyk)
        out[ident] = c
    close = too_close({ident: c.colour for ident, c in out.items()})
    if close:
        reader, node = where[close[0][1]]
        pairs = ", ".join(f"`{a}` and `{b}` ({step:.0f})" for a, b, step in close[:3])
        more = f" and {len(close) - 3} more pairs" if len(close) > 3 else ""
        reader.warn(
            node,
            f"categories look alike on a photocopy or to a colour-blind reader: {pairs}{more} differ "
            "by less than 10 in lightness (CIELAB L*)",
            "make each pair differ by 10 or more (a lighter or darker colour); the default palette, for "
            "categories without `colour`, does for up to 8 categories",
        )
    return out


def load_rooms(folder, f, texts, langs) -> dict[str, Room]:
    return load_records(folder, f, texts, langs, "rooms.yaml", "room", ("id", "name"), ("id", "name"), _room)


def load_people(folder, f, texts, langs) -> dict[str, Person]:
    return load_records(
        folder,
        f,
        texts,
        langs,
        "people.yaml",
        "person",
        ("id", "name", "affiliation", "country", "sort_as", "bio", "photo"),
        ("id", "name"),
        _person,
    )


SESSION_KEYS = (
    "id",
    "category",
    "short",
    "title",
    "description",
    "date",
    "end_date",
    "start",
    "end",
    "room",
    "people",
    "organisers",
    "online_url",
    "interpretation",
    "language",
)


def load_sessions(folder, f, texts, langs, categories, rooms, people, prange):
    r, items = list_file(folder, "sessions.yaml", f, texts, langs, True)
    out, seen = [], {}
    for m in r.records(items, "a session", SESSION_KEYS, ("id", "category", "title", "date")):
        ident = r.ident(m.get("id"), "session id")
        cat = r.string(m.get("category"), "category") if "category" in m else None
        if cat and categories and cat not in categories and "categories.yaml" not in f.unreadable:
            close = difflib.get_close_matches(cat, list(categories), n=1)
            r.err(
                m["category"],
                f"unknown category `{cat}`",
                f"did you mean `{close[0]}`?" if close else "define it in categories.yaml",
            )
        title = r.text(m.get("title"), "title")
        short = r.text(m["short"], "short name") if "short" in m else title
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
            r.err(
                m["end"],
                f"the session ends ({m['end']}) before it starts ({m['start']})",
                "check the times; a session ending at midnight ends at 24:00",
            )
        if day and end_date and end_date < day:
            r.err(m["end_date"], f"end_date {end_date} is before the date {day}", "check the dates")
        for d, key in ((day, "date"), (end_date, "end_date")):
            if d and not (prange[0] <= d <= prange[1]):
                r.err(
                    m[key],
                    f"{key} {d} is outside the event's programme range ({prange[0]} to {prange[1]})",
                    "fix the date, or widen period / programme_range in event.yaml",
                )
        room = r.string(m.get("room"), "room") if "room" in m else None
        if room and room not in rooms and room != ALL_ROOMS and "rooms.yaml" not in f.unreadable:
            close = difflib.get_close_matches(room, list(rooms), n=1)
            r.err(
                m["room"],
                f"unknown room `{room}`",
                f"did you mean `{close[0]}`?" if close else "define it in rooms.yaml",
            )
        roles = {}
        if "people" in m and r.mapping(m["people"], "people") is not None:
            r.keys(m["people"], ROLES, (), "people")
            for role in ROLES:
                ids = []
                for pid_node in r.seq(m["people"].get(role), role):
                    pid = r.string(pid_node, f"{role} id")
                    if pid and pid not in people and "people.yaml" not in f.unreadable:
                        close = difflib.get_close_matches(pid, list(people), n=1)
                        r.err(
                            pid_node,
                            f"unknown person `{pid}`",
                            f"did you mean `{close[0]}`?" if close else "add them to people.yaml",
                        )
                    elif pid:
                        ids.append(pid)
                if ids:
                    roles[role] = tuple(ids)
        organisers = tuple(r.text(o, "organiser", translated=False) for o in r.seq(m.get("organisers"), "organisers"))
        url = r.url(m["online_url"], "online_url") if "online_url" in m else None
        interp = tuple(str(x) for x in r.seq(m.get("interpretation"), "interpretation"))
        language = r.string(m["language"], "language") if "language" in m else None
        if language and language not in LANGS:
            r.err(
                m["language"],
                f"language `{language}` is not one of {', '.join(LANGS)}",
                "give the language the session is held in: ko or en",
            )
            language = None
        given = [lang for lang in LANGS if title.get(lang, fallback=False)]
        language = language or (given[0] if len(given) == 1 else None)
        if not unique(r, seen, ident, m, "session") or day is None or cat is None:
            continue
        out.append(
            Session(
                id=ident,
                category=cat,
                short=short,
                title=title,
                date=day,
                end_date=end_date,
                start=start,
                end=end,
                room=room,
                description=desc,
                people=roles,
                organisers=organisers,
                online_url=url,
                interpretation=interp,
                language=language,
                source=(str(r.path), m.pos[0]),
            )
        )
    return tuple(out)
