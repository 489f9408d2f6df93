"""People as a book files them: the index, in Korean book practice.

In the Korean and bilingual editions Hangul names come first, in 가나다
order, then Latin names A–Z; the English edition puts Latin names first. A
Latin name is filed by its family name: an all-capital word ("LEE Yong-sup")
is the family name, otherwise the last word is ("Jane Roe" under R).
``sort_as`` in people.yaml overrides both. The index is set in groups under
heads: ㄱ ㄴ ㄷ … for Hangul names (a doubled consonant files under its
single one: 김 and 꽃 under ㄱ), A B C … for Latin ones.
"""

from __future__ import annotations

import unicodedata

from ..source.model import Event, Person, language_of
from .common import person_anchor, runs, session_anchor, sort_key


def _plain(text: str) -> str:
    """Lower case without accents, for filing: "Niño" is filed as "nino"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def family_first(name: str) -> str:
    """A Latin name with its family name first: the all-capital word, else the last word."""
    words = name.split()
    if len(words) < 2:
        return name
    capitals = [w for w in words if len(w) > 1 and w.isupper() and w.isalpha()]
    family = capitals[0] if capitals else words[-1]
    rest = list(words)
    rest.remove(family)
    return " ".join([family, *rest])


def _filed(person: Person, lang: str) -> tuple[str, str, str]:
    name = person.name.get(lang) or ""
    script = language_of(name)
    return name, script, person.sort_as or (name if script == "ko" else family_first(name))


def filing_key(person: Person, lang: str) -> tuple:
    """Where ``person`` stands in the index of an edition led by ``lang``."""
    name, script, filed = _filed(person, lang)
    first = {"ko": ("ko", "en"), "en": ("en", "ko")}[lang]
    return (first.index(script), _plain(filed), _plain(name))


INITIALS = "ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ"  # the 19 initial consonants, doubled ones as single
JAMO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def group_head(person: Person, lang: str) -> str:
    """The index head a person is filed under: ㄱ for 김, K for "KIM Yong", # for a digit."""
    first = _filed(person, lang)[2].lstrip()[:1]
    if not first:
        return "#"
    code = ord(first) - 0xAC00
    if 0 <= code < 11172:
        return INITIALS[code // 588]
    if first in JAMO:
        return INITIALS[JAMO.index(first)]
    first = _plain(first)[:1]  # "Ñ" under N
    return first.upper() if first.isalpha() else "#"


def index_entries(event: Event, langs) -> list[dict]:
    """Every person who is in a session, in filing order, with their sessions."""
    people = []
    for pid, person in sorted(event.people.items(), key=lambda kv: filing_key(kv[1], langs[0])):
        refs = [
            {"anchor": session_anchor(s.id), "title": runs(s.short, langs[:1])}
            for s in sorted(event.sessions, key=lambda s: sort_key(s, event))
            if any(pid in ids for ids in s.people.values())
        ]
        if refs:
            people.append(
                {
                    "head": group_head(person, langs[0]),
                    "anchor": person_anchor(pid),
                    "name": runs(person.name, langs[:1]),
                    "affiliation": runs(person.affiliation, langs[:1]),
                    "refs": refs,
                }
            )
    return people


def index_groups(entries: list[dict]) -> list[dict]:
    """The entries under their heads, in filing order: [{"head": "ㄱ", "people": […]}, …]."""
    groups: list[dict] = []
    for entry in entries:
        if not groups or groups[-1]["head"] != entry["head"]:
            groups.append({"head": entry["head"], "people": []})
        groups[-1]["people"].append(entry)
    return groups
