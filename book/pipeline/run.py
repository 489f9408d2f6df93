"""One build: event folder in, PDFs and ``build.json`` out.

Stages: check the event (book/pipeline/check_event.py) → the jobs every output kind
plans → their draft HTML and each output's font subsets (book/pipeline/drafts.py) →
the outputs whose inputs changed (book/pipeline/jobs.py, in parallel) →
published under a lock with the manifest (book/pipeline/publish.py). A failed
build leaves the previous outputs and manifest exactly as they were.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .. import __version__, sandbox
from ..errors import BuildError
from ..outputs import kinds
from ..outputs.base import PlanContext
from ..paths import TEMPLATES
from ..typeset.css import root_tokens
from ..typeset.templates import Context, Part, render_html
from ..wording import count
from . import publish
from .check_event import check
from .drafts import drafts
from .jobs import make_all
from .keys import inputs_key
from .options import BuildOptions


def build_date(event) -> datetime:
    """The document date: SOURCE_DATE_EPOCH, else the data version, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    try:
        day = datetime.fromisoformat(event.data_version)
        return day if day.tzinfo else day.replace(tzinfo=ZoneInfo(event.timezone))
    except ValueError:
        return datetime.now(UTC).replace(microsecond=0)


def versions() -> dict:
    import fontTools
    import uharfbuzz
    import weasyprint

    from ..typeset.patches import pango_version

    return {
        "programme-book": __version__,
        "weasyprint": weasyprint.__version__,
        "pango": pango_version(),
        "fonttools": fontTools.version,
        "uharfbuzz": uharfbuzz.__version__,
        "harfbuzz": uharfbuzz.version_string(),
        "python": ".".join(map(str, sys.version_info[:3])),
    }


class Quiet:
    """Progress that says nothing (the default; the command line shows it)."""

    def phase(self, message: str) -> None:
        pass

    def made(self, entry: dict, done: int, total: int) -> None:
        pass


def build(
    event_dir: Path, out_root: Path = Path("out"), options: BuildOptions = BuildOptions(), progress=None, workers=None
) -> dict:
    """Build every output kind (or ``options.only`` those kinds) of one event.

    Outputs whose inputs did not change are kept (see book/pipeline/jobs.py). A
    partial build (``only`` or ``editions``) keeps the manifest entries of
    the outputs it did not touch. One build at a time reads an event folder
    and works in an output folder (book/pipeline/publish.py), so two builds
    never mix their outputs.
    """
    started = time.perf_counter()
    event_dir = Path(event_dir)
    progress = progress or Quiet()
    with publish.source_lock(out_root, event_dir):
        return _build(event_dir, Path(out_root), options, progress, workers, started)


def _build(event_dir: Path, out_root: Path, options: BuildOptions, progress, workers, started: float) -> dict:
    progress.phase("checking the event")
    read_key = inputs_key(event_dir, options.key())  # the files as this build read them
    loaded, faces, findings = check(event_dir)
    if loaded.event is None or any(f.severity == "error" for f in findings):
        raise BuildError("the event data has errors; nothing was built", findings)
    event = loaded.event
    out_dir = Path(out_root) / event.id
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = Path(out_root) / ".cache"
    with publish.build_lock(out_dir), publish.scratch(cache):
        publish.check_owner(out_dir, event_dir, event.id, options.force)
        publish.remove_stale_temps(out_dir)
        progress.phase("planning")
        jobs, notes, ctx = _plan(event, event_dir, options, cache)
        progress.phase("subsetting the fonts")
        drafted = drafts(jobs, ctx, faces, event_dir, cache)
        distrusted: list[str] = []
        old = publish.previous_entries(out_dir, distrusted)
        notes += distrusted
        stale = publish.stale(old, jobs, options)
        previous = {} if options.force else {e.get("path"): e for e in old}
        temps = [publish.temp_path(out_dir / job.path) for job in jobs]
        for tmp in temps:
            tmp.parent.mkdir(parents=True, exist_ok=True)
        made = []
        try:
            entries, made, failed = make_all(jobs, temps, ctx, drafted, previous, out_dir, progress, workers)
            pages = _html_copies(jobs, entries, made, drafted.contexts) if options.html else []
            if options.html:
                publish.write_html(out_dir / "html", pages, drafted.font_files)
            kept = publish.merge_previous(out_dir, old, entries, stale) if options.only or options.editions else entries
            notes += [e["note"] for e in kept if e.get("note")]  # what finishing an output found
            if inputs_key(event_dir, options.key()) != read_key:
                notes.append(
                    "the event folder changed during the build: these outputs show it as it was read; "
                    "build again to include the change"
                )
            manifest = publish.manifest(
                event,
                event_dir,
                ctx.build_date,
                started,
                faces,
                findings,
                notes,
                versions(),
                [m.path for m in made],
                kept,
            )
            manifest["inputs_key"] = read_key if not failed else ""  # a build with failures is not current
            manifest["failed"] = [{"path": f.path, "error": f.error} for f in failed]
            publish.publish(
                out_dir,
                manifest,
                [
                    (tmp, out_dir / job.path)
                    for job, tmp in zip(jobs, temps, strict=True)
                    if job.path in manifest["rebuilt"]
                ]
                + [f for m in made for f in m.files],
                stale,
            )
        finally:
            publish.remove_own_temps(out_dir, temps + [tmp for m in made for tmp, _ in m.files])
    if failed:
        raise PartialBuild(manifest)
    return manifest


class PartialBuild(BuildError):
    """Some outputs could not be made; the others were published (``manifest``)."""

    def __init__(self, manifest: dict):
        failed, made = manifest["failed"], len(manifest["rebuilt"])
        what = (
            f"{len(failed)} of {count(len(failed) + made, 'output')} could not be made; the others were built"
            if made
            else f"{count(len(failed), 'output')} could not be made"
        )
        super().__init__(
            f"{what}, and each failed one keeps its previous file:\n" + "\n".join(f"  {f['error']}" for f in failed)
        )
        self.manifest = manifest


def _plan(event, event_dir: Path, options: BuildOptions, cache: Path):
    """The jobs of the chosen kinds and editions, their notes, and the rendering context."""
    when = build_date(event)
    chosen = [k for k in kinds() if not options.only or k.name in options.only]
    style_dirs = tuple(str(k.folder) for k in chosen if k.folder) + (str(TEMPLATES),)
    plan_ctx = PlanContext(
        when=when,
        editions=options.editions or None,
        cache=cache,
        style_dirs=style_dirs,
        theme=root_tokens(event.style),
        press_theme=root_tokens(event.press_style),
        event_css=event.style,
    )
    plans = [k.plan(event, plan_ctx) for k in chosen]
    jobs = _selected([job for plan in plans for job in plan.jobs], options.editions)
    notes = [note for plan in plans for note in plan.notes]
    ctx = Context(
        template_dirs=style_dirs,
        style_dirs=style_dirs,
        build_date=when.isoformat(),
        links=((event_dir / "style.css").resolve().as_uri(),) if event.style else (),
        overrides=_overrides(event_dir),
    )
    return jobs, notes, ctx


def _selected(jobs, editions):
    """The jobs of the chosen editions (all when none are chosen), and of the outputs they need."""
    kept = [job for job in jobs if not editions or job.edition in editions]
    paths = {job.path for job in kept}
    return [job for job in kept if all(need in paths for need in job.needs)]


def _overrides(event_dir: Path) -> str:
    """The event's templates folder, which must lie inside the event folder."""
    folder = event_dir / "templates"
    if not folder.exists() and not folder.is_symlink():
        return ""
    if not folder.is_dir() or not sandbox.inside(folder, [event_dir]):
        raise BuildError(
            f"{folder}: the templates folder is a link to a folder outside the event folder, or not a "
            "folder; templates are read only from inside the event folder (copy them into it)"
        )
    return str(folder)


def _html_copies(jobs, entries, made, contexts) -> list[tuple[str, str]]:
    """Each layout's HTML as one document, at the tier it was laid out with."""
    html_of = {m.path: m.html for m in made}
    entry_of = {e["path"]: e for e in entries}
    out = []
    for job in jobs:
        entry = entry_of.get(job.path)
        if job.layout is None or entry is None or job.path not in contexts:  # not made, nor kept
            continue
        html = html_of.get(job.path)
        if not html:  # a book in parts, or kept from the last build: its tier is in the manifest
            tier = next((t for t in job.layout.tiers if t.name == entry.get("layout")), job.layout.tiers[0])
            html = render_html(contexts[job.path], job.layout, tier, Part())
        out.append((job.path, html))
    return out
