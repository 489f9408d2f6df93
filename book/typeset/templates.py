"""Jinja2: a view model and a template in, one HTML document out.

Templates are autoescaped and sandboxed: an event may override them
(``<event>/templates/``) but cannot reach Python objects or other files.
Every template is read through :mod:`book.sandbox` (inside its folder, a
regular file, at most 1 MB), and rendering is bounded: at most
``MAX_SECONDS`` and ``MAX_HTML`` characters, and includes no deeper than
Python's recursion allows; going past a bound is an error naming the
template. :func:`render_html` fills a layout's template with its view, the
head CSS (the font faces, the page and category rules and the project
stylesheets, with design tokens resolved) and the layout tier being tried.
It needs nothing but its arguments, so it runs as well in a worker process.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import sandbox
from ..errors import BuildError
from .css import compile_css, root_tokens, stylesheet_text

MAX_SECONDS = 10  # the largest real render, a 1,000-session book, takes about 1 s
MAX_HTML = 64 * 1024 * 1024
MAX_TEMPLATE_BYTES = sandbox.MB


@dataclass(frozen=True)
class Part:
    """Which pages of a book the template writes (book/typeset/engine.py,
    ``write_book_pdf``): "all" (one document, page numbers by
    target-counter(): the ``--html`` copy), or "front" (cover, contents),
    "body" (the pages before the programme), "days" (the programme's day
    group number ``day``, from 0) or "tail" (speakers, index, notes, back
    cover), whose folios start at ``first_page`` and whose page numbers
    come from ``page_of``."""

    name: str = "all"
    first_page: int = 1
    page_of: dict | None = None  # anchor -> page number, once the parts are laid out
    day: int | None = None
    tight: bool = False  # the day group set a little closer, to pull its last page's lone session back
    break_before: str | None = (
        None  # the anchor (a session or a day's head) that starts a new page, to even the last two
    )


@dataclass(frozen=True)
class Tier:
    """A layout to try: its name, extra CSS, and a class on <body>."""

    name: str = "default"
    css: str = ""
    body_class: str = ""


@dataclass(frozen=True)
class Context:
    """What every document of a build shares."""

    template_dirs: tuple[str, ...]  # searched in order after ``overrides``: the kinds' folders, the project's
    style_dirs: tuple[str, ...]  # where layouts' stylesheets are: the kinds' folders, the project's
    build_date: str  # ISO date of the documents
    font_css: str = ""  # @font-face rules of the subsets (empty for the draft)
    links: tuple[str, ...] = ()  # the event's own stylesheets, as file: URLs fetched through the sandbox
    overrides: str = ""  # the event's templates folder, searched first ("" when it has none)


def _source(overrides: str, folders: tuple[str, ...], template: str, pieces: list[str]) -> tuple[str, str] | None:
    """(text, path) of a template, from the event's overrides (no hard links) or the tool's folders."""
    # The overrides folder is <event>/templates: its files may link anywhere inside the event folder.
    places = ([(overrides, Path(overrides).parent, True, "the event folder")] if overrides else []) + [
        (folder, folder, False, "the templates folder") for folder in folders
    ]
    for folder, root, single_link, area in places:
        path = Path(folder).joinpath(*pieces)
        if not path.exists() and not path.is_symlink():
            continue
        try:
            data = sandbox.read_bytes(path, [root], MAX_TEMPLATE_BYTES, f"templates/{template}", single_link, area)
            return data.decode("utf-8"), str(path)
        except sandbox.Refused as exc:
            raise BuildError(f"template {template}: {exc.reason}" + (f" ({exc.hint})" if exc.hint else "")) from None
        except UnicodeDecodeError as exc:
            raise BuildError(f"template {template}: not UTF-8 text (byte {exc.start})") from None
    return None


class _Timeout(Exception):
    pass


class TemplateTimeout(BuildError):
    """A template that rendered past ``MAX_SECONDS``: every output that uses it fails with it."""


@contextmanager
def _deadline(seconds: float):
    """Interrupt a render that runs past ``seconds`` (in the main thread; the
    output loop checks the clock as well)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _bounded(template, context: dict) -> str:
    """The template's output, within ``MAX_SECONDS`` and ``MAX_HTML``."""
    import jinja2

    name = template.name
    end = time.monotonic() + MAX_SECONDS
    chunks, size = [], 0
    try:
        with _deadline(MAX_SECONDS):
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > MAX_HTML:
                    raise BuildError(
                        f"template {name}: its output passed {MAX_HTML // 1024 // 1024} MB, more than any "
                        "programme needs (a loop that never ends?)"
                    )
                if time.monotonic() > end:
                    raise _Timeout
                chunks.append(chunk)
    except _Timeout:
        raise TemplateTimeout(
            f"template {name}: rendering took longer than {MAX_SECONDS} s (a loop that never ends?)"
        ) from None
    except RecursionError:
        raise BuildError(
            f"template {name}: templates include each other too deeply (does one include itself?)"
        ) from None
    except (BuildError, jinja2.TemplateError):
        raise
    except Exception as exc:  # {{ 1 / 0 }} and its kin in a template: the template's mistake
        raise BuildError(f"template {name}: {exc.__class__.__name__}: {exc}") from None
    return "".join(chunks)


@lru_cache(maxsize=8)
def environment(overrides: str, template_dirs: tuple[str, ...]):
    import jinja2  # when first rendering: the command line starts without it
    from jinja2.sandbox import SandboxedEnvironment

    class Loader(jinja2.BaseLoader):
        def get_source(self, environment, template):
            found = _source(overrides, template_dirs, template, jinja2.loaders.split_template_path(template))
            if found is None:
                raise jinja2.TemplateNotFound(template)
            return found[0], found[1], lambda: True

    class Bounded(SandboxedEnvironment):
        """Operators that could build a value larger than any page: ``9 ** 99999999`` (which
        Jinja would fold while compiling, before the time limit), ``"x" * 3000000000``, and
        sums of huge strings, refused before they are computed (Jinja's public hooks)."""

        intercepted_binops = frozenset(["**", "*", "+"])

        def call_binop(self, context, operator, left, right):
            from jinja2.exceptions import SecurityError

            if operator == "**" and _number(left) and _number(right) and abs(left) > 1 and abs(right) > 64:
                raise SecurityError(f"{left} ** {right} is larger than any programme needs")
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_HTML:
                        raise SecurityError(f"a text {len(seq):,} × {times:,} long is larger than any page")
            sized = isinstance(left, (str, list, tuple)) and hasattr(right, "__len__")
            if operator == "+" and sized and len(left) + len(right) > MAX_HTML:
                raise SecurityError("a text larger than any page")
            return super().call_binop(context, operator, left, right)

    return Bounded(loader=Loader(), autoescape=True, undefined=jinja2.StrictUndefined)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def pair_inline(css: str) -> str:
    """The inline pairing mark (the ``--pair-inline`` token, a CSS string), for text the
    templates join: labels, running heads, bookmarks."""
    value = root_tokens(css).get("--pair-inline", '" / "').strip()
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" else value


def render_html(ctx: Context, layout, tier: Tier = Tier(), part: Part = Part()) -> str:
    """The HTML of ``layout`` (an outputs.base.Layout) at ``tier``."""
    import jinja2

    theme = [layout.theme_css] if layout.theme_css else []
    css = compile_css(
        [
            ctx.font_css,
            layout.head_css,
            *(stylesheet_text(s, ctx.style_dirs) for s in layout.stylesheets),
            *theme,
            tier.css,
        ]
    )
    try:
        template = environment(ctx.overrides, ctx.template_dirs).get_template(layout.template)
        return _bounded(
            template,
            {
                "v": layout.view,
                "labels": layout.view.labels,
                "head_css": css,
                # A book's PDF takes its metadata from the front part (engine.write_book_pdf): the other
                # parts leave the date out, so that a build on another day (an event with no data
                # version is dated when it is built) lays them out the same and `book watch` reuses them.
                "build_date": ctx.build_date if part.name in ("all", "front") else "",
                "stylesheets": list(ctx.links),
                "tier_class": tier.body_class,
                "part": part,
                "pair_inline": pair_inline(css),
            },
        )
    except RecursionError:
        raise BuildError(
            f"template {layout.template}: templates include each other too deeply (does one include itself?)"
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError(
            f"template {layout.template}: `{exc.name}` is not a template in the event's or the "
            "project's templates folder (paths outside them are refused)"
        ) from None
    except jinja2.TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or layout.template}:{getattr(exc, 'lineno', None) or 1}"
        raise BuildError(f"template {where}: {exc.message or exc.__class__.__name__}") from None
