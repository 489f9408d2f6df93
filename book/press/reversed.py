"""Preflight: small reversed text on a field of many inks.

Light text knocked out of a dark field is drawn by the paper showing
through every ink of the field; when the field has more than two inks, the
slightest misregistration fringes thin strokes with colour. A print shop
wants such text at 10 pt bold or larger, or the field in one or two inks.

The check walks each page's content (and its form XObjects): filled
rectangles in CMYK are fields, text shown in a light colour (white, or a
tint of at most 20 % in every ink) over a field of more than two inks is
reversed, and reversed text under ``MIN_PT`` is a warning.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict

from pypdf.generic import ContentStream

_PARSED: OrderedDict = OrderedDict()  # content digest -> operations, the most recent last
_KEEP = 4096


def operations(owner, reader) -> list:
    """The operations of a content stream (a page's or a form's), parsed once
    per content: the preflight's checks walk the same streams, pypdf's parse
    is most of their time (0.6 s for a 32-page book), and in ``book watch``
    the next build's unchanged pages have the same streams. Operations hold
    numbers, names and strings only, so they do not depend on the reader."""
    key = hashlib.sha1(owner.get_data()).digest()
    if key in _PARSED:
        _PARSED.move_to_end(key)
        return _PARSED[key]
    ops = _PARSED[key] = ContentStream(owner, reader).operations
    while len(_PARSED) > _KEEP:
        _PARSED.popitem(last=False)
    return ops


MIN_PT = 10.0
INK = 0.1  # an ink counts in a field from 10 %
LIGHT = 0.2  # text is light when no ink exceeds 20 % (or grey/RGB above 80 %)


def _concat(m, ctm):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = ctm
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


def _apply(ctm, x, y):
    return ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]


def _light(colour) -> bool:
    space, comps = colour
    if space == "cmyk":
        return all(c <= LIGHT for c in comps)
    return all(c >= 1 - LIGHT for c in comps)


def _inks(colour) -> int:
    space, comps = colour
    return sum(1 for c in comps if c >= INK) if space == "cmyk" else 0


class _Page:
    """One page's fields and reversed text runs."""

    def __init__(self, reader):
        self.reader = reader
        self.fields: list[tuple[float, float, float, float, int]] = []  # x0, y0, x1, y1, inks
        self.found: list[tuple[float, int]] = []  # (size in pt, inks of the field under it)

    def walk(self, owner, resources, ctm, depth=0):
        if depth > 8:
            return
        resources = (resources or {}).get_object() if hasattr(resources, "get_object") else (resources or {})
        xobjects = resources.get("/XObject", {})
        stack, current, fill, space = [], list(ctm), ("gray", (0.0,)), "gray"
        rects, text_m, size = [], [1, 0, 0, 1, 0, 0], 0.0
        for operands, op in operations(owner, self.reader):
            if op == b"q":
                stack.append((list(current), fill, space))
            elif op == b"Q" and stack:
                current, fill, space = stack.pop()
            elif op == b"cm":
                current = _concat([float(x) for x in operands], current)
            elif op == b"cs":
                space = {"/DeviceCMYK": "cmyk", "/DeviceRGB": "rgb", "/DeviceGray": "gray"}.get(
                    str(operands[0]), "other"
                )
            elif op in (b"sc", b"scn") and all(
                isinstance(o, (int, float)) or hasattr(o, "as_numeric") for o in operands
            ):
                fill = (space, tuple(float(o) for o in operands))
            elif op == b"k":
                fill, space = ("cmyk", tuple(float(o) for o in operands)), "cmyk"
            elif op == b"g":
                fill, space = ("gray", (float(operands[0]),)), "gray"
            elif op == b"rg":
                fill, space = ("rgb", tuple(float(o) for o in operands)), "rgb"
            elif op == b"re":
                x, y, w, h = (float(o) for o in operands)
                corners = [_apply(current, px, py) for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
                rects.append(
                    (
                        min(c[0] for c in corners),
                        min(c[1] for c in corners),
                        max(c[0] for c in corners),
                        max(c[1] for c in corners),
                    )
                )
            elif op in (b"f", b"f*", b"F", b"B", b"B*"):
                if _inks(fill):
                    self.fields += [(*r, _inks(fill)) for r in rects]
                rects = []
            elif op in (b"n", b"S", b"s"):
                rects = []
            elif op == b"BT":
                text_m = [1, 0, 0, 1, 0, 0]
            elif op == b"Tf":
                size = float(operands[1])
            elif op == b"Tm":
                text_m = [float(o) for o in operands]
            elif op in (b"Td", b"TD"):
                text_m = _concat([1, 0, 0, 1, float(operands[0]), float(operands[1])], text_m)
            elif op in (b"Tj", b"TJ", b"'", b'"') and _light(fill):
                m = _concat(text_m, current)
                x, y = m[4], m[5]
                pt = size * math.hypot(m[2], m[3])
                under = [f[4] for f in self.fields if f[0] <= x <= f[2] and f[1] <= y <= f[3]]
                if under and max(under) > 2:
                    self.found.append((pt, max(under)))
            elif op == b"Do" and operands[0] in xobjects:
                xobj = xobjects[operands[0]].get_object()
                if xobj.get("/Subtype") == "/Form":
                    inner = _concat([float(v) for v in xobj.get("/Matrix", [1, 0, 0, 1, 0, 0])], current)
                    self.walk(xobj, xobj.get("/Resources", resources), inner, depth + 1)


def reversed_text(reader) -> tuple[str, str]:
    """(status, detail) of the check over every page."""
    small = []
    for number, page in enumerate(reader.pages, 1):
        contents = page.get_contents()
        if contents is None:
            continue
        scan = _Page(reader)
        scan.walk(contents, page.get("/Resources"), [1, 0, 0, 1, 0, 0])
        sizes = [(pt, inks) for pt, inks in scan.found if pt < MIN_PT - 0.05]
        if sizes:
            pt, inks = min(sizes)
            small.append(f"page {number}: {pt:.1f} pt on {inks} inks")
    if small:
        return "warn", (
            f"light text under {MIN_PT:g} pt reversed out of a field of more than two inks (it fringes "
            "if the plates do not register; set it 10 pt bold or larger, or the field in one or two "
            "inks): " + "; ".join(small[:4]) + (" …" if len(small) > 4 else "")
        )
    return "pass", f"no reversed text under {MIN_PT:g} pt on a field of more than two inks"
