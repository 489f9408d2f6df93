"""The columns of a programme sheet, and what a row's cells become beyond its time and title.

:data:`COLUMNS` are the headers ``book import`` reads (in English or Korean)
and ``book export`` writes, with what each holds. The first ones are what a
person types; the rest are what an export adds so that a sheet read back is
the same programme: other-language names, short titles, multi-day items,
organisers, and what the schedule tool called the session. A person's cell
may name their id after the name, ``이용섭 [lee-yongsup]``; without one the
id comes from the name.
"""

from __future__ import annotations

import re
from itertools import zip_longest

from ..model import Text
from .common import Programme, in_language, slug

# key, Korean header, what it holds, example
COLUMNS = (
    (
        "id",
        "아이디",
        "The session's id: letters, digits and '-'. Keep it when the sheet changes: "
        "a re-import matches sessions by it.",
        "opening",
    ),
    ("date", "날짜", "The date, YYYY-MM-DD (or a date cell).", "2021-10-07"),
    ("start", "시작", "The start time, HH:MM, in the event's time zone.", "17:30"),
    ("end", "종료", "The end time, HH:MM; 24:00 for midnight, 24:30 for half past midnight.", "18:00"),
    ("room", "장소", "The room's name, as the signs should print it; `all` for a session in every room.", "컨벤션홀"),
    ("category", "구분", "The kind of session (plenary, workshop…); one category per name.", "공식행사"),
    ("title_ko", "한국어 제목", "The title in Korean. Leave it empty for a talk given in English only.", "개회식"),
    (
        "title_en",
        "영어 제목",
        "The title in English. Leave it empty for a talk given in Korean only.",
        "Opening Ceremony",
    ),
    ("speakers", "발표자", "Speakers, separated by ';'.", "이용섭"),
    ("moderator", "좌장", "Moderators, separated by ';'.", ""),
    ("facilitator", "진행", "Facilitators, separated by ';'.", ""),
    ("host", "사회", "Hosts (MCs), separated by ';'.", ""),
    ("opening", "개회사", "Opening remarks, separated by ';'.", ""),
    ("remarks", "축사", "Congratulatory remarks, separated by ';'.", ""),
    ("discussant", "토론", "Discussants, separated by ';'.", ""),
    ("description_ko", "한국어 설명", "A description in Korean (Markdown).", ""),
    ("description_en", "영어 설명", "A description in English (Markdown).", ""),
    ("online_url", "온라인 링크", "The online link (https://…), printed as a QR code on the day sheet.", ""),
    # What `book export` writes too, so that a sheet read back is the same programme:
    ("end_date", "종료일", "The last day of an item over several days; its start and end may stay empty.", ""),
    ("short_ko", "한국어 짧은 제목", "The title the glance grid prints, in Korean (else the title).", ""),
    ("short_en", "영어 짧은 제목", "The title the glance grid prints, in English (else the title).", ""),
    ("category_ko", "구분 (한국어)", "The category's name in Korean, when `category` holds its id.", ""),
    ("category_en", "구분 (영어)", "The category's name in English, when `category` holds its id.", ""),
    ("tag_ko", "태그 (한국어)", "The category's short name on the glance grid, in Korean.", ""),
    ("tag_en", "태그 (영어)", "The category's short name on the glance grid, in English.", ""),
    ("colour", "색", "The category's colour, #RRGGBB.", ""),
    ("cmyk", "CMYK", "The category's colour for the press, four percentages: 90 60 15 25.", ""),
    ("room_ko", "장소 (한국어)", "The room's name in Korean, when `room` holds its id.", ""),
    ("room_en", "장소 (영어)", "The room's name in English, when `room` holds its id.", ""),
    ("organisers_ko", "주관 (한국어)", "Organisers in Korean, separated by ';' (in the order of organisers_en).", ""),
    ("organisers_en", "주관 (영어)", "Organisers in English, separated by ';'.", ""),
    ("language", "진행 언어", "The language it is given in, as a code: ko, en, de.", ""),
    ("interpretation", "통역", "Languages it is interpreted into, codes separated by ';'.", ""),
    ("subtitle", "부제", "A subtitle, printed under the title.", ""),
    ("full_description", "긴 설명", "A schedule tool's long description beside the abstract (kept, not printed).", ""),
    ("type", "유형", "The kind of session: talk, workshop, lightning…", ""),
    ("links", "링크", "Links, each `title <https://…>`, separated by ';'.", ""),
    ("url", "웹 페이지", "The session's page on the conference site.", ""),
    ("guid", "GUID", "The schedule tool's guid for it (attendee apps keep favourites by it).", ""),
    ("source_id", "원본 아이디", "Its id in the schedule tool, when `id` is another.", ""),
)
ROLE_COLUMNS = (
    ("moderator", "moderator"),
    ("facilitator", "facilitator"),
    ("host", "host"),
    ("opening", "opening"),
    ("remarks", "remarks"),
    ("speaker", "speakers"),
    ("discussant", "discussant"),
)
HEADERS = {h.casefold(): key for key, ko, _, _ in COLUMNS for h in (key, ko, key.replace("_", " "))}
REQUIRED = ("id", "date", "start", "end")


# The people sheet of an .xlsx export: each person's names and affiliations in both languages.
PEOPLE_COLUMNS = (
    ("id", "아이디", "The person's id, as the session rows name it.", ""),
    ("name_ko", "한국어 이름", "", ""),
    ("name_en", "영어 이름", "", ""),
    ("affiliation_ko", "한국어 소속", "", ""),
    ("affiliation_en", "영어 소속", "", ""),
    ("source_id", "원본 아이디", "Their id in the schedule tool.", ""),
    ("guid", "GUID", "", ""),
)
PERSON = re.compile(r"^(?P<name>.*?)\s*\[(?P<id>[^\[\]]+)\]\s*$")
LINK = re.compile(r"^(?P<title>.*?)\s*<(?P<url>https?://[^<>\s]+)>\s*$")


def _cell(value, key) -> str:
    return str(value.get(key, "") or "").strip()


def _list(value, key) -> list[str]:
    return [x.strip() for x in _cell(value, key).split(";") if x.strip()]


def person_cell(name: str, ident: str) -> str:
    """A person as a role cell writes them: the name, and the id when the name does not give it."""
    return name if slug(name, keep_hangul=True) == ident else f"{name} [{ident}]"


def row_people(p: Programme, value) -> dict[str, list]:
    """The people of each role, from their cells: ``name`` or ``name [id]``, separated by ';'."""
    out = {}
    for role, col in ROLE_COLUMNS:
        ids = []
        for entry in _list(value, col):
            m = PERSON.match(entry)
            ids.append(p.person(m["name"], ident=m["id"].strip()) if m else p.person(entry))
        out[role] = ids
    return out


def _named(value, key) -> Text:
    return Text(ko=_cell(value, f"{key}_ko") or None, en=_cell(value, f"{key}_en") or None)


def row_fields(p: Programme, value) -> dict:
    """The row's category and room (ids with their names when the sheet gives both, else from
    the name), and the session fields beyond the time and title, as keyword arguments."""
    category, room = _cell(value, "category") or "session", _cell(value, "room")
    if _named(value, "category"):
        ident = category
        p.categories.setdefault(ident, _category(ident, value))
    else:
        ident = p.category(category)
    if room.lower() == "all":
        where = "all"
    elif room and _named(value, "room"):
        from ..model import Room

        where = room
        p.rooms.setdefault(where, Room(where, _named(value, "room")))
    else:
        where = p.room(room)
    short = _named(value, "short")
    organisers = [
        Text(ko=ko if ko not in ("", "-") else None, en=en if en not in ("", "-") else None)
        for ko, en in zip_longest(_list(value, "organisers_ko"), _list(value, "organisers_en"), fillvalue="")
    ]
    links = tuple((m["title"], m["url"]) for m in (LINK.match(x) for x in _list(value, "links")) if m)
    return {
        "category": ident,
        "room": where,
        "short": short or None,
        "organisers": tuple(o for o in organisers if o),
        "language": _cell(value, "language") or None,
        "interpretation": tuple(_list(value, "interpretation")),
        "subtitle": in_language(_cell(value, "subtitle")),
        "full_description": in_language(_cell(value, "full_description")),
        "kind": _cell(value, "type") or None,
        "links": links,
        "url": _cell(value, "url") or None,
        "guid": _cell(value, "guid") or None,
        "source_id": _cell(value, "source_id") or None,
        "end_date": _cell(value, "end_date") or None,
    }


def _category(ident: str, value):
    """A category the row names by id, with its names and, where the row gives them, its style."""
    from ..model import Category

    tag, colour = _named(value, "tag"), _cell(value, "colour")
    try:
        cmyk = tuple(float(x) for x in _cell(value, "cmyk").split()) or None
    except ValueError:
        cmyk = None
    cmyk = cmyk if cmyk and len(cmyk) == 4 else None
    given = frozenset(k for k, v in (("tag", tag), ("colour", colour), ("cmyk", cmyk)) if v)
    return Category(ident, _named(value, "category"), colour, cmyk, tag, given)


def people_sheet(p: Programme, rows: list[list]) -> None:
    """Each person of the people sheet the sessions name: their names, affiliations and ids."""
    from dataclasses import replace

    if not rows:
        return
    keys = [str(h or "").strip() for h in rows[0]]
    for row in rows[1:]:
        value = {k: ("" if v is None else str(v)) for k, v in zip(keys, row, strict=False)}
        ident = value.get("id", "").strip()
        if ident in p.people:
            p.people[ident] = replace(
                p.people[ident],
                name=_named(value, "name") or p.people[ident].name,
                affiliation=_named(value, "affiliation"),
                source_id=_cell(value, "source_id") or None,
                guid=_cell(value, "guid") or None,
            )
