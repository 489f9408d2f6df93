"""Jinja2: a view model and a template in, one HTML document out.

Templates are autoescaped and sandboxed: an event may override them
(``<event>/templates/``) but cannot reach Python objects or other files.
:func:`render_html` fills a layout's template with its view, the head CSS
(the font faces, the page and category rules and the project stylesheets,
with design tokens resolved) and the layout tier being tried. It needs
nothing but its arguments, so it runs as well in a worker process.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import BuildError
from .css import compile_css, stylesheet_text


@dataclass(frozen=True)
class Part:
    """Which pages of a book the template writes (book/typeset/engine.py,
    ``write_book_pdf``): "all" (one document, page numbers by
    target-counter(): the ``--html`` copy), or "front" (cover, contents),
    "body" or "tail" (index, notes, back cover), whose folios start at
    ``first_page`` and whose page numbers come from ``page_of``."""

    name: str = "all"
    first_page: int = 1
    page_of: dict | None = None  # anchor -> page number, once the parts are laid out


@dataclass(frozen=True)
class Tier:
    """A layout to try: its name, extra CSS, and a class on <body>."""

    name: str = "default"
    css: str = ""
    body_class: str = ""


@dataclass(frozen=True)
class Context:
    """What every document of a build shares."""

    template_dirs: tuple[str, ...]  # searched in order: the event's overrides, the kinds', the project's
    style_dirs: tuple[str, ...]     # where layouts' stylesheets are: the kinds' folders, the project's
    build_date: str                 # ISO date of the documents
    font_css: str = ""              # @font-face rules of the subsets (empty for the draft)
    links: tuple[str, ...] = ()     # the event's own stylesheets, as file: URLs fetched through the sandbox


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[str, ...]):
    import jinja2  # when first rendering: the command line starts without it
    from jinja2.sandbox import SandboxedEnvironment
    loader = jinja2.FileSystemLoader(list(template_dirs))
    return SandboxedEnvironment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


def render_html(ctx: Context, layout, tier: Tier = Tier(), part: Part = Part()) -> str:
    """The HTML of ``layout`` (an outputs.base.Layout) at ``tier``."""
    import jinja2
    theme = [layout.theme_css] if layout.theme_css else []
    css = compile_css([ctx.font_css, layout.head_css, *(stylesheet_text(s, ctx.style_dirs) for s in layout.stylesheets),
                       *theme, tier.css])
    try:
        return environment(ctx.template_dirs).get_template(layout.template).render(
            v=layout.view, labels=layout.view.labels, head_css=css, build_date=ctx.build_date,
            stylesheets=list(ctx.links), tier_class=tier.body_class, part=part)
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"template {layout.template}: `{exc.name}` is not a template in the event's or the "
                         "project's templates folder (paths outside them are refused)") from None
    except jinja2.TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or layout.template}:{getattr(exc, 'lineno', None) or 1}"
        raise BuildError(f"template {where}: {exc.message or exc.__class__.__name__}") from None
