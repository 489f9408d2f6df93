"""One build: event folder in, PDFs and ``build.json`` out.

Stages: load and check → fonts (coverage, subsets) → jobs from every output
kind → HTML → PDF → post-processing → atomic replace → manifest. Every PDF is
first written to a temporary file beside its target and renamed into place
only when the whole build succeeded, so a failed build leaves the previous
outputs and manifest exactly as they were.
"""
from __future__ import annotations

import fcntl
import hashlib
import html as htmlmod
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
from markupsafe import Markup
from pypdf import PdfReader

from . import __version__, fonts
from .errors import BuildError, Finding
from .load import load_event
from .outputs import KINDS
from .pdfpost import finish_pdf
from .render import TEMPLATES, TooManyPages, environment, write_pdf

TAG_RE = re.compile(r"<[^>]+>")
STYLE_RE = re.compile(r"<(style|title)[^>]*>.*?</\1>", re.S)


def build_date(event) -> datetime:
    """The document date: SOURCE_DATE_EPOCH, else the data version, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    try:
        day = datetime.fromisoformat(event.data_version)
        return day if day.tzinfo else day.replace(tzinfo=ZoneInfo(event.timezone))
    except ValueError:
        return datetime.now(timezone.utc).replace(microsecond=0)


def data_hash(event_dir: Path) -> str:
    """A short hash of the event's data files, printed on staff sheets."""
    digest = hashlib.sha256()
    for path in sorted(Path(event_dir).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:8]


def visible_chars(html: str) -> str:
    text = htmlmod.unescape(TAG_RE.sub(" ", STYLE_RE.sub(" ", html)))
    return "".join(sorted(set(text)))


def check(event_dir: Path):
    """Load, check and test font coverage; return (loaded, faces, findings)."""
    loaded = load_event(event_dir)
    findings = loaded.findings.sorted()
    faces = None
    if loaded.event is not None:
        faces = fonts.resolve()
        findings += fonts.check_coverage(loaded.texts, faces)
    return loaded, faces, findings


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def versions() -> dict:
    import sys

    import fontTools
    import weasyprint
    from weasyprint.text.ffi import pango
    v = pango.pango_version()
    return {"programme-book": __version__, "weasyprint": weasyprint.__version__,
            "pango": f"{v // 10000}.{v // 100 % 100}.{v % 100}", "fonttools": fontTools.version,
            "python": ".".join(map(str, sys.version_info[:3]))}


def build(event_dir: Path, out_root: Path = Path("out"), keep_html=False, editions=None, progress=None,
          only=None) -> dict:
    """Build every output kind (or ``only`` those kinds) of one event.

    A partial build (``only`` or ``editions``) keeps the manifest entries of
    the outputs it did not rebuild.
    """
    started = time.perf_counter()
    event_dir = Path(event_dir)
    loaded, faces, findings = check(event_dir)
    errors = [f for f in findings if f.severity == "error"]
    if errors or loaded.event is None:
        raise BuildError("the event data has errors; nothing was built", findings)
    event = loaded.event
    out_dir = Path(out_root) / event.id
    out_dir.mkdir(parents=True, exist_ok=True)
    when = build_date(event)
    settings = {"build_date": when.isoformat(), "editions": editions, "as_of": when,
                "data_hash": data_hash(event_dir), "cache": Path(out_root) / ".cache"}

    kinds = [k for k in KINDS if not only or k.kind in only]
    jobs = [job for kind in kinds for job in kind().jobs(event, settings)]
    overrides = event_dir / "templates"
    env = environment([overrides] if overrides.is_dir() else [])
    if (event_dir / "style.css").is_file():
        for job in jobs:
            job.stylesheets.append((event_dir / "style.css").resolve().as_uri())
    _remove_stale_temps(out_dir)

    def render(job, font_css, tier=("", "", "")):
        try:
            return env.get_template(job.template).render(
                v=job.view, labels=job.view.labels, head_css=font_css + "\n" + job.head_css,
                build_date=when.isoformat(), stylesheets=job.stylesheets, tier_css=Markup(tier[1]),
                tier_class=tier[2])
        except jinja2.TemplateNotFound as exc:
            raise BuildError(f"template {job.template}: `{exc.name}` is not a template in the event's or the "
                             "project's templates folder (paths outside them are refused)") from None
        except jinja2.TemplateError as exc:
            where = f"{getattr(exc, 'filename', None) or job.template}:{getattr(exc, 'lineno', None) or 1}"
            raise BuildError(f"template {where}: {exc.message or exc.__class__.__name__}") from None

    chars = set()
    for job in jobs:
        if not job.produce:
            chars |= set(visible_chars(render(job, "")))
    missing = sorted((c, face) for c in chars if c not in "\n\r\t" for face in faces.values()
                     if ord(c) not in fonts.covered(face))
    if missing:
        raise BuildError("the pages would use characters the declared fonts lack", [
            Finding("templates/labels.yaml", 1, 1, "error",
                    f"the character “{c}” (U+{ord(c):04X}) is not in {face.family} {face.weight}",
                    "change the label or date format, or declare a font that has it") for c, face in missing])
    cache = Path(out_root) / ".cache" / "fonts"
    subsets = fonts.subset_all(faces, "".join(chars), cache)
    font_css = fonts.font_face_css(subsets, faces)

    temps: list[tuple[Path, Path]] = []
    entries = []
    written: dict[str, Path] = {}
    try:
        for job in jobs:
            target = out_dir / job.path
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temps.append((tmp, target))
            if progress:
                progress(job)
            if job.before:
                job.before(entries, written)
            if job.produce:
                job.produce(tmp, written)
            else:
                roots = [event_dir, *job.roots, cache]
                layout = _write_fitted(job, lambda tier: render(job, font_css, tier), tmp, roots)
                if len(job.tiers) > 1:
                    job.manifest["layout"] = layout
                if job.page_multiple:
                    _pad_pages(job, lambda tier: render(job, font_css, tier), tmp, roots)
            for step in job.post:
                step(tmp, job)
            finish_pdf(tmp, job)
            written[job.path] = tmp
            temps.extend(job.manifest.pop("extra_files", []))
            entries.append({"kind": job.kind, **job.manifest, "path": job.path,
                            "pages": len(PdfReader(tmp).pages), "bytes": tmp.stat().st_size,
                            "sha256": _sha256(tmp)})
        if keep_html:
            _write_html(out_dir / "html", jobs, subsets, faces)
        with _publish_lock(out_dir):
            for tmp, target in temps:
                os.replace(tmp, target)
            manifest = _manifest(event, event_dir, when, started, faces, findings, settings, jobs,
                                 _merge_previous(out_dir, entries) if only or editions else entries)
            tmp = out_dir / f".build.json.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            os.replace(tmp, out_dir / "build.json")
    finally:
        for tmp, _ in temps:
            if tmp.exists():
                tmp.unlink()
    return manifest


def _manifest(event, event_dir, when, started, faces, findings, settings, jobs, entries) -> dict:
    return {
        "event": event.id, "source": str(event_dir), "built_for": when.isoformat(),
        "duration_s": round(time.perf_counter() - started, 3), "versions": versions(),
        "fonts": {f"{r}-{w}": {"family": f.family, "file": str(f.path), "postscript_name": f.postscript_name,
                               "version": f.version, "bytes": f.path.stat().st_size}
                  for (r, w), f in sorted(faces.items())},
        "warnings": [f.format() for f in findings if f.severity == "warning"],
        "notes": settings.get("notes", []),
        "outputs": entries,
        "rebuilt": [job.path for job in jobs],
    }


@contextmanager
def _publish_lock(out_dir: Path):
    """One build at a time renames its files and writes the manifest, so two
    concurrent builds never leave a mix of each other's outputs."""
    with open(out_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remove_stale_temps(out_dir: Path):
    """Temporary files left by a build that was killed (its process is gone)."""
    for tmp in out_dir.rglob(".*.tmp"):
        try:
            pid = int(tmp.name.rsplit(".", 2)[-2])
            os.kill(pid, 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (ValueError, PermissionError, IndexError):
            continue



def _merge_previous(out_dir: Path, entries: list[dict]) -> list[dict]:
    try:
        previous = json.loads((out_dir / "build.json").read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError, KeyError):
        return entries
    rebuilt = {e["path"] for e in entries}
    kept = [e for e in previous if e.get("path") not in rebuilt and (out_dir / e.get("path", "")).is_file()]
    return kept + entries


def _write(job, tmp: Path, roots) -> int:
    identity = job.html.replace(Path(roots[-1]).resolve().as_uri(), "")
    return write_pdf(job.html, tmp, roots=roots, max_pages=job.max_pages, identity=identity, **job.pdf_options)


def _write_fitted(job, render, tmp: Path, roots) -> str:
    """Write the first layout tier that fits ``job.max_pages``; name it."""
    tried = []
    for tier in job.tiers:
        job.html = render(tier)
        try:
            _write(job, tmp, roots)
            job.tier = tier
            return tier[0]
        except TooManyPages as exc:
            tried.append(f"{tier[0]}: {exc.pages} pages")
    raise BuildError(f"{job.fit_error} (tried {'; '.join(tried)})")


def _pad_pages(job, render, tmp: Path, roots) -> None:
    """Add Notes pages before the back cover until the count is a multiple."""
    pages = len(PdfReader(tmp).pages)
    if pages % job.page_multiple == 0:
        return
    job.view.notes_pages = (-pages) % job.page_multiple
    job.html = render(job.tier)
    pages = _write(job, tmp, roots)
    if pages % job.page_multiple:
        raise BuildError(f"{job.path}: {pages} pages after padding, not a multiple of {job.page_multiple}")


def _write_html(html_dir: Path, jobs, subsets, faces):
    """Keep the rendered HTML and CSS for designers to open in a browser."""
    if html_dir.exists():
        shutil.rmtree(html_dir)
    (html_dir / "fonts").mkdir(parents=True)
    shutil.copytree(TEMPLATES / "css", html_dir / "css")
    for path in subsets.values():
        shutil.copy2(path, html_dir / "fonts" / path.name)
    for job in jobs:
        html = job.html
        for path in subsets.values():
            html = html.replace(path.resolve().as_uri(), f"fonts/{path.name}")
        target = html_dir / (Path(job.path).with_suffix(".html").as_posix().replace("/", "-"))
        target.write_text(html, encoding="utf-8")
