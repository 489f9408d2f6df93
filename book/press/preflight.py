"""Preflight: the checks a print shop runs on a PDF, one line each.

``book preflight FILE.pdf`` prints pass / warn / fail for: embedded fonts,
TrimBox ⊂ BleedBox ⊂ MediaBox with the bleed size, consistent page size,
page count divisible by 4, effective image resolution (300 ppi), small
reversed text on a field of many inks (book/press/reversed.py), RGB colour,
the OutputIntent and the PDF/X version. It exits 1 on any fail. The build
runs it on the press edition and keeps the report beside the PDF.
"""

from __future__ import annotations

import logging
import math
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import NameObject

from .reversed import operations, reversed_text

MM = 72 / 25.4
RGB_NAMES = {"/DeviceRGB", "/CalRGB"}


@dataclass
class Check:
    status: str  # pass, warn or fail
    name: str
    detail: str

    def line(self) -> str:
        return f"{self.status.upper():<4}  {self.name:<12} {self.detail}"


def _is_rgb(space, resources=None) -> bool:
    space = space.get_object() if hasattr(space, "get_object") else space
    if isinstance(space, (NameObject, str)):
        name = str(space)
        if name in RGB_NAMES:
            return True
        named = (resources or {}).get("/ColorSpace", {})
        return name in named and _is_rgb(named[name], None)
    if isinstance(space, list) and space:
        kind = str(space[0])
        if kind == "/ICCBased":
            return int(space[1].get_object().get("/N", 0)) == 3
        if kind == "/Indexed":
            return _is_rgb(space[1], resources)
        if kind in ("/Separation", "/DeviceN"):
            return _is_rgb(space[2], resources)
        return kind in RGB_NAMES
    return False


def _concat(m, ctm) -> list[float]:
    """The matrix ``m`` applied in the coordinate system ``ctm`` (PDF's ``cm``)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = ctm
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


class _Scan:
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
            if _is_rgb(space):
                self.rgb.append(f"page {page_no}: colour space {name} is RGB")
        for shading in resources.get("/Shading", {}).values():
            if _is_rgb(shading.get_object().get("/ColorSpace")):
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
            elif op in (b"cs", b"CS") and _is_rgb(operands[0], resources):
                self.rgb.append(f"page {page_no}: {op.decode()} {operands[0]} selects RGB")
            elif op == b"Do" and operands[0] in xobjects:
                xobj = xobjects[operands[0]].get_object()
                if xobj.get("/Subtype") == "/Image":
                    if _is_rgb(xobj.get("/ColorSpace")):
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


def _box(page, name):
    box = page.get(name)
    return [float(v) for v in box] if box is not None else None


def _inside(inner, outer, tol=0.01) -> bool:
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


class Unreadable(Exception):
    """A file preflight cannot open: not a PDF, damaged beyond reading, or locked by a password."""


GS_DEFAULT_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


def _default_profile(data: bytes) -> bool:
    """Is this Ghostscript's stand-in CMYK profile, not a print shop's?"""
    if GS_DEFAULT_CMYK.is_file() and data == GS_DEFAULT_CMYK.read_bytes():
        return True
    return b"Artifex CMYK SWOP Profile" in data or "Artifex CMYK SWOP Profile".encode("utf-16-be") in data


@contextmanager
def _pypdf_warnings(into: list[str]):
    """pypdf's own warnings (``EOF marker not found``…), collected instead of printed."""

    class Collect(logging.Handler):
        def emit(self, record):
            into.append(record.getMessage())

    log = logging.getLogger("pypdf")
    handler, propagate = Collect(logging.WARNING), log.propagate
    log.addHandler(handler)
    log.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        into.extend(str(w.message) for w in caught)
    finally:
        log.removeHandler(handler)
        log.propagate = propagate


def open_pdf(path: Path, notes: list[str]) -> PdfReader:
    """The PDF, decrypted when it has no user password; :class:`Unreadable` otherwise."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(
                f"{path}: the PDF is protected by a password; preflight it without one (ask for an unprotected file)"
            )
        len(reader.pages)  # reads the page tree: a damaged file fails here
        return reader
    except Unreadable:
        raise
    except Exception as exc:  # pypdf on a damaged file: PdfReadError and its kin
        detail = "; ".join(dict.fromkeys(notes)) or str(exc)
        raise Unreadable(f"{path}: cannot be read as a PDF ({exc.__class__.__name__}: {detail})") from None


def preflight(path: Path, expect_multiple: int = 4) -> list[Check]:
    notes: list[str] = []
    with _pypdf_warnings(notes):
        reader = open_pdf(path, notes)
        checks = _checks(reader, expect_multiple)
    if notes:
        checks.append(Check("warn", "structure", "pypdf: " + "; ".join(dict.fromkeys(notes))[:300]))
    return checks


def _checks(reader: PdfReader, expect_multiple: int) -> list[Check]:
    checks = []
    scan = _Scan(reader)
    for i, page in enumerate(reader.pages, 1):
        contents = page.get_contents()
        if contents is not None:
            scan.content(i, contents, page.get("/Resources"))
        group = page.get("/Group")
        if group is not None and _is_rgb(group.get_object().get("/CS")):
            scan.rgb.append(f"page {i}: transparency group blends in RGB")

    missing = sorted(name for name, ok in scan.fonts.items() if not ok)
    checks.append(
        Check("fail", "fonts", "not embedded: " + ", ".join(missing))
        if missing
        else Check("pass", "fonts", f"all {len(scan.fonts)} fonts embedded")
    )

    problems, bleeds, sizes = [], set(), set()
    for i, page in enumerate(reader.pages, 1):
        media = _box(page, "/MediaBox")
        trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
        if trim is None or bleed is None:
            problems.append(f"page {i}: no {'TrimBox' if trim is None else 'BleedBox'}")
            sizes.add((round((media[2] - media[0]) / MM, 1), round((media[3] - media[1]) / MM, 1)))
            continue
        if not (_inside(trim, bleed) and _inside(bleed, media)):
            problems.append(f"page {i}: TrimBox ⊂ BleedBox ⊂ MediaBox does not hold")
        bleeds.add(round(min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]) / MM, 2))
        sizes.add((round((trim[2] - trim[0]) / MM, 1), round((trim[3] - trim[1]) / MM, 1)))
    if problems:
        checks.append(Check("fail", "boxes", "; ".join(problems[:3]) + (" …" if len(problems) > 3 else "")))
    elif min(bleeds) <= 0:
        checks.append(Check("fail", "boxes", "no bleed: BleedBox equals TrimBox"))
    else:
        status = "pass" if min(bleeds) >= 3 else "warn"
        checks.append(Check(status, "boxes", f"TrimBox ⊂ BleedBox ⊂ MediaBox on every page; bleed {min(bleeds):g} mm"))
    if len(sizes) == 1:
        ((w, h),) = sizes
        checks.append(Check("pass", "page size", f"{w:g} × {h:g} mm on all {len(reader.pages)} pages"))
    else:
        checks.append(
            Check("fail", "page size", "pages differ: " + ", ".join(f"{w:g}×{h:g}" for w, h in sorted(sizes)))
        )

    n = len(reader.pages)
    checks.append(
        Check(
            "pass" if n % expect_multiple == 0 else "fail",
            "page count",
            f"{n} pages" + ("" if n % expect_multiple == 0 else f", not a multiple of {expect_multiple}"),
        )
    )

    low = [f"page {p} {name} {ppi:.0f} ppi" for p, name, ppi in scan.images if ppi < 300]
    if not scan.images:
        checks.append(Check("pass", "images", "no images"))
    else:
        checks.append(
            Check(
                "warn" if low else "pass",
                "images",
                ("under 300 ppi: " + ", ".join(low[:5]))
                if low
                else f"{len(scan.images)} images, lowest {min(p for *_, p in scan.images):.0f} ppi",
            )
        )

    status, detail = reversed_text(reader)
    checks.append(Check(status, "reversed", detail))

    intents = reader.trailer["/Root"].get("/OutputIntents")
    cmyk_doc = bool(intents)
    if scan.rgb:
        checks.append(
            Check(
                "fail",
                "colour",
                f"RGB in a {'CMYK' if cmyk_doc else 'print'} document: "
                + "; ".join(scan.rgb[:3])
                + (f" (+{len(scan.rgb) - 3} more)" if len(scan.rgb) > 3 else ""),
            )
        )
    else:
        checks.append(Check("pass", "colour", "no RGB colour"))

    if intents:
        intent = intents[0].get_object()
        what = str(intent.get("/OutputConditionIdentifier", "")) or str(intent.get("/Info", ""))
        profile = intent.get("/DestOutputProfile")
        detail = f"{intent.get('/S')} {what}".strip() + (" with an embedded ICC profile" if profile else "")
        if profile is not None and _default_profile(profile.get_object().get_data()):
            checks.append(
                Check(
                    "warn",
                    "outputintent",
                    detail + "; it is Ghostscript's default_cmyk.icc, a stand-in "
                    "for the print shop's profile: ask the print shop for theirs",
                )
            )
        else:
            checks.append(Check("pass" if profile else "warn", "outputintent", detail))
    else:
        checks.append(Check("fail", "outputintent", "none: not a PDF/X file"))

    version = str(reader.metadata.get("/GTS_PDFXVersion", "")) if reader.metadata else ""
    if not version and "/Metadata" in reader.trailer["/Root"]:
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8", "replace")
        found = re.search(r"GTS_PDFXVersion>([^<]+)<", xmp)
        version = found.group(1) if found else ""
    checks.append(Check("pass", "pdf/x", version) if version else Check("fail", "pdf/x", "no PDF/X version declared"))
    return checks


def report(path: Path, checks: list[Check]) -> str:
    worst = (
        "fail"
        if any(c.status == "fail" for c in checks)
        else "warn"
        if any(c.status == "warn" for c in checks)
        else "pass"
    )
    return f"preflight {path.name}: {worst}\n" + "\n".join(c.line() for c in checks) + "\n"
