"""Trustworthy builds: random input never crashes, kills lose nothing, bytes repeat."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from book.errors import BuildError
from book.pipeline import BuildOptions, build, check

from .conftest import ROOT

MINI = ROOT / "tests" / "fixtures" / "mini"

HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
ANY_TEXT = st.text(
    alphabet=st.one_of(
        HANGUL,
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0x590, max_codepoint=0x6FF),  # Hebrew and Arabic: right to left
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1F64F),  # emoji
        st.sampled_from(["\u200f", "\u202e", "\u0000", "\t", "\n", "<", "&", '"', "'", ":", "#", "{", "-"]),
    ),
    min_size=0,
    max_size=40,
)
SAFE_TEXT = st.text(
    alphabet=st.one_of(HANGUL, st.sampled_from(list("abcdefghij ABC0123456789.,()-"))), min_size=1, max_size=60
).filter(lambda t: t.strip())


def minutes(m):
    return f"{m // 60:02d}:{m % 60:02d}"


@st.composite
def events(draw, text=ANY_TEXT):
    count = draw(st.integers(1, 6))
    sessions = []
    for i in range(count):
        start = draw(st.integers(0, 24 * 60))
        length = draw(st.integers(-60, 600))
        sessions.append(
            {
                "id": f"s{i}",
                "category": "talk",
                "short": {"ko": draw(text), "en": draw(text)},
                "title": {"ko": draw(text), "en": draw(text)},
                "date": draw(st.sampled_from(["2024-03-04", "2024-03-05", "2024-02-30", "2024-03-06"])),
                # Mostly "HH:MM", sometimes a bare number (a wrong type).
                "start": draw(st.one_of(st.just(minutes(start)), st.just(minutes(start)), st.integers(-5, 3000))),
                "end": minutes(max(0, min(24 * 60 + 90, start + length))),
                "room": draw(st.sampled_from(["hall-a", "room-201", "nowhere"])),
            }
        )
    return sessions


def write(folder: Path, sessions):
    shutil.copytree(MINI, folder)
    (folder / "sessions.yaml").write_text(yaml.safe_dump(sessions, allow_unicode=True), encoding="utf-8")
    return folder


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sessions=events())
def test_check_never_crashes_on_random_events(tmp_path_factory, sessions):
    folder = write(tmp_path_factory.mktemp("h") / "event", sessions)
    _, _, findings = check(folder)
    for f in findings:
        assert f.severity in ("error", "warning") and f.line >= 1 and f.message


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sessions=events(text=SAFE_TEXT))
def test_build_finishes_with_findings_or_pdfs(tmp_path_factory, sessions):
    tmp = tmp_path_factory.mktemp("b")
    folder = write(tmp / "event", sessions)
    try:
        manifest = build(folder, tmp / "out", BuildOptions.of(only=["day-sheet", "room-sign"]))
    except BuildError as exc:
        assert exc.findings or str(exc)
        return
    for entry in manifest["outputs"]:
        assert (tmp / "out" / "mini" / entry["path"]).stat().st_size == entry["bytes"]


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_a_killed_build_leaves_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    folder = tmp_path / "event"
    shutil.copytree(MINI, folder)
    build(folder, out)
    before = digest_tree(out / "mini")
    # Change the data so a finished build would change the files, then kill it halfway.
    sessions = folder / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("기조강연", "기조 강연"), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "book.cli", "build", str(folder), "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not list((out / "mini").rglob(".*.tmp")):
        time.sleep(0.02)
    assert list((out / "mini").rglob(".*.tmp")), "the build never started writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = digest_tree(out / "mini")
    assert {k: v for k, v in after.items() if not k.split("/")[-1].startswith(".")} == before
    # The next build clears what the killed one left behind.
    build(folder, out)
    assert not list((out / "mini").rglob(".*.tmp"))


def test_two_builds_at_once_leave_a_consistent_result(tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "book.cli", "build", str(MINI), "--out", str(out)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for p in procs:
        assert p.wait() == 0, p.stderr.read()
    manifest = yaml.safe_load((out / "mini" / "build.json").read_text(encoding="utf-8"))
    for entry in manifest["outputs"]:
        path = out / "mini" / entry["path"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    assert not list((out / "mini").rglob(".*.tmp"))


def _separate_logo(folder):
    from book.pipeline.check_event import load
    from book.press.separation import GS_CMYK, cmyk_logo

    try:
        return cmyk_logo(load(MINI).event.logo[0], GS_CMYK, Path(folder), [str(MINI)])
    except Exception as exc:
        return repr(exc)


def test_builds_at_once_share_the_image_cache_safely(tmp_path):
    """Concurrent builds separate the logo into the same cache folder: each
    writes its own temporary file (a shared one made builds fail with
    FileNotFoundError or publish a half-written JPEG)."""
    import multiprocessing

    for round_ in range(5):
        folder = tmp_path / str(round_)
        with multiprocessing.get_context("fork").Pool(6) as pool:
            uris = pool.map(_separate_logo, [folder] * 6)
        assert all(u.startswith("data:image/jpeg;base64,") for u in uris), uris
        assert len(set(uris)) == 1
        assert [p.name for p in folder.iterdir()] == [p.name for p in folder.glob("*-cmyk.jpg")]


def test_building_twice_gives_identical_bytes(tmp_path):
    first = build(MINI, tmp_path / "one")
    second = build(MINI, tmp_path / "two")
    assert [e["sha256"] for e in first["outputs"]] == [e["sha256"] for e in second["outputs"]]

    def pdfs(tree):
        return {k: v for k, v in tree.items() if k.endswith(".pdf")}  # build.json holds the duration

    assert pdfs(digest_tree(tmp_path / "one" / "mini")) == pdfs(digest_tree(tmp_path / "two" / "mini"))
    assert len(pdfs(digest_tree(tmp_path / "one" / "mini"))) == len(first["outputs"])


def test_manifest_records_versions(tmp_path):
    manifest = build(MINI, tmp_path, BuildOptions.of(only=["day-sheet"]))
    assert manifest["versions"]["weasyprint"].startswith("70")
    assert manifest["versions"]["pango"].count(".") == 2
    assert manifest["versions"]["harfbuzz"].count(".") == 2  # it subsets the fonts
    assert all(f["version"] for f in manifest["fonts"].values())


def test_unchanged_outputs_are_kept_and_changed_ones_rebuilt(tmp_path):
    folder = tmp_path / "event"
    shutil.copytree(MINI, folder)
    out = tmp_path / "out"
    cli = [sys.executable, "-m", "book.cli", "build", str(folder), "--out", str(out)]
    assert subprocess.run(cli, cwd=ROOT, capture_output=True).returncode == 0
    again = subprocess.run(cli, cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0 and again.stdout.startswith("up to date")
    before = digest_tree(out / "mini")
    sessions = folder / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("en: Closing}", "en: Farewell}"), encoding="utf-8")
    result = subprocess.run(cli, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    manifest = yaml.safe_load((out / "mini" / "build.json").read_text(encoding="utf-8"))
    rebuilt = set(manifest["rebuilt"])
    assert "days/2024-03-05.pdf" in rebuilt and "book-ko-en.pdf" in rebuilt  # the closing is on 5 March
    assert "days/2024-03-04.pdf" not in rebuilt and "rooms/2024-03-04-hall-a.pdf" not in rebuilt
    after = digest_tree(out / "mini")
    assert after["days/2024-03-04.pdf"] == before["days/2024-03-04.pdf"]
    assert (
        "Farewell"
        in subprocess.run(
            ["pdftotext", str(out / "mini" / "days" / "2024-03-05.pdf"), "-"], capture_output=True, text=True
        ).stdout
    )


def test_an_events_relative_page_margins_do_not_stop_the_book(tmp_path):
    """The glance grid's geometry is read from the CSS; lengths it cannot
    measure (em) leave the project's estimate instead of failing."""
    folder = tmp_path / "event"
    shutil.copytree(MINI, folder)
    (folder / "style.css").write_text("@page { margin: 2em }\n.grid { margin-left: 3em }\n", encoding="utf-8")
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["book"], editions=["ko+en"]))
    assert manifest["outputs"][0]["pages"] > 3
