"""Every use of a library's private API, in one place, each checked against
the version it was written for.

The rest of the code uses public APIs only. What is here goes beyond them
for a reason given beside each piece; the versions are checked on import,
so an upgrade that may have moved these internals stops with a clear
message instead of a wrong PDF.

* WeasyPrint 70: a ``<style>`` sheet parsed once per font configuration (it
  parses each document's again: the book's parts share one), per-element
  ``/Lang`` in the structure tree (it writes only the document language), a
  content-derived XMP DocumentID (it draws a
  random one), drawing a laid-out page more than once (it appends the
  line-clamp ellipsis to the text again each time), justified Korean
  spreading its stretch between syllables as well as word spaces (it
  stretches only spaces), and Pango's version for the manifest.
* pydyf 0.11–0.13: a cached ``PDF.page_references`` while writing.
* pypdf 5–7: adding an indirect object to a writer.
"""

from __future__ import annotations

import re
import uuid
import weakref
from collections import OrderedDict
from contextlib import contextmanager

import pydyf
import pypdf
import weasyprint
from pypdf import PdfWriter
from weasyprint import css as wp_css
from weasyprint.draw import text as wp_draw_text
from weasyprint.formatting_structure import boxes as wp_boxes
from weasyprint.layout import inline as wp_inline
from weasyprint.pdf import metadata as wp_metadata
from weasyprint.pdf import tags as wp_tags
from weasyprint.text import line_break as wp_line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from .layouts import file_stat

JUSTIFYING = ((wp_inline, "justify_line"), (wp_inline, "count_expandable_spaces"), (wp_line_break, "create_layout"))
WRITTEN_FOR = {"weasyprint": ("70.",), "pydyf": ("0.11.", "0.12.", "0.13."), "pypdf": ("5.", "6.", "7.")}


def _check_versions() -> None:
    found = {"weasyprint": weasyprint.__version__, "pydyf": pydyf.__version__, "pypdf": pypdf.__version__}
    wrong = [
        f"{name} {found[name]} (written for {' / '.join(v + 'x' for v in versions)})"
        for name, versions in WRITTEN_FOR.items()
        if not found[name].startswith(versions)
    ]
    missing = [
        what
        for what, ok in (
            ("weasyprint.pdf.tags._build_box_tree", hasattr(wp_tags, "_build_box_tree")),
            ("weasyprint.css.CSS", getattr(wp_css, "CSS", None) is weasyprint.CSS),
            ("weasyprint.pdf.metadata.uuid4", hasattr(wp_metadata, "uuid4")),
            ("weasyprint.draw.text.draw_first_line", hasattr(wp_draw_text, "draw_first_line")),
            ("weasyprint.layout.inline.justify_line and its helpers", all(hasattr(m, n) for m, n in JUSTIFYING)),
            ("pydyf.PDF.page_references", isinstance(getattr(pydyf.PDF, "page_references", None), property)),
            ("pypdf.PdfWriter._add_object", hasattr(PdfWriter, "_add_object")),
        )
        if not ok
    ]
    if wrong or missing:
        raise ImportError(
            "book/typeset/patches.py does not match the installed libraries: "
            + "; ".join(wrong + [f"{m} is gone" for m in missing])
            + ". Install the versions pinned in pyproject.toml (make setup)."
        )


_check_versions()


def pango_version() -> str:
    """Pango's version, which WeasyPrint's public API does not give."""
    v = pango.pango_version()
    return f"{v // 10000}.{v // 100 % 100}.{v % 100}"


class _SheetCache:
    """``weasyprint.css.CSS`` for the ``<style>`` sheets of documents laid out with
    one font configuration: each text parsed once, then reused (a book's parts
    carry the same head CSS; parsing was a fifth of a part's layout), while the
    files it read (its fonts) are unchanged; those reads are told to the
    document's fetcher again (book/typeset/layouts.py). What it added to its
    document (``@page`` rules, colour profiles) is handed to each document
    again; one with a URL refused, layers or counter styles is made afresh."""

    KEPT = 16  # sheets kept per font configuration, the least recently used dropped

    def __init__(self):
        self.original = wp_css.CSS
        self.kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __call__(self, *args, **kwargs):
        fonts, fetcher, string = kwargs.get("font_config"), kwargs.get("url_fetcher"), kwargs.get("string")
        refused, read = getattr(fetcher, "refused", None), getattr(fetcher, "read", None)  # our SandboxFetcher's
        if args or string is None or fonts is None or not isinstance(refused, list) or not isinstance(read, list):
            return self.original(*args, **kwargs)
        key = (string, kwargs.get("base_url"), kwargs.get("media_type"))
        sheets = self.kept.setdefault(fonts, OrderedDict())
        found = sheets.get(key)
        if found is not None and all(file_stat(path) == stat for path, _digest, stat in found[3]):
            sheets.move_to_end(key)
            sheet, rules, profiles, reads = found
            read += [(path, digest) for path, digest, _stat_then in reads]
        else:
            before, first, rules, layers, counters, profiles = len(refused), len(read), [], [], {}, {}
            own = dict(kwargs, page_rules=rules, layers=layers, counter_style=counters, color_profiles=profiles)
            sheet = self.original(**own)
            if len(refused) != before or layers or counters:
                del read[first:]
                return self.original(*args, **kwargs)  # as WeasyPrint makes it, into the document's own lists
            sheets[key] = (sheet, rules, profiles, [(path, digest, file_stat(path)) for path, digest in read[first:]])
            while len(sheets) > self.KEPT:
                sheets.popitem(last=False)
        if kwargs.get("page_rules") is not None:
            kwargs["page_rules"].extend(rules)  # the document's other sheets read its @page rules from there
        if kwargs.get("color_profiles") is not None:
            kwargs["color_profiles"].update(profiles)  # the writer reads the OutputIntent's profile there
        return sheet


SHEETS = _SheetCache()
wp_css.CSS = SHEETS  # find_stylesheets makes every <style> sheet through this name


# Justified Korean (양끝 맞춤): WeasyPrint 70 stretches only the spaces of a
# justified line; Korean that keeps its words whole has few, and they opened
# to an em. The gaps between Hangul syllables now share the stretch, up to
# SYLLABLE_MAX em each (poppler's text extraction reads 0.1 em as a word space:
# search and copy would find "세 계 인 권"); the rest goes to the spaces.
HANGUL_GAP = re.compile("[\uac00-\ud7a3](?=\u2060?[\uac00-\ud7a3])")  # a word joiner may hold them together
SYLLABLE_MAX = 0.08  # em: the most a syllable gap opens


def _gaps(box) -> int:
    if isinstance(box, wp_boxes.TextBox):
        return len(HANGUL_GAP.findall(box.text)) if str(box.style["lang"] or "").lower().startswith("ko") else 0
    return sum(map(_gaps, box.children)) if isinstance(box, (wp_boxes.LineBox, wp_boxes.InlineBox)) else 0


def _justify_line(context, line, extra_width):
    spaces, gaps = wp_inline.count_expandable_spaces(line), _gaps(line)
    if not gaps:
        return _justify(context, line, extra_width)
    per_gap = min(extra_width / (spaces + gaps), SYLLABLE_MAX * line.style["font_size"] if spaces else extra_width)
    per_space = (extra_width - per_gap * gaps) / spaces if spaces else 0
    _spread(context, line, per_space, per_gap, 0)


def _spread(context, box, per_space, per_gap, x_advance):
    """WeasyPrint's add_word_spacing, giving each syllable gap ``per_gap`` as well."""
    if isinstance(box, wp_boxes.TextBox):
        box.justification_spacing, box.position_x = per_space, box.position_x + x_advance
        spaces, gaps = wp_inline.count_expandable_spaces(box), _gaps(box)
        if spaces or gaps:
            box.pango_layout = wp_line_break.create_layout(box.text, box.style, context, None, per_space)
            box.pango_layout.syllable_spacing = per_gap if gaps else 0  # kept: drawing sets the text again
            box.pango_layout.deactivate()
            extra = per_space * spaces + per_gap * gaps
            x_advance, box.width = x_advance + extra, box.width + extra
    elif isinstance(box, (wp_boxes.LineBox, wp_boxes.InlineBox)):
        box.position_x, before = box.position_x + x_advance, x_advance
        for child in box.children[::-1] if box.style["direction"] == "rtl" else box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(context, child, per_space, per_gap, x_advance)
        box.width += x_advance - before
    else:
        box.translate(x_advance, 0)
    return x_advance


_justify, _set_text = wp_inline.justify_line, wp_line_break.Layout.set_text


def _set_text_spread(self, text, justify=False):
    _set_text(self, text, justify)
    spacing = getattr(self, "syllable_spacing", 0)
    if not (justify and spacing):
        return
    attrs = pango.pango_layout_get_attributes(self.layout)
    if attrs == ffi.NULL:  # no space on the line: the spaces' pass made no list
        attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    letter = self.style["letter_spacing"]
    extra = int((spacing + (0 if letter == "normal" else letter)) * TO_UNITS)
    for match in HANGUL_GAP.finditer(self.text):
        attr = pango.pango_attr_letter_spacing_new(extra)
        attr.start_index = len(self.text[: match.start()].encode())
        attr.end_index = attr.start_index + 3  # a Hangul syllable is three bytes of UTF-8
        pango.pango_attr_list_change(attrs, attr)
    pango.pango_layout_set_attributes(self.layout, attrs)


wp_inline.justify_line = _justify_line
wp_line_break.Layout.set_text = _set_text_spread


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
        source = getattr(box, "_box", box)  # WeasyPrint wraps some boxes; the wrapped one has the element
        node = getattr(source, "element", None)
        if node is None or getattr(source, "element_tag", None) in ("html", "body"):
            return
        lang = node.get("lang")
        if lang and "Lang" not in element:
            element["Lang"] = pydyf.String(lang)


@contextmanager
def lang_tags():
    """While writing a tagged PDF, every element with its own ``lang`` gets ``/Lang``,
    so a screen reader switches voice for English passages in a Korean book."""
    hook = _LangTagging()
    wp_tags._build_box_tree = hook
    try:
        yield
    finally:
        wp_tags._build_box_tree = hook.original


@contextmanager
def xmp_document_id(digest: str):
    """PDF/X-4 XMP gets a random xmpMM:DocumentID (uuid4) in WeasyPrint 70;
    derive it from the content instead, so builds repeat byte for byte."""
    original = wp_metadata.uuid4
    wp_metadata.uuid4 = lambda: uuid.UUID(hex=digest[:32])
    try:
        yield
    finally:
        wp_metadata.uuid4 = original


@contextmanager
def redraw_safe():
    """WeasyPrint 70 draws a line cut by ``line-clamp`` by appending the
    ellipsis to the text box's text (``draw_first_line``) and keeps the
    result, so a page drawn a second time gets "……". A book's laid-out parts
    are drawn once per build and kept for the next (book/typeset/layouts.py):
    while writing, give each text box its own text back once it is drawn."""
    original = wp_draw_text.draw_first_line

    def draw_first_line(stream, textbox, *args):
        text = textbox.pango_layout.text
        try:
            return original(stream, textbox, *args)
        finally:
            textbox.pango_layout.text = text  # what the next drawing starts from (Layout.reactivate)

    wp_draw_text.draw_first_line = draw_first_line
    try:
        yield
    finally:
        wp_draw_text.draw_first_line = original


@contextmanager
def page_references_cached():
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


def add_object(writer: PdfWriter, obj):
    """Add ``obj`` to the writer as an indirect object and return its reference
    (pypdf has no public call for it; its own page methods use this one)."""
    return writer._add_object(obj)
