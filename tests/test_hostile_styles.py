"""An event's stylesheets as a stranger may write them: each case ends within seconds, with a
message naming what is wrong, or with a build that ignores what it cannot use. No hang."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest

from .conftest import ROOT

MINI = ROOT / "tests" / "fixtures" / "mini"
DOUBLING = "\n".join(
    [":root { --t0: xxxxxxxxxx;"]
    + [f"  --t{i}: " + " ".join([f"var(--t{i - 1})"] * 6) + ";" for i in range(1, 11)]
    + ["  --accent: var(--t10); }"]
)
FAN_OUT = "".join(f'@import "s{i}.css";\n' for i in range(20))
CASES = {  # name -> (files, what the build says or None for a clean build, kinds)
    "tokens-that-double": ({"style.css": DOUBLING}, "the design token --t4 is 14,255 characters long", "day-sheet"),
    "tokens-that-double-in-press-css": ({"press.css": DOUBLING}, "more than any design needs", "press-book"),
    "a-token-that-names-itself": ({"style.css": ":root { --accent: var(--accent); }"}, None, "day-sheet"),
    "unclosed-comments": ({"style.css": "/* " * 100_000}, None, "day-sheet"),
    "a-brace-in-a-string-then-a-huge-token": (
        {"style.css": ':root { --a: "}"; --b: ' + "x" * 200_000 + "; }\n"},
        None,
        "day-sheet",
    ),
    "a-tab-of-negative-height": ({"style.css": ":root { --tab-height: -1mm; --tab-width: 0mm; }"}, None, "book"),
    "a-counter-of-a-trillion": (
        {
            "style.css": "@page { counter-reset: page 1000000000000 } body { counter-reset: c 1000000000000 }\n"
            "p::before { content: counter(c, upper-roman) counter(c, korean-hangul-formal) counter(page, lower-greek) }"
        },
        None,
        "book",
    ),
    "a-counter-of-401-digits": (
        {"style.css": "body { counter-reset: c 1" + "0" * 400 + " } td::before { content: counter(c, cjk-decimal) }"},
        None,
        "day-sheet",
    ),
    "a-sheet-that-imports-itself": (
        {"style.css": '@import "style.css";\n:root { --accent: #123456; }\n'},
        "an @import loop",
        "day-sheet",
    ),
    "imports-that-fan-out": (
        {"style.css": FAN_OUT, **{f"s{i}.css": FAN_OUT.replace('"s', f'"s{i}-') for i in range(20)}},
        "@import fans out too far",
        "day-sheet",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_stylesheet_ends_quickly_with_a_clear_result(tmp_path, name):
    files, said, kind = CASES[name]
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    for rel, text in files.items():
        (event / rel).write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "book.cli", "build", str(event), "--out", str(tmp_path / "out"), "--only", kind],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    took = time.monotonic() - started
    assert took < 60, took
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    if said is None:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 1 and said in result.stderr, result.stderr
