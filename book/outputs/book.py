"""The programme book in its three editions: bilingual, Korean, English."""
from __future__ import annotations

from ..render import category_css, page_css
from ..views.book import book_view
from .base import Job, Output

EDITION_FILES = {"ko+en": "book-ko-en.pdf", "ko": "book-ko.pdf", "en": "book-en.pdf"}


class BookOutput(Output):
    kind = "book"

    def jobs(self, event, settings):
        editions = settings.get("editions") or ["ko+en", "ko", "en"]
        head = page_css(event.page_size, category_css(event.categories.values()))
        out = []
        for edition in editions:
            if edition != "ko+en" and edition not in event.languages:
                continue
            view = book_view(event, edition, settings["build_date"])
            out.append(Job(kind=self.kind, path=EDITION_FILES[edition], template="book.html", view=view,
                           stylesheets=["css/tokens.css", "css/base.css", "css/book.css"], head_css=head,
                           manifest={"lang": edition}, parts=True))
        return out
