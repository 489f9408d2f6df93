"""Keys: what a build's outputs depend on, as hashes.

* The *tool key* covers the tool itself: its code, templates, CSS and font
  declaration, the code and folders of the output kinds from outside the
  project, and the installed library versions.
* A *job key* covers everything one output's file depends on: its rendered
  HTML (machine paths removed), its layout settings and manifest fields,
  the keys of the outputs it is made from, and the tool key. An output
  whose key and file match the previous manifest is not made again.
* The *inputs key* covers a whole build: the event folder's entries, the
  options, the font files' identity and the tool key. When it equals the one
  in ``build.json`` and every listed file is on disk, the build is a no-op;
  :func:`up_to_date` answers that before anything heavy is imported.

The event folder may come from a stranger, so its key opens no file: each
entry counts by what ``lstat`` says of it (name, kind, size, times, inode; a
link by its target's name, never followed), up to ``MAX_ENTRIES``. Any save
changes the change time, which no program can set back, so an edit is never
missed; a link to a secret, or a 6 GB file no data names, is never read.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path

from ..paths import FONTS, PACKAGE, TEMPLATES

PACKAGES = (
    "weasyprint",
    "pypdf",
    "fonttools",
    "uharfbuzz",
    "pydyf",
    "tinycss2",
    "babel",
    "segno",
    "jinja2",
    "pyyaml",
    "markdown-it-py",
)


MAX_ENTRIES = 100_000  # an event folder with more is never up to date: each build checks it afresh


def _folder_entries(digest, folder: Path) -> None:
    """Every entry under ``folder`` by its ``lstat``, links not followed, no file opened."""
    count = 0
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(here, d))]:
            path = os.path.join(here, name)
            count += 1
            if count > MAX_ENTRIES:
                digest.update(os.urandom(16))  # too many to trust a key: never up to date
                return
            try:
                st = os.lstat(path)
                target = os.readlink(path) if os.path.islink(path) else ""
            except OSError:
                continue
            digest.update(
                f"{os.path.relpath(path, folder)}\0{st.st_mode}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:"
                f"{st.st_ino}:{target}\n".encode("utf-8", "surrogateescape")
            )


def _files(folder: Path, pattern="**/*"):
    return sorted(p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def _hash_files(digest, folder: Path, pattern="**/*") -> None:
    for path in _files(folder, pattern):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())


@cache
def tool_key() -> str:
    """The tool itself: code, templates and CSS, the font declaration, outside kinds, library versions."""
    from ..outputs import kinds

    digest = hashlib.sha256()
    _hash_files(digest, PACKAGE, "**/*.py")
    _hash_files(digest, TEMPLATES)
    _hash_files(digest, FONTS, "*.yaml")
    for kind in kinds():
        module = Path(inspect.getfile(type(kind)))
        if PACKAGE not in module.parents:
            digest.update(kind.name.encode() + module.read_bytes())
            if kind.folder:
                _hash_files(digest, Path(kind.folder))
    for package in PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()


def job_key(job, identity: str, needs: str = "") -> str:
    """The key of one output: ``identity`` is its HTML without machine paths,
    ``needs`` the keys of the outputs it is made from."""
    digest = hashlib.sha256(tool_key().encode())
    layout = job.layout
    settings = [job.kind, job.path, job.edition, job.entry, job.options]
    if layout is not None:
        settings += [
            [(t.css, t.body_class) for t in layout.tiers],
            layout.max_pages,
            layout.parts,
            sorted(map(str, layout.pdf_options.items())),
            layout.stylesheets,
        ]
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(identity.encode())
    digest.update(needs.encode())
    return digest.hexdigest()


def inputs_key(event_dir: Path, options: dict) -> str:
    from ..typeset.fonts import declared_files

    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    digest.update(tool_key().encode())
    _folder_entries(digest, Path(event_dir))
    # Every candidate font file the declaration names, by size and time (their
    # bytes are hashed into the subsets' names; reading 80 MB here would not
    # be a no-op).
    for path in declared_files():
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def up_to_date(event_dir: Path, out_root: Path, options: dict) -> dict | None:
    """The previous manifest if the build is current, else None."""
    event_dir = Path(event_dir)
    if not (event_dir / "event.yaml").is_file():
        return None
    from .publish import built_from, previous_entries, read_manifest

    for manifest_path in Path(out_root).glob("*/build.json"):
        manifest = read_manifest(manifest_path)
        if not built_from(manifest, event_dir):
            continue
        if manifest.get("inputs_key") != inputs_key(event_dir, options):
            return None
        entries = previous_entries(manifest_path.parent)
        if not entries or len(entries) != len(manifest.get("outputs") or ()):
            return None  # an entry the tool could not have made: build, and say so then
        for entry in entries:
            path = manifest_path.parent / entry["path"]
            if not path.is_file() or path.stat().st_size != entry.get("bytes"):
                return None
        return manifest
    return None
