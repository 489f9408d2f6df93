"""Publishing a build: files into place, the manifest beside them.

Every output is first written to a temporary file beside its target (a
dot-name ending in ``.<pid>.tmp``) and renamed into place only when the whole
build succeeded. A build holds the output folder's lock from reading the
previous manifest to publishing, and a build of the same event folder holds
another from before it reads the data, so two builds never mix their
outputs and the one started last publishes last.

:func:`publish` keeps one promise at every instant, also when the build is
killed halfway: every file that ``build.json`` lists matches its recorded
size and SHA-256. It first replaces the manifest by one that lists only the
files this build leaves alone (marked ``"complete": false``), then renames
the new files into place, then writes the full manifest. A build that was
interrupted leaves that smaller manifest; the next build makes what it does
not list, and the no-op check never takes it for a finished build.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from .. import sandbox
from ..errors import BuildError
from ..paths import TEMPLATES


def temp_path(target: Path, stamp: int | None = None) -> Path:
    """The temporary name of ``target`` for the build with process id ``stamp``."""
    return target.with_name(f".{target.name}.{stamp or os.getpid()}.tmp")


def inside(out_dir: Path, relative) -> bool:
    """Is ``relative`` a path the tool writes: relative, without ``..``, and with no link on
    the way from the output folder to it (so it cannot lead outside the folder)?"""
    if not isinstance(relative, str) or not relative or len(relative) > 1000 or "\0" in relative:
        return False
    parts = Path(relative).parts
    if Path(relative).is_absolute() or not parts or any(p in ("..", ".") for p in parts) or "\\" in relative:
        return False
    here = out_dir
    for part in parts:
        here = here / part
        if here.is_symlink():
            return False
    return True


def previous_entries(out_dir: Path, problems: list[str] | None = None) -> list[dict]:
    """The outputs the last build's manifest lists, each with a path the tool could have made.

    An output folder is copied and sent like any other, so its build.json is not trusted:
    an entry whose path (or a file beside it) is not inside the folder is left out, and
    left alone, and said in ``problems``."""
    listed = read_manifest(out_dir / "build.json").get("outputs")
    out = []
    for entry in listed if isinstance(listed, list) else []:
        if not isinstance(entry, dict):
            continue
        files = entry.get("files", [])
        files = files if isinstance(files, list) else [files]
        wrong = [str(p)[:200] for p in [entry.get("path"), *files] if not inside(out_dir, p)]
        if wrong:
            if problems is not None:
                problems.append(
                    f"{out_dir / 'build.json'} lists {', '.join(f'`{w}`' for w in wrong)}, outside the output "
                    "folder or not a file the build makes: left alone (the manifest is rewritten without it)"
                )
            continue
        out.append(entry)
    return out


@contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def source_lock(out_root: Path, event_dir: Path):
    """One build at a time of an event folder, from reading its files on: a
    build started after an edit reads the data only once the build before it
    has published."""
    digest = hashlib.sha256(str(Path(event_dir).resolve()).encode()).hexdigest()[:16]
    return _locked(Path(out_root) / ".cache" / "locks" / f"{digest}.lock")


def build_lock(out_dir: Path):
    """One build at a time in an output folder (others wait for it)."""
    return _locked(out_dir / ".lock")


@contextmanager
def scratch(cache: Path):
    """A folder of the build's own for the temporary files of the libraries it
    uses (WeasyPrint copies every font it loads into one), removed when the
    build ends, with those of builds that were killed."""
    base = cache / "scratch"
    base.mkdir(parents=True, exist_ok=True)
    for old in base.glob("build-*"):
        if not _alive(old.name.rsplit("-", 1)[-1]):
            shutil.rmtree(old, ignore_errors=True)
    folder = base / f"build-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    before, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = before
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (ValueError, PermissionError):
        return True
    return True


def remove_stale_temps(out_dir: Path):
    """Temporary files left by a build that was killed (its process is gone)."""
    for tmp in out_dir.rglob(".*.tmp"):
        parts = tmp.name.rsplit(".", 2)
        if len(parts) == 3 and not _alive(parts[1]):
            tmp.unlink(missing_ok=True)


def remove_own_temps(out_dir: Path, paths) -> None:
    """This build's temporary files, also those of workers stopped before they reported back."""
    for tmp in paths:
        tmp.unlink(missing_ok=True)
    for tmp in out_dir.rglob(f".*.{os.getpid()}.tmp"):
        tmp.unlink(missing_ok=True)


def merge_previous(out_dir: Path, old: list[dict], entries: list[dict], stale: list[dict]) -> list[dict]:
    """A partial build's entries, after those of the previous build it did not touch."""
    gone = {e["path"] for e in entries} | {e["path"] for e in stale}
    kept = [e for e in old if e.get("path") not in gone and (out_dir / e.get("path", "")).is_file()]
    return kept + entries


def stale(old: list[dict], jobs, options) -> list[dict]:
    """The previous build's entries that this build would make, but no longer does
    (a room that is gone): within the kinds and editions it builds, not planned now."""
    planned = {job.path for job in jobs}
    return [
        e
        for e in old
        if e.get("path") not in planned
        and (not options.only or e.get("output") in options.only)
        and (not options.editions or e.get("lang") in options.editions)
    ]


def read_manifest(path: Path) -> dict:
    """A build.json as a mapping; {} when it is absent, damaged, or not an object (an output
    folder is copied and sent, so what it says is checked before it is used)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def built_from(manifest: dict, event_dir: Path) -> bool:
    """Does the manifest say it was built from ``event_dir``?"""
    source = manifest.get("source")
    return isinstance(source, str) and sandbox.resolved(source) == sandbox.resolved(event_dir)


def check_owner(out_dir: Path, event_dir: Path, event_id: str, force: bool) -> None:
    """An output folder belongs to the event folder it was built from: a copy
    of an event that kept the same id must not replace the other's outputs."""
    manifest = read_manifest(out_dir / "build.json")
    source = manifest.get("source")
    if source and not force and not built_from(manifest, event_dir):
        raise BuildError(
            f"{out_dir} holds the outputs of {source}, not of {event_dir}: both folders have "
            f"`id: {event_id}` in event.yaml. Give this event its own id (or build with --force to "
            "replace the other event's outputs)"
        )


def manifest(event, event_dir, when: str, started, faces, findings, notes, versions, rebuilt, entries) -> dict:
    return {
        "event": event.id,
        "source": str(Path(event_dir).resolve()),
        "built_for": when,
        "duration_s": round(time.perf_counter() - started, 3),
        "versions": versions,
        "fonts": {
            f"{r}-{w}": {
                "family": f.family,
                "file": str(f.path),
                "postscript_name": f.postscript_name,
                "version": f.version,
                "bytes": f.path.stat().st_size,
            }
            for (r, w), f in sorted(faces.items())
        },
        "warnings": [f.format() for f in findings if f.severity == "warning"],
        "notes": notes,
        "outputs": entries,
        "rebuilt": rebuilt,
    }


def write_manifest(out_dir: Path, data: dict) -> None:
    tmp = temp_path(out_dir / "build.json")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BuildError(
            f"{out_dir / 'build.json'}: cannot be written ({exc.strerror}); the previous outputs are unchanged"
        ) from None
    os.replace(tmp, out_dir / "build.json")


def publish(out_dir: Path, data: dict, moves: list[tuple[Path, Path]], removed: list[dict] = ()) -> None:
    """Rename ``moves`` (temporary file, target) into place, remove the files of
    the ``removed`` entries, and write ``data`` as build.json, keeping every
    listed file true to its entry at every instant."""
    replaced = {str(target.relative_to(out_dir)) for _, target in moves} | {e["path"] for e in removed}
    untouched = [
        e
        for e in previous_entries(out_dir)
        if e.get("path") not in replaced
        and (out_dir / e.get("path", "")).is_file()
        and (out_dir / e["path"]).stat().st_size == e.get("bytes")
    ]
    write_manifest(
        out_dir,
        {
            **{k: v for k, v in data.items() if k not in ("outputs", "inputs_key")},
            "complete": False,
            "outputs": untouched,
        },
    )
    for tmp, target in moves:
        os.replace(tmp, target)
    for entry in removed:  # only what the previous manifest listed, inside the folder, never any other file
        for path in [entry["path"], *entry.get("files", [])]:
            if inside(out_dir, path):
                (out_dir / path).unlink(missing_ok=True)
    write_manifest(out_dir, data)


def write_html(html_dir: Path, pages: list[tuple[str, str]], font_files) -> None:
    """Keep the rendered HTML (``pages``: output path, HTML) and CSS for designers to open in a browser."""
    if html_dir.exists():
        shutil.rmtree(html_dir)
    (html_dir / "fonts").mkdir(parents=True)
    shutil.copytree(TEMPLATES / "css", html_dir / "css")
    for path in sorted(font_files):
        shutil.copy2(path, html_dir / "fonts" / path.name)
    for output, html in pages:
        for path in font_files:
            html = html.replace(path.resolve().as_uri(), f"fonts/{path.name}")
        target = html_dir / (Path(output).with_suffix(".html").as_posix().replace("/", "-"))
        target.write_text(html, encoding="utf-8")
