"""Publishing a build: files into place, the manifest beside them.

Every output is first written to a temporary file beside its target (a
dot-name ending in ``.<pid>.tmp``) and renamed into place only when the whole
build succeeded, under a lock, so a failed, killed or concurrent build never
leaves a half-written PDF or a manifest that does not match its files.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from ..paths import TEMPLATES


def temp_path(target: Path, stamp: int | None = None) -> Path:
    """The temporary name of ``target`` for the build with process id ``stamp``."""
    return target.with_name(f".{target.name}.{stamp or os.getpid()}.tmp")


def previous_entries(out_dir: Path) -> list[dict]:
    try:
        return json.loads((out_dir / "build.json").read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError, KeyError):
        return []


@contextmanager
def publish_lock(out_dir: Path):
    """One build at a time renames its files and writes the manifest, so two
    concurrent builds never leave a mix of each other's outputs."""
    with open(out_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def remove_stale_temps(out_dir: Path):
    """Temporary files left by a build that was killed (its process is gone)."""
    for tmp in out_dir.rglob(".*.tmp"):
        try:
            pid = int(tmp.name.rsplit(".", 2)[-2])
            os.kill(pid, 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (ValueError, PermissionError, IndexError):
            continue


def remove_own_temps(out_dir: Path, paths) -> None:
    """This build's temporary files, also those of workers stopped before they reported back."""
    for tmp in paths:
        tmp.unlink(missing_ok=True)
    for tmp in out_dir.rglob(f".*.{os.getpid()}.tmp"):
        tmp.unlink(missing_ok=True)


def merge_previous(out_dir: Path, entries: list[dict]) -> list[dict]:
    """A partial build's entries, after those of the previous build it did not touch."""
    rebuilt = {e["path"] for e in entries}
    kept = [e for e in previous_entries(out_dir) if e.get("path") not in rebuilt
            and (out_dir / e.get("path", "")).is_file()]
    return kept + entries


def manifest(event, event_dir, when, started, faces, findings, notes, versions, rebuilt, entries) -> dict:
    return {
        "event": event.id, "source": str(event_dir), "built_for": when.isoformat(),
        "duration_s": round(time.perf_counter() - started, 3), "versions": versions,
        "fonts": {f"{r}-{w}": {"family": f.family, "file": str(f.path), "postscript_name": f.postscript_name,
                               "version": f.version, "bytes": f.path.stat().st_size}
                  for (r, w), f in sorted(faces.items())},
        "warnings": [f.format() for f in findings if f.severity == "warning"],
        "notes": notes,
        "outputs": entries,
        "rebuilt": rebuilt,
    }


def write_manifest(out_dir: Path, data: dict) -> None:
    tmp = temp_path(out_dir / "build.json")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / "build.json")


def write_html(html_dir: Path, pages: list[tuple[str, str]], subsets) -> None:
    """Keep the rendered HTML (``pages``: output path, HTML) and CSS for designers to open in a browser."""
    if html_dir.exists():
        shutil.rmtree(html_dir)
    (html_dir / "fonts").mkdir(parents=True)
    shutil.copytree(TEMPLATES / "css", html_dir / "css")
    for path in subsets.values():
        shutil.copy2(path, html_dir / "fonts" / path.name)
    for output, html in pages:
        for path in subsets.values():
            html = html.replace(path.resolve().as_uri(), f"fonts/{path.name}")
        target = html_dir / (Path(output).with_suffix(".html").as_posix().replace("/", "-"))
        target.write_text(html, encoding="utf-8")
