"""The contract every output kind fulfils.

An output kind turns the event into *jobs*: one job is one PDF file, with
the template to fill, its view model and its manifest entry. The build
renders the HTML of every job first (to know which characters the fonts must
hold), then lays each job out with WeasyPrint.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..model import Event


@dataclass
class Job:
    kind: str               # manifest kind: "book", "day-sheet", …
    path: str               # relative to out/<event>/
    template: str
    view: Any
    stylesheets: list[str]  # relative to templates/
    head_css: str = ""
    manifest: dict = field(default_factory=dict)  # extra manifest fields (lang, date…)
    # Layouts to try in order, as (name, extra CSS, body class), until the PDF
    # has at most ``max_pages`` pages; when none fits, the build fails with
    # ``fit_error``.
    tiers: list[tuple[str, str, str]] = field(default_factory=lambda: [("default", "", "")])
    max_pages: int | None = None
    fit_error: str = ""
    tier_hint: int = 0      # the tier the content is estimated to need: the search starts there
    # Pad the page count of a book laid out in parts to a multiple (press: 4
    # for saddle stitch): the view renders ``notes_pages`` Notes pages and the
    # surplus ones are left out (render.write_book_pdf).
    page_multiple: int | None = None
    pdf_options: dict = field(default_factory=dict)  # WeasyPrint options (pdf_variant…)
    roots: list = field(default_factory=list)        # extra folders the renderer may read
    # Steps after WeasyPrint, each ``step(path, job)`` editing the PDF in place.
    post: list = field(default_factory=list)
    # Called before rendering with the entries and temp paths written so far,
    # for outputs that depend on earlier ones (a cover's spine width).
    before: Callable | None = None
    # Non-HTML outputs (imposition): ``produce(target, written)`` writes the PDF
    # and returns its page count.
    produce: Callable | None = None
    parts: bool = False     # a book: laid out in parts, see render.write_book_pdf
    depends_on: tuple = ()  # paths of the outputs this one is made from (for the cache key)
    html: str = ""          # filled by the build
    tier: tuple = ("default", "", "")  # the layout tier that fitted, set by the build


class Output:
    kind = ""

    def jobs(self, event: Event, settings: dict) -> list[Job]:
        raise NotImplementedError
