"""Laid-out parts of books, kept in memory for the next build of a warm process.

A book is laid out in parts (book/typeset/engine.py, ``write_book_pdf``): the
front, the body before the programme, one part per programme day, the tail.
A part's layout depends only on

* its HTML, which holds its stylesheets, the font faces (subsets named by
  their content) and its first page number (its folios and its side);
* the files it read while it was laid out (the event's style.css, images),
  recorded with their size, time and digest and checked again before reuse;
* whether the PDF is tagged.

:class:`Layouts` keys each laid-out part on exactly these. In ``book watch``
every worker keeps one (book/pipeline/warm.py), so a one-session edit lays out
the part of that session's day and reuses the others. In a one-off build it
saves the passes that settle the contents' length from laying out the
body again. Reuse never changes the result: the same inputs give the same
part, and the book's bytes are the same as a fresh build's.

One font configuration serves every part laid out with the same font CSS
(each output has subsets of its own characters, so each book has its own);
a few are kept, the least recently used dropped with its parts, and all of
them when their temporary folder is gone.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from weasyprint.text.fonts import FontConfiguration


def file_stat(path: str) -> tuple[int, int] | None:
    """A file's (size, mtime in ns), or None when it is gone: what says it may have changed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def file_digest(path) -> str:
    """The SHA-256 of a file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class _Kept:
    document: object  # weasyprint Document of the part
    files: dict[str, tuple]  # path -> (size, mtime_ns, sha256) of what it read
    fonts_key: str = ""  # the font CSS it was laid out with

    def current(self) -> bool:
        for path, (size, mtime, digest) in self.files.items():
            now = file_stat(path)
            if now is None:
                return False
            if now != (size, mtime):
                try:
                    if file_digest(path) != digest:
                        return False
                except OSError:
                    return False
                self.files[path] = (*now, digest)
        return True


@dataclass
class Stats:
    """What the last book laid out: part names laid out and reused, and a key
    per page of the PDF (its part's key and its place in it: a page with the
    same key draws the same, which the contact sheet uses)."""

    laid_out: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    layout_s: float = 0.0  # seconds laying parts out
    write_s: float = 0.0  # seconds writing the joined PDF


class Layouts:
    """Laid-out parts by key, the parts each book used last, a font configuration per font CSS."""

    CONFIGURATIONS = 8  # font configurations kept: the books and press books of an event, and a few more

    def __init__(self) -> None:
        self._configs: dict[str, tuple[str, FontConfiguration]] = {}  # font CSS -> (folder, configuration)
        self._fonts_key = ""
        self._dir = ""
        self._kept: dict[str, _Kept] = {}
        self._used: dict[str, set[str]] = {}  # book -> keys its last build used
        self.stats: dict[str, Stats] = {}  # book -> what its last build laid out
        self.count = 0  # layouts made in this process (for tests and the benchmark)
        self.keep = False  # keep a book's parts after it is written: warm workers only

    def fonts(self, fonts_key: str) -> FontConfiguration:
        """The font configuration for this font CSS (a book's own subsets), made when first asked for.

        WeasyPrint copies the fonts it loads into a folder it makes under the
        temporary folder, which a one-off build removes when it ends
        (book/pipeline/publish.py, ``scratch``). The configuration's folder is
        made inside one of ours (see :meth:`folder`): when ours is gone, so
        are its fonts, and the parts start afresh. Only a warm worker, whose
        temporary folder stays, keeps its parts from one build to the next."""
        if any(not os.path.isdir(folder) for folder, _ in self._configs.values()):
            self._configs.clear()  # a one-off build's scratch folder is gone, and its fonts with it
            self._kept.clear()
            self._used.clear()
        found = self._configs.pop(fonts_key, None)
        if found is None:
            found = (tempfile.mkdtemp(prefix="book-layouts-"), FontConfiguration())
            while len(self._configs) >= self.CONFIGURATIONS:
                oldest = next(iter(self._configs))
                del self._configs[oldest]
                for key in [k for k, kept in self._kept.items() if kept.fonts_key == oldest]:
                    del self._kept[key]
        self._configs[fonts_key] = found  # the most recently used last
        self._fonts_key, self._dir = fonts_key, found[0]
        return found[1]

    @contextmanager
    def folder(self):
        """Make WeasyPrint's temporary files (the font copies) in the parts' own folder."""
        before, tempfile.tempdir = tempfile.tempdir, self._dir
        try:
            yield
        finally:
            tempfile.tempdir = before

    @staticmethod
    def key(html: str, tagged: bool) -> str:
        return hashlib.sha256(f"{tagged}\n{html}".encode()).hexdigest()

    def get(self, key: str):
        kept = self._kept.get(key)
        if kept is not None and kept.current():
            return kept.document
        self._kept.pop(key, None)
        return None

    def put(self, key: str, document, files: list[tuple[str, str]]) -> None:
        """Keep a part laid out from ``files`` (path, digest of the bytes it read), unless one of
        them has changed since it was read: the next build must not reuse what it no longer is."""
        recorded = {}
        for path, digest in files:
            now = file_stat(path)
            try:
                if now is None or file_digest(path) != digest:
                    return
            except OSError:
                return
            recorded[path] = (*now, digest)
        self._kept[key] = _Kept(document, recorded, self._fonts_key)

    def forget(self, keys) -> None:
        """Drop parts no layout will ask for again (a pass of the contents that was superseded)."""
        for key in keys:
            self._kept.pop(key, None)

    def used(self, book: str, keys: set[str]) -> None:
        """Keep what ``book`` used this time (and what the other books use); drop the rest. A
        process that is not a warm worker keeps nothing: its next book has other parts, and a
        large book's pages are most of the build's memory."""
        self._used[book] = set(keys) if self.keep else set()
        wanted = set().union(*self._used.values())
        for key in [k for k in self._kept if k not in wanted]:
            del self._kept[key]


LAYOUTS = Layouts()
"""The process's parts: a worker of ``book watch`` keeps them between builds."""


def file_path(url: str) -> str | None:
    """The local path of a ``file:`` URL the layout read (others read nothing from disk)."""
    from urllib.parse import unquote, urlparse

    parsed = urlparse(url)
    return str(Path(unquote(parsed.path))) if parsed.scheme == "file" else None
