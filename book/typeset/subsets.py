"""Font subsets: each face reduced to the characters one output draws.

:func:`subset_all` writes one small single-face font per face, holding only
the characters of the output it is for, cached by content hash, so each PDF
embeds each face once, small and complete, and never a fallback font; the
same characters always give the same bytes, so an output's fonts depend on
its own text only. :func:`font_face_css` names the subsets in @font-face
rules. HarfBuzz (uharfbuzz) subsets: on a 65,535-glyph CJK face it takes
milliseconds.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from ..errors import BuildError
from .fonts import Face, covered, hb_face

# Characters the templates and the engine may add: hyphens, dashes, quotes,
# digits and ASCII. They are always kept in the subsets.
ALWAYS = (
    "".join(chr(c) for c in [*range(0x20, 0x7F), *range(0xC0, 0x100)])
    + "\u00a0\u00b7\u2010\u2011\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2192\u2212\u00d7"
)
SUBSET_VERSION = "4"  # change when the subsetting options change
# OpenType features kept besides HarfBuzz's default shaping set: figures for times.
EXTRA_FEATURES = ("tnum", "lnum", "pnum")


def subset_all(faces, chars: str, cache_dir: Path) -> dict[tuple[str, str], Path]:
    """Subset every face to ``chars`` (plus ALWAYS); reuse cached results."""
    import uharfbuzz as hb

    cache_dir.mkdir(parents=True, exist_ok=True)
    wanted = "".join(sorted(set(chars) | set(ALWAYS)))
    out, todo = {}, []
    for key, face in faces.items():
        primary = (
            faces.get((face.role.removesuffix("-fallback"), face.weight)) if face.role.endswith("-fallback") else None
        )
        codepoints = [
            ord(c) for c in wanted if ord(c) in covered(face) and not (primary and ord(c) in covered(primary))
        ]
        if primary and not [c for c in codepoints if chr(c) in chars]:
            continue  # a fallback nothing needs is left out
        digest = hashlib.sha256()
        digest.update(f"{SUBSET_VERSION}:{hb.version_string()}".encode())
        digest.update(_file_digest(face.path).encode())
        digest.update(str(face.index).encode())
        digest.update(",".join(map(str, codepoints)).encode())
        target = cache_dir / f"{face.postscript_name}-{digest.hexdigest()[:16]}.otf"
        if not target.exists():
            todo.append((face, codepoints, target))
        out[key] = target
    for args in todo:
        _subset_one(*args)
    return out


@cache
def _file_digest(path: Path) -> str:
    stat = path.stat()
    # Font files are large and immutable in practice: path, size and mtime
    # identify them; a replaced file changes size or mtime.
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


def _subset_one(face: Face, codepoints: list[int], target: Path):
    """One face, reduced to ``codepoints`` and renumbered, as a single-face .otf.

    HarfBuzz keeps its default shaping features (incl. Hangul jamo and
    kerning) plus EXTRA_FEATURES, every name record (family and version stay
    readable), and the source's head.modified, so the same font and
    characters always give the same bytes. Outlines are desubroutinized, as
    WeasyPrint itself does, and hinting is dropped (print).
    """
    import uharfbuzz as hb

    subset_input = hb.SubsetInput()
    subset_input.unicode_set.update(codepoints)
    subset_input.layout_feature_tag_set.update(_tag(t) for t in EXTRA_FEATURES)
    subset_input.name_id_set.update(range(0, 256))
    subset_input.flags = hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NOTDEF_OUTLINE
    result = hb.subset(hb_face(str(face.path), face.index), subset_input)
    if result is None:
        raise BuildError(f"HarfBuzz could not subset {face.path} (face {face.index}); try another font file")
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_bytes(result.blob.data)
    except OSError as exc:  # a full disk: say where, and leave nothing half-written behind
        tmp.unlink(missing_ok=True)
        raise BuildError(f"{target.parent}: the font subsets cannot be written ({exc.strerror})") from None
    tmp.replace(target)


def font_face_css(subsets: dict[tuple[str, str], Path], faces) -> str:
    """@font-face rules for the subset files, by role and weight."""
    rules = []
    for (role, weight), path in sorted(subsets.items()):
        face = faces[(role, weight)]
        url = path.resolve().as_uri().replace("'", "%27")
        bold = 700 if weight == "bold" else 400
        rules.append(
            f"@font-face {{ font-family: '{face.css_family}'; src: url('{url}'); font-weight: {bold}; "
            "font-style: normal; }"
        )

    def family(role):  # the declared face, then its fallback when one was subset
        names = [faces[(role, "regular")].css_family]
        if (f"{role}-fallback", "regular") in subsets:
            names.append(faces[(f"{role}-fallback", "regular")].css_family)
        return ", ".join(f"'{n}'" for n in names)

    sans, serif = family("sans"), family("serif")
    rules.append(f":root {{ --font-sans: {sans}; --font-serif: {serif}; }}")
    # Custom properties do not reach @page margin boxes: name the family there.
    boxes = " ".join(
        f"@{box} {{ font-family: {sans}; }}"
        for box in ("top-left", "top-center", "top-right", "bottom-left", "bottom-center", "bottom-right")
    )
    rules.append(f"@page {{ font-family: {sans}; {boxes} }}")
    return "\n".join(rules)
