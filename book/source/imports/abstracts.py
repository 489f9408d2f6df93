"""An abstract as frab and pretalx export it (HTML, or Markdown), as the plain paragraphs the model holds,
and the long description some give beside it."""

from __future__ import annotations

import re

MARKUP = re.compile(r"</?(?:p|br|div|ul|ol|li|a|em|strong|b|i|u|code|pre|blockquote|h[1-6]|span)\b[^<>]*>", re.I)


def from_html(text: str) -> str:
    """An abstract as frab and pretalx export it (HTML, or Markdown) as plain paragraphs: tags
    dropped, paragraphs and line breaks kept, entities decoded."""
    from html.parser import HTMLParser

    if not MARKUP.search(text or ""):  # plain text, though it may mention <head> or a < b
        return (text or "").strip()
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("p", "br", "li", "div", "ul", "ol", "h1", "h2", "h3", "h4"):
                parts.append("\n\n" if tag != "br" else "\n")

        def handle_data(self, data):
            parts.append(data)

    Text(convert_charrefs=True).feed(text)
    joined = "".join(parts)
    return "\n\n".join(" ".join(p.split()) for p in joined.split("\n\n") if p.strip())


def full_description(abstract: str, description: str):
    """The long description, when the source gives one beside its abstract (the book prints the
    abstract; the long text is kept, and exported back)."""
    from .common import in_language

    full = from_html(description) if (abstract or "").strip() else ""
    return in_language(full if full and full != from_html(abstract) else "")
