"""What the book's fonts cannot print, made printable on import, each change a warning.

Real schedules carry emoji ("Social 🍻"), the invisible selectors that
follow them (U+FE0F), joiners and skin-tone modifiers, and now and then a
rare script's mark in a name. None of it should refuse the file. An
invisible selector is dropped; a character no font of the book has is
replaced by its name between colons (``:clinking beer mugs:``), the way
chat tools write an emoji as text. Each character is named once, at the
first session that has it, with the source's file and line.

``covered`` says whether the book's fonts print a character; the caller
gives it (book/typeset/fonts.py), so this stage reads no font itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from ..model import Text
from .common import Programme

TEXTS = ("short", "title", "description", "subtitle", "full_description")
INVISIBLE = {0x200D, 0x20E3} | set(range(0xFE00, 0xFE10)) | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))


def clean(p: Programme, covered: Callable[[str], bool]) -> Programme:
    """The programme with every text printable; a warning per character changed."""
    named: set[str] = set()

    def fix(value, where: str):
        if isinstance(value, Text):
            return Text(ko=fix(value.ko, where), en=fix(value.en, where))
        if not isinstance(value, str) or all(c.isspace() or c.isascii() or covered(c) for c in value):
            return value
        out = []
        for c in value:
            if c.isspace() or c.isascii() or covered(c):
                out.append(c)
                continue
            invisible = ord(c) in INVISIBLE or unicodedata.category(c) in ("Mn", "Cf")
            name = unicodedata.name(c, f"U+{ord(c):04X}").lower()
            if c not in named:
                named.add(c)
                done = (
                    "dropped (it only changes how the character before it is drawn)"
                    if invisible
                    else (f"printed as its name, :{name}:")
                )
                p.warn(
                    where,
                    f"“{c}” (U+{ord(c):04X} {name.upper()}) is in no font the book uses: {done}",
                    "declare a font that has it in fonts/fonts.yaml, or edit the text in the source",
                )
            if not invisible:
                out.append(f":{name}:")
        return re.sub(" {2,}", " ", "".join(out)).strip()

    first_place: dict[str, str] = {}
    sessions = []
    for s in p.sessions:
        where = s.source[0]
        for ids in s.people.values():
            for pid in ids:
                first_place.setdefault(pid, where)
        first_place.setdefault(f"room:{s.room}", where)
        first_place.setdefault(f"category:{s.category}", where)
        change = {k: fix(getattr(s, k), where) for k in TEXTS}
        change["links"] = tuple((fix(t, where), u) for t, u in s.links)
        change["organisers"] = tuple(fix(o, where) for o in s.organisers)
        sessions.append(replace(s, **change))
    p.sessions = sessions
    fallback = f"{p.sessions[0].source[0].rsplit(':', 1)[0]}:1" if p.sessions else "source:1"
    for ident, person in p.people.items():
        at = first_place.get(ident, fallback)
        p.people[ident] = replace(person, name=fix(person.name, at), affiliation=fix(person.affiliation, at))
    for ident, room in p.rooms.items():
        p.rooms[ident] = replace(room, name=fix(room.name, first_place.get(f"room:{ident}", fallback)))
    for ident, cat in p.categories.items():
        at = first_place.get(f"category:{ident}", fallback)
        p.categories[ident] = replace(cat, label=fix(cat.label, at), tag=fix(cat.tag, at))
    p.name = fix(p.name, fallback)
    return p
