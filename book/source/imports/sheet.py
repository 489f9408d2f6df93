"""A spreadsheet, one row per session: ``.xlsx`` (openpyxl) or ``.csv`` (UTF-8).

The first row names the columns, in English or Korean (:data:`COLUMNS`); the
order is free and unknown columns are reported. A problem is placed at its
cell: ``sessions.xlsx:Sheet1!C14`` or ``sessions.csv:14`` (line 14, column
``start``). ``book import --template sessions.xlsx`` writes an empty sheet
with the headers, a sheet explaining each column, and an example row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..model import Text
from .common import Programme, local, minutes, placed
from .formulas import ERRORS, from_csv, unsaved_formulas
from .placing import session
from .sheet_columns import COLUMNS, HEADERS, REQUIRED, people_sheet, row_fields, row_people
from .timezone import choose as choose_zone

SUFFIXES = (".xlsx", ".csv")


def letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def rows(path: Path, data: bytes, p: Programme, people: list):
    """(place of each cell by key, values by key) per row; an export's people sheet into ``people``."""
    if path.suffix.lower() == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            p.fail(f"{path.name}:1", f"not UTF-8 text (byte {exc.start})", "save the sheet as CSV UTF-8")
            return None
        reader = csv.reader(io.StringIO(text))
        row_starts = [1]  # the line the row being read starts on: a quote left open runs on for lines

        def cells():
            for row in reader:
                yield [from_csv(cell) for cell in row]
                row_starts[0] = reader.line_num + 1

        try:
            table = _bounded_rows(cells(), p, f"{path.name}:{MAX_ROWS + 1}")
        except csv.Error as exc:  # a field over the csv module's 128 KB, a NUL …
            if "field larger than field limit" in str(exc):
                p.fail(
                    f"{path.name}:{row_starts[0]}",
                    f"a cell of this row is over {csv.field_size_limit():,} characters"
                    f" (it runs on to line {reader.line_num}), more than any field of a programme",
                    'shorten it, or close the quote (") that opens it',
                )
            else:
                p.fail(
                    f"{path.name}:{reader.line_num}",
                    f"not a CSV that can be read: {exc}",
                    "save the sheet as CSV UTF-8",
                )
            return None
        where = lambda r, c, key: f"{path.name}:{r + 1} (column {key})"  # noqa: E731
        header_at = f"{path.name}:1"
    else:
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            p.fail(f"{path.name}:1", f"not an Excel workbook ({exc.__class__.__name__})", "save it as .xlsx")
            return None
        sheet = book.worksheets[0]
        if "people" in book.sheetnames and sheet.title != "people":  # an export's: the people in both languages
            people[:] = _bounded_rows(book["people"].iter_rows(values_only=True), p, f"{path.name}:people!A1")
        table = _bounded_rows(sheet.iter_rows(values_only=True), p, f"{path.name}:{sheet.title}!A{MAX_ROWS + 1}")
        where = lambda r, c, key: f"{path.name}:{sheet.title}!{letter(c)}{r + 1}"  # noqa: E731
        header_at = f"{path.name}:{sheet.title}!A1"
        for r, c, formula in unsaved_formulas(data, sheet.title, table):
            p.fail(
                where(r, c, ""),
                f"the cell holds the formula `{formula[:60]}` and no value saved with it",
                "open the sheet in Excel or LibreOffice and save it, or type the value itself",
            )
    if not table:
        p.fail(header_at, "the sheet is empty", "start from `book import --template sessions.xlsx`")
        return None
    keys = []
    for c, head in enumerate(table[0]):
        key = HEADERS.get(str(head or "").strip().casefold())
        if head not in (None, "") and key is None:
            p.fail(
                where(0, c, str(head)),
                f"unknown column `{head}`",
                "use the headers of `book import --template`: " + ", ".join(k for k, *_ in COLUMNS),
            )
        keys.append(key)
    missing = [k for k in REQUIRED if k not in keys]
    if missing:
        p.fail(header_at, f"the sheet has no column {', '.join(missing)}", "add them to the first row")
        return None
    out = []
    for r, row in enumerate(table[1:], start=1):
        if all(v in (None, "") for v in row):
            continue
        for c, v in enumerate(row):
            if isinstance(v, str) and v.strip() in ERRORS and c < len(keys) and keys[c]:
                p.fail(where(r, c, keys[c]), f"the cell holds the spreadsheet error {v.strip()}", "fix the formula")
        cells = {k: (v, where(r, c, k)) for c, (k, v) in enumerate(zip(keys, row, strict=False)) if k}
        out.append((r, cells))
    return out


MAX_ROWS = 100_000  # more than any programme: a sheet past it is refused
MAX_EMPTY_RUN = 10_000  # empty rows in a row that end the data (a sheet may declare millions)


def _bounded_rows(rows, p: Programme, where: str) -> list[list]:
    """The sheet's rows up to the end of its data: reading stops after ``MAX_EMPTY_RUN`` empty
    rows in a row, and a sheet of more than ``MAX_ROWS`` rows is a problem (at ``where``, the
    first row past the limit), not a long wait."""
    table, empty = [], 0
    for row in rows:
        empty = empty + 1 if all(v in (None, "") for v in row) else 0
        if empty > MAX_EMPTY_RUN:
            break
        if len(table) >= MAX_ROWS:
            p.fail(where, f"the sheet has more than {MAX_ROWS:,} rows", "one row per session")
            return []
        table.append(list(row))
    return table


def _date(v):
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v).strip())


def _time(v):
    if isinstance(v, (time, datetime)):
        return v.hour * 60 + v.minute
    if isinstance(v, timedelta):
        return int(v.total_seconds() // 60)
    return minutes(str(v or ""))


def read(path: Path, data: bytes, timezone: str | None, times_are_local: bool = False) -> Programme:
    """A sheet's times are clock times on the day; ``times_are_local`` changes nothing for it."""
    p = Programme()
    p.timezone = choose_zone(p, f"{path.name}:1", None, timezone, [])
    people: list[list] = []
    table = rows(path, data, p, people)
    for r, cells in table or []:
        value = {k: ("" if v is None else v) for k, (v, _) in cells.items()}
        at = {k: w for k, (_, w) in cells.items()}
        ident = str(value.get("id", "")).strip()  # as written: a schedule tool's ids keep their case
        if not ident:
            p.fail(at["id"], "the row has no id", "give every session an id, e.g. opening")
            continue
        try:
            day = _date(value["date"])
            last = _date(value["end_date"]) if str(value.get("end_date", "")).strip() else None
        except ValueError:
            key = "date" if not isinstance(value["date"], (date, datetime)) else "end_date"
            p.fail(at[key], f"`{value[key]}` is not a date", "write it as 2021-10-07")
            continue
        ko, en = str(value.get("title_ko", "")).strip(), str(value.get("title_en", "")).strip()
        fields = row_fields(p, value)
        short = fields.pop("short")
        fields.pop("end_date")
        language = fields.pop("language") or ("ko" if ko else "en")
        untimed = last is not None and str(value["start"]).strip() == "" and str(value["end"]).strip() == ""
        start, end = (0, 1440) if untimed else (_time(value["start"]), _time(value["end"]))
        if start is None or end is None:
            key = "start" if start is None else "end"
            p.fail(at[key], f"`{value[key]}` is not a time", "write it as 13:00 (24:00 for midnight)")
            continue
        base = datetime.combine(day, time())
        begins = placed(p, at["date"], ident, base, p.timezone, start)
        if begins is None:
            continue
        until = datetime.combine(last + timedelta(days=1), time()) if untimed else base + timedelta(minutes=end)
        session(
            p,
            at["id"],
            end_at=at.get("end"),
            ident=ident,
            title=ko or en,
            language=language,
            start=begins,
            end=local(until, p.timezone),
            people=row_people(p, value),
            description=str(value.get("description_ko", "") or value.get("description_en", "")),
            online_url=str(value.get("online_url", "")).strip() or None,
            line=r + 1,
            whole_days=untimed,
            **fields,
        )
        if p.sessions and p.sessions[-1].id == ident:
            s = p.sessions[-1]
            both = Text(ko=ko or None, en=en or None)
            desc = Text(
                ko=str(value.get("description_ko", "")) or None, en=str(value.get("description_en", "")) or None
            )
            p.sessions[-1] = replace(
                s,
                title=both if ko and en else s.title,
                short=short or (both if ko and en else s.title),
                description=desc if desc else s.description,
                language=str(value.get("language", "")).strip() or (None if ko and en else s.language),
                end_date=last if last and not untimed and last != day else s.end_date,
            )
    people_sheet(p, people)
    return p


def write_template(target: Path) -> None:
    """An empty sheet with the headers, a sheet explaining each column, and an example row."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "sessions"
    sheet.append([key for key, *_ in COLUMNS])
    sheet.append([example for *_, example in COLUMNS])
    help_sheet = book.create_sheet("columns")
    help_sheet.append(["column", "한국어", "what it holds", "example"])
    for key, ko, what, example in COLUMNS:
        help_sheet.append([key, ko, what, example])
    book.save(target)
