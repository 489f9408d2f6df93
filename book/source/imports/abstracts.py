"""An abstract as frab and pretalx export it (HTML, or Markdown), as the plain paragraphs the model holds."""

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
