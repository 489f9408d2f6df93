"""Resolve design tokens before layout.

The stylesheets keep their design tokens as CSS custom properties on
``:root`` (templates/css/tokens.css), which is what a designer edits. Laid
out as they are, every ``var()`` is resolved per element by WeasyPrint, which
measured as a large share of layout time. This module substitutes the values
of ``:root`` tokens into the rules once per build and returns one stylesheet.
Properties that elements set for themselves (``--cat``, ``--tint`` on the
category classes) stay as ``var()``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

BLOCK = re.compile(r"([^{}]*)\{([^{}]*)\}")
DECL = re.compile(r"(--[\w-]+)\s*:\s*([^;{}]+)")
VAR = re.compile(r"var\((--[\w-]+)\)")
COMMENT = re.compile(r"/\*.*?\*/", re.S)


@lru_cache(maxsize=64)
def _read(path: str) -> str:
    return COMMENT.sub("", Path(path).read_text(encoding="utf-8"))


def compile_css(parts: list[str]) -> str:
    """Concatenate ``parts`` (CSS text, in cascade order) with :root tokens resolved."""
    css = "\n".join(COMMENT.sub("", p) for p in parts)
    tokens: dict[str, str] = {}
    local: set[str] = set()
    for selector, body in BLOCK.findall(css):
        names = DECL.findall(body)
        if selector.strip().endswith(":root") and selector.strip().split()[-1] == ":root":
            tokens.update((name, value.strip()) for name, value in names)
        else:
            local.update(name for name, _ in names)
    for name in local:
        tokens.pop(name, None)

    def resolve(value: str, depth=0) -> str:
        if depth > 10:
            return value
        return VAR.sub(lambda m: resolve(tokens[m.group(1)], depth + 1) if m.group(1) in tokens else m.group(0), value)

    return VAR.sub(lambda m: resolve(tokens[m.group(1)]) if m.group(1) in tokens else m.group(0), css)


def stylesheet_text(relative: str, templates: Path) -> str:
    return _read(str(templates / relative))
