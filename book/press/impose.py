"""Imposition for in-house proofs: a 2-up saddle-stitch booklet, or reader spreads.

Pages of the press book, cut to their TrimBox, are placed two to a side of
A4 or A3 landscape in printer's spread order (for 8 pages: 8|1, 2|7, 6|3,
4|5), so a staff member can print double-sided, fold and staple a proof.
Reader spreads (``proof: spreads``) place them as a reader opens the book,
at their own size: 1 alone on the right, then 2|3, 4|5 …, for review on
screen.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

from ..errors import BuildError
from ..source.model import paper_mm
from ..typeset.patches import add_object

MM = 72 / 25.4


def spread_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page indexes, 0-based, for each side of each sheet."""
    if pages % 4:
        raise BuildError(f"a saddle-stitch booklet needs a multiple of 4 pages, not {pages}")
    sides = []
    for i in range(pages // 4):
        sides.append((pages - 1 - 2 * i, 2 * i))
        sides.append((2 * i + 1, pages - 2 - 2 * i))
    return sides


def reader_spreads(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indexes as the book opens: the first page alone on the right, the last alone
    on the left when the count is even."""
    sides = [(None, 0)] + [(i, i + 1 if i + 1 < pages else None) for i in range(1, pages, 2)]
    return sides if pages else []


def booklet(source: Path, target: Path, sheet: str = "A4") -> int:
    """Write the booklet, or the reader spreads when ``sheet`` is "spreads"; returns its page count."""
    reader = PdfReader(source)
    if sheet == "spreads":
        trim = reader.pages[0].trimbox
        width, height = 2 * float(trim.width), float(trim.height)
        order, title = reader_spreads(len(reader.pages)), "Reader spreads"
    else:
        width, height = (v * MM for v in paper_mm(f"{sheet} landscape"))
        order, title = spread_order(len(reader.pages)), f"Proof booklet ({sheet})"
    writer = PdfWriter()
    writer.pdf_header = reader.pdf_header  # the pages keep what their version allowed
    forms = {}
    for left, right in order:
        side = writer.add_blank_page(width=width, height=height)
        ops, xobjects = [], DictionaryObject()
        for slot, index in enumerate((left, right)):
            if index is None:
                continue
            if index not in forms:
                forms[index] = _page_form(writer, reader.pages[index])
            form, trim = forms[index]
            tw, th = float(trim.width), float(trim.height)
            scale = min(width / 2 / tw, height / th)
            x = (slot * width / 2) + (width / 2 - tw * scale) / 2 - float(trim.left) * scale
            y = (height - th * scale) / 2 - float(trim.bottom) * scale
            xobjects[NameObject(f"/P{slot}")] = form
            ops.append(f"q {scale:.6f} 0 0 {scale:.6f} {x:.3f} {y:.3f} cm /P{slot} Do Q")
        side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
        content = StreamObject()
        content.set_data("\n".join(ops).encode())
        side[NameObject("/Contents")] = add_object(writer, content.flate_encode())
    writer.add_metadata({"/Title": f"{title} of {source.name.lstrip('.').split('.pdf')[0]}.pdf"})
    with open(target, "wb") as fh:
        writer.write(fh)
    return len(writer.pages)


def _page_form(writer, page):
    """A page, clipped to its TrimBox, as a Form XObject in ``writer``.

    The page's content streams are copied as they are (not parsed and
    re-written) and its resources are cloned once, so fonts shared by the
    pages stay shared in the booklet.
    """
    trim = page.trimbox
    contents = page["/Contents"].get_object()
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    form = StreamObject()
    form.set_data(b"\n".join(s.get_object().get_data() for s in streams))
    form = form.flate_encode()
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [FloatObject(float(v)) for v in (trim.left, trim.bottom, trim.right, trim.top)]
            ),
            NameObject("/Resources"): page["/Resources"].get_object().clone(writer),
        }
    )
    if "/Group" in page:
        form[NameObject("/Group")] = page["/Group"].get_object().clone(writer)
    return add_object(writer, form), trim
