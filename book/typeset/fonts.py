"""Declared fonts: find them, check coverage, subset them once per build.

``fonts/fonts.yaml`` declares two roles (``sans``, ``serif``), each a family
with a regular and a bold face and candidate files, and optionally a
``fallback`` family for the characters the first lacks (the CJK fonts have
no č or ş). Before layout:

* :func:`resolve` finds each face (a file dropped into ``fonts/`` wins over
  the system file; a ``.ttc`` is searched for the face of that family);
* :func:`check_coverage` reports every character of the content that a
  declared face lacks, naming the character, its code point and where it is;
* book/typeset/subsets.py subsets the faces for each output.

fontTools reads the declaration's names and versions; HarfBuzz (uharfbuzz)
reads character maps and subsets, because on a 65,535-glyph CJK face it takes
milliseconds where fontTools took about a second per face. Both are imported
when first needed: :func:`declared_files` serves the no-op check, which must
start fast.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .. import sandbox
from ..errors import BuildError, Finding, Findings
from ..paths import FONTS as FONTS_DIR
from ..source.yamlsrc import LDict, LList, load_yaml

ROLES = ("sans", "serif")
WEIGHTS = ("regular", "bold")


@dataclass(frozen=True)
class Face:
    role: str
    weight: str
    family: str
    path: Path
    index: int  # face number inside a .ttc, else 0
    postscript_name: str
    version: str = ""  # the font's own version string (name ID 5)

    @property
    def css_family(self) -> str:
        """The name templates use; distinct from any system family."""
        return f"{self.family} Subset"


def declared_files(declaration: Path | None = None) -> list[Path]:
    """Every candidate font file the declaration names (fallbacks too), whether it exists or not."""
    declaration = declaration or FONTS_DIR / "fonts.yaml"
    doc = load_yaml(declaration, [declaration.parent], area="the fonts folder")
    specs = [spec for spec in (doc.values() if isinstance(doc, LDict) else ()) if isinstance(spec, LDict)]
    specs += [spec["fallback"] for spec in specs if isinstance(spec.get("fallback"), LDict)]
    files = []
    for spec in specs:
        for weight in WEIGHTS:
            candidates = spec.get(weight)
            for cand in candidates if isinstance(candidates, LList) else ():
                path = Path(str(cand))
                files.append(path if path.is_absolute() else declaration.parent / path)
    return files


def stack(faces, role: str, weight: str) -> list[Face]:
    """The faces that set ``role`` at ``weight``: the declared one, then its fallback."""
    return [f for f in (faces.get((role, weight)), faces.get((f"{role}-fallback", weight))) if f]


def covered_by(faces, role: str, weight: str) -> frozenset[int]:
    """The characters ``role`` can set at ``weight``, its fallback's included."""
    return _union(tuple(stack(faces, role, weight)))


@lru_cache(maxsize=64)
def _union(faces: tuple[Face, ...]) -> frozenset[int]:  # once per stack: a CJK face covers 44,000 characters
    return frozenset().union(*(covered(f) for f in faces))


def _face_index(path: Path, family: str) -> tuple[int, str, str] | None:
    """(face index, PostScript name, version) of ``family`` in the file."""
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        fonts = list(enumerate(TTCollection(str(path), lazy=True).fonts))
    else:
        fonts = [(0, TTFont(str(path), lazy=True))]
    for i, font in fonts:
        names = {font["name"].getDebugName(n) for n in (1, 16)}
        if family in names or len(fonts) == 1:
            return i, font["name"].getDebugName(6), font["name"].getDebugName(5) or ""
    return None


def resolve(declaration: Path | None = None) -> dict[tuple[str, str], Face]:
    """Find every declared face; raise BuildError with a finding for each
    face that is missing and each candidate file that cannot be used.

    A relative candidate (a file dropped into fonts/) must resolve inside the
    fonts folder or the system's font folders; an absolute one is the
    declaration's own choice. Each is checked to be a font file with the
    declared family."""
    declaration = declaration or FONTS_DIR / "fonts.yaml"
    doc = load_yaml(declaration, [declaration.parent], area="the fonts folder")
    rel = Findings(Path.cwd()).relative
    where = rel(declaration)
    if not isinstance(doc, LDict):
        raise BuildError(f"{where}: expected a mapping of roles (sans, serif)")
    faces, problems = {}, []

    def problem(node, message, hint):
        problems.append(Finding(where, *(getattr(node, "pos", None) or (1, 1)), "error", message, hint))

    for role in ROLES:
        spec = doc.get(role)
        if not isinstance(spec, LDict) or "family" not in spec:
            problem(spec, f"role `{role}` needs a `family` and its faces", "see the roles at the top of the file")
            continue
        fallback = spec.get("fallback")
        for weight in WEIGHTS:
            found = _find(declaration, spec, role, weight, problem)
            if found:
                faces[(role, weight)] = found
            if isinstance(fallback, LDict) and "family" in fallback:  # optional: without its files, no fallback
                other = _find(declaration, fallback, f"{role}-fallback", weight, problem, required=False)
                if other:
                    faces[(f"{role}-fallback", weight)] = other
    if problems:
        raise BuildError("the declared fonts cannot all be used", problems)
    return faces


def _find(declaration: Path, spec, role: str, weight: str, problem, required: bool = True) -> Face | None:
    """The first usable candidate file of ``spec``'s face at ``weight``."""
    family = str(spec["family"])
    candidates = spec.get(weight) if isinstance(spec.get(weight), LList) else []
    for cand in candidates:
        path = Path(str(cand)) if Path(str(cand)).is_absolute() else declaration.parent / str(cand)
        if not path.exists() and not path.is_symlink():
            continue
        roots = [path.parent] if Path(str(cand)).is_absolute() else [declaration.parent, *sandbox.SYSTEM_FONTS]
        try:
            real = sandbox.check_file(path, roots, str(cand), area="the fonts folder")
            hit = _face_index(real, family)
        except sandbox.Refused as exc:
            problem(cand, exc.reason, exc.hint or "remove it from fonts/")
            return None
        except Exception as exc:  # fontTools on a file that is not a font: TTLibError and its kin
            problem(
                cand,
                f"{cand} is not a font file fontTools can read ({exc.__class__.__name__})",
                "replace it with an OpenType (.otf, .ttf) or collection (.ttc) file, or remove it",
            )
            return None
        if hit:
            return Face(role, weight, family, real, *hit)
    if required:
        problem(
            spec.get(weight) or spec,
            f"no file found for {family} {weight} (tried: " + ", ".join(str(c) for c in candidates) + ")",
            "install Debian's fonts-noto-cjk (make setup) or drop the font file into fonts/",
        )
    return None


@cache
def hb_face(path: str, index: int):
    import uharfbuzz as hb

    return hb.Face(hb.Blob.from_file_path(path), index)


@cache
def _cmap(path: str, index: int) -> frozenset[int]:
    return frozenset(hb_face(path, index).unicodes)


def covered(face: Face) -> frozenset[int]:
    return _cmap(str(face.path), face.index)


def _char_name(ch: str) -> str:
    return unicodedata.name(ch, "unnamed character")


def check_coverage(texts, faces: dict[tuple[str, str], Face]) -> list[Finding]:
    """One error per (character, face role) with the first place it appears."""
    rel = Findings(Path.cwd()).relative
    findings, seen = [], set()
    stacks = [(role, weight, covered_by(faces, role, weight)) for role in ("sans", "serif") for weight in WEIGHTS]
    for src in texts:
        roles = ("sans", "serif") if src.role == "prose" else ("sans",)
        for ch in dict.fromkeys(src.text):  # each character once, in order
            if ch.isspace() and ch not in "\u00a0\u3000":
                continue
            for role, weight, chars in stacks:
                if role in roles and ord(ch) not in chars and (ch, role) not in seen:
                    seen.add((ch, role))
                    families = " or ".join(f.family for f in stack(faces, role, weight))
                    findings.append(
                        Finding(
                            rel(src.file),
                            src.pos[0],
                            src.pos[1],
                            "error",
                            f"the character “{ch}” (U+{ord(ch):04X} {_char_name(ch)}) is not in the declared font "
                            f"{families} {weight}",
                            "replace the character, or declare a font that has it in fonts/fonts.yaml",
                        )
                    )
    return findings


def advance_em(text: str, faces, role: str = "sans", weight: str = "bold") -> float:
    """The width of ``text`` in em as HarfBuzz shapes it in the role's face,
    with its fallback face for the characters the first lacks (no kerning
    across the two)."""
    import uharfbuzz as hb

    chain = stack(faces, role, weight)
    runs: list[tuple[Face, str]] = []
    for ch in text:
        face = next((f for f in chain if ord(ch) in covered(f)), chain[0])
        if runs and runs[-1][0] is face:
            runs[-1] = (face, runs[-1][1] + ch)
        else:
            runs.append((face, ch))
    total = 0.0
    for face, run in runs:
        font = hb.Font(hb_face(str(face.path), face.index))
        buf = hb.Buffer()
        buf.add_str(run)
        buf.guess_segment_properties()
        hb.shape(font, buf)
        total += sum(p.x_advance for p in buf.glyph_positions) / font.face.upem
    return total
