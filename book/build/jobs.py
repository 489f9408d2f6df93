"""Making a build's outputs: skip what did not change, lay the rest out in parallel.

Every job has a key (book/build/keys.py). A job whose key and file match the
previous manifest is kept. The others are made in worker processes, each
given everything it needs as one :class:`Task`: the job, its temporary
file, the rendering context and the folders it may read. Jobs made from
other outputs (``needs``: the proof booklet, the perfect-binding cover) are
made afterwards in the build's own process, once those outputs exist.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError
from ..outputs import kind
from ..typeset.templates import Context, Part, Tier, render_html
from .keys import job_key
from .publish import temp_path


@dataclass(frozen=True)
class Task:
    job: object              # outputs.base.Job
    tmp: Path                # where the file is written
    ctx: Context             # the rendering context, with the font CSS
    roots: tuple[str, ...]   # folders the layout may read: the event, the font cache
    sources: dict = field(default_factory=dict)  # path -> file of each output the job needs
    stamp: int = 0           # the build's process id, in every temporary name


@dataclass(frozen=True)
class Made:
    path: str
    entry: dict              # the manifest entry
    tier: str                # the layout tier kept ("" for no layout)
    html: str                # the HTML laid out, when it was one document
    files: tuple = ()        # (temporary file, target) of the files beside it


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def portable(html: str, roots) -> str:
    """The HTML without the machine's paths (of the event folder, ``roots[0]``,
    and the font cache, ``roots[-1]``): what identifies a document wherever it is built."""
    for root in (roots[0], roots[-1]):
        html = html.replace(Path(root).resolve().as_uri(), "")
    return html


def _write(task: Task, tier: Tier) -> tuple[int, str]:
    """Lay the job out at ``tier`` and write it to the temporary file; (pages, HTML or "")."""
    from ..typeset.engine import write_book_pdf, write_pdf
    layout, roots = task.job.layout, [*task.roots[:1], *task.job.layout.roots, *task.roots[1:]]
    if layout.parts:
        p = layout.parts

        def render_part(name, first_page, page_of):
            return render_html(task.ctx, layout, tier, Part(name, first_page, page_of))
        pages = write_book_pdf(render_part, task.tmp, roots=roots, has_tail=p.has_tail,
                               strip=lambda html: portable(html, task.roots), multiple=p.page_multiple,
                               spare=p.spare, keep_last=p.keep_last, **layout.pdf_options)
        return pages, ""  # a book in parts renders each part itself; its whole HTML is only kept for --html
    html = render_html(task.ctx, layout, tier)
    return write_pdf(html, task.tmp, roots=roots, max_pages=layout.max_pages, identity=portable(html, task.roots),
                     **layout.pdf_options), html


def _write_fitted(task: Task) -> tuple[Tier, int, str]:
    """The roomiest layout tier that fits ``max_pages``, its page count and HTML.

    The search starts at the estimated tier (``tier_hint``): if that fits,
    roomier tiers are tried until one does not; if not, denser ones until one
    does. A tier that fits means every denser one fits too. Failed attempts
    write nothing, so the file holds the last tier that fit.
    """
    from ..typeset.engine import TooManyPages
    layout = task.job.layout
    tried, fitted = [], {}

    def attempt(i) -> bool:
        try:
            fitted[i] = _write(task, layout.tiers[i])
            return True
        except TooManyPages as exc:
            tried.append(f"{layout.tiers[i].name}: {exc.pages} pages")
            return False

    i = min(max(layout.tier_hint, 0), len(layout.tiers) - 1)
    if attempt(i):
        while i > 0 and attempt(i - 1):
            i -= 1
    else:
        while i + 1 < len(layout.tiers) and not attempt(i + 1):
            i += 1
        i += 1
        if i >= len(layout.tiers):
            raise BuildError(f"{layout.fit_error} (tried {'; '.join(tried)})")
    return (layout.tiers[i], *fitted[i])


def make(task: Task) -> Made:
    """Make one output in its temporary file; runs in a worker or in the build."""
    try:
        return _make(task)
    except OSError as exc:  # a full disk, a folder that cannot be written
        task.tmp.unlink(missing_ok=True)
        where = exc.filename or task.tmp.parent
        raise BuildError(f"{task.job.path}: cannot be made: {exc.strerror or exc} ({where}); "
                         "the previous file is unchanged") from None


def _make(task: Task) -> Made:
    job = task.job
    output = kind(job.kind)
    tier, html = None, ""
    if job.layout is None:
        pages = output.make(job, task.tmp, task.sources)
    else:
        tier, pages, html = _write_fitted(task)
    finished = output.finish(job, task.tmp)
    if not pages:
        raise BuildError(f"{job.path}: the PDF has no pages")
    files = []
    for relative, text in finished.files.items():
        target = task.tmp.parent / Path(relative).name
        tmp = temp_path(target, task.stamp)
        tmp.write_text(text, encoding="utf-8")
        files.append((tmp, target))
    layout = {"layout": tier.name} if job.layout and len(job.layout.tiers) > 1 else {}
    entry = {"kind": job.kind, "lang": job.edition, **job.entry, **layout, **finished.entry, "path": job.path,
             "pages": pages, "bytes": task.tmp.stat().st_size, "sha256": _sha256(task.tmp)}
    return Made(job.path, entry, tier.name if tier else "", html, tuple(files))


def make_all(jobs, temps, ctx: Context, identities: dict, roots, previous: dict, out_dir: Path, progress,
             workers=None) -> tuple[list[dict], list[Made]]:
    """Make every job whose key changed; return (every manifest entry, what was made, in job order).

    ``identities[path]`` is the text that determines a job's HTML, without
    machine paths; ``progress`` hears of each output as it is done.
    """
    keys, entries, files, pending = {}, {}, {}, []
    for job, tmp in zip(jobs, temps):
        keys[job.path] = job_key(job, identities.get(job.path, ""), "".join(keys.get(p, "") for p in job.needs))
        old = previous.get(job.path)
        target = out_dir / job.path
        if old and old.get("key") == keys[job.path] and target.is_file() and target.stat().st_size == old.get("bytes"):
            entries[job.path] = dict(old)
            files[job.path] = target
        else:
            pending.append((job, tmp))
    first = [(job, tmp) for job, tmp in pending if not job.needs]
    later = [(job, tmp) for job, tmp in pending if job.needs]
    workers = workers or min(len(first), os.cpu_count() or 1, int(os.environ.get("BOOK_JOBS", "0")) or 64)
    if pending:
        progress.phase(f"laying out {len(pending)} of {len(jobs)} outputs" + (f" on {workers} cores" if workers > 1 else ""))
    tasks = [Task(job, tmp, ctx, tuple(map(str, roots)), stamp=os.getpid())
             for job, tmp in sorted(first, key=lambda jt: jt[0].layout.parts is None)]  # books first: the longest
    made: dict[str, Made] = {}
    temp_of = {job.path: tmp for job, tmp in zip(jobs, temps)}

    def record(d: Made, tmp: Path):
        made[d.path] = d
        entries[d.path], files[d.path] = d.entry, tmp
        progress.made(d.entry, len(made), len(pending))

    if workers > 1 and len(tasks) > 1:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_init) as pool:
            for d in pool.imap_unordered(make, tasks, chunksize=1):
                record(d, temp_of[d.path])
    else:
        for task in tasks:
            record(make(task), task.tmp)
    for job, tmp in later:  # made from earlier outputs, whose entries and files now exist
        job = kind(job.kind).prepare(job, {p: entries[p] for p in job.needs})
        record(make(Task(job, tmp, ctx, tuple(map(str, roots)), {p: files[p] for p in job.needs}, os.getpid())), tmp)
    return [{**entries[job.path], "key": keys[job.path]} for job in jobs], [made[j.path] for j in jobs if j.path in made]


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
