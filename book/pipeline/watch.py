"""``book watch``: rebuild an event whenever one of its files changes.

For designers adjusting a layout and editors fixing the data. The watcher
imports the layout engine once and stays running. Rebuilds run in a warm
builder forked from it (book/pipeline/warm.py), with WeasyPrint, Jinja and the
fonts code already loaded (about 0.7 s that a fresh ``book build`` spends on
imports), whose workers keep the laid-out parts of each book: a one-session
edit lays out that session's day and joins it to the parts it kept. As with
``book build``, only outputs whose inputs changed are made again, a failed
rebuild keeps the previous outputs, and its errors are printed with file and
line; a builder that crashed is replaced by a fresh one.

Watched: the event folder, the project's templates and CSS, and the font
declaration (fonts/*.yaml), with watchfiles (inotify). A change to the
tool's own code (book/**/*.py) restarts the watcher, so the new code is used.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from ..paths import ASSETS, FONTS, PACKAGE, TEMPLATES
from .warm import Builder


def _filter(out_dir: Path):
    from watchfiles import DefaultFilter

    default = DefaultFilter()

    def wanted(change, path: str) -> bool:
        p = Path(path)
        if not default(change, path) or p.name.startswith(".") or p.suffix == ".tmp":
            return False
        if p == out_dir or out_dir in p.parents:  # our own outputs, if --out is inside a watched folder
            return False
        if p.parent == FONTS:
            return p.suffix == ".yaml"
        return p.suffix == ".py" if PACKAGE in p.parents else True

    return wanted


def watch(event_dir: Path, out_root: Path, build_once) -> int:
    """Build once, then again after every change; Ctrl-C or SIGTERM stops (exit 0)."""
    from watchfiles import watch as changes

    from ..typeset import engine  # noqa: F401
    from . import run  # noqa: F401  (imported once here, so every rebuild starts warm)

    if not Path(event_dir).is_dir():  # the same message and exit code as `book build`
        return build_once()
    signal.signal(signal.SIGTERM, _stop)  # `kill` and service managers stop it like Ctrl-C
    event_dir, out_root = Path(event_dir).resolve(), Path(out_root).resolve()
    paths = [event_dir, TEMPLATES, FONTS, PACKAGE]
    builder = Builder(build_once, out_root / ".cache" / "scratch")
    try:
        # The watcher starts before the first build, so edits made during it are seen. With
        # yield_on_timeout it gives an empty batch once it is watching, then every 0.3 s.
        batches = changes(
            *paths, watch_filter=_filter(out_root), debounce=200, step=25, rust_timeout=300, yield_on_timeout=True
        )
        pending = next(batches)
        builder.build()
        print(f"watching {event_dir} and the templates; Ctrl-C stops", flush=True)
        for batch in batches:
            batch = pending | batch
            pending = set()
            if not batch:
                continue
            changed = sorted({Path(p) for _, p in batch if Path(p).exists() or not _added(batch, p)})
            if not changed:  # only temporary files, made and removed again
                continue
            if any(PACKAGE in p.parents for p in changed):
                print("the tool's code changed: restarting the watcher", flush=True)
                builder.stop()
                os.execv(sys.executable, [sys.executable, "-m", "book.cli", *sys.argv[1:]])
            names = ", ".join(_short(p, event_dir) for p in changed)
            print(f"\n{time.strftime('%H:%M:%S')} changed: {names}", flush=True)
            builder.build()
    except KeyboardInterrupt:
        builder.stop()
        print("stopped watching", flush=True)
    return 0


def _stop(signum, frame):
    raise KeyboardInterrupt


def _added(batch, path: str) -> bool:
    """Was ``path`` created in this batch (an editor's or sed's temporary file)?"""
    from watchfiles import Change

    return (Change.added, path) in batch


def _short(path: Path, event_dir: Path) -> str:
    for base in (event_dir, ASSETS):
        if base in path.parents:
            return str(path.relative_to(base))
    return str(path)
