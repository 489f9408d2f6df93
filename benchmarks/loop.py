"""The designer's loop: a running `book watch`, timed from a save.

    .venv/bin/python benchmarks/loop.py [--runs 5]

Scenarios, each on its own copy of WHRCF 2021 and its own watcher:

* `book watch --edition ko --only book --preview`, a one-session edit (a
  title on 7 October): save → the PDF written (the watcher's "built" line,
  printed once the file is published), and → the contact sheet written;
* `book watch` with every output, the same edit;
* `book watch --edition ko --only book`, a design-token change in the
  event's style.css that restyles every page, beside a fresh
  `book build --edition ko --only book --force` of the same change.

CPU is the user + system time of the watcher, its builder and workers and
the programs they ran, from /proc (Linux). The "floor" lines split a build
into the layout of the parts laid out again, the writing of the PDF and the
rest, from the book's manifest entry (``parts``).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = [sys.executable, "-m", "book.cli"]
EVENT = ROOT / "data" / "whrcf2021"
TITLE = "  title: {ko: 라운드테이블, en: Roundtable}"
TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float:
    """User + system seconds of ``pid`` and its descendants, with their reaped children."""
    parents, times = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = sum(int(f) for f in fields[11:15]) / TICK
    tree, todo = set(), [pid]
    while todo:
        p = todo.pop()
        tree.add(p)
        todo += [c for c, parent in parents.items() if parent == p and c not in tree]
    return sum(times.get(p, 0.0) for p in tree)


class Watch:
    def __init__(self, event: Path, out: Path, *args: str):
        self.proc = subprocess.Popen(
            BOOK + ["watch", str(event), "--out", str(out), *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        self.made: dict[str, float] = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter(), line))

    def until(self, prefix: str, timeout: float = 120) -> float:
        """The time the first line starting with ``prefix`` was printed; ``made`` hears of the
        outputs made on the way (path -> time)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                when, line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if line.startswith("made "):
                self.made[line.split()[1]] = when
            if line.startswith(prefix):
                return when
        raise SystemExit(f"book watch printed no {prefix!r} line in {timeout} s:\n" + "".join(self.seen[-30:]))

    def cpu(self) -> float:
        return tree_cpu(self.proc.pid)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)


def _book_entry(out: Path, path: str) -> dict:
    manifest = json.loads((out / "whrcf2021" / "build.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["outputs"] if e["path"] == path)
    return {**entry.get("parts", {}), "duration_s": manifest["duration_s"], "pages": entry["pages"]}


def _title(event: Path, original: str, i: int) -> None:
    (event / "sessions.yaml").write_text(
        original.replace(TITLE, f"  title: {{ko: 라운드테이블 {i}, en: Roundtable {i}}}"), encoding="utf-8"
    )


def _style(event: Path, i: int) -> None:
    (event / "style.css").write_text(f":root {{ --ink: #1a1a{26 + i % 2:02x}; }}\n", encoding="utf-8")


def _runs(watch: Watch, edit, runs: int, sheet: bool = False, first: int = 1) -> list[dict]:
    """Time ``runs`` edits, numbered from ``first`` (each edit must differ from the last)."""
    out = []
    for i in range(runs):
        cpu = watch.cpu()
        start = time.perf_counter()
        watch.made = {}
        edit(first + i)
        built = watch.until("built ")
        row = {"wall": built - start, "made": {path: t - start for path, t in watch.made.items()}}
        if sheet:
            row["sheet"] = watch.until("preview:") - built
        time.sleep(0.3)  # let the builder settle before reading its CPU
        row["cpu"] = watch.cpu() - cpu
        out.append(row)
    return out


def scenarios(tmp: Path, runs: int) -> tuple[list, list[str]]:
    rows, floors = [], []
    original = (EVENT / "sessions.yaml").read_text(encoding="utf-8")

    def copy(name):
        folder = tmp / name / "whrcf2021"
        shutil.copytree(EVENT, folder)
        return folder, tmp / name / "out"

    event, out = copy("ko")
    watch = Watch(event, out, "--edition", "ko", "--only", "book", "--preview")
    watch.until("preview:")
    entries = []

    def edit_ko(i):
        _title(event, original, i)

    try:
        got = []
        for i in range(runs):
            got += _runs(watch, edit_ko, 1, sheet=True, first=i + 1)
            entries.append(_book_entry(out, "book-ko.pdf"))
    finally:
        watch.stop()
    rows.append(("`book watch --edition ko --only book`: one-session edit, save → PDF written", got, "≤ 1 s"))
    rows.append(
        (
            "… and the contact sheet updated, after the PDF (`--preview`)",
            [{"wall": r["sheet"], "cpu": float("nan")} for r in got],
            "≤ 0.5 s",
        )
    )
    floors.append(_floor("one-session edit, Korean book", entries, [r["wall"] for r in got]))

    event, out = copy("all")
    watch = Watch(event, out)
    watch.until("watching")
    try:
        got = _runs(watch, lambda i: _title(event, original, i), runs)
    finally:
        watch.stop()
    rows.append(("`book watch`, every output: the same edit, save → all written", got, "≤ 2.5 s"))
    paths = sorted(
        {p for r in got for p in r["made"]}, key=lambda p: statistics.median(r["made"].get(p, 0) for r in got)
    )
    floors.append(
        "- every output, the same edit: each made (median seconds after the save, on 2 workers): "
        + ", ".join(f"{p} {statistics.median(r['made'][p] for r in got if p in r['made']):.2f} s" for p in paths)
        + f"; all written {statistics.median(r['wall'] for r in got):.2f} s."
    )

    event, out = copy("css")
    watch = Watch(event, out, "--edition", "ko", "--only", "book")
    watch.until("watching")
    fresh_event, fresh_out = copy("css-fresh")
    fresh, entries = [], []
    _measure(BOOK + ["build", str(fresh_event), "--out", str(fresh_out), "--edition", "ko", "--only", "book"])  # fonts
    try:
        got = []
        for i in range(runs):
            got += _runs(watch, lambda n: _style(event, n), 1, first=i)
            entries.append(_book_entry(out, "book-ko.pdf"))
            _style(fresh_event, i)
            fresh.append(
                _measure(
                    BOOK
                    + [
                        "build",
                        str(fresh_event),
                        "--out",
                        str(fresh_out),
                        "--edition",
                        "ko",
                        "--only",
                        "book",
                        "--force",
                    ]
                )
            )
    finally:
        watch.stop()
    rows.append(
        (
            "`book watch --edition ko --only book`: a token in style.css that restyles every page",
            got,
            "no worse than the next row",
        )
    )
    rows.append(("… the same change, fresh `book build --edition ko --only book --force`", fresh, "reference"))
    floors.append(_floor("style change, Korean book", entries, [r["wall"] for r in got]))
    return rows, floors


def _measure(cmd) -> dict:
    start = time.perf_counter()
    before = os.times()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    after = os.times()
    return {
        "wall": time.perf_counter() - start,
        "cpu": (after.children_user - before.children_user) + (after.children_system - before.children_system),
    }


def _floor(name: str, entries: list[dict], walls: list[float]) -> str:
    m = {k: statistics.median(e.get(k, 0.0) for e in entries) for k in ("duration_s", "layout_s", "write_s")}
    pages = entries[-1]["pages"]
    laid = entries[-1].get("laid_out", [])
    rest = m["duration_s"] - m["layout_s"] - m["write_s"]
    return (
        f"- {name}: the build itself {m['duration_s']:.2f} s = layout of {', '.join(laid) or 'nothing'} "
        f"{m['layout_s']:.2f} s + writing the {pages}-page PDF {m['write_s']:.2f} s "
        f"({m['write_s'] / pages * 1000:.0f} ms a page) + the rest {rest:.2f} s (checking the data, planning, "
        f"the HTML, font coverage, the hyphenation check, publishing); from the save to the build's start "
        f"(inotify, the watcher's grouping of changes) {statistics.median(walls) - m['duration_s']:.2f} s."
    )


def table(rows, cores: int) -> list[str]:
    lines = [
        f"| scenario | median wall | CPU (user + system) | CPU / {cores} cores | runs | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, runs, target in rows:
        wall = statistics.median(r["wall"] for r in runs)
        cpus = [r["cpu"] for r in runs if r["cpu"] == r["cpu"]]
        cpu = statistics.median(cpus) if cpus else None
        cells = (f"{cpu:.2f} s", f"{cpu / cores:.2f} s") if cpu is not None else ("—", "—")
        lines.append(f"| {name} | {wall:.2f} s | {cells[0]} | {cells[1]} | {len(runs)} | {target} |")
    return lines


def report(runs: int) -> None:
    """Run the scenarios and print their table and where the time goes."""
    import platform
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        rows, floors = scenarios(Path(tmp), runs)
    cores = os.cpu_count() or 1
    print(
        f"Designer's loop, {time.strftime('%Y-%m-%d')}, {platform.node() or 'machine'}: {cores} cores, "
        f"Python {platform.python_version()}, {platform.machine()}\n"
    )
    print("\n".join(table(rows, cores)))
    print("\nWhere the time goes (medians):")
    print("\n".join(floors))


def main():
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    report(parser.parse_args().runs)


if __name__ == "__main__":
    main()
