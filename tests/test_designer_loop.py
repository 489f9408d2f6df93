"""The designer's loop: a running `book watch --preview` on a copy of
WHRCF, one session edited, then a day grown by pages; the PDFs it writes
against fresh `book build --force` runs, and the contact sheet against the
PDF's pages."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from book.pipeline.check_event import load as load_event

from .conftest import EVENT, ROOT, folio, pages_text, pdftotext, planned_view
from .test_book import dest_pages, norm
from .test_watch import Watcher

TITLE = "  title: {ko: 라운드테이블, en: Roundtable}"
DESCRIPTION = "    ko: 세션 보고, 포럼 선언문 채택 등\n    en: Session reports, adoption of the declaration and more\n"
BOOK = "book-ko.pdf"


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entry(out, path=BOOK) -> dict:
    manifest = json.loads((out / "whrcf2021" / "build.json").read_text(encoding="utf-8"))
    return next(e for e in manifest["outputs"] if e["path"] == path)


def _snapshot(out, tmp, name) -> dict:
    pdf = out / "whrcf2021" / BOOK
    kept = tmp / f"{name}.pdf"
    shutil.copy2(pdf, kept)
    sheet = json.loads((out / "whrcf2021" / "preview" / "sheet.json").read_text(encoding="utf-8"))
    return {"pdf": kept, "entry": _entry(out), "sheet": sheet}


def _fresh(event, tmp, name):
    """A fresh `book build --force` of the same data, options and edition, in another output root."""
    out = tmp / name
    subprocess.run(
        [
            sys.executable,
            "-m",
            "book.cli",
            "build",
            str(event),
            "--out",
            str(out),
            "--force",
            "--edition",
            "ko",
            "--only",
            "book",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out / "whrcf2021" / BOOK


def _day_part(event_dir, date: str) -> str:
    """The name of the book part that holds ``date``: day-N, N counting the day groups from 1."""
    view = planned_view(load_event(event_dir).event, "book", "ko")
    for n, group in enumerate(view.days, start=1):
        if any(d.anchor == f"day-{date}" for d in group.days) or group.anchor == f"day-{date}":
            return f"day-{n}"
    raise AssertionError(f"no day group holds {date}")


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("loop")
    event = tmp / "whrcf"
    shutil.copytree(EVENT, event)
    out = tmp / "out"
    sessions = event / "sessions.yaml"
    original = sessions.read_text(encoding="utf-8")
    assert TITLE in original and DESCRIPTION in original
    watcher = Watcher(event, "--out", out, "--edition", "ko", "--only", "book", "--preview")
    try:
        got = {"first_lines": watcher.until("preview:")}
        watcher.until("watching")
        got["first"] = _snapshot(out, tmp, "first")
        sessions.write_text(
            original.replace(TITLE, "  title: {ko: 라운드테이블 토론, en: Roundtable Talk}"), encoding="utf-8"
        )
        got["edit_lines"] = watcher.until("preview:")
        got["edit"] = _snapshot(out, tmp, "edit")
        got["edit_fresh"] = _fresh(event, tmp, "fresh-edit")
        # The same session grows by some pages of text, in characters the book already has (the
        # font subsets stay), so that its day takes more pages and everything after it moves.
        long = (
            "    ko: " + "세션 보고, 포럼 선언문 채택 등. " * 120 + "\n"
            "    en: " + "Session reports, adoption of the declaration and more. " * 50 + "\n"
        )
        grown = original.replace(TITLE, "  title: {ko: 라운드테이블 토론, en: Roundtable Talk}")
        at = grown.index("- id: roundtable")
        grown = grown[:at] + grown[at:].replace(
            "  date: 2021-10-07", "  description:\n" + long + "  date: 2021-10-07", 1
        )
        sessions.write_text(grown, encoding="utf-8")
        got["grow_lines"] = watcher.until("preview:")
        got["grow"] = _snapshot(out, tmp, "grow")
        got["grow_fresh"] = _fresh(event, tmp, "fresh-grow")
        got.update(event=event, out=out, tmp=tmp, day=_day_part(event, "2021-10-07"))
        yield got
    finally:
        assert watcher.stop() == 0, "\n".join(watcher.seen)


def test_an_edit_lays_out_only_the_days_part(loop):
    first, edit = loop["first"]["entry"]["parts"], loop["edit"]["entry"]["parts"]
    assert loop["day"] in first["laid_out"]  # the first build lays every part out (the front twice)
    assert edit["laid_out"] == [loop["day"]], edit
    assert edit["reused"] == len(first["laid_out"]) - 1  # every other part, the front both times it was asked for
    assert any(f"(laid out {loop['day']}; {edit['reused']} parts reused)" in line for line in loop["edit_lines"])


def test_the_book_after_an_edit_is_byte_identical_to_a_fresh_build(loop):
    assert _sha(loop["edit"]["pdf"]) == _sha(loop["edit_fresh"])
    assert _sha(loop["grow"]["pdf"]) == _sha(loop["grow_fresh"])
    assert "라운드테이블 토론" in pdftotext(loop["edit"]["pdf"])


def test_a_day_that_grows_keeps_contents_and_index_numbers_right(loop):
    before, after = loop["edit"], loop["grow"]
    grew = after["entry"]["pages"] - before["entry"]["pages"]
    assert grew >= 1, "the long description must make the day longer"
    laid = after["entry"]["parts"]["laid_out"]
    assert loop["day"] in laid and "tail" in laid and "front" in laid  # the day, what follows it, the numbers
    path = after["pdf"]
    dests, old = dest_pages(path), dest_pages(before["pdf"])
    assert dests["index"] == old["index"] + grew
    view = planned_view(load_event(loop["event"]).event, "book", "ko")
    toc_page = dests["contents"]
    layout = pdftotext(path, toc_page, toc_page, layout=True).rstrip()
    layout = layout[: layout.rstrip().rfind("\n")]  # without the folio
    numbers = [int(m) for m in re.findall(r"\s(\d{1,3})\s*$", layout, re.M)]
    assert numbers == [dests[e["anchor"]] for e in view.toc]
    for n in numbers:
        assert folio(path, n) == str(n)
    index_text = norm(" ".join(pages_text(path)[dests["index"] - 1 :]))
    moved = 0
    for person in view.people:
        for ref in person["refs"]:
            assert f"{norm(ref['title'][0].text)} {dests[ref['anchor']]}" in index_text, (person["id"], ref)
            moved += dests[ref["anchor"]] != old[ref["anchor"]]
    assert moved, "sessions after the grown one must have moved, and the index must say where"


def _text_changed(a, b) -> list[int]:
    ta, tb = pages_text(a), pages_text(b)
    return [i + 1 for i in range(max(len(ta), len(tb))) if i >= len(ta) or i >= len(tb) or ta[i] != tb[i]]


def test_the_sheet_marks_the_pages_that_changed_and_draws_only_those(loop):
    first, edit, grow = loop["first"]["sheet"], loop["edit"]["sheet"], loop["grow"]["sheet"]
    assert not first["before"] and len(first["rendered"]) == len(first["pages"]) == loop["first"]["entry"]["pages"]
    # The edit: only the retitled session's page looks different; only its day's pages were drawn again.
    assert edit["changed"] == _text_changed(loop["first"]["pdf"], loop["edit"]["pdf"])
    assert len(edit["changed"]) == 1
    dests = dest_pages(loop["edit"]["pdf"])
    start = dests["day-2021-10-07"]
    assert set(edit["rendered"]) >= set(edit["changed"])
    assert all(start <= n < dests["day-2021-10-08"] for n in edit["rendered"])
    # The growth: from the session's page to the end, less what only moved unchanged.
    assert edit["changed"][0] in grow["changed"]
    assert max(grow["changed"]) == loop["grow"]["entry"]["pages"]
    changed = "1 page changed" if len(edit["changed"]) == 1 else f"{len(edit['changed'])} pages changed"
    assert any(f"preview: {changed}" in line for line in loop["edit_lines"]), loop["edit_lines"]


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean grey difference at an eighth of the size: pdfium and poppler smooth type
    differently, pixel by pixel, but the same page is the same at a glance."""
    small = (a.width // 8, a.height // 8)
    a, b = (i.convert("L").resize(small, Image.BOX) for i in (a, b))
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def test_the_sheets_images_are_the_pdfs_pages(loop, tmp_path):
    sheet_dir = loop["out"] / "whrcf2021" / "preview"
    sheet = json.loads((sheet_dir / "sheet.json").read_text(encoding="utf-8"))
    pdf = loop["out"] / "whrcf2021" / BOOK
    assert len(sheet["pages"]) == len(PdfReader(pdf).pages)
    subprocess.run(
        ["pdftoppm", "-scale-to-y", "720", "-scale-to-x", "-1", "-png", str(pdf), str(tmp_path / "p")], check=True
    )
    poppler = sorted(tmp_path.glob("p-*.png"))
    assert len(poppler) == len(sheet["pages"])
    html = (sheet_dir / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'data-page="(\d+)"><img src="pages/(\w+)\.png"', html)
    assert [int(n) for n, _ in shown] == list(range(1, len(poppler) + 1))
    for (n, name), theirs in zip(shown, poppler, strict=True):
        ours = Image.open(sheet_dir / "pages" / f"{name}.png")
        other = Image.open(theirs)
        assert abs(ours.height - other.height) <= 1 and abs(ours.width - other.width) <= 1
        other = other.resize(ours.size)
        same = _mean_difference(ours, other)
        assert same < 3.5, (n, same)  # the same page drawn by pdfium and by poppler (WHRCF: 0.2 to 3.1)
        neighbour = Image.open(poppler[int(n) % len(poppler)]).resize(ours.size)
        assert _mean_difference(ours, neighbour) > same, n
    # Spreads as the book opens: 1 alone on the right, then 2|3, 4|5 …
    spreads = html.split('<div class="spread">')[1:]
    assert re.findall(r'data-page="(\d+)"|class="page blank"', spreads[0]) == ["", "1"]
    assert re.findall(r'data-page="(\d+)"', spreads[1]) == ["2", "3"]


CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_the_sheet_in_a_real_browser_shows_every_page_and_follows_a_save(loop, tmp_path):
    """Headless Chromium (Debian's package, installed by scripts/setup-system.sh) opens the sheet
    of a PDF; the PDF is then replaced by the edited book and the sheet updated, as a save in
    `book watch --preview` does: the open page reloads itself and marks the changed page."""
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from book.pipeline import preview

    assert Path(CHROMIUM).exists(), "Chromium is missing: run scripts/setup-system.sh (Debian package chromium)"
    pdf, folder = tmp_path / "book.pdf", tmp_path / "sheet"
    shutil.copy2(loop["first"]["pdf"], pdf)
    first = preview.update(pdf, folder)
    count = len(first["pages"])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto((folder / "index.html").as_uri())
            page.wait_for_function(f"document.body.dataset.loaded === '{count}'", timeout=15000)
            page.screenshot(path=str(tmp_path / "sheet-first.png"))
            sizes = page.eval_on_selector_all("img", "els => els.map(e => [e.naturalWidth, e.naturalHeight])")
            assert len(sizes) == count and all(w > 300 and h == preview.IMAGE_HEIGHT for w, h in sizes)
            assert page.eval_on_selector_all(".page.changed", "els => els.length") == 0
            shutil.copy2(loop["edit"]["pdf"], pdf)
            second = preview.update(pdf, folder)
            page.wait_for_function(f"document.body.dataset.version === '{second['version']}'", timeout=15000)
            page.wait_for_function(f"document.body.dataset.loaded === '{count}'", timeout=15000)
            marked = page.eval_on_selector_all(".page.changed", "els => els.map(e => +e.dataset.page)")
            assert marked == second["changed"] == loop["edit"]["sheet"]["changed"]
            page.locator(f"#p{marked[0]}").scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / "sheet-after-save.png"))
        finally:
            browser.close()
    shot = Image.open(tmp_path / "sheet-after-save.png").convert("RGB")
    # The mark is drawn: the sheet's yellow outline (#ffcf4a) is on screen around the changed page.
    assert shot.getcolors(1 << 20) and {c: n for n, c in shot.getcolors(1 << 20)}.get((255, 207, 74), 0) > 500
    shutil.copy2(tmp_path / "sheet-after-save.png", loop["tmp"] / "sheet-after-save.png")  # to look at


def test_book_preview_of_any_pdf_and_of_a_file_that_is_not_one(loop, tmp_path):
    pdf = tmp_path / "proof.pdf"
    shutil.copy2(loop["first"]["pdf"], pdf)
    done = subprocess.run(
        [sys.executable, "-m", "book.cli", "preview", str(pdf)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    sheet = json.loads((tmp_path / "proof-preview" / "sheet.json").read_text(encoding="utf-8"))
    assert len(sheet["pages"]) == len(PdfReader(pdf).pages) == len(sheet["rendered"])
    assert f"{len(sheet['pages'])} of {len(sheet['pages'])} pages drawn" in done.stdout
    again = subprocess.run(
        [sys.executable, "-m", "book.cli", "preview", str(pdf)], cwd=ROOT, capture_output=True, text=True
    )
    assert "no page changed, 0 of" in again.stdout  # nothing drawn twice
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a PDF at all", encoding="utf-8")
    for target in (bad, tmp_path / "missing.pdf"):
        done = subprocess.run(
            [sys.executable, "-m", "book.cli", "preview", str(target)], cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 1 and "Traceback" not in done.stderr and "internal error" not in done.stderr
        assert str(target) in done.stderr


def test_an_event_book_template_written_for_the_old_parts_is_a_clear_error(tmp_path):
    """An event's own templates/book.html that writes the whole programme in the body (as before
    books were laid out by day) would leave blank day parts: the build says what to change."""
    event = tmp_path / "whrcf"
    shutil.copytree(EVENT, event)
    text = (ROOT / "templates" / "book.html").read_text(encoding="utf-8")
    old = text.replace(
        '{%- if part.name == "all" or (part.name == "days") or (part.name == "body" and not v.days) %}',
        '{%- if part.name in ("all", "body") %}',
    )
    old = old.replace(
        '{%- set groups = v.days[part.day:part.day + 1] if part.name == "days" else v.days %}',
        "{%- set groups = v.days %}",
    ).replace('{%- if part.name != "days" or part.day == 0 %}', "{%- if true %}")
    assert old != text
    (event / "templates").mkdir()
    (event / "templates" / "book.html").write_text(old, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "book.cli",
            "build",
            str(event),
            "--out",
            str(tmp_path / "out"),
            "--only",
            "book",
            "--edition",
            "ko",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "templates/book.html must write each programme day group in its own part" in done.stderr
    assert not (tmp_path / "out" / "whrcf2021" / "book-ko.pdf").exists()


def test_a_kept_part_is_not_reused_once_a_file_it_read_has_changed(tmp_path):
    """The part cache's other key (book/typeset/layouts.py): the files a layout read, such as
    the event's style.css or a logo, by their bytes as read."""
    import hashlib
    import os

    from book.typeset.layouts import Layouts

    logo = tmp_path / "logo.svg"
    logo.write_bytes(b"<svg>one</svg>")
    read = [(str(logo), hashlib.sha256(b"<svg>one</svg>").hexdigest())]
    layouts = Layouts()
    layouts.fonts("css")
    layouts.put("k", "laid out", read)
    assert layouts.get("k") == "laid out"
    os.utime(logo, ns=(1, 1))  # touched, same bytes: still the same part
    assert layouts.get("k") == "laid out"
    logo.write_bytes(b"<svg>two</svg>")
    assert layouts.get("k") is None
    layouts.put("k", "laid out from one", read)  # changed between the read and the keeping: not kept
    assert layouts.get("k") is None


def test_book_preview_writes_only_into_a_new_empty_or_own_folder(tmp_path):
    """The sheet removes page images and rewrites index.html: never in a folder it did not make."""
    pdf = tmp_path / "book.pdf"
    subprocess.run([sys.executable, "-c", _ONE_PAGE_PDF, str(pdf)], check=True)
    theirs = tmp_path / "photos"
    theirs.mkdir()
    (theirs / "holiday.png").write_bytes(b"not ours")
    (theirs / "index.html").write_text("their page")
    result = subprocess.run(
        [sys.executable, "-m", "book.cli", "preview", str(pdf), "--out", str(theirs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "holds other files" in result.stderr and "Traceback" not in result.stderr
    assert (theirs / "holiday.png").read_bytes() == b"not ours" and (theirs / "index.html").read_text() == "their page"
    (theirs / "link").symlink_to(tmp_path)
    for target in (tmp_path / "new", tmp_path / "new"):  # a new folder, then the same one again: it is ours
        again = subprocess.run(
            [sys.executable, "-m", "book.cli", "preview", str(pdf), "--out", str(target)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert again.returncode == 0, again.stderr
    linked = subprocess.run(
        [sys.executable, "-m", "book.cli", "preview", str(pdf), "--out", str(theirs / "link")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert linked.returncode == 1 and "not a folder the contact sheet" in linked.stderr


_ONE_PAGE_PDF = """
import sys
from pypdf import PdfWriter
w = PdfWriter()
w.add_blank_page(width=420, height=595)
with open(sys.argv[1], "wb") as f:
    w.write(f)
"""


def _pdf(path, pages=1, box=(0, 0, 420, 595), contents: bytes | None = None):
    """A small PDF made by hand with pypdf: ``pages`` blank pages of ``box``, the first drawing
    ``contents`` (already flate-compressed) when given."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, FloatObject, NameObject, StreamObject

    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(width=420, height=595)
        page[NameObject("/MediaBox")] = ArrayObject(FloatObject(v) for v in box)
    if contents is not None:
        stream = StreamObject()
        stream._data = contents
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    with open(path, "wb") as fh:
        writer.write(fh)


def _pdf_drawing_xobject(path, xobject) -> None:
    """A one-page PDF whose page draws ``/Im0`` from ``xobject``: its /XObject resources,
    which a damaged file may give as anything, not a dictionary of streams."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=420, height=595)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobject(writer)})
    stream = StreamObject()
    stream._data = b"q 100 0 0 100 0 0 cm /Im0 Do Q"
    page[NameObject("/Contents")] = writer._add_object(stream)
    with open(path, "wb") as fh:
        writer.write(fh)


def _image_that_is_a_dictionary(writer):
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    image = DictionaryObject({NameObject("/Subtype"): NameObject("/Image"), NameObject("/Width"): NumberObject(10)})
    return DictionaryObject({NameObject("/Im0"): writer._add_object(image)})


def _image_that_is_a_number(writer):
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    return DictionaryObject({NameObject("/Im0"): NumberObject(5)})


def _xobjects_that_are_a_list(writer):
    from pypdf.generic import ArrayObject, NumberObject

    return ArrayObject([NumberObject(1)])


def _flate_bomb() -> bytes:
    import zlib

    squeeze, zeros = zlib.compressobj(9), bytes(1 << 20)
    return b"".join(squeeze.compress(zeros) for _ in range(1024)) + squeeze.flush()  # 1 GB of zeros in 1 MB


@pytest.mark.parametrize(
    "name, make, said",
    [
        ("tiny", lambda p: _pdf(p, box=(0, 0, 420, 0.01)), "not a size a page can have"),
        ("many", lambda p: _pdf(p, pages=5_001), "more than a contact sheet shows"),
        ("bomb", lambda p: _pdf(p, contents=_flate_bomb()), "page 1 cannot be read"),
        (
            "xobject-a-dictionary",
            lambda p: _pdf_drawing_xobject(p, _image_that_is_a_dictionary),
            "page 1 cannot be read: XObject /Im0 is not a stream (a damaged PDF; ask for the file again)",
        ),
        (
            "xobject-a-number",
            lambda p: _pdf_drawing_xobject(p, _image_that_is_a_number),
            "page 1 cannot be read: XObject /Im0 is not a stream",
        ),
        (
            "xobjects-a-list",
            lambda p: _pdf_drawing_xobject(p, _xobjects_that_are_a_list),
            "page 1 cannot be read: its resources' /XObject is not a dictionary",
        ),
    ],
)
def test_book_preview_of_a_hostile_pdf_is_a_message_not_a_hang(tmp_path, name, make, said):
    import time

    pdf = tmp_path / f"{name}.pdf"
    make(pdf)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "book.cli", "preview", str(pdf)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert time.monotonic() - started < 60
    assert result.returncode == 1 and said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
