"""The contract every output kind fulfils, and the records it plans.

An output kind turns the event into *jobs*: one job is one file, with its
manifest entry and either a :class:`Layout` (an HTML document the
typesetter lays out) or nothing, for a file the kind makes itself from other
outputs (``needs``: the proof booklet from the press book). Jobs and
layouts are immutable; the build runs them and tells the kind what came of
the outputs a job needs (:meth:`OutputKind.prepare`), and the kind finishes
each written PDF (:meth:`OutputKind.finish`: press marks, preflight).

A kind declares its name (the ``--only`` choice and manifest kind), its
place in the build order, its settings block of event.yaml, and, for a kind
from outside the project, the folder of its templates and stylesheets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from ..source.model import Event
from ..source.settings import Block
from ..typeset.templates import Tier
from ..views.common import DocumentView


@dataclass(frozen=True)
class BookParts:
    """A book laid out in parts (front, body, the programme day groups whose
    anchors ``days`` lists, tail) and joined: see typeset.engine.write_book_pdf. ``page_multiple``
    pads the page count for binding with up to ``spare`` Notes pages, which
    the view renders before its last ``keep_last`` pages."""

    has_tail: bool
    days: tuple[str, ...] = ()
    page_multiple: int | None = None
    spare: int = 0
    keep_last: int = 0


@dataclass(frozen=True)
class Layout:
    """An HTML document to lay out, and how to fit it."""

    template: str
    view: DocumentView
    stylesheets: tuple[str, ...]  # relative to the kind's folder or the project's templates
    head_css: str = ""  # per-event rules: page size, category colours
    theme_css: str = ""  # the event's own design tokens (style.css), after the stylesheets
    # Layouts to try in order until the PDF has at most ``max_pages`` pages;
    # when none fits, the output fails with ``fit_error``.
    tiers: tuple[Tier, ...] = (Tier(),)
    max_pages: int | None = None
    fit_error: str = ""
    tier_hint: int = 0  # the tier the content is estimated to need: the search starts there
    fit_group: str = ""  # layouts of one group are set at one tier (book/pipeline/fitting.py)
    overflow: bool = False  # at the densest tier, take more pages instead of failing
    overflow_pages: int = 0  # when the densest tier takes this many pages, no one-page tier can fit (0: unknown)
    parts: BookParts | None = None
    pdf_options: dict = field(default_factory=dict)  # WeasyPrint's write options (pdf_variant, tagged)
    roots: tuple[str, ...] = ()  # extra folders the layout may read (an ICC profile's)


@dataclass(frozen=True)
class Job:
    kind: str  # the output kind that planned it
    path: str  # relative to out/<event>/
    edition: str  # the languages it prints (ko+en, ko, en): `--edition` selects by it
    entry: dict  # more manifest fields (date, room…); "kind" overrides the kind's name
    layout: Layout | None = None
    needs: tuple[str, ...] = ()  # paths of the outputs it is made from
    options: dict = field(default_factory=dict)  # the kind's own, for prepare, make and finish


@dataclass(frozen=True)
class Plan:
    jobs: list[Job]
    notes: list[str] = field(default_factory=list)  # said after the build, kept in the manifest


@dataclass(frozen=True)
class Finished:
    """What finishing a written PDF adds: manifest fields, and files beside it
    (relative path → text), published with it."""

    entry: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PlanContext:
    """What a kind may use besides the event when it plans its jobs."""

    when: datetime  # the document date, also the day sheets' "as of"
    editions: tuple[str, ...] | None  # --edition, or None for every edition (the build drops the rest;
    # a kind may skip planning them)
    cache: Path  # for derived files (CMYK images)
    style_dirs: tuple[str, ...]  # where stylesheets are found (typeset.css.stylesheet_text)
    theme: dict = field(default_factory=dict)  # design tokens the event's style.css sets
    press_theme: dict = field(default_factory=dict)  # and its press.css, for the press edition
    event_css: str = ""  # the event's style.css, for geometry


class OutputKind:
    name: ClassVar[str] = ""
    order: ClassVar[int] = 100  # build and listing order
    help: ClassVar[str] = ""
    settings: ClassVar[Block | None] = None
    folder: ClassVar[Path | None] = None  # a kind's own templates/ and css/ (kinds from outside the project)

    def plan(self, event: Event, ctx: PlanContext) -> Plan:
        raise NotImplementedError

    def prepare(self, job: Job, needs: dict[str, dict]) -> Job:
        """The job as it is made, once the manifest entries of its ``needs`` are known."""
        return job

    def make(self, job: Job, target: Path, sources: dict[str, Path]) -> int:
        """Write a job that has no layout; return its page count."""
        raise NotImplementedError(f"{self.name}: {job.path} has no layout and the kind does not make it")

    def finish(self, job: Job, path: Path) -> Finished:
        """Work on the written PDF at ``path`` (a temporary file), in place."""
        return Finished()
