"""The WeasyPrint driver: HTML in, laid-out pages and PDF files out.

* :func:`write_pdf` lays one HTML document out and writes its PDF; with
  ``max_pages`` a layout that needs more pages writes nothing and raises
  :class:`TooManyPages`, so a caller can try a denser layout tier.
* :func:`write_book_pdf` lays a book out in parts and joins them into one
  document (see its docstring).
* Every URL WeasyPrint asks for goes through :class:`SandboxFetcher`, which
  reads only ``data:`` URLs and files in the allowed folders (the event, the
  templates, the font subsets), so a layout never touches the network or
  other files.
* Files are written with content-derived identifiers, so the same input
  gives the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import mimetypes
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .. import sandbox
from ..errors import BuildError
from ..paths import TEMPLATES
from ..wording import count
from . import fill
from .layouts import LAYOUTS, Stats
from .patches import lang_tags, page_references_cached, redraw_safe, xmp_document_id

MAX_STYLESHEET = sandbox.MB
MAX_RESOURCE = 50 * sandbox.MB
MAX_SHEETS = 32  # stylesheets one document may read, @import included


class SandboxFetcher(URLFetcher):
    """Allow ``data:`` URLs and files in the allowed folders; refuse the rest.

    A ``file:`` URL must have no host (a host would be looked up on the
    network), and its file is read here through :mod:`book.sandbox`, not by
    urllib: resolved inside ``roots``, a regular file, not a hard link when it
    is in ``roots[0]`` (the event folder), and at most 1 MB for a stylesheet.
    Every other scheme is refused before anything is looked up. A stylesheet
    is read once per document (a second time is an ``@import`` loop), and at
    most ``MAX_SHEETS`` of them (imports that fan out).
    """

    def __init__(self, roots):
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self.roots = [Path(r).resolve() for r in roots]
        self.refused: list[str] = []
        self.read: list[tuple[str, str]] = []  # (file, digest of what was read), for book/typeset/layouts.py
        self.sheets: set[str] = set()

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        reason = "only files in the event folder, the templates and the declared fonts may be used"
        if parsed.scheme == "file" and parsed.netloc:
            reason = "a file: URL with a host is refused (it would be looked up on the network)"
        elif parsed.scheme == "file":
            path = Path(unquote(parsed.path))
            sheet = path.suffix.lower() == ".css"
            limit = MAX_STYLESHEET if sheet else MAX_RESOURCE
            if sheet and str(path) in self.sheets:
                raise self._refuse(url, f"{path.name} is read a second time: an @import loop (a sheet imports itself?)")
            if sheet and len(self.sheets) >= MAX_SHEETS:
                raise self._refuse(url, f"more than {MAX_SHEETS} stylesheets: @import fans out too far")
            if sheet:
                self.sheets.add(str(path))
            try:
                body = sandbox.read_bytes(
                    path,
                    self.roots,
                    limit,
                    single_link=sandbox.inside(path, self.roots[:1]),
                    area="the event folder, the templates or the fonts",
                )
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                self.read.append((str(path), hashlib.sha256(body).hexdigest()))
                return URLFetcherResponse(url, body, {"Content-Type": mime})
            except sandbox.Refused as exc:
                reason = exc.reason
        raise self._refuse(url, reason)

    def _refuse(self, url: str, reason: str) -> ValueError:
        self.refused.append(f"{url} ({reason})")
        return ValueError(f"refused to read {url}")


class TooManyPages(Exception):
    def __init__(self, pages: int):
        super().__init__(count(pages, "page"))
        self.pages = pages


def _layout(html: str, roots, fonts: FontConfiguration, tagged: bool, read: list | None = None):
    """Lay ``html`` out with WeasyPrint behind the sandboxed fetcher; ``read``
    hears of the files it read."""
    fetcher = SandboxFetcher(list(roots) + [TEMPLATES])
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=str(TEMPLATES) + "/", url_fetcher=fetcher).render(
        font_config=fonts, pdf_tags=tagged
    )
    if fetcher.refused:
        raise BuildError("refused to read " + "; ".join(fetcher.refused))
    if read is not None:
        read += fetcher.read
    return document


def _write_document(document, target: Path, identity: str, tagged: bool, options: dict) -> None:
    # A file identifier from the content, not a random one: same input, same
    # bytes. ``identity`` is the HTML without machine-specific paths.
    digest = hashlib.sha256(identity.encode()).hexdigest()
    options.setdefault("pdf_identifier", digest[:32].encode())
    with lang_tags(), xmp_document_id(digest), page_references_cached(), redraw_safe():
        document.write_pdf(str(target), pdf_tags=tagged, uncompressed_pdf=False, **options)


def write_pdf(
    html: str,
    target: Path,
    roots,
    font_config: FontConfiguration | None = None,
    tagged: bool = True,
    max_pages: int | None = None,
    identity: str | None = None,
    **options,
) -> int:
    """Lay out ``html`` and write the PDF to ``target`` (a temporary path).

    Returns the page count. With ``max_pages``, a layout that needs more
    pages raises :class:`TooManyPages` and nothing is written.
    """
    document = _layout(html, roots, font_config or FontConfiguration(), tagged)
    if max_pages is not None and len(document.pages) > max_pages:
        raise TooManyPages(len(document.pages))
    _write_document(document, target, identity or html, tagged, options)
    return len(document.pages)


def write_book_pdf(
    render_part,
    target: Path,
    roots,
    has_tail: bool,
    days: tuple[str, ...] = (),
    tagged: bool = True,
    strip=lambda html: html,
    multiple: int | None = None,
    spare: int = 0,
    keep_last: int = 0,
    book: str = "",
    fonts_key: str = "",
    **options,
) -> int:
    """Lay a book out in parts and write them as one PDF; returns the page count.

    ``render_part(name, first_page, page_of, day, tight, break_before)`` gives the HTML of one
    part: "front" (cover, contents), "body" (the pages before the
    programme), "days" (programme day group ``day``: ``days`` lists each
    group's anchor, which its part must hold) or "tail"
    (speakers, index, notes, back cover; ``has_tail``: whether the book has
    one). The contents and the index print page numbers from ``page_of``
    (anchor -> page) instead of CSS ``target-counter()``: WeasyPrint re-lays
    out every page holding a target-counter() several times, and its
    bookkeeping of them grows with anchors × references, which made large
    books grow faster than their page count. ``first_page``
    continues the folios and, when even, makes the part start on a
    left-hand page. A day part whose last page holds little is laid out
    again set closer, or with its last two pages evened (book/typeset/fill.py).
    The pages are then joined into one document
    (WeasyPrint's ``Document.copy``), so links, bookmarks and the tagged
    structure span the whole book.

    Each part's layout is looked up in :data:`LAYOUTS` first, keyed on its
    HTML and the files it reads (book/typeset/layouts.py): a day whose HTML
    did not change is not laid out again. ``book`` names the book for the
    cache, ``fonts_key`` its font CSS; ``LAYOUTS.stats[book]`` then says which
    parts were laid out and which reused. The PDF's identifier comes from the final parts'
    HTML, so a book built from reused parts has the same bytes as one laid
    out from scratch.

    ``multiple`` pads the page count for binding: the tail holds ``spare``
    Notes pages (the most padding can need) before its last ``keep_last``
    pages (the back cover), and the surplus ones are left out here.
    """
    fonts = LAYOUTS.fonts(fonts_key)
    stats = LAYOUTS.stats[book or str(target)] = Stats()
    used, final, keys = set(), {}, {}

    def layout(name, first_page, page_of, day=None, tight=False, break_before=None):
        label = _label(name, day, tight, break_before)
        html = render_part(name, first_page, page_of, day, tight, break_before)
        final[label] = html
        key = LAYOUTS.key(html, tagged)
        used.add(key)
        document = LAYOUTS.get(key)
        if document is None:
            read: list[tuple[str, str]] = []
            started = time.perf_counter()
            with LAYOUTS.folder():
                document = _layout(html, roots, fonts, tagged, read)
            stats.layout_s += time.perf_counter() - started
            LAYOUTS.count += 1
            stats.laid_out.append(label)
            LAYOUTS.put(key, document, read)
        else:
            stats.reused.append(label)
        for i, page in enumerate(document.pages):  # a page is what its part's layout made of it
            keys[id(page)] = hashlib.sha256(f"{key}:{i}".encode()).hexdigest()[:20]
        return document

    front = layout("front", 1, {})
    for _ in range(3):
        pages = list(front.pages)
        for name, day in [("body", None)] + [("days", d) for d in range(len(days))]:
            part = layout(name, len(pages) + 1, {}, day).pages
            if name == "days":  # a day that ends short is set closer, or its last two pages evened
                again = functools.partial(layout, name, len(pages) + 1, {}, day)  # settle calls it at once
                part, tried = fill.settle(part, again)  # (not `options`: those are the PDF's)
                chosen = final[_label(name, day, **tried)]
                for label in [k for k in final if k.startswith(f"day-{day + 1}-")]:
                    del final[label]  # the tries that were not kept
                final[f"day-{day + 1}"] = chosen
            _check_part(part, name, day, days)
            pages += part
        if has_tail:
            pages += layout("tail", len(pages) + 1, _anchor_pages(pages)).pages
        page_of = _anchor_pages(pages)
        numbered = layout("front", 1, page_of)
        if len(numbered.pages) == len(front.pages):
            break
        front = numbered  # the numbers changed the contents' length: lay the rest out again
        if not LAYOUTS.keep:  # every later part now starts on another page: this pass's are not asked for again
            LAYOUTS.forget(used)
    else:
        raise BuildError("the contents do not settle to a fixed number of pages")
    pages[: len(front.pages)] = numbered.pages
    surplus = len(pages) % multiple if multiple else 0
    if surplus > spare:
        raise BuildError(f"{len(pages)} pages cannot be padded to a multiple of {multiple}")
    if surplus:
        end = len(pages) - keep_last
        del pages[end - surplus : end]
    LAYOUTS.used(book or str(target), used)
    stats.pages = [keys[id(page)] for page in pages]
    document = numbered.copy(pages)
    started = time.perf_counter()
    _write_document(document, target, strip("".join(final.values())), tagged, options)
    stats.write_s = time.perf_counter() - started
    return len(pages)


def _check_part(pages, name: str, day: int | None, days: tuple[str, ...]) -> None:
    """Each day group in its own part: a template written for the old parts (an event's own
    book.html) would put the whole programme in the body and leave blank day parts."""
    anchors = {a for page in pages for a in page.anchors}
    if (name == "days" and days[day] not in anchors) or (name == "body" and anchors & set(days)):
        raise BuildError(
            "templates/book.html must write each programme day group in its own part: "
            f"`{days[day] if day is not None else days[0]}` is in the wrong one. An event's own "
            'book.html must follow the parts of the project\'s (part.name "days", part.day)'
        )


def _label(name: str, day: int | None, tight: bool = False, break_before: str | None = None) -> str:
    """A part's name in the stats and the final HTML: "body", "day-2", "day-2-tight-from-s-closing"."""
    label = (name if day is None else f"day-{day + 1}") + ("-tight" if tight else "")
    return label + (f"-from-{break_before}" if break_before else "")


def _anchor_pages(pages) -> dict[str, int]:
    """Anchor -> the page where it starts (a box split over pages lists it on each)."""
    found: dict[str, int] = {}
    for number, page in enumerate(pages, start=1):
        for anchor in page.anchors:
            found.setdefault(anchor, number)
    return found
