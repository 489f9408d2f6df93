"""One build: event folder in, PDFs and ``build.json`` out.

Stages: load and check → jobs from every output kind → HTML → fonts
(coverage of the pages' text, subsets) → PDFs of the jobs whose inputs
changed (book/execute.py, in parallel) → atomic replace under a lock →
manifest. Every PDF is first written to a temporary file beside its target
and renamed into place only when the whole build succeeded, so a failed build
leaves the previous outputs and manifest exactly as they were.
"""
from __future__ import annotations

import fcntl
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

from . import __version__, fonts
from .errors import BuildError, Finding
from .load import load_event
from .outputs import KINDS
from .cssvars import compile_css, stylesheet_text
from .execute import run_jobs
from .fastpath import inputs_key
from .korean import WORD_JOINER
from .render import TEMPLATES, environment

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


def visible_chars(html: str) -> str:
    """Characters a page draws; word joiners are invisible and need no glyph."""
    text = htmlmod.unescape(TAG_RE.sub(" ", STYLE_RE.sub(" ", html)))
    return "".join(sorted(set(text) - {WORD_JOINER}))


def check(event_dir: Path):
    """Load, check and test font coverage; return (loaded, faces, findings)."""
    loaded = load_event(event_dir)
    findings = loaded.findings.sorted()
    faces = None
    if loaded.event is not None:
        faces = fonts.resolve()
        findings += fonts.check_coverage(loaded.texts, faces)
    return loaded, faces, findings


def versions() -> dict:
    import sys

    import fontTools
    import uharfbuzz
    import weasyprint
    from weasyprint.text.ffi import pango
    v = pango.pango_version()
    return {"programme-book": __version__, "weasyprint": weasyprint.__version__,
            "pango": f"{v // 10000}.{v // 100 % 100}.{v % 100}", "fonttools": fontTools.version,
            "uharfbuzz": uharfbuzz.__version__, "harfbuzz": uharfbuzz.version_string(),
            "python": ".".join(map(str, sys.version_info[:3]))}


def renderer(env, when: datetime, font_css: str):
    """``render(job, tier)``: a job's HTML, with the project stylesheets inlined
    and their :root tokens resolved (book/cssvars.py); an event's own
    style.css stays a link, fetched through the sandbox."""
    def render(job, tier=("", "", "")):
        own = [s for s in job.stylesheets if "://" not in s]
        css = compile_css([font_css, job.head_css, *(stylesheet_text(s, TEMPLATES) for s in own), tier[1]])
        try:
            return env.get_template(job.template).render(
                v=job.view, labels=job.view.labels, head_css=css, build_date=when.isoformat(),
                stylesheets=[s for s in job.stylesheets if "://" in s], tier_class=tier[2])
        except jinja2.TemplateNotFound as exc:
            raise BuildError(f"template {job.template}: `{exc.name}` is not a template in the event's or the "
                             "project's templates folder (paths outside them are refused)") from None
        except jinja2.TemplateError as exc:
            where = f"{getattr(exc, 'filename', None) or job.template}:{getattr(exc, 'lineno', None) or 1}"
            raise BuildError(f"template {where}: {exc.message or exc.__class__.__name__}") from None
    return render


def build(event_dir: Path, out_root: Path = Path("out"), keep_html=False, editions=None, progress=None,
          only=None, workers=None, inputs=None, force=False) -> dict:
    """Build every output kind (or ``only`` those kinds) of one event.

    Outputs whose inputs did not change are kept (see book/execute.py). A
    partial build (``only`` or ``editions``) keeps the manifest entries of
    the outputs it did not touch.
    """
    started = time.perf_counter()
    event_dir = Path(event_dir)
    say = progress or (lambda message: None)
    loaded, faces, findings = check(event_dir)
    errors = [f for f in findings if f.severity == "error"]
    if errors or loaded.event is None:
        raise BuildError("the event data has errors; nothing was built", findings)
    event = loaded.event
    out_dir = Path(out_root) / event.id
    out_dir.mkdir(parents=True, exist_ok=True)
    when = build_date(event)
    settings = {"build_date": when.isoformat(), "editions": editions, "as_of": when,
                "cache": Path(out_root) / ".cache"}

    kinds = [k for k in KINDS if not only or k.kind in only]
    jobs = [job for kind in kinds for job in kind().jobs(event, settings)]
    overrides = event_dir / "templates"
    env = environment([overrides] if overrides.is_dir() else [])
    if (event_dir / "style.css").is_file():
        for job in jobs:
            job.stylesheets.append((event_dir / "style.css").resolve().as_uri())
    _remove_stale_temps(out_dir)

    draft = renderer(env, when, "")
    drafts = {id(job): draft(job) for job in jobs if not job.produce}
    chars = set()
    for html in drafts.values():
        chars |= set(visible_chars(html))
    missing = sorted(((c, face) for c in chars if c not in "\n\r\t" for face in faces.values()
                      if ord(c) not in fonts.covered(face)), key=lambda m: (m[0], m[1].family, m[1].weight))
    if missing:
        raise BuildError("the pages would use characters the declared fonts lack", [
            Finding("templates/labels.yaml", 1, 1, "error",
                    f"the character “{c}” (U+{ord(c):04X}) is not in {face.family} {face.weight}",
                    "change the label or date format, or declare a font that has it") for c, face in missing])
    cache = Path(out_root) / ".cache" / "fonts"
    subsets = fonts.subset_all(faces, "".join(chars), cache)
    font_css = fonts.font_face_css(subsets, faces)
    render = renderer(env, when, font_css)
    # A job's HTML is its draft with the font CSS added, so the draft and the
    # font CSS (with machine paths removed) identify it without rendering it again.
    portable_fonts = font_css.replace(cache.resolve().as_uri(), "")

    def identity(job):
        return drafts[id(job)] + portable_fonts

    previous = {} if force else {e.get("path"): e for e in _previous_entries(out_dir)}
    temps = [(out_dir / job.path).with_name(f".{Path(job.path).name}.{os.getpid()}.tmp") for job in jobs]
    for tmp in temps:
        tmp.parent.mkdir(parents=True, exist_ok=True)
    extras = []
    try:
        entries, extras, rebuilt = run_jobs(jobs, temps, render, identity, [event_dir, cache], previous, out_dir,
                                            say, workers)
        if keep_html:
            pages = [job for job in jobs if not job.produce]
            for job, entry in zip(jobs, entries):
                if not job.produce and not job.html:  # kept from the last build: its tier is in the manifest
                    job.tier = next((t for t in job.tiers if t[0] == entry.get("layout")), job.tiers[0])
                    job.html = render(job, job.tier)
        with _publish_lock(out_dir):
            if keep_html:  # under the lock: another build may be replacing the same folder
                _write_html(out_dir / "html", pages, subsets, faces)
            for job, tmp in zip(jobs, temps):
                if job.path in rebuilt:
                    os.replace(tmp, out_dir / job.path)
            for tmp, target in extras:
                os.replace(tmp, target)
            kept = _merge_previous(out_dir, entries) if only or editions else entries
            manifest = _manifest(event, event_dir, when, started, faces, findings, settings, rebuilt, kept)
            options = inputs if inputs is not None else {"only": sorted(only or []), "editions": sorted(editions or []),
                                                         "html": keep_html}
            manifest["inputs_key"] = inputs_key(event_dir, options)
            tmp = out_dir / f".build.json.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            os.replace(tmp, out_dir / "build.json")
    finally:
        for tmp in temps + [t for t, _ in extras]:
            if tmp.exists():
                tmp.unlink()
        # Also those of workers stopped before they reported back (Ctrl-C, a failed job).
        for tmp in out_dir.rglob(f".*.{os.getpid()}.tmp"):
            tmp.unlink(missing_ok=True)
    return manifest


def _previous_entries(out_dir: Path) -> list[dict]:
    try:
        return json.loads((out_dir / "build.json").read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError, KeyError):
        return []


def _manifest(event, event_dir, when, started, faces, findings, settings, rebuilt, entries) -> dict:
    return {
        "event": event.id, "source": str(event_dir), "built_for": when.isoformat(),
        "duration_s": round(time.perf_counter() - started, 3), "versions": versions(),
        "fonts": {f"{r}-{w}": {"family": f.family, "file": str(f.path), "postscript_name": f.postscript_name,
                               "version": f.version, "bytes": f.path.stat().st_size}
                  for (r, w), f in sorted(faces.items())},
        "warnings": [f.format() for f in findings if f.severity == "warning"],
        "notes": settings.get("notes", []),
        "outputs": entries,
        "rebuilt": rebuilt,
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
    previous = _previous_entries(out_dir)
    rebuilt = {e["path"] for e in entries}
    kept = [e for e in previous if e.get("path") not in rebuilt and (out_dir / e.get("path", "")).is_file()]
    return kept + entries


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
