"""The broken and hostile event corpus (tests/corpus): each case's exact finding."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from book.pipeline import BuildOptions, build, check

from .conftest import ROOT, pdftotext

CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(CORPUS))
from make_corpus import BASE, SECRET, materialise  # noqa: E402

CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.yaml").is_file())


def test_corpus_is_large_enough():
    assert len(CASES) >= 40


def expected(name):
    return yaml.safe_load((CORPUS / name / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [c for c in CASES if expected(c)["command"] == "check"])
def test_check_reports_the_exact_finding(name, tmp_path):
    want = expected(name)
    folder = materialise(CORPUS / name, tmp_path / "event")
    _, _, findings = check(folder)
    got = [(Path(f.file).name, f.line, f.severity, f.message) for f in findings]
    assert (want["file"], want["line"], want["severity"], want["message"]) in got, got
    for f in findings:
        assert f.hint or f.severity == "warning" or "YAML" in f.message or "UTF-8" in f.message, f
        assert SECRET not in f.format(), f  # nothing of a file outside the event folder is shown
    if "absent" in want:
        assert not any(want["absent"] in f.message for f in findings), got


@pytest.mark.parametrize("name", [c for c in CASES if expected(c)["command"] == "build"])
def test_hostile_overrides_stop_the_build(name, tmp_path):
    folder = materialise(CORPUS / name, tmp_path / "event")
    result = subprocess.run(
        [sys.executable, "-m", "book.cli", "build", str(folder), "--out", str(tmp_path / "out"), "--only", "day-sheet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert expected(name)["error"] in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not list((tmp_path / "out").rglob("*.pdf"))


def test_cli_exit_codes_over_the_corpus(tmp_path):
    """A few cases through the real command: exit 1 on errors, 0 on warnings only, no traceback."""
    for name, code in (("yaml-alias-bomb", 1), ("yaml-python-tag", 1), ("html-tag-warning", 0), ("room-clash", 0)):
        folder = materialise(CORPUS / name, tmp_path / name)
        result = subprocess.run(
            [sys.executable, "-m", "book.cli", "check", str(folder)], capture_output=True, text=True, cwd=ROOT
        )
        assert result.returncode == code, (name, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr


def test_huge_file_is_refused_before_reading(tmp_path):
    folder = materialise(CORPUS / "html-tag-warning", tmp_path / "event")
    with open(folder / "people.yaml", "a", encoding="utf-8") as fh:
        fh.write("# " + "x" * (17 * 1024 * 1024) + "\n")
    _, _, findings = check(folder)
    assert any(f.file.endswith("people.yaml") and "over the 16,777,216-byte limit" in f.message for f in findings)


def test_markup_in_text_is_printed_as_text(tmp_path):
    folder = materialise(CORPUS / "html-tag-warning", tmp_path / "event")
    path = folder / "sessions.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "en: Local Policy Cases", "en: \"<script>alert('x')</script> </div> Cases & “Quotes”\""
        ),
        encoding="utf-8",
    )
    build(folder, tmp_path / "out", BuildOptions.of(only=["day-sheet"]))
    text = pdftotext(tmp_path / "out" / "mini" / "days" / "2024-03-04.pdf")
    assert "<script>alert('x')</script> </div> Cases & “Quotes”" in " ".join(text.split())


def test_base_event_of_the_corpus_is_clean():
    _, _, findings = check(BASE)
    assert [f.format() for f in findings] == []
