"""What a new user tripped on: the contact sheet of the edition a watch builds, a sheet at once
for an event that is up to date, outputs whose bytes depend only on their own inputs, a
runaway template that fails its outputs at once, and counts that read right."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import time

from book.pipeline import BuildOptions, build

from .conftest import ROOT
from .test_watch import MINI, Watcher


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _book(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "book.cli", *map(str, args)], cwd=cwd, capture_output=True, text=True)


def _sheet_pdf(page) -> str:
    """The PDF a contact sheet shows, from its state file beside it."""
    state = "sheet.json" if page.name == "index.html" else page.name.replace(".html", ".sheet.json")
    return json.loads((page.parent / state).read_text(encoding="utf-8"))["pdf"]


def test_the_sheet_shows_the_edition_the_watch_builds_and_is_written_at_once_when_up_to_date(tmp_path):
    event, out = tmp_path / "mini", tmp_path / "out"
    shutil.copytree(MINI, event)
    build(event, out, BuildOptions.of())  # a full build first: book-ko-en.pdf leads its manifest
    preview = out / "mini" / "preview"
    args = (event, "--out", out, "--edition", "ko", "--edition", "en", "--only", "book", "--preview")
    watcher = Watcher(*args)
    try:
        lines = watcher.until("preview:")
        assert _sheet_pdf(preview / "index.html").endswith("/book-ko.pdf"), lines
        assert "book-ko.pdf" in (preview / "index.html").read_text(encoding="utf-8")
    finally:
        assert watcher.stop() == 0, "\n".join(watcher.seen)
    shutil.rmtree(preview)
    # Nothing changed: the watch says so, and the sheets are there before any save.
    watcher = Watcher(*args)
    try:
        lines = watcher.until("preview:")
        lines += watcher.until("preview:")
        assert any(line.startswith("up to date") for line in lines), lines
        assert _sheet_pdf(preview / "index.html").endswith("/book-ko.pdf")
        assert _sheet_pdf(preview / "book-en.html").endswith("/book-en.pdf")
        page = (preview / "index.html").read_text(encoding="utf-8")
        assert '<a href="book-en.html">book-en.pdf</a>' in page  # the switch between the two books
        assert len(list((preview / "pages").glob("*.png"))) >= 2
    finally:
        assert watcher.stop() == 0, "\n".join(watcher.seen)


def test_an_output_depends_only_on_its_own_inputs(tmp_path):
    """After a full build, `--only day-sheet` lays nothing out again, and a sheet built on its own
    has the very bytes (fonts included) of the same sheet built with everything else."""
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    full = build(event, tmp_path / "full", BuildOptions.of())
    again = build(event, tmp_path / "full", BuildOptions.of(only=["day-sheet"]))
    assert again["rebuilt"] == [], again["rebuilt"]
    alone = build(event, tmp_path / "alone", BuildOptions.of(only=["day-sheet"]))
    sheets = {e["path"]: e["sha256"] for e in full["outputs"] if e["kind"] == "day-sheet"}
    assert sheets and sheets == {e["path"]: e["sha256"] for e in alone["outputs"]}


def test_a_runaway_template_fails_every_output_that_uses_it_at_once(tmp_path):
    from book.typeset.templates import MAX_SECONDS

    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    (event / "templates").mkdir()
    source = (ROOT / "templates" / "day_sheet.html").read_text(encoding="utf-8")
    loop = "{% for i in range(99999) %}"
    endless = loop * 3 + "{% endfor %}" * 3  # 10^15 rounds, within the sandbox's range limit
    (event / "templates" / "day_sheet.html").write_text(source.replace("</body>", endless + "</body>"))
    started = time.monotonic()
    result = _book("build", event, "--out", tmp_path / "out", "--only", "day-sheet")
    took = time.monotonic() - started
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    failed = re.findall(r"days/\S+\.pdf: template day_sheet.html: rendering took longer", result.stderr)
    assert len(failed) >= 2, result.stderr  # every day's sheet, each named
    assert took < 2 * MAX_SECONDS + 15, took  # one time limit for all of them, not one per sheet


def test_counts_read_as_a_person_would_write_them(tmp_path):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    result = _book("build", event, "--out", tmp_path / "out", "--only", "room-sign")
    assert result.returncode == 0, result.stderr
    assert re.search(r"\b1 page,", result.stdout) and "1 pages" not in result.stdout + result.stderr
    again = _book("build", event, "--out", tmp_path / "out", "--only", "room-sign")
    assert re.search(r"up to date: \d+ files", again.stdout), again.stdout


def test_build_help_says_what_a_failed_output_does():
    result = _book("build", "--help")
    text = " ".join(result.stdout.split())
    assert "fails alone" in text and "keeps its previous file" in text
    assert "A build that fails changes nothing" not in text
