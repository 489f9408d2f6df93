"""The record files of an event folder: categories, rooms, people, sessions.

Each is a YAML list of records with unique ids (book/source/files.py); every
field is checked with :class:`~book.source.reader.Reader` and references
between records (a session's category, room and people) are resolved, with
the nearest known id suggested for a typo.
"""

from __future__ import annotations

from dataclasses import replace

from .colour import DEFAULT_PALETTE, too_close
from .files import check_image, check_svg, image_path, load_records
from .model import (
    ALL_ROOMS,
    Category,
    Person,
    Room,
    Text,
    language_of,
)
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
    given = frozenset(k for k in ("colour", "cmyk", "tag") if k in m)
    return Category(ident, label, colour or "", cmyk, tag, given)


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
    group = r.text(m.get("group"), "room group", translated=False) if "group" in m else None
    return Room(ident, r.text(m.get("name"), "room name"), group)


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
        r.string(m["source_id"], "source_id") if "source_id" in m else None,
        r.string(m["guid"], "guid") if "guid" in m else None,
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
    return load_records(folder, f, texts, langs, "rooms.yaml", "room", ("id", "name", "group"), ("id", "name"), _room)


def load_people(folder, f, texts, langs) -> dict[str, Person]:
    return load_records(
        folder,
        f,
        texts,
        langs,
        "people.yaml",
        "person",
        ("id", "name", "affiliation", "country", "sort_as", "bio", "photo", "source_id", "guid"),
        ("id", "name"),
        _person,
    )
