"""Post-processing of a freshly written PDF, in place.

For the programme book WeasyPrint already writes what we need (title,
author, subject, keywords, language, bookmarks, tags); this stage checks the
result and is where press boxes, marks and padding are added for the press
edition.
"""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from .errors import BuildError


def finish_pdf(path: Path, job) -> None:
    reader = PdfReader(path)
    if not reader.pages:
        raise BuildError(f"{job.path}: the PDF has no pages")
