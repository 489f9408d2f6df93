"""Images of the organiser's pages as the screen book prints them, and their print resolution.

``screen(cache, grey, folder)`` gives the function the book view calls for each
image: the file as a data: URI, portraits and photos converted to
greyscale first when the ``--portrait-tone`` token says ``grey`` (cached by
content). ``resolution_notes`` checks every raster image at the box it
prints in (a logo fitted whole into its cell prints at the smaller of the
two fits) and names each one under 300 ppi with its effective resolution.
Every image is read through the sandbox where it is used (book/source/files.py,
``image_bytes``), inside the event folder or the image cache.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from ..errors import BuildError
from ..source.files import image_bytes
from ..views.book import data_uri

GREY_ROLES = ("portrait", "photo")
MIN_PPI = 300


def cached(
    cache: Path,
    source: Path,
    tag: str,
    suffix: str,
    make,
    *,
    roots,
    key: bytes = b"",
    what: str = "a converted image",
    **save,
) -> Path:
    """``make(image) -> PIL image`` applied to ``source`` (inside ``roots``), saved once in ``cache`` by
    content (and ``key``: what else the result depends on, such as a profile), written whole or not at all."""
    from PIL import Image

    data = image_bytes(source, roots)
    digest = hashlib.sha256(data + key + tag.encode()).hexdigest()[:16]
    target = cache / f"{source.stem}-{digest}-{tag}{suffix}"
    if not target.exists():
        cache.mkdir(parents=True, exist_ok=True)
        with Image.open(io.BytesIO(data)) as image:
            out = make(image)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")  # one per process: builds may run at once
        try:
            out.save(
                tmp, "JPEG" if suffix == ".jpg" else "PNG", **({"quality": 95} if suffix == ".jpg" else {}), **save
            )
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise BuildError(f"{cache}: {what} cannot be written ({exc.strerror})") from None
        tmp.replace(target)
    return target


def on_white(image):
    """The image with any transparency laid on white paper, as RGB."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return image.convert("RGB")


def screen(cache: Path, grey: bool, folder: str):
    def image(path: str, role: str) -> str:
        source = Path(path)
        if grey and role in GREY_ROLES and source.suffix.lower() != ".svg":
            made = cached(cache, source, "grey", ".png", lambda im: on_white(im).convert("L"), roots=[folder])
            return data_uri(made, [cache])
        return data_uri(source, [folder])

    return image


def pixels(path: str, folder: str) -> tuple[int, int]:
    """A raster image's width and height in pixels, read through the sandbox."""
    from PIL import Image

    with Image.open(io.BytesIO(image_bytes(path, [folder]))) as image:
        return image.size


def effective_ppi(path: str, width_mm: float, height_mm: float | None, folder: str) -> tuple[float, float] | None:
    """(ppi, printed width in mm) of a raster image fitted whole into its box; None for SVG."""
    if Path(path).suffix.lower() == ".svg":
        return None
    w, h = pixels(path, folder)
    printed_w = width_mm if height_mm is None else min(width_mm, height_mm * w / h)
    return w / (printed_w / 25.4), printed_w


def resolution_notes(uses, folder: str) -> list[str]:
    """One warning per raster image printed under 300 ppi: the file, its ppi, and what to supply."""
    notes, seen = [], set()
    for use in uses:
        if use.path in seen:
            continue
        seen.add(use.path)
        found = effective_ppi(use.path, use.width_mm, use.height_mm, folder)
        if found and found[0] < MIN_PPI:
            ppi, printed = found
            need = round(MIN_PPI * printed / 25.4 + 0.5)
            notes.append(
                f"warning: {Path(use.path).name} ({use.what}) prints at {ppi:.0f} ppi, under the "
                f"{MIN_PPI} ppi print needs at {printed:.0f} mm wide; supply it at least {need} pixels wide, or as SVG"
            )
    return notes


def aspect(folder: str):
    """``path -> width ÷ height`` of an image in the event folder (a raster
    image's pixels, an SVG's viewBox or else its width and height), or None
    when it does not say; read once per file, through the sandbox."""
    from functools import cache

    @cache
    def of(path: str) -> float | None:
        if Path(path).suffix.lower() == ".svg":
            return _svg_aspect(image_bytes(path, [folder]))
        w, h = pixels(path, folder)
        return w / h if w and h else None

    return of


def _svg_aspect(data: bytes) -> float | None:
    import re
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)  # checked when the event was read (book/source/files.py, check_svg)
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
            return float(box[2]) / float(box[3])
        w, h = (float(re.match(r"[\d.]+", root.get(k) or "").group()) for k in ("width", "height"))
        return w / h if w > 0 and h > 0 else None
    except (ValueError, AttributeError):
        return None
