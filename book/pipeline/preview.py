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
import json
import os
import time
from pathlib import Path

from ..errors import BuildError
from .publish import inside
from .sheet_html import sheet_html

IMAGE_HEIGHT = 720  # pixels: twice the sheet's 360 px pages, sharp on a high-density screen
MAX_PAGES = 5_000  # a sheet of more pages is no overview; a proof reader splits the file
PAGE_PT = (1.0, 14_400.0)  # the sizes a PDF page can have (PDF: 1 to 14,400 units a side)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def page_digests(pdf: Path) -> list[str]:
    """A digest per page of what it draws: content, fonts, images (pypdf)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from ..press.content import Damaged

    try:
        reader = PdfReader(str(pdf))
        pages = list(reader.pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise BuildError(f"{pdf}: not a PDF that can be read ({exc})") from None
    _not_too_many(pdf, len(pages))
    seen: dict[int, str] = {}
    out = []
    for n, page in enumerate(pages, 1):
        digest = hashlib.sha256()
        try:  # pypdf on a damaged or hostile page: a flate bomb, a form that is not a stream …
            contents = page.get_contents()
            digest.update(contents.get_data() if contents is not None else b"")
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                digest.update(repr(page.get(box)).encode())
            _resources(page.get("/Resources"), digest, seen)
        except Damaged as exc:
            raise BuildError(f"{pdf}: page {n} cannot be read: {exc} (a damaged PDF; ask for the file again)") from None
        except Exception as exc:
            raise BuildError(f"{pdf}: page {n} cannot be read ({exc.__class__.__name__}: {str(exc)[:200]})") from None
        out.append(digest.hexdigest()[:20])
    return out


def _not_too_many(pdf: Path, pages: int) -> None:
    if pages > MAX_PAGES:
        raise BuildError(
            f"{pdf}: {pages:,} pages, more than a contact sheet shows ({MAX_PAGES:,}); "
            "make sheets of parts of it (qpdf --pages FILE 1-500 -- part.pdf)"
        )


def _resources(resources, digest, seen: dict[int, str], depth: int = 0) -> None:
    """Feed the fonts' names and the images' and forms' data into ``digest``."""
    from pypdf.generic import DictionaryObject, StreamObject

    from ..press.content import Damaged

    if resources is None or depth > 4:
        return
    resources = resources.get_object()
    for entry in ("/Font", "/XObject"):
        value = resources.get(entry, {}) if isinstance(resources, DictionaryObject) else None
        if not isinstance(value.get_object() if hasattr(value, "get_object") else value, dict):
            raise Damaged(f"its resources' {entry} is not a dictionary")
    for name, font in sorted((resources.get("/Font") or {}).items()):
        digest.update(f"{name}={font.get_object().get('/BaseFont')}".encode())
    for name, ref in sorted((resources.get("/XObject") or {}).items()):
        key = getattr(ref, "idnum", None)
        if key not in seen:
            obj = ref.get_object()
            if not isinstance(obj, StreamObject):
                raise Damaged(f"XObject {name} is not a stream")
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
        _not_too_many(pdf, len(document))
        sizes = [document.get_page_size(i) for i in range(len(document))]
        for n, (w, h) in enumerate(sizes, 1):
            if not (PAGE_PT[0] <= w <= PAGE_PT[1] and PAGE_PT[0] <= h <= PAGE_PT[1]):
                raise BuildError(f"{pdf}: page {n} is {w:g} × {h:g} pt, not a size a page can have")
        for i in numbers:
            page = document[i]
            try:  # 720 pixels high, and never more than three times as wide
                w, h = sizes[i]
                image = page.render(scale=min(IMAGE_HEIGHT / h, 3 * IMAGE_HEIGHT / w)).to_pil()
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


MARK = ".contact-sheet"  # in every folder the tool made for a sheet


def claim(folder: Path) -> None:
    """Make ``folder`` a sheet's, or check it is one: the sheet removes old page images and
    rewrites its pages, so it writes only into a folder that is new, empty or marked as its own."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise BuildError(f"{folder}: not a folder the contact sheet can be written into; give --out a new folder")
    if folder.is_dir() and not (folder / MARK).is_file() and any(folder.iterdir()):
        raise BuildError(
            f"{folder}: this folder holds other files, and the contact sheet would replace and remove some of "
            "them; give --out a new or empty folder"
        )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARK).write_text("A contact sheet of `book preview` or `book watch --preview` is kept here.\n")


def _state_names(name: str) -> tuple[str, str, str]:
    """The page, state and version files of sheet ``name`` ("index": index.html, sheet.json, version.js)."""
    if name == "index":
        return "index.html", "sheet.json", "version.js"
    return f"{name}.html", f"{name}.sheet.json", f"{name}.version.js"


def update(
    pdf: Path,
    folder: Path,
    title: str = "",
    page_keys: list[str] | None = None,
    name: str = "index",
    switch: list[tuple[str, str]] = (),
) -> dict:
    """Bring the contact sheet ``name`` in ``folder`` up to date with ``pdf``; returns what was done.

    ``page_keys``: a key per page from the layout (a book's manifest entry,
    book/typeset/layouts.py), which saves reading the PDF for digests.
    ``switch``: (label, page) of every sheet in the folder, for the links
    between them at the top of each (when a watch builds several books).
    Sheets of one folder share its page images."""
    started = time.perf_counter()
    claim(folder)
    pages_dir = folder / "pages"
    pages_dir.mkdir(exist_ok=True)
    page_file, state_file, version_file = _state_names(name)
    old = _state(folder / state_file)
    names = list(page_keys) if page_keys else page_digests(pdf)
    known = dict(zip(old.get("pages", []), old.get("pixels", []), strict=False))  # an old sheet.json may be damaged
    todo = [i for i, key in enumerate(names) if key not in known or not (pages_dir / f"{key}.png").is_file()]
    sizes, drawn = _render(pdf, todo, pages_dir, names)
    pixels = [drawn.get(i) or known[key] for i, key in enumerate(names)]
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
    page = sheet_html(names, sizes, changed, version, title or pdf.name, sheet["when"], version_file, switch, page_file)
    _write(folder / page_file, page.encode())
    _write(folder / state_file, json.dumps(sheet, indent=1).encode())
    _write(folder / version_file, f'window.previewVersion && previewVersion("{version}");\n'.encode())
    shown = {n for other in folder.glob("*sheet.json") for n in _state(other).get("pages", [])} | set(names)
    for stale in set(pages_dir.glob("*.png")) - {pages_dir / f"{n}.png" for n in shown}:
        stale.unlink(missing_ok=True)
    sheet["seconds"] = time.perf_counter() - started
    return sheet


def _state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def of_build(out_dir: Path, editions=None, kinds=None) -> list[tuple[dict, Path]]:
    """The sheets of a build in ``out_dir`` (``book watch --preview``): one per book of the
    ``editions`` asked for (all when None), in that order, the first as ``preview/index.html``;
    without a book, one of the first PDF of the ``kinds`` built. Empty when there is no PDF."""
    manifest = _state(out_dir / "build.json")
    listed = manifest.get("outputs", [])
    entries = [  # a manifest is not trusted: only paths inside the output folder are shown
        e
        for e in (listed if isinstance(listed, list) else [])
        if isinstance(e, dict) and inside(out_dir, e.get("path")) and e["path"].endswith(".pdf")
    ]
    books = [e for e in entries if e.get("kind") == "book" and (not editions or e.get("lang") in editions)]
    if editions:
        books.sort(key=lambda e: list(editions).index(e.get("lang")))
    if not books or (kinds and "book" not in kinds):
        built = [e for e in entries if not kinds or e.get("kind") in kinds]
        books = built[:1] or entries[:1]
    if not books:
        return []
    folder = out_dir / "preview"
    if folder.is_dir() and not folder.is_symlink():  # the output folder's own: a sheet's, also from before the mark
        (folder / MARK).write_text("A contact sheet of `book watch --preview` is kept here.\n")
    names = ["index"] + [Path(e["path"]).stem for e in books[1:]]
    switch = [(e["path"], f"{n}.html") for e, n in zip(books, names, strict=True)] if len(books) > 1 else []
    done = []
    for entry, name in zip(books, names, strict=True):
        pdf = out_dir / entry["path"]
        keys = entry.get("page_keys")
        current = (
            pdf.is_file() and pdf.stat().st_size == entry.get("bytes") and keys and len(keys) == entry.get("pages")
        )
        title = f"{manifest.get('event', '')} · {entry['path']}"
        sheet = update(pdf, folder, title, keys if current else None, name, switch)
        done.append((sheet, folder / _state_names(name)[0]))
    return done
