"""The contract every output kind fulfils.

An output kind turns the event into *jobs*: one job is one PDF file, with
the template to fill, its view model and its manifest entry. The build
renders the HTML of every job first (to know which characters the fonts must
hold), then lays each job out with WeasyPrint.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    html: str = ""          # filled by the build


class Output:
    kind = ""

    def jobs(self, event: Event, settings: dict) -> list[Job]:
        raise NotImplementedError
