"""Every command the README prints, run as printed, in order, in a fresh folder.

The README's ```sh blocks are what a new user types. Each is run with bash from a
folder that has the clone's `.venv`, a copy of `data/whrcf2021`, and the source files
the README names (`schedule.json`, `forum.ics`: real exports from tests/fixtures/imports).
Step 2 of "Your first event" (fill in the sheet) is done here as a person would, in
the template the step before wrote. A block preceded by `<!-- not run by the README
test: … -->` or `<!-- run by .ci/run -->` says why it is not run here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap

import pytest

from .conftest import ROOT, pages_text

README = ROOT / "README.md"
BLOCK = re.compile(r"^(?P<indent>[ ]*)```sh\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)
SKIP = re.compile(r"<!-- (not run by the README test|run by \.ci/run)[^>]*-->\s*$")


def blocks() -> list[tuple[int, str, bool]]:
    """(line, commands, run here?) of every shell block of the README."""
    text = README.read_text(encoding="utf-8")
    out = []
    for m in BLOCK.finditer(text):
        before = text[: m.start()].rstrip(" ").splitlines()[-1:] or [""]
        out.append((text.count("\n", 0, m.start()) + 1, textwrap.dedent(m["body"]), not SKIP.search(before[0])))
    return out


def _fill(sheet):
    """Three sessions typed into the template, its example row replaced."""
    from openpyxl import load_workbook

    book = load_workbook(sheet)
    rows = book.worksheets[0]
    heads = [c.value for c in rows[1]]
    rows.delete_rows(2, rows.max_row)
    for row in (
        {
            "id": "opening",
            "date": "2026-05-14",
            "start": "09:30",
            "end": "10:00",
            "room": "대강당",
            "category": "공식행사",
            "title_ko": "개회식",
            "title_en": "Opening",
            "speakers": "김하늘",
        },
        {
            "id": "talk-1",
            "date": "2026-05-14",
            "start": "10:30",
            "end": "12:00",
            "room": "세미나실",
            "category": "발표",
            "title_ko": "도시와 인권",
            "title_en": "Cities and Rights",
            "speakers": "Jane Roe",
        },
        {
            "id": "closing",
            "date": "2026-05-15",
            "start": "16:00",
            "end": "17:00",
            "room": "대강당",
            "category": "공식행사",
            "title_ko": "폐회식",
            "title_en": "Closing",
            "moderator": "박도윤",
        },
    ):
        rows.append([row.get(h, "") for h in heads])
    book.save(sheet)


@pytest.fixture(scope="module")
def ran(tmp_path_factory, built):
    home = tmp_path_factory.mktemp("readme")
    (home / ".venv").symlink_to(ROOT / ".venv")
    # `make book` came first, as for a new user: the default event is built (the suite's own build).
    shutil.copytree(built["out"], home / "out" / "whrcf2021")
    shutil.copytree(ROOT / "data" / "whrcf2021", home / "data" / "whrcf2021")
    shutil.copy(ROOT / "tests" / "fixtures" / "imports" / "pyconkr2018.json", home / "schedule.json")
    shutil.copy(ROOT / "tests" / "fixtures" / "imports" / "whrcf2021.ics", home / "forum.ics")
    results = []
    for line, commands, run in blocks():
        if not run:
            continue
        if "import sessions.xlsx" in commands:
            _fill(home / "sessions.xlsx")
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", commands], cwd=home, capture_output=True, text=True)
        results.append((line, commands, done))
    return home, results


def test_the_readme_blocks_are_found_and_most_are_run():
    found = blocks()
    assert len(found) >= 10
    assert sum(run for _, _, run in found) >= 8
    assert all("make" in c or "watch" in c for _, c, run in found if not run)  # only these are left to others


def test_every_command_of_the_readme_works_as_printed(ran):
    _, results = ran
    for line, commands, done in results:
        assert done.returncode == 0, f"README line {line}:\n{commands}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, (line, done.stderr)


def test_the_first_event_is_a_book_with_the_sessions_typed_into_the_sheet(ran):
    home, _ = ran
    out = home / "out" / "myevent"
    for name in ("book-ko-en.pdf", "book-ko.pdf", "book-en.pdf", "press/book-ko-en.pdf", "days/2026-05-14.pdf"):
        assert (out / name).is_file(), name
    text = " ".join(pages_text(out / "book-ko-en.pdf"))
    for title in ("개회식", "Cities and Rights", "폐회식", "Jane Roe"):
        assert title in text
    assert (home / "out" / "myforum" / "book-ko-en.pdf").is_file()
    assert (home / "out" / "conf" / "schedule.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert (home / "data" / "myevent" / "press.css").is_file()
