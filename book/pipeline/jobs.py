"""Making a build's outputs: skip what did not change, lay the rest out in parallel.

Every job has a key (book/pipeline/keys.py). A job whose key and file match the
previous manifest is kept. The others are made in worker processes, each
given everything it needs as one :class:`Task`: the job, its temporary
file, the rendering context and the folders it may read; the jobs of a fit
group (book/pipeline/fitting.py) go to one worker together. Jobs made from
other outputs (``needs``: the proof booklet, the perfect-binding cover) are
made afterwards in the build's own process, once those outputs exist. In
``book watch`` the workers are the warm builder's, which keep the books'
laid-out parts from one build to the next.

An output that cannot be made (a day too full for its sheet, a preflight
that fails) is a :class:`Failed`: every other output is still made, and the
failed one keeps its previous file and manifest entry.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError
from ..outputs import kind
from ..typeset.layouts import LAYOUTS, file_digest
from ..typeset.templates import Context
from ..wording import count
from .fitting import best_tier, fit_group
from .keys import job_key
from .publish import temp_path

WARM = None
"""The warm builder's workers (book/pipeline/warm.py), in ``book watch``; None in a one-off build."""


@dataclass(frozen=True)
class Task:
    job: object  # outputs.base.Job
    tmp: Path  # where the file is written
    ctx: Context  # the rendering context, with the font CSS
    roots: tuple[str, ...]  # folders the layout may read: the event, the font cache
    sources: dict = field(default_factory=dict)  # path -> file of each output the job needs
    stamp: int = 0  # the build's process id, in every temporary name
    size: int = 0  # the length of its draft HTML: the fullest of a fit group is fitted first


@dataclass(frozen=True)
class Made:
    path: str
    entry: dict  # the manifest entry
    tier: str  # the layout tier kept ("" for no layout)
    html: str  # the HTML laid out, when it was one document
    files: tuple = ()  # (temporary file, target) of the files beside it


@dataclass(frozen=True)
class Failed:
    """An output that could not be made: its previous file stays, and the build says why."""

    path: str
    error: str


def make(tasks: tuple[Task, ...]) -> list:
    """Make the outputs of one unit (one task, or a fit group) in their
    temporary files; runs in a worker or in the build. An output the data
    cannot make is a :class:`Failed`, so the others go on."""
    try:
        if len(tasks) > 1:
            return [
                _finish(task, tier, pages, html)
                for task, (tier, pages, html) in zip(tasks, fit_group(tasks), strict=True)
            ]
        task = tasks[0]
        if task.job.layout is None:
            return [_finish(task, None, kind(task.job.kind).make(task.job, task.tmp, task.sources), "")]
        return [_finish(task, *best_tier(task))]
    except BuildError as exc:
        for task in tasks:
            task.tmp.unlink(missing_ok=True)
        return [
            Failed(task.job.path, str(exc) if str(exc).startswith(task.job.path) else f"{task.job.path}: {exc}")
            for task in tasks
        ]
    except OSError as exc:  # a full disk, a folder that cannot be written
        for task in tasks:
            task.tmp.unlink(missing_ok=True)
        where = exc.filename or tasks[0].tmp.parent
        return [
            Failed(
                task.job.path,
                f"{task.job.path}: cannot be made: {exc.strerror or exc} ({where}); the previous file is unchanged",
            )
            for task in tasks
        ]


def _finish(task: Task, tier_index: int | None, pages: int, html: str) -> Made:
    job = task.job
    tier = job.layout.tiers[tier_index] if tier_index is not None else None
    finished = kind(job.kind).finish(job, task.tmp)
    if not pages:
        raise BuildError(f"{job.path}: the PDF has no pages")
    files = []
    for relative, text in finished.files.items():
        target = task.tmp.parent / Path(relative).name
        tmp = temp_path(target, task.stamp)
        tmp.write_text(text, encoding="utf-8")
        files.append((tmp, target))
    layout = {"layout": tier.name} if tier and len(job.layout.tiers) > 1 else {}
    parts = LAYOUTS.stats.pop(job.path, None) if job.layout and job.layout.parts else None
    if parts:  # which parts of a book were laid out, and how many were reused (book/typeset/layouts.py)
        layout["parts"] = {
            "laid_out": parts.laid_out,
            "reused": len(parts.reused),
            "layout_s": round(parts.layout_s, 3),
            "write_s": round(parts.write_s, 3),
        }
        layout["page_keys"] = parts.pages
    extra = {"files": [str(Path(job.path).parent / target.name) for _, target in files]} if files else {}
    entry = {
        "kind": job.kind,
        "output": job.kind,
        "lang": job.edition,
        **job.entry,
        **layout,
        **finished.entry,
        **extra,
        "path": job.path,
        "pages": pages,
        "bytes": task.tmp.stat().st_size,
        "sha256": file_digest(task.tmp),
    }
    return Made(job.path, entry, tier.name if tier else "", html, tuple(files))


def _units(pending, ctx: Context, drafted, needed=frozenset()) -> list[tuple[Task, ...]]:
    """The tasks to hand out: one each, or one per fit group, the longest first
    so that the last to finish is a short one: the outputs others are made
    from (``needed``: the press book, before its proof), then the books, then
    the rest by the length of their HTML (a crowded day's sheet tries more tiers)."""
    groups: dict[str, list] = {}
    units = []
    for job, tmp in pending:
        task = Task(
            job,
            tmp,
            drafted.contexts.get(job.path, ctx),
            tuple(map(str, drafted.roots)),
            stamp=os.getpid(),
            size=len(drafted.identities.get(job.path, "")),
        )
        group = job.layout.fit_group if job.layout else ""
        if group:
            groups.setdefault(group, []).append(task)
        else:
            units.append((task,))
    units += [tuple(g) for g in groups.values()]

    def longest(unit):
        job = unit[0].job
        book = job.layout is not None and job.layout.parts is not None
        return (job.path not in needed, not book, -sum(t.size for t in unit))

    return sorted(units, key=longest)


def make_all(
    jobs,
    temps,
    ctx: Context,
    drafted,
    previous: dict,
    out_dir: Path,
    progress,
    workers=None,
) -> tuple[list[dict], list[Made], list[Failed]]:
    """Make every job whose key changed; return (the manifest entries, what was made, what failed), in job order.

    ``drafted`` (book/pipeline/drafts.py) holds each job's rendering context
    and identity (the text that determines its HTML, without machine paths);
    ``progress`` hears of each output as it is done. A job that failed, or
    whose template failed before layout (``drafted.broken``), keeps its
    previous entry, if its file is still there.
    """
    keys, entries, files, pending = {}, {}, {}, []
    identities, roots = drafted.identities, drafted.roots
    failed: dict[str, Failed] = {path: Failed(path, why) for path, why in drafted.broken.items()}
    for job, tmp in zip(jobs, temps, strict=True):
        if job.path in failed:
            continue
        keys[job.path] = job_key(job, identities.get(job.path, ""), "".join(keys.get(p, "") for p in job.needs))
        old = previous.get(job.path)
        target = out_dir / job.path
        if old and old.get("key") == keys[job.path] and target.is_file() and target.stat().st_size == old.get("bytes"):
            entries[job.path] = dict(old)
            files[job.path] = target
        else:
            pending.append((job, tmp))
    needed = {path for job, _tmp in pending for path in job.needs}
    units = _units([(job, tmp) for job, tmp in pending if not job.needs], ctx, drafted, needed)
    later = [(job, tmp) for job, tmp in pending if job.needs]
    workers = workers or min(len(units), os.cpu_count() or 1, int(os.environ.get("BOOK_JOBS", "0")) or 64)
    if pending:
        progress.phase(
            f"laying out {len(pending)} of {count(len(jobs), 'output')}"
            + (f" on {workers} cores" if workers > 1 else "")
        )
    made: dict[str, Made] = {}
    temp_of = {job.path: tmp for job, tmp in zip(jobs, temps, strict=True)}

    def record(results):
        for d in results:
            if isinstance(d, Failed):
                failed[d.path] = d
                continue
            made[d.path] = d
            entries[d.path], files[d.path] = d.entry, temp_of[d.path]
            progress.made(d.entry, len(made) + len(failed), len(pending))

    if WARM is not None and units:  # book watch: workers that keep their laid-out parts (book/pipeline/warm.py)
        try:
            WARM.run(units, record)
        except BaseException:  # stopped (Ctrl-C, SIGTERM) or a worker lost: no worker may still be
            WARM.close()  # writing a temporary file when the build tidies up; the next build starts afresh
            raise
    elif workers > 1 and len(units) > 1:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_init) as pool:
            for results in pool.imap_unordered(make, units, chunksize=1):
                record(results)
    else:
        for unit in units:
            record(make(unit))
    for job, tmp in later:  # made from earlier outputs, whose entries and files now exist
        missing = [p for p in job.needs if p in failed or p not in entries]
        if missing:
            failed[job.path] = Failed(job.path, f"{job.path}: not made, because {', '.join(missing)} could not be made")
            continue
        job = kind(job.kind).prepare(job, {p: entries[p] for p in job.needs})
        record(
            make(
                (
                    Task(
                        job,
                        tmp,
                        drafted.contexts.get(job.path, ctx),
                        tuple(map(str, roots)),
                        {p: files[p] for p in job.needs},
                        os.getpid(),
                    ),
                )
            )
        )
    for path in failed:  # the previous file stays, with its entry
        old, target = previous.get(path), out_dir / path
        if old and target.is_file() and target.stat().st_size == old.get("bytes"):
            entries[path] = dict(old)
    listed = [
        {**entries[job.path], "key": entries[job.path].get("key") if job.path in failed else keys[job.path]}
        for job in jobs
        if job.path in entries
    ]
    return listed, [made[j.path] for j in jobs if j.path in made], [failed[j.path] for j in jobs if j.path in failed]


def die_with_parent():
    """A killed build must not leave processes writing files behind it (Linux)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_init():
    """Workers die with the build, and leave Ctrl-C to it: the build stops
    them (SIGTERM) and says what happened, instead of each printing a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()
