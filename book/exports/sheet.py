"""The programme as a spreadsheet, ``.csv`` or ``.xlsx``, in the layout ``book import`` reads.

One row per session, multi-day items included, in every column of
book/source/imports/sheet_columns.py (English headers): both languages'
titles, short titles, room and category ids with their names, organisers,
and what the schedule tool called the session, so that importing the sheet
gives back the same programme. People are named in the event's first
language, with their id when the name does not give it (``이용섭 [lee-yongsup]``).
An ``.xlsx`` also has a ``people`` sheet with each person's names and
affiliations in both languages; a ``.csv`` cannot, and :func:`notes` says what
it leaves out. No cell is ever a formula a spreadsheet would run
(book/source/imports/formulas.py).
"""

from __future__ import annotations

import io

from defusedcsv import csv as defused_csv

from ..source.imports.formulas import to_csv
from ..source.imports.sheet_columns import COLUMNS, PEOPLE_COLUMNS, ROLE_COLUMNS, person_cell
from ..source.model import ALL_ROOMS
from .common import hm, one


def _sessions(event) -> list:
    return sorted(event.sessions, key=lambda s: (s.date, -1 if s.start is None else s.start, s.room or "", s.id))


def table(event) -> list[list[str]]:
    lang = event.languages[0]
    rows = [[key for key, *_ in COLUMNS]]
    for s in _sessions(event):
        room = event.rooms.get(s.room)
        cat = event.categories[s.category]
        value = {
            "id": s.id,
            "date": s.date.isoformat(),
            "end_date": s.end_date.isoformat() if s.end_date else "",
            "start": hm(s.start) if s.start is not None else "",
            "end": hm(s.end) if s.end is not None else "",
            "room": room.id if room else ("all" if s.room == ALL_ROOMS else ""),
            "room_ko": room.name.get("ko", False) or "" if room else "",
            "room_en": room.name.get("en", False) or "" if room else "",
            "category": cat.id,
            "category_ko": cat.label.get("ko", False) or "",
            "category_en": cat.label.get("en", False) or "",
            "tag_ko": (cat.tag.get("ko", False) or "") if "tag" in cat.given else "",
            "tag_en": (cat.tag.get("en", False) or "") if "tag" in cat.given else "",
            "colour": cat.colour if "colour" in cat.given else "",
            "cmyk": " ".join(f"{x:g}" for x in cat.cmyk) if cat.cmyk and "cmyk" in cat.given else "",
            "title_ko": s.title.get("ko", False) or "",
            "title_en": s.title.get("en", False) or "",
            "short_ko": (s.short.get("ko", False) or "") if s.short != s.title else "",
            "short_en": (s.short.get("en", False) or "") if s.short != s.title else "",
            "description_ko": s.description.get("ko", False) or "",
            "description_en": s.description.get("en", False) or "",
            "online_url": s.online_url or "",
            **organisers(s.organisers),
            "language": s.language or "",
            "interpretation": "; ".join(s.interpretation),
            "subtitle": one(s.subtitle, lang) or one(s.subtitle, "en") or one(s.subtitle, "ko"),
            "type": s.kind or "",
            "full_description": one(s.full_description, "en") or one(s.full_description, "ko"),
            "links": "; ".join(f"{t} <{u}>" for t, u in s.links),
            "url": s.url or "",
            "guid": s.guid or "",
            "source_id": s.source_id or "",
        }
        for role, col in ROLE_COLUMNS:
            value[col] = "; ".join(
                person_cell(one(event.people[pid].name, lang) or one(event.people[pid].name, "en"), pid)
                for pid in s.people.get(role, ())
            )
        rows.append([value.get(key, "") for key, *_ in COLUMNS])
    return rows


def organisers(given) -> dict[str, str]:
    """The two organiser columns. When both hold names they line up, one place per organiser,
    a "-" where an organiser has no name in that language."""
    ko, en = [o.ko or "" for o in given], [o.en or "" for o in given]
    if any(ko) and any(en):
        ko, en = [x or "-" for x in ko], [x or "-" for x in en]
    return {"organisers_ko": "; ".join(x for x in ko if x), "organisers_en": "; ".join(x for x in en if x)}


def people_table(event) -> list[list[str]]:
    rows = [[key for key, *_ in PEOPLE_COLUMNS]]
    for p in event.people.values():
        value = {
            "id": p.id,
            "name_ko": p.name.get("ko", False) or "",
            "name_en": p.name.get("en", False) or "",
            "affiliation_ko": p.affiliation.get("ko", False) or "",
            "affiliation_en": p.affiliation.get("en", False) or "",
            "source_id": p.source_id or "",
            "guid": p.guid or "",
        }
        rows.append([value[key] for key, *_ in PEOPLE_COLUMNS])
    return rows


class CSV:
    NAME, SUFFIX = "csv", ".csv"

    @staticmethod
    def write(event) -> bytes:
        buffer = io.StringIO()
        defused_csv.writer(buffer, lineterminator="\n").writerows([to_csv(c) for c in row] for row in table(event))
        return buffer.getvalue().encode("utf-8")

    @staticmethod
    def notes(event) -> list[str]:
        """What a CSV cannot hold: a person's name in the other language, and affiliations."""
        lang = event.languages[0]
        lost = [
            p
            for p in event.people.values()
            if p.affiliation or (p.name.ko and p.name.en) or not p.name.get(lang, False)
        ]
        if not lost:
            return []
        return [
            f"note: a CSV names each person once, in one language: {len(lost)} people's other names or "
            "affiliations are not in it (export .xlsx, whose people sheet keeps them)"
        ]


class XLSX:
    NAME, SUFFIX = "xlsx", ".xlsx"

    @staticmethod
    def write(event) -> bytes:
        import openpyxl

        book = openpyxl.Workbook()
        book.active.title = "sessions"
        people = book.create_sheet("people")
        for sheet, rows in ((book["sessions"], table(event)), (people, people_table(event))):
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row, start=1):
                    cell = sheet.cell(r, c)
                    cell.value = value
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    @staticmethod
    def notes(event) -> list[str]:
        return []
