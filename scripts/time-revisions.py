#!/usr/bin/env python3
"""How long did each version of the code take to build its own default event, cold?

    .venv/bin/python scripts/time-revisions.py REV [REV ...] [--runs 2] [--fix COMMIT]

For each git revision, the code is unpacked with ``git archive`` into a
temporary folder and builds that revision's own ``data/whrcf2021`` (the data
changed with the code: an older revision refuses newer data) into an empty
output folder, ``--runs`` times, with a fixed document date. One line per run:
the wall time and the CPU (user + system) of the build and its workers. This
is what bisecting a slowdown needs; ``scripts/compare-outputs.py`` says
whether two versions make the same files. ``--fix COMMIT`` applies that
commit's change to each revision first (where it applies), to measure the
revisions a known slowdown hides, before it was fixed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURE = r"""
import resource, subprocess, sys, time, json
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - t, "cpu": usage.ru_utime + usage.ru_stime, "code": code}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revs", nargs="+", help="git revisions, oldest first")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--fix", help="a commit whose change is applied to each revision before it is timed")
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory(prefix="time-revisions-") as tmp:
        for rev in args.revs:
            code = Path(tmp) / rev / "code"
            code.mkdir(parents=True)
            archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
            fixed = ""
            if args.fix:
                diff = subprocess.run(["git", "show", "--format=", args.fix], cwd=ROOT, capture_output=True).stdout
                applied = subprocess.run(["git", "apply", "--exclude=tests/*", "-"], cwd=code, input=diff)
                fixed = f" + {args.fix}" if applied.returncode == 0 else f" ({args.fix} does not apply)"
            subject = subprocess.run(
                ["git", "log", "-1", "--format=%h %ad %s", "--date=format:%m-%d", rev],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            for run in range(args.runs):
                out = Path(tmp) / rev / f"out{run}"
                env = dict(os.environ, PYTHONPATH=str(code), SOURCE_DATE_EPOCH="1767225600")
                command = [sys.executable, "-m", "book.cli", "build", "data/whrcf2021", "--out", str(out)]
                done = subprocess.run(
                    [sys.executable, "-c", MEASURE, *command], cwd=code, env=env, capture_output=True, text=True
                )
                r = json.loads(done.stdout.strip().splitlines()[-1])
                failed += r["code"] != 0
                status = "" if r["code"] == 0 else f"  (the build failed: exit {r['code']})"
                print(f"{r['wall']:6.2f} s wall {r['cpu']:6.2f} s CPU  {subject[:80]}{fixed}{status}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
