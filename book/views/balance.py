"""Balanced lines for display titles: WeasyPrint has no ``text-wrap: balance``.

A title that needs two lines at its measure is broken where its lines come
out closest in width, so a cover never ends with "Forum" alone. Widths are
estimated from character classes (Hangul is one em, Latin letters about
half), which is close enough to choose between break points; the break
itself is a ``<br>`` in the run, and each line still wraps if the estimate
was short.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from ..source.model import HANGUL
from .common import Run
from .korean import keep_all


def width_em(text: str) -> float:
    """The estimated width of ``text`` in em, bold display type."""
    total = 0.0
    for ch in text:
        if HANGUL.match(ch) or "\u3000" <= ch <= "\u9fff":
            total += 1.0
        elif ch == " ":
            total += 0.25
        elif ch.isupper() or ch in "mwMW":
            total += 0.68
        elif ch.isdigit():
            total += 0.56
        else:
            total += 0.52
    return total


def balanced_lines(text: str, measure_em: float) -> list[str]:
    """``text`` in as few lines as the measure allows, broken at spaces to even the lines' widths."""
    words = text.split()
    if len(words) < 2 or width_em(text) <= measure_em:
        return [text]
    n = min(len(words), math.ceil(width_em(text) / measure_em))
    best, best_cost = [text], math.inf

    def split(start: int, left: int) -> list[list[str]]:
        if left == 1:
            return [[" ".join(words[start:])]]
        return [
            [" ".join(words[start:i])] + rest
            for i in range(start + 1, len(words) - left + 2)
            for rest in split(i, left - 1)
        ]

    for lines in split(0, n) if len(words) <= 14 else [[text]]:
        widths = [width_em(line) for line in lines]
        cost = max(widths) + (100 if max(widths) > measure_em else 0)
        if cost < best_cost:
            best, best_cost = lines, cost
    return best


def balanced(r: Run, measure_em: float) -> Run:
    """The run with its lines balanced at ``measure_em``."""
    lines = balanced_lines(r.text, measure_em)
    if len(lines) == 1:
        return r
    piece = keep_all if r.lang == "ko" else escape
    return Run(r.lang, r.text, Markup("<br>").join(piece(line) for line in lines), r.secondary)
