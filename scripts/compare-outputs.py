#!/usr/bin/env python3
"""Do two versions of the code make the same files? Byte for byte.

    .venv/bin/python scripts/compare-outputs.py [REV] [--event data/whrcf2021]

Builds the event (default: WHRCF 2021) twice with ``--force``: once with the
code of the git revision REV (default HEAD), unpacked with ``git archive``
into a temporary folder, and once with the working tree. Both builds read the
same copy of the event folder, so only the code differs. Every PDF and
preflight report is compared by SHA-256; the script prints one line per file
and exits 1 if any file differs or exists in only one build. A refactoring
must pass it against the commit it started from.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(code: Path, event: Path, out: Path) -> None:
    # One document date for both (an imported event has no data version: it would be "now").
    env = dict(os.environ, PYTHONPATH=str(code), SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
    result = subprocess.run(
        [sys.executable, "-m", "book.cli", "build", str(event), "--out", str(out), "--force"],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"the build with the code in {code} failed:\n{result.stdout}{result.stderr}")


def digests(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in (".pdf", ".txt") and ".cache" not in p.parts and not p.name.startswith(".")
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", nargs="?", default="HEAD", help="git revision to compare with (default HEAD)")
    parser.add_argument("--event", default=str(ROOT / "data" / "whrcf2021"), help="event folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="compare-") as tmp:
        tmp = Path(tmp)
        event = tmp / "event" / Path(args.event).name
        shutil.copytree(args.event, event)
        old = tmp / "old"
        old.mkdir()
        archive = subprocess.run(["git", "archive", args.rev], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        build(old, event, tmp / "out-old")
        build(ROOT, event, tmp / "out-new")
        before, after = digests(tmp / "out-old"), digests(tmp / "out-new")
    differ = 0
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        status = (
            "same"
            if a == b
            else "only in the working tree"
            if a is None
            else f"only in {args.rev}"
            if b is None
            else "DIFFERS"
        )
        differ += status != "same"
        print(f"{status:<24} {name}")
    print(f"{len(set(before) | set(after)) - differ} same, {differ} different (against {args.rev})")
    return 1 if differ or not before else 0


if __name__ == "__main__":
    sys.exit(main())
