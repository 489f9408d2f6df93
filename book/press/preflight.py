"""Preflight: the checks a print shop runs on a PDF, one line each.

``book preflight FILE.pdf`` prints pass / warn / fail for: embedded fonts,
TrimBox ⊂ BleedBox ⊂ MediaBox with the bleed size, consistent page size,
page count divisible by 4, effective image resolution (300 ppi), small
reversed text on a field of many inks (book/press/reversed.py), RGB colour,
the OutputIntent, the PDF/X version and the file's PDF version
(book/press/pdfx.py). It exits 1 on any fail. The build
runs it on the press edition and keeps the report beside the PDF.
"""

from __future__ import annotations

import logging
import math
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from ..wording import count
from .content import Damaged, Scan, is_rgb
from .pdfx import pdfx_checks
from .reversed import reversed_text

MM = 72 / 25.4


@dataclass
class Check:
    status: str  # pass, warn or fail
    name: str
    detail: str

    def line(self) -> str:
        return f"{self.status.upper():<4}  {self.name:<12} {self.detail}"


def _box(page, name, number):
    box = page.get(name)
    if box is None:
        return None
    try:
        values = [float(v) for v in box.get_object()]
    except (TypeError, ValueError):
        values = []
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise Damaged(f"page {number}: its {name[1:]} is not four numbers ({str(box)[:60]})")
    return values


def _inside(inner, outer, tol=0.01) -> bool:
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


class Unreadable(Exception):
    """A file preflight cannot open: not a PDF, damaged beyond reading, or locked by a password."""


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
        try:
            checks = _checks(reader, expect_multiple)
        except Unreadable:
            raise
        except Damaged as exc:
            raise Unreadable(f"{path}: cannot be checked: {exc} (a damaged PDF; ask for the file again)") from None
        except Exception as exc:  # pypdf on a hostile file: a flate bomb, a box of text, a form that is no stream
            raise Unreadable(
                f"{path}: cannot be checked: {exc.__class__.__name__}: {str(exc)[:200]} (a damaged or hostile PDF; "
                "ask for the file again)"
            ) from None
    if notes:
        checks.append(Check("warn", "structure", "pypdf: " + "; ".join(dict.fromkeys(notes))[:300]))
    return checks


def _checks(reader: PdfReader, expect_multiple: int) -> list[Check]:
    checks = []
    scan = Scan(reader)
    for i, page in enumerate(reader.pages, 1):
        contents = page.get_contents()
        if contents is not None:
            scan.content(i, contents, page.get("/Resources"))
        group = page.get("/Group")
        if group is not None and is_rgb(group.get_object().get("/CS")):
            scan.rgb.append(f"page {i}: transparency group blends in RGB")

    missing = sorted(name for name, ok in scan.fonts.items() if not ok)
    checks.append(
        Check("fail", "fonts", "not embedded: " + ", ".join(missing))
        if missing
        else Check("pass", "fonts", f"all {len(scan.fonts)} fonts embedded" if scan.fonts else "no fonts")
    )

    problems, bleeds, sizes = [], set(), set()
    for i, page in enumerate(reader.pages, 1):
        media = _box(page, "/MediaBox", i)
        trim, bleed = _box(page, "/TrimBox", i), _box(page, "/BleedBox", i)
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
        checks.append(
            Check(
                "pass",
                "page size",
                f"{w:g} × {h:g} mm on {'the one page' if len(reader.pages) == 1 else f'all {len(reader.pages)} pages'}",
            )
        )
    else:
        checks.append(
            Check("fail", "page size", "pages differ: " + ", ".join(f"{w:g}×{h:g}" for w, h in sorted(sizes)))
        )

    n = len(reader.pages)
    checks.append(
        Check(
            "pass" if n % expect_multiple == 0 else "fail",
            "page count",
            count(n, "page") + ("" if n % expect_multiple == 0 else f", not a multiple of {expect_multiple}"),
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

    checks += pdfx_checks(reader, intents, Check)
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
