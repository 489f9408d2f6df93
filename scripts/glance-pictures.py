"""The README's pictures, made from the code: `make pictures`.

Builds the book of WHRCF (the default event), PyCon KR 2018 (a Korean conference of six rooms,
tests/fixtures/pyconkr2018) and FOSDEM 2026 (883 events in 30 rooms, imported from the export in
tests/fixtures/real as pretalx shipped it), and renders one opening of each one's glance, as a reader
sees it (verso | recto), to docs/glance-<name>.png; and WHRCF's cover, first page of the concept
note, first glance page and first page of a single day's programme side by side, to
docs/book-preview.png.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader

from book.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
DPI = 70


def glance_range(pdf: Path) -> range:
    reader = PdfReader(pdf)
    where = {n: reader.get_destination_page_number(d) + 1 for n, d in reader.named_destinations.items()}
    return range(where["glance"], where["programme"])


def opening(pdf: Path, page: int) -> Image.Image:
    """The opening that holds ``page`` (numbered from 1): verso | recto, page 1 alone on the right."""
    doc = pdfium.PdfDocument(str(pdf))
    left, right = (page, page + 1) if page % 2 == 0 else (page - 1, page)
    images = []
    for number in (left, right):
        if 1 <= number <= len(doc):
            images.append(doc[number - 1].render(scale=DPI / 72).to_pil())
        else:
            images.append(None)
    w, h = next(im.size for im in images if im is not None)
    canvas = Image.new("RGB", (2 * w + 4, h), "#d8d8d8")
    for i, im in enumerate(images):
        if im is not None:
            canvas.paste(im, (i * (w + 4), 0))
    return canvas


def preview(pdf: Path) -> Image.Image:
    """The cover, the concept note, the glance and the first single day of the programme, in a row."""
    reader = PdfReader(pdf)
    where = {n: reader.get_destination_page_number(d) + 1 for n, d in reader.named_destinations.items()}
    day = min(n for key, n in where.items() if key.startswith("day-") and n > where["programme"])
    doc = pdfium.PdfDocument(str(pdf))
    pages = [doc[n - 1].render(scale=80.5 / 72).to_pil() for n in (1, where["concept"], where["glance"], day)]
    w, h = pages[0].size
    canvas = Image.new("RGB", (10 + 4 * (w + 10), h + 20), "#e4e4e4")
    for i, im in enumerate(pages):
        canvas.paste(im, (10 + i * (w + 10), 10))
    return canvas


def book_of(folder: Path, out: Path, edition: str) -> Path:
    manifest = build(folder, out, BuildOptions.of(only=["book"], editions=[edition]))
    (entry,) = [e for e in manifest["outputs"] if e["kind"] == "book"]
    return out / manifest["event"] / entry["path"]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "fosdem2026.xml"
        source.write_bytes(gzip.decompress((ROOT / "tests/fixtures/real/fosdem2026.xml.gz").read_bytes()))
        subprocess.run(
            [sys.executable, "-m", "book.cli", "import", str(source), "--into", str(tmp / "fosdem2026")],
            check=True,
            capture_output=True,
        )
        events = (
            ("whrcf2021", ROOT / "data/whrcf2021", "ko+en", 1),
            ("pyconkr2018", ROOT / "tests/fixtures/pyconkr2018", "ko+en", 0),
            ("fosdem2026", tmp / "fosdem2026", "en", 3),
        )
        for name, folder, edition, nth in events:
            pdf = book_of(folder, tmp / "out", edition)
            pages = glance_range(pdf)
            target = ROOT / "docs" / f"glance-{name}.png"
            opening(pdf, pages[min(nth, len(pages) - 1)]).save(target, optimize=True)
            print(f"{target.relative_to(ROOT)}: page {pages[min(nth, len(pages) - 1)]} of {pdf.name}")
            if name == "whrcf2021":
                preview(pdf).save(ROOT / "docs" / "book-preview.png", optimize=True)
                print(f"docs/book-preview.png: four pages of {pdf.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
