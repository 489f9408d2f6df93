"""Korean line breaking between words (어절), as CSS ``word-break: keep-all``.

WeasyPrint ignores ``word-break: keep-all``, so Hangul breaks between any two
syllables. ``keep_all`` wraps each space-separated word that contains Hangul
in ``<span class="kw">`` (styled ``white-space: nowrap``), leaving the spaces
between words as the only break opportunities. The text layer stays clean:
no invisible characters leak into copy and search.

A word longer than ``max_len`` characters is left breakable, so a word that
cannot fit on one line breaks instead of overflowing the page. Punctuation
belongs to its word (``인권도시,``), so no line starts with closing
punctuation.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

HANGUL = re.compile(r"[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7AF\uD7B0-\uD7FF]")
_TOKENS = re.compile(r"(\s+)")
# Wide enough for any real 어절 in a text column; narrow cells pass a smaller limit.
DEFAULT_MAX = 16


def has_hangul(text: str) -> bool:
    return bool(HANGUL.search(text or ""))


def keep_all(text: str | None, max_len: int = DEFAULT_MAX) -> Markup:
    if not text:
        return Markup("")
    out = []
    for token in _TOKENS.split(str(text)):
        if not token or token.isspace():
            out.append(escape(token))
        elif HANGUL.search(token) and len(token) <= max_len:
            out.append(Markup('<span class="kw">') + escape(token) + Markup("</span>"))
        else:
            out.append(escape(token))
    return Markup("").join(out)
