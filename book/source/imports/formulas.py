"""Cells a spreadsheet would run as formulas, written as text and read back exactly.

A cell that starts with ``=``, ``+``, ``-``, ``@``, ``|`` or ``%`` (``=HYPERLINK(…)``,
``=cmd|' /C calc'!A0``) is run by Excel or LibreOffice when the CSV is opened
(OWASP: CSV injection). The export writes its CSV through defusedcsv, which
prefixes such a cell with ``'`` (and writes ``|`` as ``\\|``), the mark that makes a
spreadsheet show a cell as text. A cell that starts with a tab, a carriage
return or ``'`` itself is prefixed with ``'`` here first, so that every prefix is
one the import can take off again: :func:`from_csv` undoes exactly what the
export did, and ``import(export(x))`` is ``x``. In an ``.xlsx`` every text cell
is written as a string cell, never a formula, and needs no prefix.
"""

from __future__ import annotations

import io

DEFUSED = "@+-=|%"  # what defusedcsv prefixes
OURS = "\t\r'"  # what it leaves alone, and this module prefixes


def _number(text: str) -> bool:  # defusedcsv leaves "-12" and "-1,5" as they are (not "+3")
    body = text[1:] if text[:1] == "-" else text
    return bool(body) and all(c in "0123456789,." for c in body)


def to_csv(value: str) -> str:
    """The cell as defusedcsv's writer should get it."""
    return "'" + value if value and value[0] in OURS else value


def from_csv(cell: str) -> str:
    """The value a cell of the export stands for."""
    if cell[:1] != "'" or len(cell) < 2:
        return cell
    if (cell[1] in DEFUSED and not _number(cell[1:])) or cell[1:3] == "\\|":  # "|…" is written "'\\|…"
        return cell[1:].replace("\\|", "|")
    if cell[1] in OURS:
        return cell[1:]
    return cell


ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"}


def unsaved_formulas(data: bytes, title: str, table: list[list]) -> list[tuple[int, int, str]]:
    """(row, column, formula) of each formula cell of sheet ``title`` that has no value saved
    with it (a workbook a script wrote, never opened in Excel or LibreOffice): read with its
    values, such a cell is empty, and the import would lose what it holds."""
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            sheets = (z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
            if not any(b"<f>" in xml or b"<f " in xml for xml in sheets):
                return []
    except (zipfile.BadZipFile, OSError, KeyError):
        return []
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)[title]
    found = []
    for r, row in enumerate(sheet.iter_rows(values_only=True, max_row=len(table))):
        for c, v in enumerate(row):
            if isinstance(v, str) and v.startswith("=") and (c >= len(table[r]) or table[r][c] in (None, "")):
                found.append((r, c, v))
    return found
