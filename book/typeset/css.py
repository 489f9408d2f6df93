"""CSS made and read before layout, without the layout engine.

* :func:`compile_css` resolves design tokens, each once, none longer than
  ``MAX_TOKEN`` characters (tokens that double at every level are refused). The stylesheets keep them as
  CSS custom properties on ``:root`` (templates/css/tokens.css), which is
  what a designer edits. Laid out as they are, every ``var()`` is resolved
  per element by WeasyPrint, which measured as a large share of layout time,
  so the values of ``:root`` tokens are substituted into the rules once per
  build. Properties that elements set for themselves (``--cat``, ``--tint``
  on the category classes) stay as ``var()``.
* :func:`page_css` and :func:`category_css` write the per-event rules: the
  page size, and each category's colour and tint (in CMYK for the press).
* :func:`text_block_mm` reads the page margins a stylesheet declares, so
  views can fit content to the page the CSS will make.
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache
from pathlib import Path

from ..errors import BuildError
from ..source.model import paper_mm

VAR = re.compile(r"var\((--[\w-]+)\)")
MAX_TOKEN = 4096  # characters of one design token with its var() references resolved


def strip_comments(css: str) -> str:
    """``css`` without its comments, in one pass; an unclosed comment runs to the end (as in CSS)."""
    out, at = [], 0
    while (start := css.find("/*", at)) != -1:
        out.append(css[at:start])
        end = css.find("*/", start + 2)
        if end == -1:
            return "".join(out)
        at = end + 2
    out.append(css[at:])
    return "".join(out)


@lru_cache(maxsize=64)
def _read(path: str) -> str:
    return strip_comments(Path(path).read_text(encoding="utf-8"))


def compile_css(parts: list[str]) -> str:
    """Concatenate ``parts`` (CSS text, in cascade order) with :root tokens resolved."""
    return _compiled(tuple(parts))


@lru_cache(maxsize=16)
def _compiled(parts: tuple[str, ...]) -> str:
    # Once per set of stylesheets: a book renders its HTML once per part, with the same CSS.
    css = "\n".join(strip_comments(p) for p in parts)
    tokens: dict[str, str] = {}
    local: set[str] = set()
    # tinycss2: linear, whatever braces a string holds; each part parsed once (the tiers share the rest)
    for selector, decls in (rule for part in parts for rule in _rules(part)):
        names = [(name, value) for name, value in decls if name.startswith("--")]
        if selector == ":root" or selector.endswith(" :root"):
            tokens.update(names)
        else:
            local.update(name for name, _ in names)
    for name in local:
        tokens.pop(name, None)
    done: dict[str, str] = {}

    def resolve(name: str, seen: tuple = ()) -> str:
        """A token with its references resolved, each once (a token may not refer to itself)."""
        if name in done:
            return done[name]
        if name in seen:
            return f"var({name})"
        value = VAR.sub(lambda m: resolve(m[1], (*seen, name)) if m[1] in tokens else m[0], tokens[name])
        if len(value) > MAX_TOKEN:
            raise BuildError(
                f"the design token {name} is {len(value):,} characters long with its var() references "
                f"resolved, more than any design needs ({MAX_TOKEN:,}); check style.css and press.css"
            )
        done[name] = value
        return value

    return VAR.sub(lambda m: resolve(m[1]) if m[1] in tokens else m[0], css)


def stylesheet_text(relative: str, folders) -> str:
    """A stylesheet by its path relative to the first of ``folders`` that has it."""
    for folder in folders:
        path = Path(folder) / relative
        if path.is_file():
            return _read(str(path))
    raise FileNotFoundError(relative)


def page_css(page_size: str, extra: str = "") -> str:
    width, height = paper_mm(page_size)
    return f"@page {{ size: {width}mm {height}mm; }} :root {{ --page-width: {width}mm; --page-height: {height}mm; }}\n{extra}"


TINT = 0.16  # the glance grid's cell tint: 16 % of the category colour


def cmyk_from_hex(colour: str) -> tuple[float, float, float, float]:
    """A plain conversion for categories without a `cmyk` separation."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
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
            parts = [v / 100 for v in (c.cmyk or cmyk_from_hex(c.colour))]
            bar = "device-cmyk({:g} {:g} {:g} {:g})".format(*parts)
            tint = "device-cmyk({:g} {:g} {:g} {:g})".format(*(round(v * TINT, 4) for v in parts))
        else:
            r, g, b = (int(c.colour[i : i + 2], 16) for i in (1, 3, 5))
            bar, tint = c.colour, "rgb({}, {}, {})".format(*(round(255 - (255 - x) * TINT) for x in (r, g, b)))
        rules.append(f".cat-{c.id} {{ --cat: {bar}; --tint: {tint}; }}")
    return "\n".join(rules)


MM_PER = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "px": 25.4 / 96}
LENGTH = re.compile(r"^(-?[\d.]+)(mm|cm|in|pt|px)$")
SIDES = ("top", "right", "bottom", "left")


def length_mm(value: str) -> float:
    """A CSS length in mm; '0' is 0."""
    value = value.strip()
    if value == "0":
        return 0.0
    m = LENGTH.match(value)
    if not m:
        raise ValueError(f"not an absolute length: {value!r}")
    return float(m[1]) * MM_PER[m[2]]


def declarations(css: str, selector: str) -> dict[str, str]:
    """The declarations of every top-level rule whose selector is exactly
    ``selector``, in cascade order (later ones win). Nested blocks, such as
    @page margin boxes, are skipped."""
    found: dict[str, str] = {}
    for prelude, decls in _rules(css):
        if prelude == selector:
            found.update(decls)
    return found


@lru_cache(maxsize=32)
def _rules(css: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The top-level rules of ``css``: (selector or at-rule prelude, its declarations).
    Parsed once per text: a build asks the same stylesheets for many values."""
    import tinycss2  # a WeasyPrint dependency, without WeasyPrint's start-up cost

    rules = []
    for rule in tinycss2.parse_stylesheet(strip_comments(css), skip_whitespace=True, skip_comments=True):
        if rule.type == "at-rule":
            prelude = "@" + rule.lower_at_keyword + tinycss2.serialize(rule.prelude).rstrip()
        elif rule.type == "qualified-rule":
            prelude = tinycss2.serialize(rule.prelude).strip()
        else:
            continue
        if rule.content is None:
            continue
        decls = []
        for decl in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True):
            if decl.type == "declaration":
                name = decl.name if decl.name.startswith("--") else decl.lower_name  # custom properties keep their case
                decls.append((name, tinycss2.serialize(decl.value).strip()))
        rules.append((prelude, tuple(decls)))
    return tuple(rules)


def root_tokens(css: str) -> dict[str, str]:
    """The design tokens (custom properties) that the top-level ``:root``
    rules of ``css`` set, later ones winning."""
    return {name: value for name, value in declarations(css, ":root").items() if name.startswith("--")}


def token(css: str, name: str, default: str = "") -> str:
    """The value of the design token ``name`` in ``css``, ``var()`` references resolved."""
    tokens = root_tokens(css)
    value = tokens.get(name, default)
    for _ in range(10):
        m = VAR.fullmatch(value.strip())
        if not m:
            break
        value = tokens.get(m.group(1), default)
    return value.strip()


def day_tab_css(count: int, css: str, page_size: str, bleed_mm: float = 0.0) -> str:
    """The fore-edge day tabs: named pages ``day-0`` … one per day (or day
    group), each with its tab a step further down the outer edge, printing
    the ``tab`` string; into the bleed when there is one. Steps that do not
    fit the page's height start again at the top."""
    try:
        height, width = length_mm(token(css, "--tab-height", "14mm")), length_mm(token(css, "--tab-width", "6mm"))
    except ValueError:  # not absolute lengths: the defaults
        height, width = 14.0, 6.0
    if not (1 <= height <= 200 and 1 <= width <= 50):  # a negative or absurd tab: the defaults
        height, width = 14.0, 6.0
    _, block_h = text_block_mm(css, page_size)  # the side margin boxes run the text block's height
    steps = max(1, int(block_h // (height + 1)))
    box = f"content: string(tab, start); height: {height:g}mm; width: {width + bleed_mm:g}mm; box-sizing: border-box;"
    rules = []
    for i in range(count):
        top = (i % steps) * (height + 1)
        rules.append(
            f"@page day-{i}:right {{ @right-top {{ {box} margin: {top:g}mm -{bleed_mm:g}mm 0 auto; "
            f"padding-right: {bleed_mm:g}mm; }} }}"
        )
        rules.append(
            f"@page day-{i}:left {{ @left-top {{ {box} margin: {top:g}mm auto 0 -{bleed_mm:g}mm; "
            f"padding-left: {bleed_mm:g}mm; }} }}"
        )
    return "\n".join(rules)


def token_css(tokens: dict[str, str]) -> str:
    """Tokens as one ``:root`` rule, to follow the project's stylesheets."""
    return ":root { " + " ".join(f"{name}: {value};" for name, value in tokens.items()) + " }" if tokens else ""


def text_block_mm(css: str, page_size: str) -> tuple[float, float]:
    """Width and height of the text block: the page less the margins of the
    stylesheet's ``@page`` rules (the sums of left and right, top and bottom,
    which mirrored left and right pages share)."""
    decls = declarations(css, "@page")
    margin = dict.fromkeys(SIDES, 0.0)
    try:  # a margin that is not an absolute length (an event's `2em`) leaves the estimate as it was
        if "margin" in decls:
            v = [length_mm(x) for x in decls["margin"].split()]  # CSS: top [right [bottom [left]]]
            right = v[1] if len(v) > 1 else v[0]
            margin.update(
                top=v[0], right=right, bottom=v[2] if len(v) > 2 else v[0], left=v[3] if len(v) > 3 else right
            )
    except (ValueError, IndexError):
        pass
    for side in SIDES:
        with contextlib.suppress(ValueError):
            margin[side] = length_mm(decls[f"margin-{side}"]) if f"margin-{side}" in decls else margin[side]
    width, height = paper_mm(page_size)
    return width - margin["left"] - margin["right"], height - margin["top"] - margin["bottom"]
