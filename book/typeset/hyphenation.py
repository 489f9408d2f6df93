"""After layout: the hyphenation rules WeasyPrint cannot enforce, counted.

The stylesheets ask for en-US patterns and three letters each side of a
break (``hyphenate-limit-chars``). Two rules a copy editor keeps have no
CSS WeasyPrint 70 honours: at most two hyphenated lines in a row, and no
hyphen on the last line of a page (the reader turns the page mid-word). So
the finished PDF is read back (poppler's ``pdftotext -bbox-layout``: its
blocks, lines and words), and what breaks those rules is counted, with the
pages, for the build's notes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..wording import count

LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', re.S)
WORD = re.compile(r">([^<]*)</word>")
HYPHENS = ("-", "\u2010", "\u00ad")


@dataclass
class Hyphenation:
    lines: int = 0  # lines ending in a hyphen
    runs: list[int] = field(default_factory=list)  # pages where more than two such lines follow each other
    page_ends: list[int] = field(default_factory=list)  # pages whose last text line ends in a hyphen

    def note(self, path: str) -> str:
        """The build note, or "" when both rules hold."""
        said = []
        if self.runs:
            said.append(f"{len(self.runs)} runs of more than two hyphenated lines (pages {_pages(self.runs)})")
        if self.page_ends:
            said.append(f"{count(len(self.page_ends), 'page')} ending in a hyphen (pages {_pages(self.page_ends)})")
        if not said:
            return ""
        return (
            f"{path}: " + " and ".join(said) + "; WeasyPrint cannot prevent these: a shorter or longer word "
            "nearby, or `hyphens: manual` on that text in the event's style.css, moves the break"
        )


def _pages(pages: list[int]) -> str:
    shown = sorted(set(pages))
    return ", ".join(map(str, shown[:6])) + (" …" if len(shown) > 6 else "")


def _ends_hyphenated(words: list[str]) -> bool:
    last = words[-1] if words else ""
    return len(last) > 2 and last.endswith(HYPHENS) and last[-2].isalpha()


def check(pdf: Path, bottom_mm: float = 20.0) -> Hyphenation | None:
    """Count the breaches in ``pdf``; None when pdftotext is not installed or cannot read it."""
    tool = shutil.which("pdftotext")
    if not tool:
        return None
    done = subprocess.run([tool, "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    xml = done.stdout
    found = Hyphenation()
    for number, page in enumerate(xml.split("<page ")[1:], 1):
        height = float(re.search(r'height="([\d.]+)"', page)[1])
        foot = height - bottom_mm * 72 / 25.4
        # pdftotext may give each justified line a block of its own: lines follow
        # each other when the gap between them is under half a line.
        body = sorted((float(y0), float(y1), WORD.findall(text)) for y0, y1, text in LINE.findall(page))
        body = [b for b in body if b[2] and b[1] <= foot + 1]  # not the folio or other margin text
        run, previous = 0, None
        for y0, y1, words in body:
            if previous is not None and y0 - previous > (y1 - y0) / 2:
                run = 0
            previous = y1
            if _ends_hyphenated(words):
                found.lines += 1
                run += 1
                if run == 3:
                    found.runs.append(number)
            else:
                run = 0
        if body and _ends_hyphenated(max(body, key=lambda b: b[1])[2]):
            found.page_ends.append(number)
    return found
