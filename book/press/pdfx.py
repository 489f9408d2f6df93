"""The PDF/X checks of preflight: the output intent, the declared PDF/X version, and the
file's own PDF version against it.

Each PDF/X standard is based on one PDF version: PDF/X-1a:2001 and X-3:2002 on PDF 1.3,
X-1a:2003 and X-3:2003 on 1.4, X-4 and X-5 on 1.6. A file whose header (or catalog
``/Version``) says more than its standard allows fails; one that says less than the
features of its standard need (an X-4 file marked ``%PDF-1.3``) is flagged by prepress
checkers, and warns here.
"""

from __future__ import annotations

import re
from pathlib import Path

GS_DEFAULT_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
BASED_ON = {  # the PDF version each standard is based on
    "PDF/X-1:2001": "1.3",
    "PDF/X-1a:2001": "1.3",
    "PDF/X-3:2002": "1.3",
    "PDF/X-1a:2003": "1.4",
    "PDF/X-3:2003": "1.4",
    "PDF/X-4": "1.6",
    "PDF/X-4p": "1.6",
    "PDF/X-5g": "1.6",
    "PDF/X-5pg": "1.6",
    "PDF/X-5n": "1.6",
}


def _default_profile(data: bytes) -> bool:
    """Is this Ghostscript's stand-in CMYK profile, not a print shop's?"""
    if GS_DEFAULT_CMYK.is_file() and data == GS_DEFAULT_CMYK.read_bytes():
        return True
    return b"Artifex CMYK SWOP Profile" in data or "Artifex CMYK SWOP Profile".encode("utf-16-be") in data


def declared_version(reader) -> str:
    """The PDF/X version the file declares (Info dictionary, else XMP), or ""."""
    version = str(reader.metadata.get("/GTS_PDFXVersion", "")) if reader.metadata else ""
    if not version and "/Metadata" in reader.trailer["/Root"]:
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8", "replace")
        found = re.search(r"GTS_PDFXVersion>([^<]+)<", xmp)
        version = found.group(1) if found else ""
    return version


def file_version(reader) -> str:
    """The PDF version of the file: its header's, raised by the catalog's ``/Version``."""
    header = str(getattr(reader, "pdf_header", "") or "").removeprefix("%PDF-")
    catalog = str(reader.trailer["/Root"].get("/Version", "")).lstrip("/")
    found = [v for v in (header, catalog) if re.fullmatch(r"\d\.\d", v)]
    return max(found, key=lambda v: tuple(map(int, v.split(".")))) if found else ""


def pdfx_checks(reader, intents, check) -> list:
    """The outputintent, pdf/x and pdf version checks (``check``: preflight's Check)."""
    out = []
    if intents:
        intent = intents[0].get_object()
        what = str(intent.get("/OutputConditionIdentifier", "")) or str(intent.get("/Info", ""))
        profile = intent.get("/DestOutputProfile")
        detail = f"{intent.get('/S')} {what}".strip() + (" with an embedded ICC profile" if profile else "")
        if profile is not None and _default_profile(profile.get_object().get_data()):
            out.append(
                check(
                    "warn",
                    "outputintent",
                    detail + "; it is Ghostscript's default_cmyk.icc, a stand-in "
                    "for the print shop's profile: ask the print shop for theirs",
                )
            )
        else:
            out.append(check("pass" if profile else "warn", "outputintent", detail))
    else:
        out.append(check("fail", "outputintent", "none: not a PDF/X file"))
    version = declared_version(reader)
    out.append(check("pass", "pdf/x", version) if version else check("fail", "pdf/x", "no PDF/X version declared"))
    has, based = file_version(reader), BASED_ON.get(version)
    if version and based and has:
        rank = tuple(map(int, has.split("."))), tuple(map(int, based.split(".")))
        if rank[0] > rank[1]:
            out.append(check("fail", "pdf version", f"PDF {has}, newer than {version} allows (PDF {based})"))
        elif rank[0] < rank[1]:
            out.append(
                check(
                    "warn",
                    "pdf version",
                    f"PDF {has} declared, but {version} is based on PDF {based}: prepress checkers flag the mismatch",
                )
            )
        else:
            out.append(check("pass", "pdf version", f"PDF {has}, as {version} requires"))
    return out
