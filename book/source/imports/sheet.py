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
from .common import Programme, local, minutes, placed, session, slug
from .formulas import ERRORS, from_csv, unsaved_formulas
from .timezone import choose as choose_zone

SUFFIXES = (".xlsx", ".csv")
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
    ("end", "종료", "The end time, HH:MM; 24:00 for midnight.", "18:00"),
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


def letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def rows(path: Path, data: bytes, p: Programme):
    """(place of each cell by key, values by key) per row, and the header's place."""
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
    table = rows(path, data, p)
    for r, cells in table or []:
        value = {k: ("" if v is None else v) for k, (v, _) in cells.items()}
        at = {k: w for k, (_, w) in cells.items()}
        ident = slug(str(value.get("id", "")), keep_hangul=True)
        if not ident:
            p.fail(at["id"], "the row has no id", "give every session an id, e.g. opening")
            continue
        try:
            day = _date(value["date"])
        except ValueError:
            p.fail(at["date"], f"`{value['date']}` is not a date", "write it as 2021-10-07")
            continue
        start, end = _time(value["start"]), _time(value["end"])
        if start is None or end is None:
            key = "start" if start is None else "end"
            p.fail(at[key], f"`{value[key]}` is not a time", "write it as 13:00 (24:00 for midnight)")
            continue
        base = datetime.combine(day, time())
        ko, en = str(value.get("title_ko", "")).strip(), str(value.get("title_en", "")).strip()
        people = {
            role: [p.person(n) for n in str(value.get(col, "")).split(";") if n.strip()] for role, col in ROLE_COLUMNS
        }
        begins = placed(p, at["date"], ident, base, p.timezone, start)
        if begins is None:
            continue
        session(
            p,
            at["id"],
            end_at=at.get("end"),
            ident=ident,
            title=ko or en,
            language="ko" if ko else "en",
            start=begins,
            end=local(base + timedelta(minutes=end), p.timezone),
            room="all" if str(value.get("room", "")).strip().lower() == "all" else p.room(str(value.get("room", ""))),
            category=p.category(str(value.get("category", "")) or "session"),
            people=people,
            description=str(value.get("description_ko", "") or value.get("description_en", "")),
            online_url=str(value.get("online_url", "")).strip() or None,
            line=r + 1,
        )
        if ko and en and p.sessions and p.sessions[-1].id == ident:
            s = p.sessions[-1]
            both = Text(ko=ko, en=en)
            desc = Text(
                ko=str(value.get("description_ko", "")) or None, en=str(value.get("description_en", "")) or None
            )
            p.sessions[-1] = replace(
                s, title=both, short=both, description=desc if desc else s.description, language=None
            )
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
