"""The command line: clear errors, exit codes, no tracebacks, nothing lost."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import EVENT, ROOT

BOOK = [sys.executable, "-m", "book.cli"]


def run(*args, cwd=ROOT):
    return subprocess.run(BOOK + list(args), capture_output=True, text=True, cwd=cwd)


def test_check_passes_on_the_default_event():
    result = run("check", str(EVENT))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stderr


def test_usage_error_exits_2():
    assert run("build", "--no-such-flag").returncode == 2


def test_missing_folder_is_a_clear_error(tmp_path):
    result = run("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is not a folder" in result.stdout + result.stderr


def broken_copy(tmp_path, edit) -> Path:
    folder = tmp_path / "event"
    shutil.copytree(EVENT, folder)
    path = folder / "sessions.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_bad_time_names_file_line_and_fix(tmp_path):
    folder = broken_copy(tmp_path, lambda t: t.replace('start: "20:00"', 'start: "50:00"', 1))
    result = run("check", str(folder))
    assert result.returncode == 1
    line = next(n for n, text in enumerate((folder / "sessions.yaml").read_text().splitlines(), 1) if '"50:00"' in text)
    assert f"sessions.yaml:{line}:10: error: start `50:00` is not a time of day" in result.stdout
    assert "hint:" in result.stdout and "Traceback" not in result.stderr


def test_unknown_key_suggests_the_nearest(tmp_path):
    folder = broken_copy(tmp_path, lambda t: t.replace("  title: {ko: 라운드테이블", "  titel: {ko: 라운드테이블", 1))
    result = run("check", "--format", "json", str(folder))
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert any("unknown key `titel`" in f["message"] and "did you mean `title`?" in f["hint"] for f in findings)


def test_failed_build_keeps_the_previous_outputs(tmp_path, built):
    out = tmp_path / "out"
    shutil.copytree(built["out"], out / "whrcf2021")
    before = {p.name: p.read_bytes() for p in (out / "whrcf2021").glob("*.pdf")}
    manifest = (out / "whrcf2021" / "build.json").read_bytes()
    folder = broken_copy(tmp_path, lambda t: t.replace("date: 2021-10-08", "date: 2021-02-30", 1))
    result = run("build", str(folder), "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is not a real date" in result.stderr
    assert {p.name: p.read_bytes() for p in (out / "whrcf2021").glob("*.pdf")} == before
    assert (out / "whrcf2021" / "build.json").read_bytes() == manifest
    assert not list((out / "whrcf2021").glob(".*.tmp"))


def test_uncovered_character_is_named_with_its_position(tmp_path):
    folder = broken_copy(
        tmp_path, lambda t: t.replace("short: {ko: 라운드테이블,", "short: {ko: 라운드테이블\U0001f600,", 1)
    )
    result = run("check", str(folder))
    assert result.returncode == 1
    assert "U+1F600" in result.stdout and "sessions.yaml:" in result.stdout


def test_cli_offers_every_output_kind_of_the_registry():
    from book.outputs import names

    result = run("build", "--only", "no-such-kind")
    assert result.returncode == 2
    for name in names():
        assert f"'{name}'" in result.stderr
    assert names() == ["book", "press-book", "day-sheet", "room-sign"]


def test_build_with_html_and_force_writes_every_page_kind(tmp_path):
    result = run("build", str(ROOT / "tests" / "fixtures" / "mini"), "--out", str(tmp_path), "--html", "--force")
    assert result.returncode == 0, result.stderr
    names = {p.name for p in (tmp_path / "mini" / "html").glob("*.html")}
    assert {"book-ko-en.html", "press-book-ko-en.html", "days-2024-03-04.html"} <= names


def test_version_and_the_help_of_every_command():
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("book 0.")
    check = " ".join(run("check", "--help").stdout.split())
    assert "event folder (default: data/whrcf2021)" in check and "json: a list of findings" in check
    preflight = " ".join(run("preflight", "--help").stdout.split())
    assert "the PDF file to check" in preflight and "1 for any count" in preflight


def test_a_syntax_error_in_people_is_reported_once_not_per_reference(tmp_path):
    folder = tmp_path / "event"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", folder)
    people = folder / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("name: {en: Jane Roe}", "name: {en: Jane Roe"), encoding="utf-8"
    )
    result = run("check", str(folder))
    assert result.returncode == 1
    assert "people.yaml:" in result.stdout and "YAML syntax" in result.stdout
    assert "unknown person" not in result.stdout
    assert "1 error(s)" in result.stderr
