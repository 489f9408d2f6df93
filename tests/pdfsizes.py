"""Rendered text sizes on a PDF page, from pypdf's text visitor."""

from __future__ import annotations

import math

from pypdf import PdfReader


def text_sizes(path, page_index=0) -> list[tuple[float, str]]:
    """(size in pt, text) for every text run drawn on the page."""
    sizes = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        # the text matrix's vertical vector in device space: its length scales the font size
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        sizes.append((round(font_size * math.hypot(c, d), 2), text))

    PdfReader(path).pages[page_index].extract_text(visitor_text=visit)
    return sizes
