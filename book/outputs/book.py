"""The programme book in its three editions: bilingual, Korean, English.

Settings (event.yaml): ``book: {page_size: A5, title: {ko: 프로그램 북, en: Programme Book}}``.
The glance grid is fitted to the text block that the book's stylesheets
leave on that page size.
"""
from __future__ import annotations

from ..source.model import EDITIONS, Text, edition_tag
from ..source.settings import Block, PageSize, Translated
from ..typeset.css import (category_css, declarations, length_mm, page_css, stylesheet_text, text_block_mm,
                           token_css)
from ..views.book import book_view
from ..views.glance import GlanceGeometry
from .base import BookParts, Job, Layout, OutputKind, Plan

STYLESHEETS = ("css/tokens.css", "css/base.css", "css/book.css")


def glance_geometry(stylesheets, ctx, page_size: str) -> GlanceGeometry:
    """The grid's room on the page, from the @page margins and the grid's axis in the stylesheets."""
    css = "\n".join(stylesheet_text(s, ctx.style_dirs) for s in stylesheets) + "\n" + ctx.event_css
    width, height = text_block_mm(css, page_size)
    try:
        axis = length_mm(declarations(css, ".grid").get("margin-left", "0"))
    except ValueError:  # not an absolute length: the project's own
        axis = length_mm(declarations(stylesheet_text("css/book.css", ctx.style_dirs), ".grid")["margin-left"])
    return GlanceGeometry.from_text_block(width, height, axis)


def book_editions(event, ctx) -> list[str]:
    """The bilingual edition when the event has both languages, and one per language of the event."""
    wanted = ctx.editions or tuple(EDITIONS)
    return [e for e in wanted if set(EDITIONS[e]) <= set(event.languages)]


class BookKind(OutputKind):
    name = "book"
    order = 10
    help = "the programme book: bilingual, Korean and English editions"
    settings = Block("book", (PageSize("page_size", "A5"),
                              Translated("title", Text(ko="프로그램 북", en="Programme Book"))))

    def plan(self, event, ctx):
        book = event.settings["book"]
        head = page_css(book["page_size"], category_css(event.categories.values()))
        geometry = glance_geometry(STYLESHEETS, ctx, book["page_size"])
        jobs = []
        for edition in book_editions(event, ctx):
            view = book_view(event, edition, book["title"], geometry)
            jobs.append(Job(self.name, f"book-{edition_tag(edition)}.pdf", edition, {},
                            layout=Layout("book.html", view, STYLESHEETS, head_css=head, theme_css=token_css(ctx.theme),
                                          parts=BookParts(has_tail=view.has_tail))))
        return Plan(jobs)


KIND = BookKind
