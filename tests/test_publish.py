"""A build that agrees with itself: the same bytes wherever the event is,
every edition honoured, a manifest that never lies, concurrent builds that
do not mix, and a full disk that loses nothing."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from book.errors import BuildError
from book.pipeline import BuildOptions, build

from .conftest import ROOT, pdftotext

MINI = ROOT / "tests" / "fixtures" / "mini"
BOOK = [sys.executable, "-m", "book.cli"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pdfs(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha(p) for p in sorted(folder.rglob("*.pdf"))}


def test_the_same_data_gives_the_same_bytes_wherever_it_is_and_however_it_is_typed(tmp_path):
    elsewhere = tmp_path / "deep" / "copy" / "mini"
    shutil.copytree(MINI, elsewhere)
    relative = os.path.relpath(MINI, ROOT)
    results = []
    for n, (event, cwd) in enumerate(
        ((relative, ROOT), ("./" + relative, ROOT), (str(MINI), tmp_path), (str(elsewhere), tmp_path))
    ):
        out = tmp_path / f"out{n}"
        result = subprocess.run(
            BOOK + ["build", event, "--out", str(out), "--only", "book", "--only", "day-sheet", "--edition", "ko+en"],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        assert result.returncode == 0, result.stderr
        results.append(pdfs(out / "mini"))
    assert len(results[0]) == 3
    assert all(r == results[0] for r in results[1:])


def test_make_book_then_book_build_lays_out_nothing_again(tmp_path):
    """The same event typed two ways (as `make book` and as `book build` default to it)."""
    out = tmp_path / "out"
    first = subprocess.run(
        BOOK + ["build", os.path.relpath(MINI, ROOT), "--out", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    again = subprocess.run(
        BOOK + ["build", str(MINI), "--out", str(out), "--html"], cwd=ROOT, capture_output=True, text=True
    )
    assert again.returncode == 0 and "built 0 files" in again.stdout, again.stdout


def test_every_kind_honours_the_edition(tmp_path):
    manifest = build(MINI, tmp_path, BuildOptions.of(editions=["ko"]))
    assert {e["lang"] for e in manifest["outputs"]} == {"ko"}
    assert {e["kind"] for e in manifest["outputs"]} == {"book", "day-sheet"}  # press and signs are bilingual here
    assert not list((tmp_path / "mini").rglob("*-en*.pdf")) and not (tmp_path / "mini" / "press").exists()


SLOW_RENAMES = """
import os, time
_replace = os.replace
def replace(src, dst, *a, **k):
    if str(dst).endswith(".pdf"):
        time.sleep(0.15)
    return _replace(src, dst, *a, **k)
os.replace = replace
"""


SLOW_LOCK = """
import fcntl, os, time
_flock = fcntl.flock
def flock(fd, operation):
    if operation == fcntl.LOCK_EX and os.environ.get("SLOW_LOCK"):
        time.sleep(float(os.environ["SLOW_LOCK"]))
    return _flock(fd, operation)
fcntl.flock = flock
"""


def listed_files_match(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True  # between writes of the manifest
    for entry in manifest["outputs"]:
        path = folder / entry["path"]
        if not path.is_file() or sha(path) != entry["sha256"]:
            return False
    return True


def test_a_kill_while_publishing_leaves_a_manifest_that_does_not_lie(tmp_path):
    out = tmp_path / "out"
    event = tmp_path / "event"
    shutil.copytree(MINI, event)
    build(event, out)
    sessions = event / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("기조강연", "기조 강연"), encoding="utf-8")
    (tmp_path / "slow").mkdir()
    (tmp_path / "slow" / "sitecustomize.py").write_text(SLOW_RENAMES, encoding="utf-8")  # widen the window
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path / "slow"), str(ROOT)]))
    proc = subprocess.Popen(
        BOOK + ["build", str(event), "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    folder, seen, deadline = out / "mini", 0, time.time() + 90
    while time.time() < deadline and proc.poll() is None:
        assert listed_files_match(folder)  # at every instant we look
        if json.loads((folder / "build.json").read_text(encoding="utf-8") or "{}").get("complete") is False:
            seen += 1
            if seen == 3:  # publishing has begun: kill it between two renames
                proc.kill()
                break
        time.sleep(0.05)
    proc.wait()
    assert seen >= 3, "the build never reached publishing"
    assert listed_files_match(folder)
    # The next build makes what the interrupted one did not list, and then the manifest is whole again.
    manifest = build(event, out)
    assert manifest["rebuilt"] and listed_files_match(folder)
    assert "complete" not in json.loads((folder / "build.json").read_text(encoding="utf-8"))


def test_two_builds_with_an_edit_between_their_starts_do_not_mix(tmp_path):
    """A starts on one version of the data and waits 6 s before it takes the
    output folder's lock; B starts on the next version while A is working,
    and would publish first. A must not then publish its older outputs over
    B's: in the end every output shows the newer data, and the manifest
    matches the files."""
    event = tmp_path / "event"
    shutil.copytree(MINI, event)
    out = tmp_path / "out"
    build(event, out)
    sessions = event / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("en: Closing}", "en: Farewell}"), encoding="utf-8")
    (tmp_path / "slow").mkdir()
    (tmp_path / "slow" / "sitecustomize.py").write_text(SLOW_LOCK, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path / "slow"), str(ROOT)]))
    first = subprocess.Popen(
        BOOK + ["build", str(event), "--out", str(out)],
        cwd=ROOT,
        env=dict(env, SLOW_LOCK="6"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)  # the first build has read the data, and waits
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("en: Keynote}", "en: Keyvote}"), encoding="utf-8")
    second = subprocess.Popen(
        BOOK + ["build", str(event), "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert first.wait() == 0, first.stderr.read()
    assert second.wait() == 0, second.stderr.read()
    folder = out / "mini"
    assert listed_files_match(folder)
    for pdf in ("book-ko-en.pdf", "days/2024-03-04.pdf", "rooms/2024-03-04-hall-a.pdf", "press/book-ko-en.pdf"):
        text = pdftotext(folder / pdf)
        assert "Keyvote" in text and "Keynote" not in text, pdf
    assert "Farewell" in pdftotext(folder / "book-ko-en.pdf")


def test_a_full_disk_names_the_file_and_keeps_the_previous_outputs(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(MINI, out, BuildOptions.of(only=["day-sheet"]))
    before = pdfs(out / "mini")
    shutil.rmtree(out / ".cache" / "fonts")
    real = Path.write_bytes

    def full(self, data):
        if self.suffix == ".tmp":
            with open(self, "wb") as fh:
                fh.write(data[:10])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(BuildError, match=r"fonts: the font subsets cannot be written \(No space left on device\)"):
        build(MINI, out, BuildOptions.of(only=["day-sheet"], force=True))
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(".*.tmp"))
    assert pdfs(out / "mini") == before


def test_a_pdf_that_cannot_be_written_names_its_output(tmp_path, monkeypatch):
    import weasyprint

    out = tmp_path / "out"
    build(MINI, out, BuildOptions.of(only=["day-sheet"]))
    before = pdfs(out / "mini")

    def full(self, target=None, **options):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(weasyprint.Document, "write_pdf", full)
    with pytest.raises(BuildError, match=r"days/2024-03-04\.pdf: cannot be made: No space left on device"):
        build(MINI, out, BuildOptions.of(only=["day-sheet"], force=True), workers=1)
    assert pdfs(out / "mini") == before and not list(out.rglob(".*.tmp"))


def test_a_build_leaves_no_temporary_folders_behind(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run(
        BOOK + ["build", str(MINI), "--out", str(tmp_path / "out"), "--only", "book"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, TMPDIR=str(scratch)),
    )
    assert result.returncode == 0, result.stderr
    assert list(scratch.iterdir()) == []
    assert list((tmp_path / "out" / ".cache" / "scratch").iterdir()) == []


def test_progress_is_one_line_per_output_off_a_terminal(tmp_path):
    result = subprocess.run(
        BOOK + ["build", str(MINI), "--out", str(tmp_path), "--only", "day-sheet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    made = [line for line in result.stderr.splitlines() if line.startswith("made ")]
    assert len(made) == 6 and made[-1].endswith("[6/6]") and "days/2024-03-04.pdf (1 page)" in result.stderr


def test_a_manifest_never_makes_a_build_remove_or_show_a_file_outside_its_output_folder(tmp_path):
    """An output folder is copied and sent too: paths in its build.json that lead outside it,
    by `..`, an absolute path or a link inside the folder, are findings, and left alone."""
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    out = tmp_path / "out"
    build(event, out, BuildOptions.of(only=["day-sheet"]))
    folder = out / "mini"
    victims = [tmp_path / "victim.txt", tmp_path / "elsewhere" / "victim2.txt", tmp_path / "elsewhere" / "x.pdf"]
    for victim in victims:
        victim.parent.mkdir(exist_ok=True)
        victim.write_text("keep me")
    (folder / "link").symlink_to(tmp_path / "elsewhere")
    manifest = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    stale = {"kind": "day-sheet", "output": "day-sheet", "lang": "ko+en", "pages": 1, "bytes": 7}
    manifest["outputs"] += [
        {**stale, "path": "../../victim.txt"},
        {**stale, "path": "days/gone.pdf", "files": [str(victims[1])]},
        {**stale, "path": "link/x.pdf"},
        {**stale, "path": {"not": "a path"}},
        "not an entry",
    ]
    (folder / "build.json").write_text(json.dumps(manifest), encoding="utf-8")
    again = build(event, out, BuildOptions.of(only=["day-sheet"], force=True))
    assert all(v.read_text() == "keep me" for v in victims)
    said = " ".join(again["notes"])
    for path in ("../../victim.txt", str(victims[1]), "link/x.pdf"):
        assert f"`{path}`" in said and "left alone" in said, said
    assert not any(str(e["path"]).startswith(("..", "/", "link")) for e in again["outputs"])
    from book.pipeline import preview

    manifest = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    manifest["outputs"] = [{"kind": "book", "path": "link/x.pdf", "pages": 1, "bytes": 7}]
    (folder / "build.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert preview.of_build(folder) == []  # nothing outside is drawn either


@pytest.mark.parametrize(
    "manifest",
    [
        [],
        {"source": ["not", "a", "path"], "outputs": []},
        {"source": "loop", "outputs": []},
        {"outputs": [1, {"path": 5}, {"path": "days/x.pdf", "bytes": "many"}]},
        {"outputs": "everything"},
    ],
    ids=["a-list", "source-a-list", "source-a-loop", "entries-of-any-type", "outputs-a-string"],
)
def test_a_damaged_manifest_of_any_shape_is_rebuilt_over_not_an_internal_error(tmp_path, manifest):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    out = tmp_path / "out"
    build(event, out, BuildOptions.of(only=["day-sheet"]))
    folder = out / "mini"
    (folder / "loop").symlink_to(folder / "loop")
    if isinstance(manifest, dict) and manifest.get("source") == "loop":
        manifest["source"] = str(folder / "loop")
    (folder / "build.json").write_text(json.dumps(manifest), encoding="utf-8")
    try:
        again = build(event, out, BuildOptions.of(only=["day-sheet"]))
    except BuildError as error:  # a folder it cannot tell is its own is refused, by name
        assert "build.json" in str(error) or str(folder) in str(error), error
        assert (folder / "days").is_dir()  # and the outputs in it are kept
        return
    assert {e["kind"] for e in again["outputs"]} == {"day-sheet"}
    written = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    assert written["outputs"] and all(isinstance(e, dict) for e in written["outputs"])
    assert all((folder / e["path"]).is_file() for e in written["outputs"])
