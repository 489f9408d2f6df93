"""The output-kind registry, a kind added from outside, themes and page geometry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from book.pipeline import BuildOptions, build

from .conftest import ROOT, pdftotext

MINI = ROOT / "tests" / "fixtures" / "mini"
TOY = ROOT / "tests" / "fixtures" / "toy-kind"
MM = 72 / 25.4


def book_cli(*args, pythonpath=()):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *map(str, pythonpath)]))
    return subprocess.run(
        [sys.executable, "-m", "book.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=env
    )


def event_copy(tmp_path, extra_yaml="", files=None) -> Path:
    folder = tmp_path / "event"
    shutil.copytree(MINI, folder)
    with open(folder / "event.yaml", "a", encoding="utf-8") as fh:
        fh.write(extra_yaml)
    for name, text in (files or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_kind_from_outside_is_offered_checked_and_built_without_editing_the_project(tmp_path):
    """tests/fixtures/toy-kind registers a speaker schedule through an entry point:
    one module, one template, one stylesheet and a settings block of its own."""
    assert "speaker-schedule" in book_cli("build", "--help", pythonpath=[TOY]).stdout
    assert "speaker-schedule" not in book_cli("build", "--help").stdout
    folder = event_copy(tmp_path, "speaker_schedule:\n  paper: A5\n")
    out = tmp_path / "out"
    result = book_cli("build", folder, "--out", out, "--only", "speaker-schedule", pythonpath=[TOY])
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "mini" / "build.json").read_text(encoding="utf-8"))
    assert [(e["kind"], e["path"]) for e in manifest["outputs"]] == [("speaker-schedule", "speakers.pdf")]
    pdf = out / "mini" / "speakers.pdf"
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (148, 210)
    text = " ".join(pdftotext(pdf).split())
    assert "Jane Roe 2024-03-04 09:30–10:30 기조강연 / Keynote 2024-03-04 11:00–12:30 토론 1 / Panel 1" in text
    # Its settings block is checked like any other, and unknown to the project alone.
    bad = event_copy(tmp_path / "bad", "speaker_schedule:\n  paper: A9\n")
    check = book_cli("check", bad, pythonpath=[TOY])
    assert check.returncode == 1 and "event.yaml:" in check.stdout and "unknown paper `A9`" in check.stdout
    without = book_cli("check", folder)
    assert without.returncode == 1 and "unknown key `speaker_schedule` in event.yaml" in without.stdout


def test_command_line_starts_without_the_layout_engine():
    code = (
        "import sys; from book.cli import main; main(['build', '--help'])\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "weasyprint imported" not in result.stderr, result.stderr


def pixels(pdf: Path, page: int, tmp_path: Path) -> Image.Image:
    prefix = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    return Image.open(f"{prefix}.png").convert("RGB")


def share(image: Image.Image, near, tolerance=40) -> float:
    """The share of the image's pixels within ``tolerance`` of the colour ``near``."""
    data = image.get_flattened_data()
    return sum(all(abs(a - b) <= tolerance for a, b in zip(px, near, strict=True)) for px in data) / len(data)


def inked(image: Image.Image) -> tuple[int, int]:
    """(green pixels, neutral dark pixels): text set in the green ink, and text left in grey or black."""
    data = image.get_flattened_data()
    green = sum(g > r + 30 and g > b + 20 for r, g, b in data)
    grey = sum(max(px) < 140 and max(px) - min(px) < 16 for px in data)
    return green, grey


def test_an_events_tokens_theme_every_output(tmp_path):
    red = (0xC0, 0x39, 0x2B)
    folder = event_copy(tmp_path, files={"style.css": ":root { --accent: #C0392B; --ink: #1B7A3A; }\n"})
    out = tmp_path / "out"
    manifest = build(folder, out, BuildOptions.of(editions=["ko+en"]))
    mini = out / "mini"
    assert share(pixels(mini / "book-ko-en.pdf", 1, tmp_path), red) > 0.8  # the cover's colour field
    for pdf, page in (("book-ko-en.pdf", 3), ("days/2024-03-04.pdf", 1), ("rooms/2024-03-04-hall-a.pdf", 1)):
        image = pixels(mini / pdf, page, tmp_path)
        head = image.crop((0, 0, image.width * 6 // 10, image.height // 6))  # the title, clear of the QR codes
        green, grey = inked(head)
        assert green > 40 and grey < green / 10, (pdf, green, grey)  # the muted lines have their own token
    # The press edition separates the colours through its profile and stays free of RGB.
    press = next(e for e in manifest["outputs"] if e["kind"] == "press-book")
    assert press["preflight"] in ("pass", "warn")
    assert share(pixels(mini / "press" / "cover-ko-en.pdf", 1, tmp_path), red, 60) > 0.5
    assert any("--accent to #C0392B" in n and "device-cmyk(" in n for n in manifest["notes"])
    without = tmp_path / "plain"
    build(MINI, without, BuildOptions.of(only=["book"], editions=["ko+en"]))
    assert share(pixels(without / "mini" / "book-ko-en.pdf", 1, tmp_path), red) < 0.01
    assert inked(pixels(without / "mini" / "book-ko-en.pdf", 3, tmp_path))[0] == 0


def glance_extent_mm(pdf: Path) -> float:
    """The height spanned by the glance grid's cells (their links) on its tallest page."""
    best = 0.0
    for page in PdfReader(pdf).pages:
        ys = [
            float(a.get_object()["/Rect"][i])
            for a in page.get("/Annots", [])
            if str(a.get_object().get("/Dest", "")).startswith("s-")
            for i in (1, 3)
        ]
        if len(ys) >= 4:
            best = max(best, (max(ys) - min(ys)) / MM)
    return best


def test_an_a4_book_gets_an_a4_glance_grid(tmp_path):
    """A day busy from 08:00 to 24:00: on A5 the grid is held to the A5 text block, on A4 it grows."""
    early = (
        "- id: breakfast\n  category: talk\n  short: {ko: 조찬, en: Breakfast}\n  title: {ko: 조찬, en: Breakfast}\n"
        '  date: 2024-03-05\n  start: "08:00"\n  end: "09:00"\n  room: room-201\n'
        "- id: workshop\n  category: talk\n  short: {ko: 워크숍, en: Workshop}\n  title: {ko: 워크숍, en: Workshop}\n"
        '  date: 2024-03-05\n  start: "09:00"\n  end: "16:00"\n  room: room-201\n'
    )
    extents = {}
    for size in ("A5", "A4"):
        folder = event_copy(tmp_path / size)
        (folder / "event.yaml").write_text(
            (folder / "event.yaml").read_text(encoding="utf-8").replace("page_size: A5", f"page_size: {size}"),
            encoding="utf-8",
        )
        with open(folder / "sessions.yaml", "a", encoding="utf-8") as fh:
            fh.write(early)
        build(folder, tmp_path / size / "out", BuildOptions.of(only=["book"], editions=["ko+en"]))
        extents[size] = glance_extent_mm(tmp_path / size / "out" / "mini" / "book-ko-en.pdf")
    assert 120 < extents["A5"] <= 150.01, extents
    assert extents["A4"] > 180, extents
