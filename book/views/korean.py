"""Korean line breaking between words (어절), as CSS ``word-break: keep-all``.

WeasyPrint ignores ``word-break: keep-all``, so Hangul breaks between any two
syllables. ``keep_all`` joins the characters of each space-separated word that
contains Hangul with U+2060 WORD JOINER, leaving the spaces between words as
the only break opportunities.

Word joiners rather than one ``white-space: nowrap`` span per word: a span is
an inline box that WeasyPrint lays out with its own Pango layout, which made
Korean pages about five times slower to lay out (measured for issue #6).
Pango shapes a joiner as an empty glyph that WeasyPrint does not draw and
does not map in the text layer, so copy and search see the plain word
(``tests/test_book.py`` checks the extracted text).

``hold_together`` does the same for things no line may split in either
language: a number and the word before it ("Jeju 4·3", "Room 201",
"Session 2"), and a range or a dotted number between digits ("09:00–16:00",
"4·3").

A word longer than ``max_len`` characters is left breakable, so a word that
cannot fit on one line breaks instead of overflowing the page. Punctuation
belongs to its word (``인권도시,``), so no line starts with closing
punctuation.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..source.model import HANGUL

WORD_JOINER = "\u2060"
_TOKENS = re.compile(r"(\s+)")
# Wide enough for any real 어절 in a text column; narrow cells pass a smaller limit.
DEFAULT_MAX = 16


_NUMBER_AFTER_WORD = re.compile(r"(?<=\S) (?=\d[\w·.:–-]{0,7}(?![\w·.:–-]))")
_BETWEEN_DIGITS = re.compile(r"(?<=\d)([·–-])(?=\d)")


def hold_together(text: str) -> str:
    """``text`` with word joiners where a line must not break: before a short
    number that follows a word, and around a range or dot between digits."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    text = _NUMBER_AFTER_WORD.sub(" " + WORD_JOINER, text)
    return _BETWEEN_DIGITS.sub(WORD_JOINER + r"\1" + WORD_JOINER, text)


def keep_all(text: str | None, max_len: int = DEFAULT_MAX) -> Markup:
    if not text:
        return Markup("")
    out = []
    for token in _TOKENS.split(str(text)):
        if token and not token.isspace() and HANGUL.search(token) and len(token) <= max_len:
            token = WORD_JOINER.join(token)
        out.append(escape(token))
    return Markup("").join(out)
