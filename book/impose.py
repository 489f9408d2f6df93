"""Imposition for in-house proofs: a 2-up saddle-stitch booklet.

Pages of the press book, cut to their TrimBox, are placed two to a side of
A4 or A3 landscape in printer's spread order (for 8 pages: 8|1, 2|7, 6|3,
4|5), so a staff member can print double-sided, fold and staple a proof.
"""
from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from .errors import BuildError
from .render import paper_mm

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


def booklet(source: Path, target: Path, sheet: str = "A4") -> None:
    reader = PdfReader(source)
    width, height = (v * MM for v in paper_mm(f"{sheet} landscape"))
    writer = PdfWriter()
    for left, right in spread_order(len(reader.pages)):
        side = PageObject.create_blank_page(width=width, height=height)
        for slot, index in enumerate((left, right)):
            page = reader.pages[index]
            trim = page.trimbox
            tw, th = float(trim.width), float(trim.height)
            scale = min(width / 2 / tw, height / th)
            x = (slot * width / 2) + (width / 2 - tw * scale) / 2
            y = (height - th * scale) / 2
            page.cropbox = trim
            page.mediabox = trim
            op = Transformation().translate(-float(trim.left), -float(trim.bottom)).scale(scale).translate(x, y)
            side.merge_transformed_page(page, op)
        writer.add_page(side)
    writer.compress_identical_objects()  # merge duplicates, drop orphans (the defaults)
    writer.add_metadata({"/Title": f"Proof booklet ({sheet}) of {source.name.lstrip('.').split('.pdf')[0]}.pdf"})
    with open(target, "wb") as fh:
        writer.write(fh)
