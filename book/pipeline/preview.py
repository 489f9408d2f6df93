"""The contact sheet: every spread of a PDF as images on one local page.

``book watch --preview`` writes ``out/<event>/preview/index.html`` after each
build, and ``book preview FILE.pdf`` writes one for any PDF (a proof reader's
too). The sheet shows the pages two by two as the book opens: page 1 alone
on the right, then 2|3, 4|5 …, each with its number, the pages that
changed with the last build outlined.

* Each page is identified by a digest of what it draws: its content stream
  and the fonts and images it uses (read with pypdf). Only pages whose
  digest has no image yet are rasterised (pypdfium2), into
  ``pages/<digest>.png``; the others keep theirs, so a one-day edit redraws
  that day's pages.
* A page "changed" when its pixels differ from the same page's on the last
  sheet of the same PDF (``sheet.json``): a day laid out again is drawn
  again, and only its pages that look different are marked.
* The page reloads itself when a new sheet lands: it loads ``version.js``
  again every second (a script element, which a ``file:`` page may load)
  and reloads when the version differs, keeping its scroll position. No
  server, no outside scripts or fonts.

Files are written whole and then renamed, so a browser never reads half.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import time
from pathlib import Path

from ..errors import BuildError

IMAGE_HEIGHT = 720  # pixels: twice the sheet's 360 px pages, sharp on a high-density screen


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def page_digests(pdf: Path) -> list[str]:
    """A digest per page of what it draws: content, fonts, images (pypdf)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(pdf))
        pages = list(reader.pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise BuildError(f"{pdf}: not a PDF that can be read ({exc})") from None
    seen: dict[int, str] = {}
    out = []
    for page in pages:
        digest = hashlib.sha256()
        contents = page.get_contents()
        digest.update(contents.get_data() if contents is not None else b"")
        for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
            digest.update(repr(page.get(box)).encode())
        _resources(page.get("/Resources"), digest, seen)
        out.append(digest.hexdigest()[:20])
    return out


def _resources(resources, digest, seen: dict[int, str], depth: int = 0) -> None:
    """Feed the fonts' names and the images' and forms' data into ``digest``."""
    if resources is None or depth > 4:
        return
    resources = resources.get_object()
    for name, font in sorted((resources.get("/Font") or {}).items()):
        digest.update(f"{name}={font.get_object().get('/BaseFont')}".encode())
    for name, ref in sorted((resources.get("/XObject") or {}).items()):
        key = getattr(ref, "idnum", None)
        if key not in seen:
            obj = ref.get_object()
            inner = hashlib.sha256(obj.get_data())
            if obj.get("/Subtype") == "/Form":
                _resources(obj.get("/Resources"), inner, {}, depth + 1)
            seen[key] = inner.hexdigest()
        digest.update(f"{name}={seen[key]}".encode())


def _render(pdf: Path, numbers: list[int], folder: Path, names: list[str]) -> tuple[list, dict[int, str]]:
    """Rasterise pages ``numbers`` (0-based) into ``folder``: every page's size
    in points, and the digest of each new image's pixels."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as exc:
        raise BuildError(f"{pdf}: not a PDF that can be drawn ({exc})") from None
    drawn = {}
    try:
        sizes = [document.get_page_size(i) for i in range(len(document))]
        for i in numbers:
            page = document[i]
            try:
                image = page.render(scale=IMAGE_HEIGHT / sizes[i][1]).to_pil()
                drawn[i] = hashlib.sha256(image.tobytes()).hexdigest()[:20]
                target = folder / f"{names[i]}.png"
                tmp = target.with_name(f".{target.name}.tmp")
                image.save(tmp, format="PNG", compress_level=1)
                os.replace(tmp, target)
            finally:
                page.close()
    finally:
        document.close()
    return sizes, drawn


def spreads(count: int) -> list[tuple[int | None, int | None]]:
    """Page numbers two by two as the book opens: (None, 1), (2, 3) … (n, None)."""
    rows: list[tuple[int | None, int | None]] = [(None, 1)] if count else []
    for left in range(2, count + 1, 2):
        rows.append((left, left + 1 if left + 1 <= count else None))
    return rows


def update(pdf: Path, folder: Path, title: str = "", page_keys: list[str] | None = None) -> dict:
    """Bring the contact sheet in ``folder`` up to date with ``pdf``; returns what was done.

    ``page_keys``: a key per page from the layout (a book's manifest entry,
    book/typeset/layouts.py), which saves reading the PDF for digests."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    pages_dir = folder / "pages"
    pages_dir.mkdir(exist_ok=True)
    try:
        old = json.loads((folder / "sheet.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    names = list(page_keys) if page_keys else page_digests(pdf)
    known = dict(zip(old.get("pages", []), old.get("pixels", []), strict=False))  # an old sheet.json may be damaged
    todo = [i for i, name in enumerate(names) if name not in known or not (pages_dir / f"{name}.png").is_file()]
    sizes, drawn = _render(pdf, todo, pages_dir, names)
    pixels = [drawn.get(i) or known[name] for i, name in enumerate(names)]
    # A page changed when it looks different from the same page on the last sheet of this PDF.
    before = old.get("pixels", []) if old.get("pdf") == str(pdf.resolve()) else []
    changed = [i + 1 for i, p in enumerate(pixels) if i >= len(before) or before[i] != p] if before else None
    version = hashlib.sha256(" ".join(names + pixels).encode()).hexdigest()[:16]
    sheet = {
        "pdf": str(pdf.resolve()),
        "pages": names,
        "pixels": pixels,
        "changed": changed or [],
        "before": bool(before),
        "rendered": [i + 1 for i in todo],
        "version": version,
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    _write(folder / "index.html", _html(pdf, names, sizes, changed, version, title or pdf.name, sheet["when"]).encode())
    _write(folder / "sheet.json", json.dumps(sheet, indent=1).encode())
    _write(folder / "version.js", f'window.previewVersion && previewVersion("{version}");\n'.encode())
    for stale in set(pages_dir.glob("*.png")) - {pages_dir / f"{n}.png" for n in names}:
        stale.unlink(missing_ok=True)
    sheet["seconds"] = time.perf_counter() - started
    return sheet


def of_build(out_dir: Path) -> tuple[dict, Path] | None:
    """The sheet of a build in ``out_dir`` (``book watch --preview``): of its first
    book (the editions being built, in order), else its first PDF; None when it has none."""
    try:
        manifest = json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entries = [e for e in manifest.get("outputs", []) if str(e.get("path", "")).endswith(".pdf")]
    entry = next((e for e in entries if e.get("kind") == "book"), entries[0] if entries else None)
    if entry is None:
        return None
    pdf = out_dir / entry["path"]
    keys = entry.get("page_keys")
    current = pdf.is_file() and pdf.stat().st_size == entry.get("bytes") and keys and len(keys) == entry.get("pages")
    folder = out_dir / "preview"
    return update(pdf, folder, f"{manifest.get('event', '')} · {entry['path']}", keys if current else None), folder


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(f"{start}" if start == n else f"{start}–{n}")
            start = None
    return ", ".join(out)


def _html(pdf: Path, names, sizes, changed: list[int] | None, version: str, title: str, when: str) -> str:
    esc = html.escape
    rows = []
    for left, right in spreads(len(names)):
        cells = []
        for n in (left, right):
            if n is None:
                cells.append('<div class="page blank"></div>')
                continue
            w, h = sizes[n - 1]
            mark = " changed" if n in (changed or ()) else ""
            cells.append(
                f'<figure class="page{mark}" id="p{n}" data-page="{n}">'
                f'<img src="pages/{names[n - 1]}.png" alt="page {n}" style="aspect-ratio: {w:.2f} / {h:.2f}">'
                f"<figcaption>{n}</figcaption></figure>"
            )
        rows.append(f'<div class="spread">{"".join(cells)}</div>')
    note = (
        f'changed with the last build: <a href="#p{changed[0]}">pp. {_ranges(changed)}</a>'
        if changed
        else "no page changed with the last build"
        if changed == []
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)} · contact sheet</title>
<style>
body {{ margin: 0; background: #3b3b3b; color: #eee; font: 14px/1.4 system-ui, sans-serif; }}
header {{ position: sticky; top: 0; background: #222; padding: 8px 16px; z-index: 1; }}
header a {{ color: #ffcf4a; }}
main {{ display: flex; flex-wrap: wrap; gap: 28px 40px; padding: 20px; }}
.spread {{ display: flex; gap: 0; }}
.page {{ margin: 0; width: auto; height: 360px; position: relative; }}
.page img {{ height: 360px; display: block; background: #fff; box-shadow: 0 1px 4px #0008; }}
.page.blank {{ width: {360 * sizes[0][0] / sizes[0][1] if sizes else 254:.0f}px; }}
.page figcaption {{ text-align: center; font-size: 12px; color: #ccc; }}
.page.changed img {{ outline: 4px solid #ffcf4a; outline-offset: 2px; }}
.page.changed figcaption {{ color: #ffcf4a; font-weight: bold; }}
</style></head>
<body data-version="{version}">
<header><b>{esc(title)}</b> · {len(names)} pages · {esc(when)} · <span class="note">{note}</span></header>
<main>
{chr(10).join(rows)}
</main>
<script>
(function () {{
  var current = document.body.dataset.version;
  window.previewVersion = function (v) {{ if (v !== current) {{ sessionStorage.setItem("y", window.scrollY); location.reload(); }} }};
  var y = sessionStorage.getItem("y");
  if (y !== null) {{ window.scrollTo(0, +y); sessionStorage.removeItem("y"); }}
  window.addEventListener("load", function () {{
    var shown = Array.prototype.filter.call(document.images, function (i) {{ return i.complete && i.naturalWidth > 0; }});
    document.body.dataset.loaded = shown.length;
  }});
  setInterval(function () {{
    var old = document.getElementById("poll");
    if (old) old.remove();
    var s = document.createElement("script");
    s.id = "poll";
    s.src = "version.js?" + Date.now();
    document.body.appendChild(s);
  }}, 1000);
}})();
</script>
</body></html>
"""
