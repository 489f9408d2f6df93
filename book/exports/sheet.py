"""The programme as a spreadsheet, ``.csv`` or ``.xlsx``, in the layout ``book import`` reads.

One row per session with a time, the columns of book/source/imports/sheet.py
(English headers), people by their name in the event's first language. No
cell is ever a formula a spreadsheet would run (book/source/imports/formulas.py).
"""

from __future__ import annotations

import io

from defusedcsv import csv as defused_csv

from ..source.imports.formulas import to_csv
from ..source.imports.sheet import COLUMNS, ROLE_COLUMNS
from ..source.model import ALL_ROOMS
from .common import hm, one, timed_sessions


def table(event) -> list[list[str]]:
    lang = event.languages[0]
    rows = [[key for key, *_ in COLUMNS]]
    for s in timed_sessions(event):
        value = {
            "id": s.id,
            "date": s.date.isoformat(),
            "start": hm(s.start),
            "end": hm(s.end),
            "room": one(event.rooms[s.room].name, lang)
            if s.room in event.rooms
            else ("all" if s.room == ALL_ROOMS else ""),
            "category": one(event.categories[s.category].label, lang),
            "title_ko": s.title.get("ko", False) or "",
            "title_en": s.title.get("en", False) or "",
            "description_ko": s.description.get("ko", False) or "",
            "description_en": s.description.get("en", False) or "",
            "online_url": s.online_url or "",
        }
        for role, col in ROLE_COLUMNS:
            value[col] = "; ".join(one(event.people[pid].name, lang) for pid in s.people.get(role, ()))
        rows.append([value.get(key, "") for key, *_ in COLUMNS])
    return rows


class CSV:
    NAME, SUFFIX = "csv", ".csv"

    @staticmethod
    def write(event) -> bytes:
        buffer = io.StringIO()
        defused_csv.writer(buffer, lineterminator="\n").writerows([to_csv(c) for c in row] for row in table(event))
        return buffer.getvalue().encode("utf-8")


class XLSX:
    NAME, SUFFIX = "xlsx", ".xlsx"

    @staticmethod
    def write(event) -> bytes:
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "sessions"
        for r, row in enumerate(table(event), start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(r, c)
                cell.value = value
                cell.data_type = "s"  # text, never a formula, whatever it starts with
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
