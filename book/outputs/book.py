"""The programme book in its three editions: bilingual, Korean, English.

Settings (event.yaml): ``book: {page_size: A5, title: {ko: 프로그램 북, en: Programme Book}}``.
The glance grid is fitted to the text block that the book's stylesheets
leave on that page size.
"""

from __future__ import annotations

from ..source.model import EDITIONS, Text, edition_tag, paper_mm
from ..source.settings import Block, PageSize, Translated
from ..typeset import hyphenation, images
from ..typeset.css import (
    category_css,
    day_tab_css,
    declarations,
    length_mm,
    page_css,
    stylesheet_text,
    text_block_mm,
    token,
    token_css,
)
from ..views.book import book_view
from ..views.days import day_groups
from ..views.extras import ExtrasGeometry
from ..views.glance_parts import GlanceGeometry, glance_layouts, glance_notes
from .base import BookParts, Finished, Job, Layout, OutputKind, Plan

STYLESHEETS = ("css/tokens.css", "css/base.css", "css/book.css", "css/extras.css")


def book_css(stylesheets, ctx) -> str:
    """The book's stylesheets and the event's, as read before layout (for tokens and margins)."""
    return "\n".join(stylesheet_text(s, ctx.style_dirs) for s in stylesheets) + "\n" + ctx.event_css


def tabs_css(event, stylesheets, ctx, page_size: str, bleed_mm: float = 0.0) -> str:
    """The fore-edge tabs of the event's days (or day groups)."""
    return day_tab_css(len(day_groups(event, event.languages[:1])), book_css(stylesheets, ctx), page_size, bleed_mm)


def cover_em(stylesheets, ctx, page_size: str) -> dict[str, float]:
    """The cover's measure in em of each of its display sizes (name, its
    second language, theme, its second language), for balancing lines."""
    css = book_css(stylesheets, ctx)
    sizes = {"--size-cover": "34pt", "--size-title": "20pt", "--size-cover-theme": "16pt", "--size-sub": "13pt"}
    try:
        padding = declarations(css, ".cover").get("padding", "0 14mm").split()
        width = paper_mm(page_size)[0] - 2 * length_mm(padding[1] if len(padding) > 1 else padding[0])
        return {name: width / length_mm(token(css, name, default)) for name, default in sizes.items()}
    except ValueError:  # not absolute lengths: the default look's
        return {}


def glance_geometry(stylesheets, ctx, page_size: str) -> GlanceGeometry:
    """The grid's room on the page, from the @page margins and the grid's axis in the stylesheets."""
    css = book_css(stylesheets, ctx)
    width, height = text_block_mm(css, page_size)
    try:
        axis = length_mm(declarations(css, ".grid").get("margin-left", "0"))
    except ValueError:  # not an absolute length: the project's own
        axis = length_mm(declarations(stylesheet_text("css/book.css", ctx.style_dirs), ".grid")["margin-left"])
    try:
        cell_pt = length_mm(token(css, "--size-cell", "7.5pt")) / length_mm("1pt")
    except ValueError:  # not an absolute length
        cell_pt = 7.5
    return GlanceGeometry.from_text_block(width, height, axis, cell_pt)


def extras_geometry(stylesheets, ctx, page_size: str) -> tuple[ExtrasGeometry, bool]:
    """The printed sizes of the organiser's pages, and whether portraits are set in grey (tokens.css)."""
    css = book_css(stylesheets, ctx)
    width, _ = text_block_mm(css, page_size)
    sizes = {}
    for field, name, default in (
        ("portrait_mm", "--portrait-width", "30mm"),
        ("photo_mm", "--photo-width", "22mm"),
        ("signature_mm", "--signature-width", "30mm"),
    ):
        try:
            sizes[field] = length_mm(token(css, name, default))
        except ValueError:  # not an absolute length: the default's
            sizes[field] = length_mm(default)
    return ExtrasGeometry(text_mm=width, **sizes), token(css, "--portrait-tone", "colour") == "grey"


def book_editions(event, ctx) -> list[str]:
    """The bilingual edition when the event has both languages, and one per language of the event."""
    wanted = ctx.editions or tuple(EDITIONS)
    return [e for e in wanted if set(EDITIONS[e]) <= set(event.languages)]


class BookKind(OutputKind):
    name = "book"
    order = 10
    help = "the programme book: bilingual, Korean and English editions"
    settings = Block(
        "book", (PageSize("page_size", "A5"), Translated("title", Text(ko="프로그램 북", en="Programme Book")))
    )

    def plan(self, event, ctx):
        book = event.settings["book"]
        head = (
            page_css(book["page_size"], category_css(event.categories.values()))
            + "\n"
            + tabs_css(event, STYLESHEETS, ctx, book["page_size"])
        )
        geometry = glance_geometry(STYLESHEETS, ctx, book["page_size"])
        sizes, grey = extras_geometry(STYLESHEETS, ctx, book["page_size"])
        measure = cover_em(STYLESHEETS, ctx, book["page_size"])
        jobs, notes = [], []
        for edition in book_editions(event, ctx):
            view = book_view(
                event,
                edition,
                book["title"],
                geometry,
                cover_em=measure,
                extras=sizes,
                image=images.screen(ctx.cache / "images", grey, event.folder),
                aspect=images.aspect(event.folder),
            )
            notes = notes or images.resolution_notes(view.extras.images, event.folder) + glance_notes(view.glance)
            jobs.append(
                Job(
                    self.name,
                    f"book-{edition_tag(edition)}.pdf",
                    edition,
                    {"glance": glance_layouts(view.glance)},
                    layout=Layout(
                        "book.html",
                        view,
                        STYLESHEETS,
                        head_css=head,
                        theme_css=token_css(ctx.theme),
                        parts=BookParts(has_tail=view.has_tail, days=tuple(g.anchor for g in view.days)),
                    ),
                )
            )
        return Plan(jobs, notes)

    def finish(self, job, path):
        """Counts what the hyphenation rules WeasyPrint cannot enforce let through (book/typeset/hyphenation.py)."""
        found = hyphenation.check(path)
        if found is None:
            return Finished(entry={"hyphenation": "not checked: pdftotext (poppler-utils) is not installed"})
        note = found.note(job.path)
        return Finished(
            entry={
                "hyphenation": {
                    "lines": found.lines,
                    "runs_over_two": len(found.runs),
                    "page_ends": len(found.page_ends),
                },
                **({"note": note} if note else {}),
            }
        )


KIND = BookKind
