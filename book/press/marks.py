"""Boxes and crop marks on a freshly written press PDF, in place, with pypdf.

:func:`finish_press` turns WeasyPrint's PDF/X file into what a print shop
expects: crop marks drawn *outside* the bleed in registration colour on an
enlarged MediaBox (WeasyPrint's own marks sit inside the bleed, in RGB),
exact TrimBox, BleedBox and ArtBox, and no link annotations on the printed
pages.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    RectangleObject,
)

from ..typeset.patches import add_object

MM = 72 / 25.4
MARK_LENGTH_MM = 5.0
MARK_WIDTH_PT = 0.25


def _registration() -> ArrayObject:
    """The Separation /All colour space: marks print on every plate."""
    function = DictionaryObject(
        {
            NameObject("/FunctionType"): NumberObject(2),
            NameObject("/Domain"): ArrayObject([FloatObject(0), FloatObject(1)]),
            NameObject("/C0"): ArrayObject([FloatObject(0)] * 4),
            NameObject("/C1"): ArrayObject([FloatObject(1)] * 4),
            NameObject("/N"): NumberObject(1),
        }
    )
    return ArrayObject([NameObject("/Separation"), NameObject("/All"), NameObject("/DeviceCMYK"), function])


def crop_marks(trim: RectangleObject, gap: float, length: float) -> bytes:
    """Corner marks in line with the trim, starting ``gap`` outside it."""
    x0, y0, x1, y1 = (float(v) for v in (trim.left, trim.bottom, trim.right, trim.top))
    ops = [b"q", b"/CSReg CS 1 SCN", f"{MARK_WIDTH_PT} w 0 J".encode()]
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            # horizontal mark on the trim line y, outside on the x side; vertical on x.
            ops.append(f"{x + sx * gap:.3f} {y:.3f} m {x + sx * (gap + length):.3f} {y:.3f} l S".encode())
            ops.append(f"{x:.3f} {y + sy * gap:.3f} m {x:.3f} {y + sy * (gap + length):.3f} l S".encode())
    ops.append(b"Q")
    return b"\n".join(ops) + b"\n"


def finish_press(path: Path, bleed_mm: float, marks: bool) -> None:
    """Boxes, marks and no links on every page of the PDF at ``path`` (see the module docstring)."""
    reader = PdfReader(path)
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # the version the PDF/X variant asked for (X-4: 1.6), not pypdf's 1.3
    gap = (max(bleed_mm, 2.0) + 1.0) * MM  # marks start 1 mm beyond the bleed
    registration = add_object(writer, _registration())
    length = MARK_LENGTH_MM * MM
    for page in writer.pages:
        trim = page.trimbox
        bleed = page.bleedbox
        if "/Annots" in page:  # links mean nothing on paper
            del page["/Annots"]
        if marks:
            slug = gap + length + 1 * MM
            media = RectangleObject(
                [float(trim.left) - slug, float(trim.bottom) - slug, float(trim.right) + slug, float(trim.top) + slug]
            )
            page.mediabox = media
            page.cropbox = media
            page.bleedbox = bleed
            page.trimbox = trim
            page.artbox = trim
            resources = page["/Resources"].get_object()
            spaces = resources.get("/ColorSpace")
            spaces = spaces.get_object() if spaces is not None else DictionaryObject()
            spaces[NameObject("/CSReg")] = registration
            resources[NameObject("/ColorSpace")] = spaces
            stream = DecodedStreamObject()
            stream.set_data(crop_marks(trim, gap, length))
            _append_content(writer, page, stream.flate_encode())
        else:
            page.mediabox = bleed
            page.cropbox = bleed
            page.artbox = trim
    finished = io.BytesIO()  # ``path`` is the build's own temporary file: rewritten in place
    writer.write(finished)
    path.write_bytes(finished.getvalue())


def _append_content(writer, page, stream) -> None:
    """Wrap the page's own content in q/Q and draw ``stream`` after it."""
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"\nQ\n")
    contents = page.get("/Contents")
    existing = (
        list(contents)
        if isinstance(contents, ArrayObject)
        else [
            contents.indirect_reference
            if hasattr(contents, "indirect_reference") and contents.indirect_reference
            else contents
        ]
    )
    page[NameObject("/Contents")] = ArrayObject(
        [add_object(writer, before), *existing, add_object(writer, after), add_object(writer, stream)]
    )
