"""Findings: what the checks say about an event folder, with file positions.

A finding is one problem in the user's data, pointing at the file, line and
column they edited, with a hint on how to fix it. ``BuildError`` carries
findings (or a plain message) up to the command line, which prints them and
exits non-zero without a traceback.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def as_dict(self) -> dict:
        return asdict(self)


class BuildError(Exception):
    """A user-facing failure: bad data, missing font, unreadable file."""

    def __init__(self, message: str, findings: list[Finding] | None = None):
        super().__init__(message)
        self.findings = list(findings or [])


class Findings:
    """Collects findings while the data is loaded and checked."""

    def __init__(self, root: Path):
        self.root = root
        self.items: list[Finding] = []
        # Files that could not be read at all: what refers into them is not checked
        # (a syntax error in people.yaml is one finding, not one per unknown person).
        self.unreadable: set[str] = set()
        self.missing: list[tuple] = []  # (path, pos, what, lang): texts without a translation

    def relative(self, path) -> str:
        """The path as the user typed it: relative to the working folder when inside it."""
        path = Path(path)
        try:  # absolute without following links: a link that loops is named, not resolved
            return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(Path.cwd())))
        except (ValueError, OSError):
            return str(path)

    def add(self, severity, path, pos, message, hint=""):
        line, col = pos if pos else (1, 1)
        self.items.append(Finding(self.relative(path), line, col, severity, message, hint))

    def error(self, path, pos, message, hint=""):
        self.add("error", path, pos, message, hint)

    def warning(self, path, pos, message, hint=""):
        self.add("warning", path, pos, message, hint)

    def untranslated(self, path, pos, what, lang) -> None:
        """A text of the event's languages given in the other one only (summarised, see below)."""
        self.missing.append((path, pos, what, lang))

    def summarise_translations(self, strict: bool) -> None:
        """Missing translations as one warning per file and language, with a
        count; ``strict`` (``book check --strict``): one error each."""
        names = {"ko": "Korean", "en": "English"}
        if strict:
            for path, pos, what, lang in self.missing:
                self.error(
                    path, pos, f"{what} has no {names[lang]} text (`{lang}`)", f"add `{lang}:` with the translation"
                )
            return
        groups: dict[tuple, list] = {}
        for path, pos, what, lang in self.missing:
            groups.setdefault((str(path), lang), []).append((pos, what))
        for (path, lang), items in groups.items():
            (pos, what), n = items[0], len(items)
            self.warning(
                path,
                pos,
                f"{n} text{'s' if n > 1 else ''} in this file {'have' if n > 1 else 'has'} no "
                f"{names[lang]} version (the first: {what})",
                "one language is enough; each is printed in the language it has "
                "(book check --strict lists every one as an error)",
            )

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity == "error"]

    def sorted(self) -> list[Finding]:
        return sorted(self.items, key=lambda f: (f.file, f.line, f.column, f.message))
