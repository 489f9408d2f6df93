"""The no-op check: is the previous build of this event still current?

It runs before anything heavy is imported. The inputs key hashes every file
of the event folder, the project's code, templates, CSS and font declaration,
the installed library versions, the font files' identity, the build options
and SOURCE_DATE_EPOCH. When it equals the key recorded in ``build.json`` and
every listed output is on disk with its recorded size, nothing needs doing.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("weasyprint", "pypdf", "fonttools", "uharfbuzz", "pydyf", "tinycss2", "babel", "segno", "jinja2", "pyyaml")


def _files(folder: Path, pattern="**/*"):
    return sorted(p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def _hash_files(digest, folder: Path, pattern="**/*") -> None:
    for path in _files(folder, pattern):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())


def tool_digest() -> str:
    """The tool itself: code, templates and CSS, the font declaration, library versions."""
    digest = hashlib.sha256()
    _hash_files(digest, ROOT / "book", "**/*.py")
    _hash_files(digest, ROOT / "templates")
    _hash_files(digest, ROOT / "fonts", "*.yaml")
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


def inputs_key(event_dir: Path, options: dict) -> str:
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    digest.update(tool_digest().encode())
    _hash_files(digest, Path(event_dir))
    # Every candidate font file the declaration names, by size and time (their
    # bytes are hashed into the subsets' names; reading 80 MB here would not
    # be a no-op).
    declaration = (ROOT / "fonts" / "fonts.yaml").read_text(encoding="utf-8")
    for candidate in re.findall(r"^\s*-\s*(\S+)\s*$", declaration, re.M):
        path = Path(candidate) if Path(candidate).is_absolute() else ROOT / "fonts" / candidate
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def up_to_date(event_dir: Path, out_root: Path, options: dict) -> dict | None:
    """The previous manifest if the build is current, else None."""
    event_dir = Path(event_dir)
    if not (event_dir / "event.yaml").is_file():
        return None
    for manifest_path in Path(out_root).glob("*/build.json"):
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if Path(manifest.get("source", "")).resolve() != event_dir.resolve():
            continue
        if manifest.get("inputs_key") != inputs_key(event_dir, options):
            return None
        for entry in manifest.get("outputs", []):
            path = manifest_path.parent / entry["path"]
            if not path.is_file() or path.stat().st_size != entry["bytes"]:
                return None
        return manifest
    return None
