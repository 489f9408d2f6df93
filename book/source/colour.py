"""Category colours: CIELAB lightness, and the default palette.

Colour is never the only signal of a category, but it is the first one, and
a photocopy or a colour-blind reader keeps only lightness. So any two
categories should differ by at least ``MIN_L_STEP`` in CIELAB L*; the
default palette, given to categories that name no colour, does (one hue
family per step, from navy at L* 22 to sky blue at L* 88; seven colours,
since eight cannot keep the step between black text and white paper), and ``book check``
warns of two categories that do not.
"""

from __future__ import annotations

MIN_L_STEP = 10.0

# (screen colour, CMYK separation %): dark and light alternate, so the
# first few categories of a small event are far apart too.
DEFAULT_PALETTE = (
    ("#00385C", (100, 70, 25, 35)),  # navy    L* 22
    ("#FCAE54", (0, 36, 74, 0)),  # orange  L* 77
    ("#B34336", (15, 82, 82, 8)),  # red     L* 44
    ("#A0E7FF", (36, 0, 2, 0)),  # sky     L* 88
    ("#554188", (72, 82, 0, 0)),  # purple  L* 33
    ("#6FB06B", (60, 5, 70, 0)),  # green   L* 66
    ("#848484", (0, 0, 0, 56)),  # grey    L* 55
)


def lightness(colour: str) -> float:
    """CIELAB L* (D65) of an sRGB "#rrggbb" colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def too_close(colours: dict[str, str]) -> list[tuple[str, str, float]]:
    """Pairs of ids whose colours differ by less than MIN_L_STEP in L*, with the difference."""
    items = list(colours.items())
    out = []
    for i, (a, ca) in enumerate(items):
        for b, cb in items[i + 1 :]:
            step = abs(lightness(ca) - lightness(cb))
            if step < MIN_L_STEP:
                out.append((a, b, step))
    return out
