"""One bad output does not stop the build: the others are made and
published, the failed one keeps its previous file, and the manifest says
so. Files the build no longer makes are removed; an out folder belongs to
one event folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from .conftest import ROOT, pdftotext
from .test_publish import MINI, pdfs, sha

BOOK = [sys.executable, "-m", "book.cli"]


def run(*args, cwd=ROOT):
    return subprocess.run(BOOK + [str(a) for a in args], capture_output=True, text=True, cwd=cwd)


def test_a_failing_room_sign_keeps_its_previous_file_and_the_rest_is_built(tmp_path):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    out = tmp_path / "out"
    assert run("build", event, "--out", out).returncode == 0
    folder = out / "mini"
    signs_before = {p: sha(folder / p) for p in pdfs(folder) if p.startswith("rooms/")}
    book_before = sha(folder / "book-ko-en.pdf")
    assert len(signs_before) == 3

    (event / "templates").mkdir()
    (event / "templates" / "room_sign.html").write_text("{{ 1 / 0 }}\n", encoding="utf-8")
    sessions = event / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("Keynote", "Opening talk"), encoding="utf-8")
    result = run("build", event, "--out", out)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr.lower()
    assert "3 of" in result.stderr and "rooms/2024-03-04-hall-a.pdf" in result.stderr
    assert "division by zero" in result.stderr
    assert "book-ko-en.pdf" in result.stdout  # what was built is said first
    assert {p: sha(folder / p) for p in signs_before} == signs_before
    assert sha(folder / "book-ko-en.pdf") != book_before
    assert "Opening talk" in pdftotext(folder / "days" / "2024-03-04-en.pdf")
    manifest = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    assert sorted(f["path"] for f in manifest["failed"]) == sorted(signs_before)
    assert manifest["inputs_key"] == ""  # the next build tries again
    listed = {e["path"]: e for e in manifest["outputs"]}
    assert all(sha(folder / p) == listed[p]["sha256"] for p in signs_before)  # the old entries, still true

    (event / "templates" / "room_sign.html").unlink()
    again = run("build", event, "--out", out)
    assert again.returncode == 0, again.stderr
    assert "Opening talk" in pdftotext(folder / "rooms" / "2024-03-04-hall-a.pdf")
    assert (
        "failed" not in json.loads((folder / "build.json").read_text(encoding="utf-8"))
        or not json.loads((folder / "build.json").read_text(encoding="utf-8"))["failed"]
    )


def test_a_room_that_goes_away_takes_its_signs_with_it(tmp_path):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    out = tmp_path / "out"
    assert run("build", event, "--out", out, "--only", "room-sign").returncode == 0
    folder = out / "mini"
    assert (folder / "rooms" / "2024-03-04-room-201.pdf").exists()
    sessions = event / "sessions.yaml"
    sessions.write_text(
        sessions.read_text(encoding="utf-8").replace("room: room-201", "room: hall-a"), encoding="utf-8"
    )
    result = run("build", event, "--out", out, "--only", "room-sign")
    assert result.returncode == 0, result.stderr
    assert not (folder / "rooms" / "2024-03-04-room-201.pdf").exists()
    manifest = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    assert "rooms/2024-03-04-room-201.pdf" not in {e["path"] for e in manifest["outputs"]}
    assert (folder / "rooms" / "2024-03-04-hall-a.pdf").exists()


def test_an_out_folder_belongs_to_one_event_folder(tmp_path):
    first, second = tmp_path / "a" / "mini", tmp_path / "b" / "mini"
    shutil.copytree(MINI, first)
    shutil.copytree(MINI, second)
    out = tmp_path / "out"
    assert run("build", first, "--out", out, "--only", "day-sheet").returncode == 0
    before = pdfs(out / "mini")
    refused = run("build", second, "--out", out, "--only", "day-sheet")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert str(first) in refused.stderr and "--force" in refused.stderr
    assert pdfs(out / "mini") == before
    forced = run("build", second, "--out", out, "--only", "day-sheet", "--force")
    assert forced.returncode == 0, forced.stderr
    manifest = json.loads((out / "mini" / "build.json").read_text(encoding="utf-8"))
    assert manifest["source"] == str(second.resolve())


def test_strict_check_makes_missing_translations_errors(tmp_path):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    sessions = event / "sessions.yaml"
    sessions.write_text(
        sessions.read_text(encoding="utf-8").replace(
            "title: {ko: 지역 정책 사례, en: Local Policy Cases}", "title: 지역 정책 사례"
        ),
        encoding="utf-8",
    )
    relaxed = run("check", event)
    assert relaxed.returncode == 0, relaxed.stderr
    assert "sessions.yaml" in relaxed.stdout + relaxed.stderr
    assert "English" in relaxed.stdout + relaxed.stderr
    strict = run("check", event, "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert "sessions.yaml:" in strict.stdout and "error: title has no English text" in strict.stdout


def test_a_room_id_that_is_no_file_name_still_makes_a_safe_file(tmp_path):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    for name in ("rooms.yaml", "sessions.yaml"):
        path = event / name
        path.write_text(path.read_text(encoding="utf-8").replace("room-201", "'Room 2/01: Ü'"), encoding="utf-8")
    result = run("build", event, "--out", tmp_path / "out", "--only", "room-sign")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out" / "mini" / "rooms").iterdir())
    assert all("/" not in n and " " not in n and ":" not in n for n in names)
    assert len(names) == 3 and len(set(names)) == 3
