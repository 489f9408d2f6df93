"""Escapes from the event folder, beyond the corpus: no lookup, no socket,
nothing of an outside file in any output or message."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from book.errors import BuildError
from book.pipeline import BuildOptions, build, check
from book.typeset import fonts

from .conftest import ROOT, pdftotext, require

CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(CORPUS))
from make_corpus import SECRET, materialise  # noqa: E402

MINI = ROOT / "tests" / "fixtures" / "mini"


def test_a_file_url_with_a_host_is_refused_without_a_lookup(tmp_path, monkeypatch):
    looked_up = []
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
        real = getattr(socket, name)
        monkeypatch.setattr(
            socket, name, lambda *a, _real=real, _name=name, **k: looked_up.append((_name, a)) or _real(*a, **k)
        )
    folder = materialise(CORPUS / "css-file-url-host", tmp_path / "event")
    with pytest.raises(BuildError, match="a file: URL with a host is refused"):
        build(folder, tmp_path / "out", BuildOptions.of(only=["day-sheet"]), workers=1)
    assert looked_up == []


def test_a_hostile_build_opens_no_socket(tmp_path):
    """strace -f -e trace=network over a whole build of a folder full of escapes."""
    require("strace")
    folder = materialise(CORPUS / "css-file-url-host", tmp_path / "event")
    (folder / "templates").mkdir()
    (folder / "templates" / "day_sheet.html").write_text(
        '<html><head><link rel="stylesheet" href="http://127.0.0.2/x.css"><link rel="stylesheet" '
        'href="ftp://127.0.0.2/y.css"></head><body><img src="https://127.0.0.2/z.png" alt=""></body></html>\n',
        encoding="utf-8",
    )
    trace = tmp_path / "trace"
    result = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=network",
            "-o",
            str(trace),
            sys.executable,
            "-m",
            "book.cli",
            "build",
            str(folder),
            "--out",
            str(tmp_path / "out"),
            "--only",
            "day-sheet",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1 and "refused to read http://127.0.0.2/x.css" in result.stderr, result.stderr
    calls = [line for line in trace.read_text().splitlines() if "---" not in line and "+++" not in line]
    assert calls == [], calls[:5]


def test_a_link_that_stays_inside_the_event_folder_is_fine(tmp_path):
    folder = tmp_path / "event"
    shutil.copytree(MINI, folder)
    (folder / "data").mkdir()
    (folder / "sessions.yaml").rename(folder / "data" / "sessions.yaml")
    (folder / "sessions.yaml").symlink_to(folder / "data" / "sessions.yaml")
    (folder / "templates").mkdir()
    (folder / "shared.html").write_text("{% extends 'day_sheet.html' %}\n", encoding="utf-8")
    (folder / "templates" / "room_sign.html").symlink_to(folder / "shared.html")
    _, _, findings = check(folder)
    assert [f for f in findings if f.severity == "error"] == []
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["day-sheet"]))
    assert len(manifest["outputs"]) == 6


def test_outside_files_never_reach_an_output_or_a_message(tmp_path):
    """A folder whose templates all lead outside: the build stops, and no byte
    of any outside file is in its messages, its HTML or its PDFs."""
    folder = materialise(CORPUS / "template-include-leak", tmp_path / "event")
    (folder / "templates" / "room_sign.html").symlink_to(tmp_path / "outside" / "passwd")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "book.cli", "build", str(folder), "--out", str(out), "--html"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
            if path.suffix == ".pdf":
                assert SECRET not in pdftotext(path), path


def declaration(tmp_path, regular: str) -> Path:
    """A font declaration in its own folder whose sans regular face is the file ``regular``."""
    folder = tmp_path / "fonts"
    folder.mkdir(exist_ok=True)
    text = (fonts.FONTS_DIR / "fonts.yaml").read_text(encoding="utf-8")
    (folder / "fonts.yaml").write_text(
        text.replace("    - NotoSansKR-Regular.otf", f"    - {regular}", 1), encoding="utf-8"
    )
    return folder / "fonts.yaml"


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_font_file_linked_from_outside_the_fonts_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.otf"
    secret.write_text(SECRET, encoding="utf-8")
    path = declaration(tmp_path, "Mine-Regular.otf")
    (path.parent / "Mine-Regular.otf").symlink_to(secret)
    with pytest.raises(BuildError) as info:
        fonts.resolve(path)
    [finding] = info.value.findings
    assert finding.message == "Mine-Regular.otf is a link to a file outside the fonts folder"
    assert finding.file.endswith("fonts.yaml") and finding.line == line_of(path, "Mine-Regular.otf")
    assert SECRET not in finding.format()


@pytest.mark.parametrize("content, name", [(b"not a font at all\n", "garbage"), (None, "truncated")])
def test_a_broken_font_file_is_a_finding_naming_it(tmp_path, content, name):
    path = declaration(tmp_path, "Broken-Regular.otf")
    if content is None:  # the first 2 KB of a real font
        content = fonts.resolve()[("sans", "regular")].path.read_bytes()[:2048]
    (path.parent / "Broken-Regular.otf").write_bytes(content)
    with pytest.raises(BuildError) as info:
        fonts.resolve(path)
    [finding] = info.value.findings
    assert finding.message.startswith("Broken-Regular.otf is not a font file fontTools can read ("), finding
    assert finding.severity == "error" and finding.line == line_of(path, "Broken-Regular.otf")


def test_check_reports_a_broken_font_as_a_finding_not_an_internal_error(tmp_path, monkeypatch):
    path = declaration(tmp_path, "Broken-Regular.otf")
    (path.parent / "Broken-Regular.otf").write_bytes(b"\0" * 100)
    monkeypatch.setattr(fonts, "FONTS_DIR", path.parent)
    _, faces, findings = check(MINI)
    assert faces is None
    assert any(f.message.startswith("Broken-Regular.otf is not a font file") for f in findings)


def test_a_build_opens_no_file_of_the_event_folder_that_no_data_names(tmp_path):
    """The no-op check keys on what the folder holds without reading it: a link to a secret
    outside and a huge file that no data names are never opened (strace), and a build still
    notices an edit."""
    require("strace")
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("do not read")
    (event / "notes").mkdir()
    (event / "notes" / "secret-link.txt").symlink_to(outside / "secret.txt")
    with open(event / "notes" / "huge.bin", "wb") as fh:  # sparse: 1 GB that takes no disk
        fh.truncate(1 << 30)
    trace = tmp_path / "trace"
    command = [
        sys.executable,
        "-m",
        "book.cli",
        "build",
        str(event),
        "--out",
        str(tmp_path / "out"),
        "--only",
        "day-sheet",
    ]
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=open,openat", "-o", str(trace), *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    opened = [
        line
        for line in trace.read_text().splitlines()
        if "secret.txt" in line or "secret-link" in line or "huge.bin" in line
    ]
    assert opened == [], opened[:3]
    again = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert again.stdout.startswith("up to date"), again.stdout
    rooms = event / "rooms.yaml"
    rooms.write_text(rooms.read_text(encoding="utf-8").replace("대강당", "큰 강당"), encoding="utf-8")
    edited = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert not edited.stdout.startswith("up to date") and "built" in edited.stdout, edited.stdout


def test_an_image_swapped_for_a_link_after_the_checks_is_refused_where_it_is_read(tmp_path, monkeypatch):
    """The checks pass, then the logo and a photo become links to outside files before the
    layout reads them: the output fails naming the file, and nothing outside is embedded."""
    from book.pipeline import run

    folder = tmp_path / "organisers"
    shutil.copytree(ROOT / "tests" / "fixtures" / "organisers", folder)
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.png"
    shutil.copy(folder / "logo.png" if (folder / "logo.png").exists() else MINI / "logo.png", secret)
    event = check(folder)[0].event
    photos = [p.photo for p in event.people.values() if p.photo][:1]
    swapped = [Path(event.logo[0])] + [Path(p) for p in photos] if event.logo else [Path(p) for p in photos]
    assert swapped
    real = run._plan

    def swap_then_plan(*args, **kwargs):  # after the checks, before any image is read
        for path in swapped:
            path.unlink()
            path.symlink_to(secret)
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "_plan", swap_then_plan)
    with pytest.raises(BuildError) as caught:
        build(folder, tmp_path / "out", BuildOptions.of(only=["book", "press-book"]))
    said = str(caught.value)
    assert any(path.name in said for path in swapped) and "link to a file outside" in said, said
    assert not list((tmp_path / "out").rglob("*.pdf")) or all(
        secret.read_bytes()[:64] not in pdf.read_bytes() for pdf in (tmp_path / "out").rglob("*.pdf")
    )


def test_links_that_loop_but_are_named_by_no_data_do_not_stop_check_or_build(tmp_path):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    (event / "loop").symlink_to(event / "loop")
    (event / "a").symlink_to(event / "b")
    (event / "b").symlink_to(event / "a")
    (event / "self").symlink_to(event)
    _, _, findings = check(event)
    assert not [f for f in findings if f.severity == "error"], findings
    manifest = build(event, tmp_path / "out", BuildOptions.of(only=["day-sheet"]))
    assert manifest["outputs"] and all((tmp_path / "out" / "mini" / e["path"]).is_file() for e in manifest["outputs"])
    again = build(event, tmp_path / "out", BuildOptions.of(only=["day-sheet"]))
    assert again["rebuilt"] == []  # and the no-op check still holds
