"""Drafts and fonts: each output's HTML rendered once, and its own font subsets.

Before anything is laid out, every output's template is rendered with its
view (the draft). The characters of all drafts are checked against the
declared fonts at once, so a label no font has is one clear error. Each
output then gets subsets of its own characters only (book/typeset/subsets.py),
so its bytes depend on its own inputs, never on which other outputs a build
makes: ``book build --only day-sheet`` after a full build lays nothing out
again.

A template that runs out of time fails every output that uses it at once:
a loop that never ends costs its time limit once, not once per output.
"""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import BuildError, Finding
from ..typeset import fonts, subsets
from ..typeset.templates import Context, TemplateTimeout, render_html
from ..views.korean import WORD_JOINER
from .fitting import portable

TAG_RE = re.compile(r"<[^>]+>")
STYLE_RE = re.compile(r"<(style|title)[^>]*>.*?</\1>", re.S)


def visible_chars(html: str) -> str:
    """Characters a page draws; word joiners are invisible and need no glyph."""
    text = htmlmod.unescape(TAG_RE.sub(" ", STYLE_RE.sub(" ", html)))
    return "".join(sorted(set(text) - {WORD_JOINER}))


@dataclass(frozen=True)
class Drafts:
    """What the drafts of a build give the layouts."""

    contexts: dict  # output path -> the rendering context with that output's font CSS
    font_files: set  # every subset file some output uses (for the --html copy)
    identities: dict  # output path -> its draft with its font CSS, without machine paths
    roots: list  # the folders a layout reads: the event folder, the font cache
    broken: dict  # output path -> why its template failed (it fails alone)


def drafts(jobs, ctx: Context, faces, event_dir: Path, cache: Path) -> Drafts:
    """Render every output's draft, check its characters against the fonts and subset them per output.

    An output's identity determines its final HTML without rendering it
    again; an output whose template fails is ``broken`` and the others are
    still made."""
    html_of, broken, timed_out = {}, {}, {}
    for job in jobs:
        if not job.layout:
            continue
        template = job.layout.template
        if template in timed_out:
            broken[job.path] = f"{job.path}: {timed_out[template]} (not tried again for this output)"
            continue
        try:
            html_of[job.path] = render_html(ctx, job.layout)
        except TemplateTimeout as exc:
            timed_out[template] = str(exc)
            broken[job.path] = f"{job.path}: {exc}"
        except BuildError as exc:
            broken[job.path] = f"{job.path}: {exc}"
    chars_of = {path: visible_chars(html) for path, html in html_of.items()}
    _check_coverage(set().union(*map(set, chars_of.values())), faces)
    font_cache = cache / "fonts"
    roots = [event_dir, font_cache]
    contexts, files, identities = {}, set(), {}
    for path, chars in chars_of.items():
        chosen = subsets.subset_all(faces, chars, font_cache)
        font_css = subsets.font_face_css(chosen, faces)
        files |= set(chosen.values())
        contexts[path] = replace(ctx, font_css=font_css)
        identities[path] = portable(html_of[path] + font_css, roots)
    return Drafts(contexts, files, identities, roots, broken)


def _check_coverage(chars: set[str], faces) -> None:
    """Characters the templates add (labels, dates) that no declared face has: one error naming each."""
    primaries = [face for (role, _weight), face in faces.items() if role in fonts.ROLES]
    missing = sorted(
        (
            (c, face)
            for c in chars
            if c not in "\n\r\t"
            for face in primaries
            if ord(c) not in fonts.covered_by(faces, face.role, face.weight)
        ),
        key=lambda m: (m[0], m[1].family, m[1].weight),
    )
    if missing:
        raise BuildError(
            "the pages would use characters the declared fonts lack",
            [
                Finding(
                    "templates/labels.yaml",
                    1,
                    1,
                    "error",
                    f"the character “{c}” (U+{ord(c):04X}) is not in {face.family} {face.weight}",
                    "change the label or date format, or declare a font that has it",
                )
                for c, face in missing
            ],
        )
