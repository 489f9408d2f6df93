"""Descriptions in Markdown, as conference tools write abstracts, rendered safely.

markdown-it-py (CommonMark) with raw HTML off, so a ``<script>`` in the data
is printed as text; images are not rendered (their alternative text is), and
only http(s) and mail links are kept. Headings become small run-in heads of
the description (they are not chapters of the book). Every text keeps the
book's Korean rule: the words of a Hangul run are held together.
"""
from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from ..source.model import language_of
from .korean import keep_all

SAFE_LINK = ("http://", "https://", "mailto:")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["html_block", "html_inline"])
    md.validateLink = lambda url: url.strip().lower().startswith(SAFE_LINK)

    def text(renderer, tokens, idx, options, env):
        content = tokens[idx].content
        return str(keep_all(content) if language_of(content) == "ko" else escape(content))

    def heading_open(renderer, tokens, idx, options, env):
        return '<p class="md-head">'

    def heading_close(renderer, tokens, idx, options, env):
        return "</p>"

    def image(renderer, tokens, idx, options, env):  # not drawn: its alternative text stands in
        return str(escape(tokens[idx].content))

    md.add_render_rule("text", text)
    md.add_render_rule("image", image)
    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_close)
    return md


def markdown_html(text: str) -> Markup:
    """The text's Markdown as HTML: paragraphs, emphasis, lists, links and heads."""
    return Markup(_parser().render(text or "").strip())
