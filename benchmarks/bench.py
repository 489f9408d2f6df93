"""Build-speed benchmark: the headline table, the details, then the designer's loop.

    .venv/bin/python benchmarks/bench.py [--runs 3] [--large 1000]

The headline table is the big events of benchmarks/big.py (FOSDEM 2026 and
39C3 as exported, the synthetic book of ``--large`` sessions, a watch edit on
FOSDEM) with WHRCF's cold build and plain WeasyPrint against it; the README
shows it as printed.

Each scenario runs the real `book` command in a fresh process; peak memory is
the largest resident set of that process and its workers, and CPU is their
user + system time (divided by the cores, the shortest wall time the same
work could take). "Plain" renders the same HTML files one after another with
the `weasyprint` command and system fonts, which is the figure to beat. The
designer's loop, a running `book watch` timed from a save, follows
(benchmarks/loop.py). This is a measurement, not a test: CI does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BOOK = [PY, "-m", "book.cli"]
EVENT = ROOT / "data" / "whrcf2021"

MEASURE = r"""
import resource, subprocess, sys, time, json
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "rss_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime, "code": code}))
"""


def measure(cmd, cwd=ROOT) -> dict:
    out = subprocess.run(
        [PY, "-c", MEASURE, *map(str, cmd)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{out.stderr}")
    return result


def median(runs: list[dict]) -> dict:
    return {
        "wall": statistics.median(r["wall"] for r in runs),
        "rss_mb": max(r["rss_mb"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),  # NaN (not measured) stays NaN
        "n": len(runs),
    }


def pages_of(out: Path, kinds=("book",)) -> int:
    manifest = json.loads((out / "build.json").read_text())
    return sum(e["pages"] for e in manifest["outputs"] if e["kind"] in kinds)


def plain_weasyprint(html_dir: Path, tmp: Path) -> dict:
    """The same HTML, one file after another, by the weasyprint command with system fonts."""
    files = sorted(html_dir.glob("*.html"))
    work = tmp / "plain"
    shutil.copytree(html_dir, work)
    for f in work.glob("*.html"):
        text = f.read_text(encoding="utf-8")
        text = re.sub(r"@font-face \{[^}]*\}", "", text)
        text = re.sub(
            r"--font-sans: '[^']*'; --font-serif: '[^']*';",
            "--font-sans: 'Noto Sans CJK KR'; --font-serif: 'Noto Serif CJK KR';",
            text,
        )
        text = re.sub(r"font-family: 'Noto Sans CJK KR Subset'", "font-family: 'Noto Sans CJK KR'", text)
        f.write_text(text, encoding="utf-8")
    weasyprint = shutil.which("weasyprint", path=str(Path(PY).parent)) or "weasyprint"
    start, peak, cpu = time.perf_counter(), 0.0, 0.0
    for f in sorted(work.glob("*.html")):
        r = measure([weasyprint, f, f.with_suffix(".pdf")])
        peak, cpu = max(peak, r["rss_mb"]), cpu + r["cpu"]
    return {"wall": time.perf_counter() - start, "rss_mb": peak, "cpu": cpu, "n": 1, "files": len(files)}


ROUNDTABLE = "  title: {ko: 라운드테이블, en: Roundtable}"


def _edit(event: Path, original: str, tag: str) -> None:
    (event / "sessions.yaml").write_text(
        original.replace(ROUNDTABLE, f"  title: {{ko: 라운드테이블 {tag}, en: Roundtable {tag}}}"), encoding="utf-8"
    )


def edits(event: Path, out: Path, tmp: Path, runs: int) -> tuple[list[dict], list[dict]]:
    """The same one-session edit, rebuilt by a fresh `book build` and by a
    running `book watch` (on a copy of the event), in alternation, so that
    both see the same drift of the machine's speed. The watch figure is the
    time from saving the file to the watcher's "built" line."""
    original = (event / "sessions.yaml").read_text(encoding="utf-8")
    copy = tmp / "watched" / event.name
    shutil.copytree(event, copy)
    proc = subprocess.Popen(
        BOOK + ["watch", copy, "--out", tmp / "watched-out"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )

    def until(prefix):
        for line in proc.stdout:
            if line.startswith(prefix):
                return time.perf_counter()
        raise SystemExit(f"book watch ended before printing {prefix!r}")

    fresh, watched = [], []
    try:
        until("watching")
        for i in range(runs):
            _edit(event, original, str(i))
            fresh.append(measure(BOOK + ["build", event, "--out", out]))
            _edit(copy, original, str(i))
            start = time.perf_counter()
            watched.append({"wall": until("built ") - start, "rss_mb": float("nan"), "cpu": float("nan")})
    finally:
        (event / "sessions.yaml").write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait()
    return fresh, watched


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large", type=int, default=1000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import write_event

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        event = tmp / "whrcf"
        shutil.copytree(EVENT, event)
        out = tmp / "out"

        cold = []
        for _ in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            cold.append(measure(BOOK + ["build", event, "--out", out]))
        rows.append(("Full WHRCF build, cold, empty cache (all outputs)", median(cold), "≤ 6 s"))

        noop = [measure(BOOK + ["build", event, "--out", out]) for _ in range(args.runs)]
        rows.append(("No-op rebuild", median(noop), "≤ 0.3 s"))

        fresh, watched = edits(event, out, tmp, args.runs)
        rows.append(("Rebuild after editing one session", median(fresh), "≤ 1 s"))
        rows.append(
            (
                "The same edit while `book watch` runs (save → built), alternating with the above",
                median(watched),
                "(≤ 1 s)",
            )
        )

        manifest = json.loads((out / "whrcf2021" / "build.json").read_text())
        size = next(e["bytes"] for e in manifest["outputs"] if e["kind"] == "book" and e["lang"] == "ko+en")

        shutil.rmtree(out)
        measure(BOOK + ["build", event, "--out", out, "--html", "--force"])
        plain = plain_weasyprint(out / "whrcf2021" / "html", tmp)
        rows.append((f"Plain weasyprint, same {plain['files']} HTML files one by one", plain, "reference"))

        from benchmarks import big

        small = write_event(tmp / "large100", sessions=100, days=5, rooms=12, people=60)
        r = measure(BOOK + ["build", small, "--out", tmp / "lout100", "--only", "book", "--edition", "ko+en"])
        growth = {100: (r, pages_of(tmp / "lout100" / "synthetic"))}
        rows.append((f"Large event: 100 sessions, bilingual book ({growth[100][1]} pages)", {**r, "n": 1}, ""))
        headline = big.scenarios(tmp, 1, args.large)
        large = next(r for name, r, _t, _g in headline if name.startswith("Synthetic"))
        growth[args.large] = (large, pages_of(tmp / "out-large" / "synthetic"))

    print(
        f"Benchmark, {time.strftime('%Y-%m-%d')}, {platform.node() or 'machine'}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}"
    )
    print()
    cores = os.cpu_count() or 1
    ours = median(cold)["wall"]
    print(
        f"| scenario | wall | CPU (user + system) | CPU / {cores} cores | peak memory, largest process | target | goal |"
    )
    print("|---|---:|---:|---:|---:|---|---|")
    whrcf = ("Full WHRCF build, cold, every output", median(cold), "≤ 6 s", "4 s")
    for name, r, target, goal in [*headline[:3], whrcf]:
        print(
            f"| {name} | {r['wall']:.1f} s | {r['cpu']:.1f} s | {r['cpu'] / cores:.1f} s | {r['rss_mb']:.0f} MB "
            f"| {target} | {goal} |"
        )
    print(f"| Plain `weasyprint` on the same HTML ÷ ours, cold | {plain['wall'] / ours:.2f}× | | | | ≥ 2.5× | 4× |")
    name, r, target, goal = headline[3]
    print(f"| {name} | {r['wall']:.1f} s | {r['cpu']:.1f} s | {r['cpu'] / cores:.1f} s | — | {target} | {goal} |")
    print()
    print("The details:")
    print()
    print(f"| scenario | median wall | CPU (user + system) | CPU / {cores} cores | peak memory | runs | target |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, r, target in rows:
        known = {k: r[k] == r[k] for k in ("rss_mb", "cpu")}  # NaN: not measured
        memory = f"{r['rss_mb']:.0f} MB" if known["rss_mb"] else "—"
        cpu, floor = (f"{r['cpu']:.2f} s", f"{r['cpu'] / cores:.2f} s") if known["cpu"] else ("—", "—")
        print(f"| {name} | {r['wall']:.2f} s | {cpu} | {floor} | {memory} | {r['n']} | {target} |")
    print()
    print(
        f"CPU / {cores} cores is the shortest wall time the same work could take with every core busy "
        "from start to end."
    )
    print()
    print(f"Plain / ours (cold full build): {plain['wall'] / ours:.2f}× (target ≥ 2.5×)")
    small, large = growth[100], growth[args.large]
    per_small = small[0]["wall"] / small[1]
    per_large = large[0]["wall"] / large[1]
    print(
        f"Time per page: {per_small * 1000:.0f} ms at 100 sessions, {per_large * 1000:.0f} ms at {args.large} "
        f"({(per_large / per_small - 1) * 100:+.0f} %, target within ±25 %)"
    )
    print(f"WHRCF bilingual book: {size / 1024:.0f} KB (target < 1 MB)")
    print()
    from benchmarks.loop import report

    report(max(args.runs, 5))  # the designer's loop (benchmarks/loop.py): medians of at least 5


if __name__ == "__main__":
    main()
