"""Fitting a layout to its pages: the roomiest tier that fits, alone or in a group.

A layout with tiers (a day sheet, a room sign) is laid out at the roomiest
tier whose PDF has at most ``max_pages`` pages. Layouts that share a
``fit_group`` (the day sheets of one edition) are set at one tier: the
densest that any of them needs, so the sheets of one event are one set. A
layout with ``overflow`` never fails: at its densest tier it takes as many
pages as it needs (a congress day continues on more pages).
"""

from __future__ import annotations

from ..errors import BuildError
from ..typeset.templates import Part, Tier, render_html
from ..wording import count


def portable(html: str, roots) -> str:
    """The HTML without the machine's paths (of the event folder, ``roots[0]``,
    and the font cache, ``roots[-1]``): what identifies a document wherever it is built."""
    from pathlib import Path

    for root in (roots[0], roots[-1]):
        html = html.replace(Path(root).resolve().as_uri(), "")
    return html


def write(task, tier: Tier, limit: bool = True) -> tuple[int, str]:
    """Lay the job out at ``tier`` and write it to the temporary file; (pages,
    HTML or ""). ``limit``: refuse more pages than ``max_pages``."""
    from ..typeset.engine import write_book_pdf, write_pdf

    layout, roots = task.job.layout, [*task.roots[:1], *task.job.layout.roots, *task.roots[1:]]
    if layout.parts:
        p = layout.parts

        def render_part(name, first_page, page_of, day, tight=False, break_before=None):
            return render_html(task.ctx, layout, tier, Part(name, first_page, page_of, day, tight, break_before))

        pages = write_book_pdf(
            render_part,
            task.tmp,
            roots=roots,
            has_tail=p.has_tail,
            days=p.days,
            strip=lambda html: portable(html, task.roots),
            multiple=p.page_multiple,
            spare=p.spare,
            keep_last=p.keep_last,
            book=task.job.path,
            fonts_key=task.ctx.font_css,
            **layout.pdf_options,
        )
        return pages, ""  # a book in parts renders each part itself; its whole HTML is only kept for --html
    html = render_html(task.ctx, layout, tier)
    return write_pdf(
        html,
        task.tmp,
        roots=roots,
        max_pages=layout.max_pages if limit else None,
        identity=portable(html, task.roots),
        **layout.pdf_options,
    ), html


def best_tier(task, start: int | None = None, roomier: bool = True) -> tuple[int, int, str]:
    """(index of the roomiest tier that fits, its page count, its HTML).

    The search starts at ``start``, else at the estimated tier
    (``tier_hint``): if that fits, roomier tiers are tried (unless not
    ``roomier``) until one does not; if not, denser ones until one does. A
    tier that fits means every denser one fits too. Failed attempts write
    nothing, so the file holds the last tier that fit. When the last tier
    takes ``overflow_pages`` pages or more, no tier of one page can fit, and
    none is tried.
    """
    from ..typeset.engine import TooManyPages

    layout = task.job.layout
    tiers, tried, fitted = layout.tiers, [], {}
    last = len(tiers) - 1

    def attempt(i) -> bool:
        try:
            fitted[i] = write(task, tiers[i], limit=not (layout.overflow and i == last))
            return True
        except TooManyPages as exc:
            tried.append(f"{tiers[i].name}: {count(exc.pages, 'page')}")
            return False

    i = min(max(layout.tier_hint if start is None else start, 0), last)
    if attempt(i):
        crowded = i == last and layout.overflow_pages and fitted[i][0] >= layout.overflow_pages
        while roomier and i > 0 and not crowded and attempt(i - 1):
            i -= 1
    else:
        while i + 1 < len(tiers) and not attempt(i + 1):
            i += 1
        i += 1
        if i >= len(tiers):
            raise BuildError(f"{layout.fit_error} (tried {'; '.join(tried)})")
    return (i, *fitted[i])


def fit_group(tasks) -> list[tuple[int, int, str]]:
    """Each task's (tier index, pages, HTML), all at the densest tier any of them needs
    to fit its pages; a member that fits at no tier (it runs on, at the last)
    keeps its own layout and does not pull the others down with it.

    The fullest layout (the longest draft HTML) is fitted first, as it would be
    alone; every other one is tried only at the tier found so far, and a
    denser one only if it does not fit there, so a day of thirty rooms costs
    about one layout a room, not one a tier. The result is the same as
    fitting each alone: a layout that fits at a tier fits at every denser one.
    """
    order = sorted(range(len(tasks)), key=lambda k: -tasks[k].size)
    found: dict[int, tuple[int, int, str]] = {}
    runs_on: set[int] = set()
    densest = 0
    for k in order:
        found[k] = best_tier(tasks[k], start=densest, roomier=False) if densest else best_tier(tasks[k])
        layout = tasks[k].job.layout
        if layout.max_pages and found[k][1] > layout.max_pages:
            runs_on.add(k)
        else:
            densest = max(densest, found[k][0])
    out = []
    for k, task in enumerate(tasks):
        i, pages, html = found[k]
        if i != densest and k not in runs_on:
            pages, html = write(task, task.job.layout.tiers[densest])
        out.append((densest if k not in runs_on else i, pages, html))
    return out
