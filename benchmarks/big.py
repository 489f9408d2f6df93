"""Big events: two real congress exports, a large synthetic book, and a watch edit on a congress.

    .venv/bin/python benchmarks/big.py [--runs 1]

Scenarios (the rows of issue 26's table; `benchmarks/bench.py` prints them
with the rest):

* FOSDEM 2026 and 39C3 exactly as their tools exported them
  (tests/fixtures/real, origins in ORIGIN.md), imported, then every output
  built cold;
* the synthetic event of 1,000 sessions (benchmarks/synthetic.py), its
  bilingual book alone;
* `book watch --edition en --only book` on FOSDEM 2026: save a one-session
  edit (a title) → the watcher's "built" line.

Each build runs in a fresh process (see ``bench.measure``): wall time, CPU
(user + system of the build and its workers) and the peak resident set of
the largest single process (the build or one worker).
"""

from __future__ import annotations

import gzip
import re
import shutil
import statistics
import time
from pathlib import Path

from benchmarks.bench import BOOK, ROOT, measure, median
from benchmarks.loop import Watch
from benchmarks.synthetic import write_event

REAL = ROOT / "tests" / "fixtures" / "real"
CONGRESSES = (
    ("FOSDEM 2026 as exported (883 events, 30 rooms), every output", "fosdem2026.xml.gz", "≤ 60 s, ≤ 700 MB", "30 s"),
    ("39C3 as exported (895 events, 58 rooms), every output", "39c3.xml.gz", "≤ 75 s, ≤ 700 MB", "40 s"),
)


def imported(tmp: Path, name: str) -> Path:
    """The real export ``name`` imported into an event folder under ``tmp``."""
    source = tmp / name.removesuffix(".gz")
    source.write_bytes(gzip.decompress((REAL / name).read_bytes()))
    folder = tmp / source.stem
    result = measure(BOOK + ["import", source, "--into", folder])
    if result["code"]:
        raise SystemExit(f"the import of {name} failed")
    return folder


def _retitle(event: Path, original: str, i: int) -> None:
    """A one-session edit: the first session's title gets a number."""
    edited, n = re.subn(r"^(  title: .+)$", rf"\g<1> {i}", original, count=1, flags=re.M)
    assert n == 1, "no title line in sessions.yaml"
    (event / "sessions.yaml").write_text(edited, encoding="utf-8")


def watch_edit(event: Path, out: Path, runs: int) -> dict:
    """``book watch --edition en --only book`` on ``event``: median seconds from a save to "built"."""
    original = (event / "sessions.yaml").read_text(encoding="utf-8")
    watch = Watch(event, out, "--edition", "en", "--only", "book")
    walls, cpus = [], []
    try:
        watch.until("watching", timeout=600)
        for i in range(runs):
            cpu, start = watch.cpu(), time.perf_counter()
            _retitle(event, original, i + 1)
            walls.append(watch.until("built ", timeout=600) - start)
            time.sleep(0.3)
            cpus.append(watch.cpu() - cpu)
    finally:
        watch.stop()
        (event / "sessions.yaml").write_text(original, encoding="utf-8")
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "rss_mb": float("nan"), "n": runs}


def scenarios(tmp: Path, runs: int = 1, large: int = 1000) -> list[tuple[str, dict, str, str]]:
    """(scenario, figures, target, goal) for each big-event row."""
    rows = []
    folders = {}
    for name, file, target, goal in CONGRESSES:
        folder = folders[file] = imported(tmp, file)
        got = []
        for _ in range(runs):
            out = tmp / f"out-{folder.name}"
            shutil.rmtree(out, ignore_errors=True)
            got.append(measure(BOOK + ["build", folder, "--out", out]))
        rows.append((name, median(got), target, goal))
    folder = write_event(tmp / f"large{large}", sessions=large, days=5, rooms=12, people=max(60, int(large * 0.6)))
    got = []
    for _ in range(runs):
        out = tmp / "out-large"
        shutil.rmtree(out, ignore_errors=True)
        got.append(measure(BOOK + ["build", folder, "--out", out, "--only", "book", "--edition", "ko+en"]))
    from benchmarks.bench import pages_of

    pages = pages_of(tmp / "out-large" / "synthetic")
    rows.append((f"Synthetic {large} sessions, bilingual book ({pages} pp.)", median(got), "≤ 45 s, ≤ 600 MB", "25 s"))
    fosdem = folders["fosdem2026.xml.gz"]
    rows.append(
        (
            "`book watch --edition en --only book` on FOSDEM 2026, one-session edit (save → built)",
            watch_edit(fosdem, tmp / "out-watch", max(runs, 3)),
            "≤ 2 s",
            "1 s",
        )
    )
    return rows


if __name__ == "__main__":
    import argparse
    import sys
    import tempfile

    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, r, target, goal in scenarios(Path(tmp), args.runs):
            print(f"| {name} | {r['wall']:.1f} s | {r['cpu']:.1f} s | {r['rss_mb']:.0f} MB | {target} | {goal} |")
