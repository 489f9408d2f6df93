"""Korean line breaking between words (어절), as CSS ``word-break: keep-all``.

WeasyPrint ignores ``word-break: keep-all``, so Hangul breaks between any two
syllables. ``keep_all`` joins the characters of each space-separated word that
contains Hangul with U+2060 WORD JOINER, leaving the spaces between words as
the only break opportunities.

Word joiners rather than one ``white-space: nowrap`` span per word: a span is
an inline box that WeasyPrint lays out with its own Pango layout, which made
Korean pages about five times slower to lay out (measured when this was chosen).
Pango shapes a joiner as an empty glyph that WeasyPrint does not draw and
does not map in the text layer, so copy and search see the plain word
(``tests/test_book.py`` checks the extracted text).

``hold_together`` does the same for things no line may split in either
language: a number and the word before it ("Jeju 4·3", "Room 201",
"Session 2"), and a range or a dotted number between digits ("09:00–16:00",
"4·3").

A word is measured in ems: a Hangul syllable (or any wide character) is one,
a Latin letter, digit or mark about half. A word of at most ``max_len`` ems
is held whole. A longer one may break before an opening bracket first
("…인권위원회" | "(UCLG-CISDP),"), each of its pieces held whole when it fits;
only a Korean piece longer than ``max_len`` ems is left breakable between
syllables, so a word that cannot fit on one line breaks instead of
overflowing the page. Punctuation belongs to its word (``인권도시,``), so no
line starts with closing punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

from ..source.model import HANGUL

WORD_JOINER = "\u2060"
_TOKENS = re.compile(r"(\s+)")
# Ems: wide enough for any real 어절 in a text column; narrow cells pass a smaller limit.
DEFAULT_MAX = 16
NARROW_EM = 0.55  # a Latin letter, digit or mark, in ems of the Korean face
BEFORE_OPENING = re.compile(r"(?=[(\[{「『〈《“‘])")


_NUMBER_AFTER_WORD = re.compile(r"(?<=\S) (?=\d[\w·.:–-]{0,7}(?![\w·.:–-]))")
_BETWEEN_DIGITS = re.compile(r"(?<=\d)([·–-])(?=\d)")


def hold_together(text: str) -> str:
    """``text`` with word joiners where a line must not break: before a short
    number that follows a word, and around a range or dot between digits."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    text = _NUMBER_AFTER_WORD.sub(" " + WORD_JOINER, text)
    return _BETWEEN_DIGITS.sub(WORD_JOINER + r"\1" + WORD_JOINER, text)


def width_em(text: str) -> float:
    """The width of ``text`` in ems, roughly: wide characters one, the others ``NARROW_EM``."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else NARROW_EM for ch in text)


def _held(piece: str, max_len: float) -> str:
    if HANGUL.search(piece) and width_em(piece) <= max_len:
        return WORD_JOINER.join(piece)
    return piece


def keep_all(text: str | None, max_len: float = DEFAULT_MAX) -> Markup:
    """``text`` with each Korean word held whole (word joiners), as far as it fits ``max_len`` ems."""
    if not text:
        return Markup("")
    out = []
    for token in _TOKENS.split(str(text)):
        if token and not token.isspace() and HANGUL.search(token):
            if width_em(token) <= max_len:
                token = WORD_JOINER.join(token)
            else:  # too wide whole: break before a bracket first, each piece held if it fits
                token = "".join(_held(piece, max_len) for piece in BEFORE_OPENING.split(token))
        out.append(escape(token))
    return Markup("").join(out)
