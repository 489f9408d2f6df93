"""Colour separation for the press: screen colours and images into CMYK.

The press edition prints every colour as CMYK, separated through the print
shop's ICC profile (``press.icc``; Ghostscript's ``default_cmyk.icc`` when
the event names none). Images are converted once and cached by content.
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from ..errors import BuildError
from ..views.book import data_uri

GS_CMYK = "/usr/share/color/icc/ghostscript/default_cmyk.icc"


def cmyk_logo(logo: str, icc: str, folder: Path) -> str:
    """The logo file separated to CMYK with the press profile (cached in
    ``folder``), as a data: URI, so the PDF does not depend on where the
    cache lives."""
    from PIL import Image, ImageCms
    source = Path(logo)
    digest = hashlib.sha256(source.read_bytes() + Path(icc).read_bytes()).hexdigest()[:16]
    target = folder / f"{source.stem}-{digest}-cmyk.jpg"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with Image.open(source) as image:
            rgb = image.convert("RGB")
            cmyk = ImageCms.profileToProfile(rgb, ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(icc),
                                             outputMode="CMYK")
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")  # one per process: builds may run at once
        try:
            cmyk.save(tmp, "JPEG", quality=95, dpi=(300, 300))
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise BuildError(f"{folder}: the separated logo cannot be written ({exc.strerror})") from None
        tmp.replace(target)
    return data_uri(target)


HEX = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
RGB = re.compile(r"^rgb\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})\s*\)$")


def _rgb(value: str) -> tuple[int, int, int] | None:
    if m := HEX.match(value):
        digits = m[1] if len(m[1]) == 6 else "".join(c * 2 for c in m[1])
        return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))
    if m := RGB.match(value):
        return tuple(min(255, int(v)) for v in m.groups())
    return None


@lru_cache(maxsize=256)
def separate(rgb: tuple[int, int, int], icc: str) -> str:
    """An sRGB colour as ``device-cmyk()`` through the press profile."""
    from PIL import Image, ImageCms
    pixel = Image.new("RGB", (1, 1), rgb)
    cmyk = ImageCms.profileToProfile(pixel, ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(icc),
                                     outputMode="CMYK").getpixel((0, 0))
    return "device-cmyk({:g} {:g} {:g} {:g})".format(*(round(v / 255, 3) for v in cmyk))


def separate_tokens(tokens: dict[str, str], press: dict[str, str], icc: str,
                    colours: set[str]) -> tuple[dict[str, str], list[str]]:
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
                notes.append(f"press: style.css sets {name} to {value}; the press edition prints it as {out[name]}, "
                             f"separated with {Path(icc).name} (set {name} in the event's press.css to choose)")
        elif name in colours and not value.startswith("device-cmyk("):
            notes.append(f"press: {name} is `{value}`, which cannot be separated to CMYK; the press edition keeps "
                         f"its own {name} (write it as #rrggbb, or as device-cmyk(c m y k) in the event's press.css)")
        else:
            out[name] = value
    return out, notes
