"""The ink and size of every text run in a PDF, read from its content streams.

A small interpreter of the operators that matter: the graphics state stack
(q Q cm), the fill colour (g k sc scn and the colour space), the text state
(BT Tf Tm) and the showing operators (Tj TJ ' "), through form XObjects.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ContentStream


@dataclass(frozen=True)
class TextRun:
    page: int  # 1-based
    size: float  # pt, as drawn
    fill: tuple  # the fill colour's components (CMYK: 4, grey: 1, RGB: 3)
    text: str


def _mul(a, b):
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _text(operands) -> str:
    out = []
    for o in operands:
        if isinstance(o, list):
            out.append(_text(o))
        elif isinstance(o, (bytes, str)) or hasattr(o, "original_bytes"):
            out.append("x")  # glyph ids, not text: only whether something is shown matters
    return "".join(out)


def _walk(reader, contents, resources, ctm, page, runs, depth=0):
    stack, fill, size, tm, space = [], (0.0,), 0.0, [1, 0, 0, 1, 0, 0], "/DeviceGray"
    for operands, op in ContentStream(contents, reader).operations:
        if op == b"q":
            stack.append((ctm, fill, space))
        elif op == b"Q" and stack:
            ctm, fill, space = stack.pop()
        elif op == b"cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op == b"g":
            fill = (float(operands[0]),)
        elif op == b"rg" or op == b"k":
            fill = tuple(float(v) for v in operands)
        elif op == b"cs":
            space = str(operands[0])
        elif op in (b"sc", b"scn"):
            fill = tuple(float(v) for v in operands if isinstance(v, (int, float)) or hasattr(v, "as_numeric"))
        elif op == b"BT":
            tm = [1, 0, 0, 1, 0, 0]
        elif op == b"Tf":
            size = float(operands[1])
        elif op == b"Tm":
            tm = [float(v) for v in operands]
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            shown = _text(operands)
            if shown:
                m = _mul(tm, ctm)
                runs.append(TextRun(page, round(size * math.hypot(m[2], m[3]), 2), fill, shown))
        elif op == b"Do" and depth < 8:
            xobjects = resources.get("/XObject", {}) if resources else {}
            form = xobjects.get(operands[0])
            form = form.get_object() if form is not None else None
            if form is not None and form.get("/Subtype") == "/Form":
                matrix = [float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                inner = form.get("/Resources")
                _walk(
                    reader, form, inner.get_object() if inner else resources, _mul(matrix, ctm), page, runs, depth + 1
                )


def text_runs(path) -> list[TextRun]:
    """Every text run drawn on every page, with its size and its fill colour."""
    reader = PdfReader(path)
    runs: list[TextRun] = []
    for number, page in enumerate(reader.pages, 1):
        resources = page.get("/Resources")
        _walk(
            reader, page.get_contents(), resources.get_object() if resources else {}, [1, 0, 0, 1, 0, 0], number, runs
        )
    return runs


def one_ink(fill: tuple) -> bool:
    """A CMYK fill of one ink at 100 % and no other."""
    return len(fill) == 4 and sorted(round(v, 3) for v in fill) == [0, 0, 0, 1]


def paper(fill: tuple) -> bool:
    """No ink: text reversed out of what is under it."""
    return len(fill) == 4 and all(round(v, 3) == 0 for v in fill)
