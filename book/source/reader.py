"""Typed values from positioned YAML, with a finding for every mistake.

:class:`Reader` checks one file's mappings (known keys, required keys, types,
translations) and turns text into dates, times, ids and numbers, adding a
finding with the file position for every mistake. Reading whole files and
lists of records is :mod:`book.source.files`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import Findings
from .model import LANGS, NIGHT, Text, language_of
from .yamlsrc import LDict, LList, LStr

MAX_ID = 64
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # all but tab and line ends
MAX_URL = 2000  # a QR code holds about 2,300 characters at the error correction the sheets use
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>|&[A-Za-z]+;|&#\d+;")
URL_RE = re.compile(r"^https?://[^\s<>\"]+$")
YEARS = (1900, 2999)  # time zone arithmetic near year 9999 overflows


@dataclass
class TextSource:
    """Where one piece of user text came from, for coverage messages."""

    text: str
    file: Path
    pos: tuple[int, int]
    role: str  # "body" or "prose" (set in the serif)


class Reader:
    """Checks one file's mappings and turns scalars into typed values."""

    def __init__(self, path: Path, findings: Findings, texts: list[TextSource], langs):
        self.path = path
        self.f = findings
        self.texts = texts
        self.langs = langs

    def err(self, node, message, hint=""):
        self.f.error(self.path, getattr(node, "pos", None), message, hint)

    def warn(self, node, message, hint=""):
        self.f.warning(self.path, getattr(node, "pos", None), message, hint)

    def mapping(self, node, what) -> LDict | None:
        if isinstance(node, LDict):
            return node
        self.err(
            node,
            f"{what} must be a mapping of keys to values, not {_kind(node)}",
            "write `key: value` lines indented under it, or `{key: value, …}`",
        )
        return None

    def records(self, items, what, allowed, required):
        """The mappings of a list file, each with its keys checked; an item that is not a
        mapping is reported and left out."""
        for item in items:
            m = self.mapping(item, what)
            if m is not None:
                self.keys(m, allowed, required, what)
                yield m

    def keys(self, node: LDict, allowed, required, what):
        for key in node:
            if key not in allowed:
                close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
                hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(sorted(allowed))
                self.f.error(self.path, node.key_pos.get(key), f"unknown key `{key}` in {what}", hint)
        for key in required:
            if key not in node:
                self.err(node, f"{what} is missing the required key `{key}`", f"add a line `{key}: …`")

    def string(self, node, what, role="body", required=True) -> str | None:
        if node is None or (isinstance(node, LStr) and node == "" and not required):
            return None
        if not isinstance(node, LStr):
            self.err(
                node,
                f"{what} must be text, not {_kind(node)}",
                "write the text on the same line, in quotes if it has `: `",
            )
            return None
        value = str(node).strip()
        if not value:
            if required:
                self.err(node, f"{what} is empty", "write the text, or remove the key")
            return None
        bad = TEXT_CONTROL.search(value)
        if bad:
            self.err(
                node,
                f"{what} holds the control character U+{ord(bad[0]):04X}, which no page prints and no export can carry",
                "delete it (it often comes with text pasted from a PDF or a word processor)",
            )
            return None
        if HTML_RE.search(value):
            self.warn(
                node,
                f"{what} contains HTML or an entity; it will be printed as text, not interpreted",
                "write plain text (use the character itself, not &amp;-style entities)",
            )
        self.texts.append(TextSource(value, self.path, node.pos, role))
        return value

    def text(self, node, what, role="body", required=True, translated=True) -> Text:
        """A text in one or both languages: ``{ko: …, en: …}``, or plain text,
        whose language is told by its script (Hangul: Korean). One language
        is enough; with ``translated``, a language of the event that is
        missing is noted for the translation summary (or, strict, an error)."""
        if node is None:
            return Text()
        if isinstance(node, LStr):
            value = self.string(node, what, role)
            if not value:
                return Text()
            values = {language_of(value): value}
            m = node
        else:
            m = self.mapping(node, what)
            if m is None:
                return Text()
            self.keys(m, LANGS, (), what)
            values = {lang: self.string(m[lang], f"{what} ({lang})", role) for lang in LANGS if lang in m}
        if required:
            if not values:  # `{}`: an empty value given for a language was reported by string()
                self.err(m, f"{what} is empty", "write the text in at least one language")
            elif translated and any(values.values()):
                for lang in self.langs:
                    if not values.get(lang) and not (isinstance(m, LDict) and lang in m):
                        self.f.untranslated(self.path, m.pos, what, lang)
        return Text(**values)

    def date(self, node, what) -> date | None:
        if not isinstance(node, LStr):
            self.err(node, f"{what} must be a date like 2021-10-07, not {_kind(node)}", "write it as YYYY-MM-DD")
            return None
        m = DATE_RE.match(node.strip())
        if not m:
            self.err(node, f"{what} `{node}` is not a date", "write it as YYYY-MM-DD, e.g. 2021-10-07")
            return None
        try:
            value = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            self.err(node, f"{what} `{node}` is not a real date ({exc})", "check the day and month")
            return None
        if not YEARS[0] <= value.year <= YEARS[1]:
            self.err(
                node,
                f"{what} `{node}` is not a plausible date for an event",
                f"check the year: {YEARS[0]} to {YEARS[1]} are accepted",
            )
            return None
        return value

    def time(self, node, what) -> int | None:
        if not isinstance(node, LStr):
            self.err(node, f'{what} must be a time like "13:30", not {_kind(node)}', "write it as HH:MM in quotes")
            return None
        m = TIME_RE.match(node.strip())
        if not m:
            self.err(node, f"{what} `{node}` is not a time", 'write it as HH:MM in quotes, e.g. "13:30"')
            return None
        hours, minutes = int(m[1]), int(m[2])
        if minutes > 59 or hours * 60 + minutes > NIGHT:
            self.err(
                node,
                f"{what} `{node}` is not a time of day",
                "use 00:00 to 23:59; a session that runs into the night counts on past 24:00 (00:30 is 24:30)",
            )
            return None
        return hours * 60 + minutes

    def url(self, node, what) -> str | None:
        """A web address (http or https), or None with an error."""
        value = self.string(node, what)
        if value and len(value) > MAX_URL:
            self.err(node, f"{what} is {len(value):,} characters long, more than a QR code holds", "use a short link")
            return None
        if value and not URL_RE.match(value):
            self.err(node, f"{what} `{value}` is not a web address", "write the full https:// address")
            return None
        return value

    def ident(self, node, what) -> str | None:
        """An id: any text up to 64 characters without control characters
        (conference tools hand out ids such as F7MWSF or 2018-101)."""
        value = self.string(node, what)
        if value is not None and (len(value) > MAX_ID or CONTROL.search(value)):
            self.err(
                node,
                f"{what} `{value[:MAX_ID]}{'…' if len(value) > MAX_ID else ''}` is not a valid id",
                f"use at most {MAX_ID} characters, without control characters",
            )
            return None
        return value

    def seq(self, node, what) -> LList:
        if node is None:
            return LList()
        if not isinstance(node, LList):
            self.err(node, f"{what} must be a list, not {_kind(node)}", "start each item with `- `")
            return LList()
        return node

    def number(self, node, what, low, high) -> float | None:
        try:
            value = float(str(node))
        except (TypeError, ValueError):
            self.err(node, f"{what} must be a number, not {_kind(node)}", f"e.g. {int(low + (high - low) / 4)}")
            return None
        if not low <= value <= high:
            self.err(node, f"{what} {value:g} is out of range", f"use {low} to {high}")
            return None
        return value


def _kind(node) -> str:
    if isinstance(node, LDict):
        return "a mapping"
    if isinstance(node, LList):
        return "a list"
    if node is None:
        return "nothing"
    return f"the text `{node}`" if str(node) else "empty text"
