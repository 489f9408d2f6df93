"""Reading the files of an event folder: whole YAML files, lists of records
with unique ids, and images named by the data.

Every mistake becomes a finding at its file position; nothing outside the
event folder is read.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import sandbox
from ..errors import Findings
from .reader import Reader
from .yamlsrc import LList, YamlError, load_yaml


def read_file(folder: Path, name: str, f: Findings, required=True):
    path = folder / name
    if not path.exists() and not path.is_symlink():
        if required:
            f.error(path, (1, 1), f"the event folder has no {name}", f"create {name} in {folder}")
        return path, None
    try:
        return path, load_yaml(path, [folder], single_link=True)
    except YamlError as exc:
        f.error(exc.path, exc.pos, exc.message, exc.hint)
        f.unreadable.add(name)
        return path, None


def image_path(r: Reader, folder: Path, node, what, base: Path | None = None) -> Path | None:
    """A file inside the event folder (named relative to ``base``, by default the
    folder), or an error; nothing outside is read."""
    value = r.string(node, what)
    if not value:
        return None
    hint = "put the image in the event folder and give its name, e.g. logo.png"
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or value.startswith(("/", "\\", "~")):
        r.err(node, f"{what} `{value}` is not a file in the event folder (URLs and absolute paths are refused)", hint)
        return None
    root = sandbox.resolved(folder)
    path = sandbox.resolved((base or root) / value)
    if root not in path.parents:
        r.err(node, f"{what} `{value}` points outside the event folder", hint)
        return None
    try:  # a file that is absent, a link that loops or leads out: each said as such
        return sandbox.check_file((base or root) / value, [root], f"{what} `{value}`", single_link=True)
    except sandbox.Refused as exc:
        r.err(node, exc.reason, exc.hint or hint)
        return None


def read_text(folder: Path, name: str, f: Findings, limit: int = sandbox.MB) -> str:
    """A text file of the event folder (a stylesheet), or "" with a finding; "" if it is absent."""
    path = folder / name
    if not path.exists() and not path.is_symlink():
        return ""
    try:
        return sandbox.read_bytes(path, [folder], limit, single_link=True).decode("utf-8")
    except sandbox.Refused as exc:
        f.error(path, (1, 1), exc.reason, exc.hint)
    except UnicodeDecodeError as exc:
        f.error(path, (1, 1), f"{name} is not UTF-8 text (byte {exc.start})", "save it as UTF-8")
    return ""


MAX_PIXELS = 40_000_000  # 6,000 × 6,600: more than any printed page needs at 300 ppi
IMAGE_LIMIT = 64 * sandbox.MB  # bytes of one image file, read whole


def image_bytes(path, roots) -> bytes:
    """An image file's bytes, read once, where it is used, through the sandbox: a regular
    file inside ``roots`` (the event folder, the build's image cache), not a link out nor a
    hard link, at most ``IMAGE_LIMIT`` bytes. A file swapped for a link after the checks
    is refused here too."""
    return sandbox.read_bytes(path, list(roots), IMAGE_LIMIT, Path(path).name, single_link=True)


def check_image(r: Reader, node, path: Path, width_mm: float | None = None) -> None:
    """Readable image, of a sane pixel count (checked before decoding), and at
    least 300 ppi at its printed width (warning; ``width_mm`` None: the book
    checks it at the size it prints, book/outputs/book.py)."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    hint = f"scale it down to at most {MAX_PIXELS // 1_000_000} million pixels"
    size = path.stat().st_size
    if size > IMAGE_LIMIT:  # a small picture with a huge extra chunk is refused before it is opened
        r.err(
            node,
            f"image `{path.name}` is {size:,} bytes, more than an image a book prints ({IMAGE_LIMIT:,})",
            "save it again (PNG or JPEG) without extra data",
        )
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # our own, lower limit is checked below
            try:
                image = Image.open(path)  # reads the header only
            finally:
                Image.MAX_IMAGE_PIXELS = limit
            with image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    r.err(
                        node, f"image `{path.name}` is {width:,} × {height:,} pixels, more than a build decodes", hint
                    )
                    return
                image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        r.err(node, f"image `{path.name}` cannot be read ({exc.__class__.__name__})", "save it as PNG or JPEG")
        return
    if width_mm is None:
        return
    ppi = width / (width_mm / 25.4)
    if ppi < 300:
        r.warn(
            node,
            f"image `{path.name}` is {ppi:.0f} ppi at {width_mm:g} mm wide, under the 300 ppi print needs",
            f"supply at least {round(300 * width_mm / 25.4)} pixels wide, or print it smaller",
        )


MAX_SVG = 2 * sandbox.MB
MAX_SVG_ELEMENTS = 50_000


def check_svg(r: Reader, node, path: Path) -> None:
    """An SVG the renderer can draw in bounded time: at most 2 MB and 50,000 elements, no
    DOCTYPE or entities, and no ``<use>`` of an element that holds a ``<use>`` itself (each
    level would multiply what is drawn: a few lines can ask for billions of shapes)."""
    import xml.etree.ElementTree as ET

    name = path.name
    try:
        data = sandbox.read_bytes(path, [path.parent], MAX_SVG, f"image `{name}`", single_link=True)
    except sandbox.Refused as exc:
        r.err(node, exc.reason, exc.hint)
        return
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        r.err(node, f"image `{name}` declares a DOCTYPE or entities, which are not read", "save it without them")
        return
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        r.err(node, f"image `{name}` is not an SVG that can be read ({exc})", "save it again as plain SVG")
        return
    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        r.err(
            node, f"image `{name}` has {len(elements):,} elements, more than a logo needs", "simplify it, or use a PNG"
        )
        return
    by_id = {e.get("id"): e for e in elements if e.get("id")}

    def href(e):
        return (e.get("href") or e.get("{http://www.w3.org/1999/xlink}href") or "").lstrip("#")

    for use in (e for e in elements if e.tag.rsplit("}", 1)[-1] == "use"):
        target = by_id.get(href(use))
        if target is not None and any(x.tag.rsplit("}", 1)[-1] == "use" for x in target.iter()):
            r.err(
                node,
                f"image `{name}` uses an element that itself uses others (`<use>` within `<use>`), which "
                "multiplies what is drawn",
                "flatten the logo (Inkscape: Edit → Clone → Unlink Clone), or use a PNG",
            )
            return


def list_file(folder, name, f, texts, langs, required):
    path, doc = read_file(folder, name, f, required)
    r = Reader(path, f, texts, langs)
    if doc is None:
        if required and path.exists() and not any(x.file.endswith(name) for x in f.items):
            f.error(path, (1, 1), f"{name} is empty", "add the list of entries, each starting with `- `")
        return r, LList()
    return r, r.seq(doc, name)


def unique(r: Reader, seen: dict, ident, node, what):
    if ident is None:
        return False
    if ident in seen:
        r.err(node, f"duplicate {what} id `{ident}` (first defined on line {seen[ident]})", "give each one its own id")
        return False
    seen[ident] = node.pos[0]
    return True


def load_records(folder, f, texts, langs, name, what, keys, required, make, file_required=False) -> dict:
    """Read a list of records with unique ids; ``make(reader, mapping, id)`` builds one."""
    r, items = list_file(folder, name, f, texts, langs, file_required)
    out, seen = {}, {}
    for m in r.records(items, f"a {what}", keys, required):
        ident = r.ident(m.get("id"), f"{what} id")
        record = make(r, m, ident)
        if unique(r, seen, ident, m, what):
            out[ident] = record
    return out
