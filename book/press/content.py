"""What preflight reads in page content: fonts, RGB colour and placed images with their resolution.

:class:`Scan` walks each page's content stream (parsed once, book/press/reversed.py),
following forms to a bounded depth, with the transformation matrix tracked so each
image's effective resolution (ppi) is known.
"""

from __future__ import annotations

import math

from pypdf.generic import NameObject, StreamObject

from .reversed import operations

RGB_NAMES = {"/DeviceRGB", "/CalRGB"}


class Damaged(ValueError):
    """A structure no PDF writer makes (a box of text, an XObject that is no stream): named, not guessed at."""


def is_rgb(space, resources=None) -> bool:
    space = space.get_object() if hasattr(space, "get_object") else space
    if isinstance(space, (NameObject, str)):
        name = str(space)
        if name in RGB_NAMES:
            return True
        named = (resources or {}).get("/ColorSpace", {})
        return name in named and is_rgb(named[name], None)
    if isinstance(space, list) and space:
        kind = str(space[0])
        if kind == "/ICCBased":
            return int(space[1].get_object().get("/N", 0)) == 3
        if kind == "/Indexed":
            return is_rgb(space[1], resources)
        if kind in ("/Separation", "/DeviceN"):
            return is_rgb(space[2], resources)
        return kind in RGB_NAMES
    return False


def _concat(m, ctm) -> list[float]:
    """The matrix ``m`` applied in the coordinate system ``ctm`` (PDF's ``cm``)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = ctm
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


class Scan:
    """Walks page content: fonts, RGB operators and placed images."""

    def __init__(self, reader):
        self.reader = reader
        self.fonts: dict[str, bool] = {}
        self.rgb: list[str] = []
        self.images: list[tuple[int, str, float]] = []  # page, name, ppi

    def font(self, font):
        font = font.get_object()
        name = str(font.get("/BaseFont", "(unnamed)"))
        if font.get("/Subtype") == "/Type3":
            self.fonts.setdefault(name + " (Type 3)", True)
            return
        desc = font
        if font.get("/Subtype") == "/Type0":
            desc = font["/DescendantFonts"][0].get_object()
        descriptor = desc.get("/FontDescriptor")
        embedded = bool(descriptor) and any(
            k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        self.fonts[name] = self.fonts.get(name, True) and embedded

    def content(self, page_no, stream_owner, resources, ctm=(1, 0, 0, 1, 0, 0), depth=0):
        if depth > 8 or resources is None:
            return
        resources = resources.get_object()
        for font in resources.get("/Font", {}).values():
            self.font(font)
        for name, space in resources.get("/ColorSpace", {}).items():
            if is_rgb(space):
                self.rgb.append(f"page {page_no}: colour space {name} is RGB")
        for shading in resources.get("/Shading", {}).values():
            if is_rgb(shading.get_object().get("/ColorSpace")):
                self.rgb.append(f"page {page_no}: an RGB shading")
        xobjects = resources.get("/XObject", {})
        ops = operations(stream_owner, self.reader)
        stack, current = [], list(ctm)
        for operands, op in ops:
            if op == b"q":
                stack.append(list(current))
            elif op == b"Q" and stack:
                current = stack.pop()
            elif op == b"cm":
                current = _concat([float(x) for x in operands], current)
            elif op in (b"rg", b"RG"):
                self.rgb.append(f"page {page_no}: {op.decode()} operator ({' '.join(str(o) for o in operands)})")
            elif op in (b"cs", b"CS") and is_rgb(operands[0], resources):
                self.rgb.append(f"page {page_no}: {op.decode()} {operands[0]} selects RGB")
            elif op == b"Do" and operands[0] in xobjects:
                xobj = xobjects[operands[0]].get_object()
                if not isinstance(xobj, StreamObject):
                    raise Damaged(f"page {page_no}: XObject {operands[0]} is not a stream")
                if xobj.get("/Subtype") == "/Image":
                    if is_rgb(xobj.get("/ColorSpace")):
                        self.rgb.append(f"page {page_no}: image {operands[0]} is RGB")
                    width_in = math.hypot(current[0], current[1]) / 72
                    height_in = math.hypot(current[2], current[3]) / 72
                    ppi = min(
                        int(xobj["/Width"]) / width_in if width_in else 1e9,
                        int(xobj["/Height"]) / height_in if height_in else 1e9,
                    )
                    self.images.append((page_no, str(operands[0]), ppi))
                elif xobj.get("/Subtype") == "/Form":
                    inner = _concat([float(x) for x in xobj.get("/Matrix", [1, 0, 0, 1, 0, 0])], current)
                    self.content(page_no, xobj, xobj.get("/Resources", resources), inner, depth + 1)
