"""Colour separation for the press: screen colours and images into CMYK.

The press edition prints every colour as CMYK, separated through the print
shop's ICC profile (``press.icc``; Ghostscript's ``default_cmyk.icc`` when
the event names none). Images are converted once and cached by content.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import BuildError
from ..source.files import image_bytes
from ..views.book import data_uri

GS_CMYK = "/usr/share/color/icc/ghostscript/default_cmyk.icc"


def cmyk_logo(logo: str, icc: str, folder: Path, roots) -> str:
    """The logo file separated to CMYK with the press profile (cached in
    ``folder``), as a data: URI, so the PDF does not depend on where the
    cache lives."""
    import io

    from PIL import ImageCms

    from ..typeset.images import cached, on_white

    profile = profile_bytes(icc, roots)

    def separate_image(image):  # a logo's transparency is the paper
        try:
            return ImageCms.profileToProfile(
                on_white(image),
                ImageCms.createProfile("sRGB"),
                ImageCms.getOpenProfile(io.BytesIO(profile)),
                outputMode="CMYK",
            )
        except ImageCms.PyCMSError as exc:  # checked by `book check`: changed since
            raise BuildError(f"{Path(icc).name} cannot convert the logo to CMYK ({exc}); run `book check`") from None

    made = cached(
        folder,
        Path(logo),
        "cmyk",
        ".jpg",
        separate_image,
        key=profile,
        what="the separated logo",
        roots=roots,
        dpi=(300, 300),
    )
    return data_uri(made, [folder])


def profile_bytes(icc: str, roots) -> bytes:
    """The press profile: the event's own (inside its folder), or Ghostscript's stand-in."""
    from .. import sandbox
    from ..source.settings import ICC_LIMIT

    return sandbox.read_bytes(icc, [*roots, Path(GS_CMYK).parent], ICC_LIMIT, Path(icc).name)


HEX = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
RGB = re.compile(r"^rgb\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})\s*\)$")


def _rgb(value: str) -> tuple[int, int, int] | None:
    if m := HEX.match(value):
        digits = m[1] if len(m[1]) == 6 else "".join(c * 2 for c in m[1])
        return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))
    if m := RGB.match(value):
        return tuple(min(255, int(v)) for v in m.groups())
    return None


@lru_cache(maxsize=256)
def separate(rgb: tuple[int, int, int], icc: str) -> str:
    """An sRGB colour as ``device-cmyk()`` through the press profile."""
    from PIL import Image, ImageCms

    pixel = Image.new("RGB", (1, 1), rgb)
    cmyk = ImageCms.profileToProfile(
        pixel, ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(icc), outputMode="CMYK"
    ).getpixel((0, 0))
    return "device-cmyk({:g} {:g} {:g} {:g})".format(*(round(v / 255, 3) for v in cmyk))


def separate_tokens(
    tokens: dict[str, str], press: dict[str, str], icc: str, colours: set[str]
) -> tuple[dict[str, str], list[str]]:
    """The event's design tokens for the press: those of its style.css, then
    those of its press.css (``press``), which win. Every sRGB colour is
    separated through the profile, and one from style.css is noted;
    ``device-cmyk()`` is kept as it is. A token that the press stylesheet sets
    as a colour (``colours``) but whose value cannot be separated keeps the
    press value, with a note."""
    out, notes = {}, []
    for name, value in {**tokens, **press}.items():
        rgb = _rgb(value)
        if rgb:
            out[name] = separate(rgb, icc)
            if name not in press:
                notes.append(
                    f"press: style.css sets {name} to {value}; the press edition prints it as {out[name]}, "
                    f"separated with {Path(icc).name} (set {name} in the event's press.css to choose)"
                )
        elif name in colours and not value.startswith("device-cmyk("):
            notes.append(
                f"press: {name} is `{value}`, which cannot be separated to CMYK; the press edition keeps "
                f"its own {name} (write it as #rrggbb, or as device-cmyk(c m y k) in the event's press.css)"
            )
        else:
            out[name] = value
    return out, notes


SVG_PAINT = re.compile(
    r"""((?:fill|stroke|stop-color|flood-color|lighting-color|color)\s*(?:=\s*["']|:\s*))([^"';>]+)"""
)
SVG_KEEP = ("none", "transparent", "inherit", "currentcolor", "url(", "device-cmyk(", "context-")
SVG_UNSAFE = ("<image", "<foreignobject", "filter=", "<filter", "mask=", 'opacity="0')


def cmyk_svg(text: str, icc: str) -> tuple[str | None, str]:
    """The SVG with every paint colour separated to ``device-cmyk()`` through
    the profile, and black for unpainted shapes; or None and why not (an
    embedded raster image, a filter or mask, or a colour it cannot read)."""
    from PIL import ImageColor

    lower = text.lower()
    for unsafe in SVG_UNSAFE:
        if unsafe in lower:
            name = unsafe.strip('<="0 ')
            return None, f"it holds `{name}`, which cannot be separated"
    bad = []

    def paint(m):
        value = m[2].strip()
        if value.lower().startswith(SVG_KEEP):
            return m[0]
        try:
            rgb = ImageColor.getrgb(value)[:3]
        except ValueError:
            bad.append(value)
            return m[0]
        return m[1] + separate(tuple(rgb), icc)

    out = SVG_PAINT.sub(paint, text)
    if bad:
        return None, f"its colour `{bad[0]}` cannot be read"
    # Shapes without a fill are black: in K only, as body text is.
    root = re.search(r"<svg\b[^>]*>", out)
    if root and "fill=" not in root[0]:
        out = out[: root.start()] + '<svg fill="device-cmyk(0 0 0 1)"' + out[root.start() + 4 :]
    return out, ""


class PressImages:
    """The press edition's images: rasters separated to CMYK (portraits in K only when grey),
    SVG logos with their colours separated; ``notes`` names what could not be."""

    def __init__(self, cache: Path, icc: str, grey: bool, folder: str):
        self.cache, self.icc, self.grey, self.notes = cache, icc, grey, []
        self.roots = [folder]  # images are read from the event folder only

    def __call__(self, path: str, role: str) -> str:
        import base64

        source = Path(path)
        if source.suffix.lower() == ".svg":
            svg, why = cmyk_svg(image_bytes(source, self.roots).decode("utf-8", errors="replace"), self.icc)
            if svg is None:
                note = (
                    f"press: {source.name} cannot be converted to CMYK ({why}); the press edition prints "
                    "it as it is. Supply it as a CMYK PDF or EPS, or as a raster at 300 ppi"
                )
                if note not in self.notes:
                    self.notes.append(note)
                return data_uri(source, self.roots)
            return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        if self.grey and role in ("portrait", "photo"):
            return data_uri(_k_only(source, self.cache, self.roots), [self.cache])
        return cmyk_logo(str(source), self.icc, self.cache, self.roots)


def _k_only(source: Path, cache: Path, roots) -> Path:
    """A greyscale portrait in black ink only (no rich black from the profile)."""
    from PIL import Image, ImageOps

    from ..typeset.images import cached, on_white

    def make(image):
        grey = ImageOps.invert(on_white(image).convert("L"))
        blank = Image.new("L", grey.size, 0)
        return Image.merge("CMYK", (blank, blank, blank, grey))

    return cached(cache, source, "k", ".jpg", make, roots=roots)
