"""The press edition and preflight, checked with pypdf and independently with poppler and qpdf."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, DecodedStreamObject, DictionaryObject, NameObject

from book.pipeline import BuildOptions, build
from book.press.preflight import preflight

from .conftest import ROOT, pdftotext
from .pdfinks import one_ink, paper, text_runs

MM = 72 / 25.4
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def press(built):
    entry = next(e for e in built["manifest"]["outputs"] if e["kind"] == "press-book")
    return built["out"] / entry["path"], entry


def test_press_edition_is_listed_and_bindable(press):
    path, entry = press
    assert entry["path"] == "press/book-ko-en.pdf" and entry["lang"] == "ko+en"
    assert entry["pages"] % 4 == 0 and entry["binding"] == "saddle-stitch"
    report = path.with_suffix(".preflight.txt").read_text(encoding="utf-8")
    assert entry["preflight"] == "warn" and "FAIL" not in report
    assert "default_cmyk.icc" in report  # says which profile stood in for the shop's


def test_boxes_are_exact_with_pypdf(press):
    path, _ = press
    for page in PdfReader(path).pages:
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        assert round(float(trim.width) / MM, 2) == 148 and round(float(trim.height) / MM, 2) == 210
        for a, b in (
            (trim.left, bleed.left),
            (trim.bottom, bleed.bottom),
            (bleed.right, trim.right),
            (bleed.top, trim.top),
        ):
            assert abs((float(a) - float(b)) / MM - 3) < 0.01
        assert float(media.left) < float(bleed.left) and float(media.top) > float(bleed.top)


def test_boxes_with_pdfinfo(press):
    path, _ = press
    out = subprocess.run(
        ["pdfinfo", "-box", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True, check=True
    ).stdout
    boxes = {}
    for page, name, *vals in re.findall(r"Page\s+(\d+) (\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out):
        boxes.setdefault(int(page), {})[name] = [float(v) for v in vals]
    assert len(boxes) == len(PdfReader(path).pages)
    for b in boxes.values():
        t, bl, m = b["TrimBox"], b["BleedBox"], b["MediaBox"]
        assert m[0] <= bl[0] < t[0] and m[1] <= bl[1] < t[1] and t[2] < bl[2] <= m[2] and t[3] < bl[3] <= m[3]


def test_fonts_embedded_and_subset_with_pdffonts(press):
    path, _ = press
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        cols = line.split()
        assert cols[-5:-2] == ["yes", "yes", "yes"], line  # emb sub uni
        assert "Type 3" not in line


def test_qpdf_check_passes(press):
    path, _ = press
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _operations(reader, owner):
    return ContentStream(owner, reader).operations


def test_no_rgb_operator_in_any_content_stream(press):
    path, _ = press
    reader = PdfReader(path)
    seen = Counter()
    text_colours = Counter()
    for page in reader.pages:
        fill = None
        for operands, op in _operations(reader, page.get_contents()):
            seen[op] += 1
            assert op not in (b"rg", b"RG"), f"RGB operator {op} {operands}"
            if op in (b"cs", b"CS"):
                assert operands[0] in ("/DeviceCMYK", "/CSReg") or not str(operands[0]).endswith("RGB")
            if op in (b"scn", b"k", b"sc"):
                fill = tuple(round(float(v), 3) for v in operands if not isinstance(v, NameObject))
            if op in (b"Tj", b"TJ"):
                text_colours[fill] += 1
        spaces = page["/Resources"].get_object().get("/ColorSpace", {})
        assert all("RGB" not in str(v.get_object()) for v in spaces.values())
    assert seen[b"scn"] or seen[b"k"], "no CMYK colour at all: the scan would be vacuous"
    assert text_colours.most_common(1)[0][0] == (0, 0, 0, 1), text_colours  # body text is 100 % K


def test_small_text_prints_in_one_ink_at_100_percent(press):
    """Under 13 pt, text is one ink at 100 % (a screened K or a four-ink mix
    prints fuzzy), or reversed out of a field at 10 pt and more."""
    runs = text_runs(press[0])
    small = [r for r in runs if r.size < 13]
    assert len(small) > 500, "too few small runs: the scan would be vacuous"
    bad = [r for r in small if not one_ink(r.fill) and not (paper(r.fill) and r.size >= 10)]
    assert not bad, bad[:10]
    assert any(paper(r.fill) for r in small), "the day tabs are reversed out of the accent"
    # one colour system: the tabs' field is the accent the chapter rules print
    fills = _fills(press[0])
    assert (1.0, 0.65, 0.0, 0.3) in fills and (1.0, 0.62, 0.0, 0.0) not in fills, fills


def _fills(path) -> set:
    reader = PdfReader(path)
    seen = set()
    for page in reader.pages:
        for operands, op in _operations(reader, page.get_contents()):
            if op in (b"scn", b"k", b"sc"):
                seen.add(tuple(round(float(v), 3) for v in operands if not isinstance(v, NameObject)))
    return seen


def test_output_intent_and_pdfx_version(press):
    path, _ = press
    reader = PdfReader(path)
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX" and "/DestOutputProfile" in intent
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp


def _pixels(path, page, dpi=72):
    from PIL import Image

    out = Path(str(path) + f".p{page}")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-png", str(path), str(out)],
        check=True,
    )
    return Image.open(str(out) + ".png").convert("RGB")


def test_marks_outside_the_bleed_and_colour_into_the_bleed(press, tmp_path):
    path, _ = press
    reader = PdfReader(path)
    page = reader.pages[0]
    media, trim, bleed = page.mediabox, page.trimbox, page.bleedbox
    scale = 72 / 72  # pdftoppm at 72 dpi: one pixel per point
    img = _pixels(path, 1)

    def at(x, y):  # PDF coordinates to the image
        return img.getpixel((int((x - float(media.left)) * scale), int((float(media.top) - y) * scale)))

    # The cover's colour field reaches into the bleed (between trim and bleed edge).
    r, g, b = at(float(trim.left) - 1.5 * MM, float(trim.bottom) + 50 * MM)
    assert b > r + 30, (r, g, b)
    # Marks: in line with the trim, beyond the bleed; nothing drawn at the same place inside the bleed.
    on_mark = at(float(bleed.left) - 3 * MM, float(trim.top))
    assert sum(on_mark) < 3 * 200, on_mark
    blank = _pixels(path, 2)

    def at2(x, y):
        return blank.getpixel((int(x - float(media.left)), int(float(media.top) - y)))

    assert at2(float(trim.left) - 1.5 * MM, float(trim.top) + 1.5 * MM) == (255, 255, 255)
    assert sum(at2(float(bleed.left) - 3 * MM, float(trim.top))) < 600


def test_padding_is_notes_pages_before_the_back_cover(built, press):
    path, entry = press
    pages = pdftotext(path).split("\f")[:-1]
    assert "Hosted by" in pages[-1] and "메모" not in pages[-1]
    plain = next(e for e in built["manifest"]["outputs"] if e["kind"] == "book" and e["lang"] == "ko+en")
    added = entry["pages"] - plain["pages"] - 1  # the back cover is the one page the press book always adds
    assert 0 <= added < 4
    for text in pages[-1 - added : -1]:
        assert "메모" in text and "Notes" in text
    assert all("메모" not in text for text in pages[: -1 - added])


def test_proof_booklet_is_in_spread_order(built, press):
    _, entry = press
    proof = next(e for e in built["manifest"]["outputs"] if e["kind"] == "proof")
    path = built["out"] / proof["path"]
    reader = PdfReader(path)
    assert proof["pages"] == entry["pages"] // 2
    w, h = float(reader.pages[0].mediabox.width) / MM, float(reader.pages[0].mediabox.height) / MM
    assert (round(w), round(h)) == (297, 210)
    half = int(float(reader.pages[0].mediabox.width) / 2)
    left = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", str(half), "-H", "1000", str(path), "-"],
        capture_output=True,
        text=True,
    ).stdout
    right = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-x", str(half), "-y", "0", "-W", str(half), "-H", "1000", str(path), "-"],
        capture_output=True,
        text=True,
    ).stdout
    right = " ".join(right.split())  # the name is set in balanced lines
    assert "Hosted by" in left and "제11회 세계인권도시포럼" in right  # back cover | front cover
    left2 = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-x", "0", "-y", "0", "-W", str(half), "-H", "1000", str(path), "-"],
        capture_output=True,
        text=True,
    ).stdout
    assert "차례" in left2  # page 2 | page n-1


def test_perfect_binding_cover_has_the_computed_spine(tmp_path):
    manifest = build(MINI, tmp_path, BuildOptions.of(only=["press-book"]))
    book = next(e for e in manifest["outputs"] if e["kind"] == "press-book")
    cover = next(e for e in manifest["outputs"] if e["kind"] == "cover")
    assert book["pages"] % 2 == 0 and book["binding"] == "perfect"
    spine = round(book["pages"] / 2 * 0.12, 2)
    assert cover["spine_mm"] == spine
    page = PdfReader(tmp_path / "mini" / cover["path"]).pages[0]
    assert abs(float(page.trimbox.width) / MM - (2 * 148 + spine)) < 0.05
    assert abs(float(page.trimbox.height) / MM - 210) < 0.05
    text = pdftotext(tmp_path / "mini" / book["path"])
    assert "제2회 작은 포럼" not in text.split("\f")[0] or "차례" in text.split("\f")[0]  # no cover in the block


def bad_pdf(path: Path) -> Path:
    """RGB text, an unembedded font, no bleed, 5 pages."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for _ in range(5):
        page = writer.add_blank_page(width=420, height=595)
        stream = DecodedStreamObject()
        stream.set_data(b"BT /F1 12 Tf 1 0 0 rg 72 500 Td (Hello) Tj ET")
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def test_preflight_reports_every_problem_of_a_bad_pdf(tmp_path):
    path = bad_pdf(tmp_path / "bad.pdf")
    checks = {c.name: c for c in preflight(path)}
    assert checks["fonts"].status == "fail" and "Helvetica" in checks["fonts"].detail
    assert checks["boxes"].status == "fail" and "no TrimBox" in checks["boxes"].detail
    assert checks["page count"].status == "fail" and "5 pages" in checks["page count"].detail
    assert checks["colour"].status == "fail" and "rg operator" in checks["colour"].detail
    assert checks["outputintent"].status == "fail" and checks["pdf/x"].status == "fail"
    result = subprocess.run(
        [sys.executable, "-m", "book.cli", "preflight", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert result.stdout.count("FAIL") >= 5 and "Traceback" not in result.stderr


def test_preflight_passes_the_press_edition_from_the_command_line(press):
    path, _ = press
    result = subprocess.run(
        [sys.executable, "-m", "book.cli", "preflight", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout
    assert "FAIL" not in result.stdout and "PASS  colour" in result.stdout


def test_preflight_flags_the_screen_book_as_not_for_press(built):
    checks = {c.name: c for c in preflight(built["out"] / "book-ko-en.pdf")}
    assert checks["outputintent"].status == "fail" and checks["colour"].status == "fail"


def test_pdfx1a_option_and_logo_separated_to_cmyk(tmp_path):
    import shutil

    folder = tmp_path / "event"
    shutil.copytree(MINI, folder)
    event = folder / "event.yaml"
    event.write_text(
        event.read_text(encoding="utf-8").replace(
            "  binding: perfect", "  binding: saddle-stitch\n  variant: pdf/x-1a"
        ),
        encoding="utf-8",
    )
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["press-book"]))
    entry = next(e for e in manifest["outputs"] if e["kind"] == "press-book")
    path = tmp_path / "out" / "mini" / entry["path"]
    checks = {c.name: c for c in preflight(path)}
    assert checks["pdf/x"].detail.startswith("PDF/X-1a") and checks["colour"].status == "pass"
    images = [
        x.get_object()
        for page in PdfReader(path).pages
        for x in page["/Resources"].get_object().get("/XObject", {}).values()
        if x.get_object().get("/Subtype") == "/Image"
    ]
    assert images and all(img["/ColorSpace"] == "/DeviceCMYK" for img in images)


def test_covers_and_headings_are_not_hyphenated(built, press):
    """Titles are set whole: the press cover once broke "Cities For-um"."""
    path, _ = press
    books = [built["out"] / e["path"] for e in built["manifest"]["outputs"] if e["kind"] == "book"]
    for pdf in [path, *books]:
        cover = pdftotext(pdf, 1, 1, raw=True).splitlines()  # raw: poppler otherwise joins "For-" + "um"
        assert cover and not [line for line in cover if line.rstrip().endswith("-")], (pdf.name, cover)


def test_standalone_preflight_agrees_with_the_builds_report(press):
    """The stand-in profile is a warning in both, found from the file itself."""
    path, _ = press
    result = subprocess.run(
        [sys.executable, "-m", "book.cli", "preflight", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    line = next(x for x in result.stdout.splitlines() if "outputintent" in x)
    assert line.startswith("WARN") and "Ghostscript's default_cmyk.icc" in line
    assert line in path.with_suffix(".preflight.txt").read_text(encoding="utf-8")


def preflight_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "book.cli", "preflight", *map(str, args)], capture_output=True, text=True, cwd=ROOT
    )


def test_preflight_opens_an_encrypted_pdf_or_says_why_not(press, tmp_path):
    path, _ = press
    for user, works in (("", True), ("secret", False)):
        writer = PdfWriter(clone_from=PdfReader(path))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-256")
        locked = tmp_path / f"locked-{works}.pdf"
        with open(locked, "wb") as fh:
            writer.write(fh)
        result = preflight_cli(locked)
        assert "Traceback" not in result.stderr and "DependencyError" not in result.stderr
        if works:
            assert result.returncode == 0 and "PASS  fonts" in result.stdout, result.stderr
        else:
            assert result.returncode == 1
            assert f"error: {locked}: the PDF is protected by a password" in result.stderr


def test_preflight_of_a_damaged_pdf_is_one_clear_message(press, tmp_path):
    path, _ = press
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    result = preflight_cli(damaged)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    lines = (result.stderr + result.stdout).strip().splitlines()
    # pypdf's own warnings are not printed raw: they are in the tool's message or the report.
    assert lines[0].startswith(("error: ", "preflight damaged.pdf")), lines[:3]
    assert result.returncode == 1 or any(x.startswith("WARN  structure") and "pypdf" in x for x in lines)


def test_preflight_refuses_a_zero_multiple():
    result = preflight_cli("any.pdf", "--multiple", "0")
    assert result.returncode == 2 and "`0` is not a whole number of 1 or more" in result.stderr
    assert "ZeroDivisionError" not in result.stderr


def test_reader_spread_proof_opens_as_the_book_does(tmp_path):
    """``proof: spreads``: page 1 alone on the right, then 2|3, 4|5 … at twice the trim width."""
    import shutil

    folder = tmp_path / "event"
    shutil.copytree(MINI, folder)
    event = folder / "event.yaml"
    event.write_text(event.read_text(encoding="utf-8") + "  proof: spreads\n", encoding="utf-8")
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["press-book"]))
    book = next(e for e in manifest["outputs"] if e["kind"] == "press-book")
    proof = next(e for e in manifest["outputs"] if e["kind"] == "proof")
    assert proof["imposition"] == "reader spreads" and proof["path"].endswith("-spreads.pdf")
    path = tmp_path / "out" / "mini" / proof["path"]
    reader = PdfReader(path)
    assert len(reader.pages) == proof["pages"] == 1 + math.ceil((book["pages"] - 1) / 2)
    w, h = float(reader.pages[1].mediabox.width) / MM, float(reader.pages[1].mediabox.height) / MM
    assert (round(w), round(h)) == (2 * 148, 210)
    press = PdfReader(tmp_path / "out" / "mini" / book["path"])
    half = float(reader.pages[1].mediabox.width) / 2
    for sheet, (left, right) in enumerate([(None, 1), (2, 3)], start=1):
        text_left, text_right = region(path, sheet, 0, half), region(path, sheet, half, half)
        if left is None:
            assert not text_left.strip()
        else:
            assert first_line(press.pages[left - 1]) in text_left
        assert first_line(press.pages[right - 1]) in text_right


def first_line(page) -> str:
    return next(line.strip() for line in page.extract_text().splitlines() if line.strip())


def region(path: Path, page: int, x: float, width: float) -> str:
    return subprocess.run(
        [
            "pdftotext",
            "-f",
            str(page),
            "-l",
            str(page),
            "-x",
            str(int(x)),
            "-y",
            "0",
            "-W",
            str(int(width)),
            "-H",
            "2000",
            str(path),
            "-",
        ],
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.parametrize(
    "name, said",
    [
        ("bomb", "cannot be checked"),
        ("tiny", ""),
        ("box-of-text", "cannot be checked: page 1: its MediaBox is not four numbers (['/abc', '/d', 1])"),
        ("xobject-a-dictionary", "cannot be checked: page 1: XObject /Im0 is not a stream (a damaged PDF;"),
        ("xobject-a-number", "cannot be checked: page 1: XObject /Im0 is not a stream"),
    ],
)
def test_preflight_of_a_hostile_pdf_is_a_message_not_a_crash(tmp_path, name, said):
    from .test_designer_loop import (
        _flate_bomb,
        _image_that_is_a_dictionary,
        _image_that_is_a_number,
        _pdf,
        _pdf_drawing_xobject,
    )

    pdf = tmp_path / f"{name}.pdf"
    if name == "bomb":
        _pdf(pdf, contents=_flate_bomb())
    elif name == "tiny":
        _pdf(pdf, box=(0, 0, 420, 0.01))
    elif name.startswith("xobject"):
        _pdf_drawing_xobject(
            pdf, _image_that_is_a_dictionary if name.endswith("dictionary") else _image_that_is_a_number
        )
    else:
        _pdf(pdf)
        data = pdf.read_bytes()
        assert b"/MediaBox [ 0.0 0.0 420 595 ]" in data
        pdf.write_bytes(data.replace(b"/MediaBox [ 0.0 0.0 420 595 ]", b"/MediaBox [ /abc /d 1 ]  "))
    result = preflight_cli(str(pdf))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert said in result.stderr, result.stderr
