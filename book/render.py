"""Templates to PDF: Jinja2 for HTML, WeasyPrint for layout.

* ``render_html`` fills one template with a view model (autoescaping on).
* ``write_pdf`` lays the HTML out with WeasyPrint, with a URL fetcher that
  reads only the project's templates, the build's font subsets and the event
  folder, so rendering never touches the network or other files.
* Tagged PDFs mark every element that carries its own ``lang`` with ``/Lang``
  in the structure tree (WeasyPrint writes only the document language), so a
  screen reader switches voice for English passages in a Korean book.
"""
from __future__ import annotations

import hashlib
import logging
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2
from jinja2.sandbox import SandboxedEnvironment
import pydyf
from weasyprint import HTML
from weasyprint.pdf import metadata as wp_metadata
from weasyprint.pdf import tags as wp_tags
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .errors import BuildError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PAGE_SIZES_MM = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210), "B5": (176, 250), "letter": (215.9, 279.4)}


def paper_mm(paper: str) -> tuple[float, float]:
    """'A4', 'A4 landscape' → (width, height) in millimetres."""
    size, _, orientation = paper.partition(" ")
    width, height = PAGE_SIZES_MM.get(size, PAGE_SIZES_MM["A4"])
    return (height, width) if orientation == "landscape" else (width, height)


def environment(extra_dirs=()) -> jinja2.Environment:
    """Templates, autoescaped and sandboxed: an event may override templates
    (``<event>/templates/``) but cannot reach Python objects or other files."""
    loader = jinja2.FileSystemLoader([str(d) for d in extra_dirs] + [str(TEMPLATES)])
    return SandboxedEnvironment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


class SandboxFetcher(URLFetcher):
    """Allow ``data:`` URLs and files under the allowed folders; refuse the rest."""

    def __init__(self, roots):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = [Path(r).resolve() for r in roots]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path == root or root in path.parents for root in self.roots):
                return super().fetch(url, headers)
        self.refused.append(url)
        raise ValueError(f"refused to read {url}")


class _LangTagging:
    """Wrap WeasyPrint's tag builder to copy element ``lang`` into ``/Lang``."""

    def __init__(self):
        self.original = wp_tags._build_box_tree

    def __call__(self, box, parent, *args):
        for element in self.original(box, parent, *args):
            self.mark(box, element)
            yield element

    @staticmethod
    def mark(box, element):
        source = getattr(box, "_box", box)
        node = getattr(source, "element", None)
        if node is None or getattr(source, "element_tag", None) in ("html", "body"):
            return
        lang = node.get("lang")
        if lang and "Lang" not in element:
            element["Lang"] = pydyf.String(lang)


@contextmanager
def _lang_tags():
    hook = _LangTagging()
    wp_tags._build_box_tree = hook
    try:
        yield
    finally:
        wp_tags._build_box_tree = hook.original


@contextmanager
def _xmp_document_id(digest: str):
    """PDF/X-4 XMP gets a random xmpMM:DocumentID (uuid4) in WeasyPrint 70;
    derive it from the content instead, so builds repeat byte for byte."""
    original = wp_metadata.uuid4
    wp_metadata.uuid4 = lambda: uuid.UUID(hex=digest[:32])
    try:
        yield
    finally:
        wp_metadata.uuid4 = original


@contextmanager
def _page_references_cached():
    """pydyf rebuilds the tuple of every page reference on each access to
    ``PDF.page_references``, and WeasyPrint 70 reads it once per tagged
    element and per link, so writing a tagged book took time in pages ×
    elements (30 of 100 s for 527 pages). While writing, keep one tuple per
    PDF and page count (pages are only ever appended)."""
    original = pydyf.PDF.page_references
    cache: dict = {}

    def page_references(pdf):
        key = (id(pdf), len(pdf.pages["Kids"]))
        if key not in cache:
            cache[key] = original.fget(pdf)
        return cache[key]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


def page_css(page_size: str, extra: str = "") -> str:
    width, height = paper_mm(page_size)
    return f"@page {{ size: {width}mm {height}mm; }} :root {{ --page-width: {width}mm; --page-height: {height}mm; }}\n{extra}"


class TooManyPages(Exception):
    def __init__(self, pages: int):
        super().__init__(f"{pages} pages")
        self.pages = pages


def _layout(html: str, roots, fonts: FontConfiguration, tagged: bool):
    """Lay ``html`` out with WeasyPrint behind the sandboxed fetcher."""
    fetcher = SandboxFetcher(list(roots) + [TEMPLATES])
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=str(TEMPLATES) + "/", url_fetcher=fetcher).render(
        font_config=fonts, pdf_tags=tagged)
    if fetcher.refused:
        raise BuildError("refused to read " + ", ".join(fetcher.refused)
                         + ": only files in the event folder, the templates and the declared fonts may be used")
    return document


def _write_document(document, target: Path, identity: str, tagged: bool, options: dict) -> None:
    # A file identifier from the content, not a random one: same input, same
    # bytes. ``identity`` is the HTML without machine-specific paths.
    digest = hashlib.sha256(identity.encode()).hexdigest()
    options.setdefault("pdf_identifier", digest[:32].encode())
    with _lang_tags(), _xmp_document_id(digest), _page_references_cached():
        document.write_pdf(str(target), pdf_tags=tagged, uncompressed_pdf=False, **options)


def write_pdf(html: str, target: Path, roots, font_config: FontConfiguration | None = None,
              tagged: bool = True, max_pages: int | None = None, identity: str | None = None, **options) -> int:
    """Lay out ``html`` and write the PDF to ``target`` (a temporary path).

    Returns the page count. With ``max_pages``, a layout that needs more
    pages raises :class:`TooManyPages` and nothing is written.
    """
    document = _layout(html, roots, font_config or FontConfiguration(), tagged)
    if max_pages is not None and len(document.pages) > max_pages:
        raise TooManyPages(len(document.pages))
    _write_document(document, target, identity or html, tagged, options)
    return len(document.pages)


def write_book_pdf(render_part, target: Path, roots, has_tail: bool, tagged: bool = True,
                   strip=lambda html: html, multiple: int | None = None, spare: int = 0, keep_last: int = 0,
                   **options) -> int:
    """Lay a book out in parts and write them as one PDF; returns the page count.

    ``render_part(part, first_page, page_of)`` gives the HTML of one part:
    "front" (cover, contents), "body" or "tail" (index, notes, back cover;
    ``has_tail``: whether the book has one). The contents and the index
    print page numbers from ``page_of`` (anchor -> page) instead of CSS
    ``target-counter()``: WeasyPrint re-lays out every page holding a
    target-counter() several times, and its bookkeeping of them grows with
    anchors × references, which made large books grow faster than their
    page count (issue #6). ``first_page``
    continues the folios and, when even, makes the part start on a left-hand
    page. The pages are then joined into one document (WeasyPrint's
    ``Document.copy``), so links, bookmarks and the tagged structure span the
    whole book.

    ``multiple`` pads the page count for binding: the tail holds ``spare``
    Notes pages (the most padding can need) before its last ``keep_last``
    pages (the back cover), and the surplus ones are left out here.
    """
    fonts = FontConfiguration()
    htmls = []

    def layout(part, first_page, page_of):
        html = render_part(part, first_page, page_of)
        htmls.append(html)
        return _layout(html, roots, fonts, tagged)

    front = layout("front", 1, {})
    for _ in range(3):
        pages = list(front.pages)
        body = layout("body", len(pages) + 1, {})
        pages += body.pages
        if has_tail:
            pages += layout("tail", len(pages) + 1, _anchor_pages(pages)).pages
        page_of = _anchor_pages(pages)
        numbered = layout("front", 1, page_of)
        if len(numbered.pages) == len(front.pages):
            break
        front = numbered  # the numbers changed the contents' length: lay the rest out again
    else:
        raise BuildError("the contents do not settle to a fixed number of pages")
    pages[:len(front.pages)] = numbered.pages
    surplus = len(pages) % multiple if multiple else 0
    if surplus > spare:
        raise BuildError(f"{len(pages)} pages cannot be padded to a multiple of {multiple}")
    if surplus:
        end = len(pages) - keep_last
        del pages[end - surplus:end]
    document = numbered.copy(pages)
    _write_document(document, target, strip("".join(htmls)), tagged, options)
    return len(pages)


def _anchor_pages(pages) -> dict[str, int]:
    """Anchor -> the page where it starts (a box split over pages lists it on each)."""
    found: dict[str, int] = {}
    for number, page in enumerate(pages, start=1):
        for anchor in page.anchors:
            found.setdefault(anchor, number)
    return found


TINT = 0.16  # the glance grid's cell tint: 16 % of the category colour


def _cmyk_from_hex(colour: str) -> tuple[float, float, float, float]:
    """A plain conversion for categories without a `cmyk` separation."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0, 0, 0, 100)
    return tuple(round(100 * v, 1) for v in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k))


def category_css(categories, cmyk: bool = False) -> str:
    """Category colours as custom properties: a bar colour and a light tint.

    ``cmyk``: the press edition's device-cmyk() values, from the category's
    separation in categories.yaml.
    """
    rules = []
    for c in categories:
        if cmyk:
            parts = [v / 100 for v in (c.cmyk or _cmyk_from_hex(c.colour))]
            bar = "device-cmyk({:g} {:g} {:g} {:g})".format(*parts)
            tint = "device-cmyk({:g} {:g} {:g} {:g})".format(*(round(v * TINT, 4) for v in parts))
        else:
            r, g, b = (int(c.colour[i:i + 2], 16) for i in (1, 3, 5))
            bar, tint = c.colour, "rgb({}, {}, {})".format(*(round(255 - (255 - x) * TINT) for x in (r, g, b)))
        rules.append(f".cat-{c.id} {{ --cat: {bar}; --tint: {tint}; }}")
    return "\n".join(rules)
