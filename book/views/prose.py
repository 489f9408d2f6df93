"""Markdown, rendered safely: session descriptions, free pages and greetings.

markdown-it-py (CommonMark) with raw HTML off, so a ``<script>`` in the data
is printed as text, and only http(s) and mail links are kept. In a session
description images are not rendered (their alternative text is) and headings
become small run-in heads; in a page (``images`` given) an image the source
stage found inside the event folder is drawn from its checked file, any
other stays its alternative text, and headings are the page's subheads.
Every text keeps the book's Korean rule: the words of a Hangul run are held
together.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from ..source.model import language_of
from .korean import keep_all

SAFE_LINK = ("http://", "https://", "mailto:")


@lru_cache(maxsize=2)
def _parser(page: bool = False):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["html_block", "html_inline"])
    # A page's images are named relative to it; a link must still be a web or mail address.
    md.validateLink = lambda url: (
        url.strip().lower().startswith(SAFE_LINK) or (page and ":" not in url and not url.startswith(("/", "\\")))
    )

    def link_open(renderer, tokens, idx, options, env):
        href = tokens[idx].attrGet("href") or ""
        if not href.strip().lower().startswith(SAFE_LINK):
            tokens[idx].meta["plain"] = True
            return "<span>"
        return renderer.renderToken(tokens, idx, options, env)

    def link_close(renderer, tokens, idx, options, env):
        opening = next((t for t in reversed(tokens[:idx]) if t.type == "link_open"), None)
        return "</span>" if opening is not None and opening.meta.get("plain") else "</a>"

    def text(renderer, tokens, idx, options, env):
        content = tokens[idx].content
        return str(keep_all(content) if language_of(content) == "ko" else escape(content))

    def heading_open(renderer, tokens, idx, options, env):
        return '<h3 class="page-head">' if page else '<p class="md-head">'

    def heading_close(renderer, tokens, idx, options, env):
        return "</h3>" if page else "</p>"

    def image(renderer, tokens, idx, options, env):
        src = (env.get("images") or {}).get(tokens[idx].attrGet("src") or "")
        alt = escape(tokens[idx].content)
        if not src:  # not drawn: its alternative text stands in
            return str(alt)
        return f'<img class="page-image" src="{escape(src)}" alt="{alt}">'

    md.add_render_rule("text", text)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    md.add_render_rule("image", image)
    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_close)
    return md


def markdown_html(text: str, images: dict[str, str] | None = None) -> Markup:
    """The text's Markdown as HTML: paragraphs, emphasis, lists, links and heads;
    with ``images`` (the name the Markdown gives -> the src to print), a page's."""
    page = images is not None
    return Markup(_parser(page).render(text or "", {"images": images or {}}).strip())
