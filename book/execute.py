"""Running a build's jobs: skip what did not change, render the rest in parallel.

Every job gets a *key*: a hash of everything its PDF depends on (the HTML it
renders, with machine paths removed; its layout tiers, options and manifest
settings; the key of the output it is made from; and the tool key, which
covers the project's code, templates, CSS, font declaration and library
versions). A job whose key and file match the previous manifest is not
rebuilt. The others are laid out in worker processes (forked, so they share
the parent's imports and font subsets), independent jobs first, then the jobs
made from their results (the proof booklet, the perfect-binding cover).
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from functools import lru_cache
from pathlib import Path

from .errors import BuildError
from .fastpath import tool_digest
from .render import TooManyPages, write_book_pdf, write_pdf

_STATE: dict = {}


@lru_cache(maxsize=None)
def tool_key() -> str:
    """Code, templates, CSS, the font declaration and library versions."""
    return tool_digest()


def job_key(job, html: str, depends: str = "") -> str:
    digest = hashlib.sha256(tool_key().encode())
    manifest = {k: v for k, v in job.manifest.items() if k not in ("layout", "preflight", "spine_mm")}
    digest.update(json.dumps([job.kind, job.path, manifest, [t[1:] for t in job.tiers], job.max_pages,
                              job.page_multiple, sorted(map(str, job.pdf_options.items())), job.stylesheets],
                             sort_keys=True, default=str).encode())
    digest.update(html.encode())
    digest.update(depends.encode())
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write(job, tmp: Path, roots, render) -> int:
    """Lay the job out and write it to ``tmp``; ``render()`` gives its HTML."""
    cache_uri = Path(roots[-1]).resolve().as_uri()
    if job.parts:
        def render_part(part, first_page, page_of):
            view = job.view
            view.part, view.first_page, view.page_of = part, first_page, page_of
            try:
                return render()
            finally:
                view.part, view.first_page, view.page_of = "all", 1, None
        return write_book_pdf(render_part, tmp, roots=roots, has_tail=job.view.has_tail,
                              strip=lambda html: html.replace(cache_uri, ""), multiple=job.page_multiple,
                              spare=job.view.notes_pages, keep_last=1 if job.view.back_cover else 0,
                              **job.pdf_options)
    return write_pdf(job.html, tmp, roots=roots, max_pages=job.max_pages, identity=job.html.replace(cache_uri, ""),
                     **job.pdf_options)


def _write_fitted(job, render, tmp: Path, roots) -> tuple[str, int]:
    """The roomiest layout tier that fits ``job.max_pages``, and its page count.

    The search starts at the job's estimated tier (``tier_hint``): if that
    fits, roomier tiers are tried until one does not; if not, denser ones
    until one does. A tier that fits means every denser one fits too.
    """
    tried, fits, pages = [], {}, {}

    def attempt(i) -> bool:
        # A book in parts renders each part itself; its whole HTML is only kept for --html.
        job.html = "" if job.parts else render(job.tiers[i])
        try:
            pages[i] = _write(job, tmp, roots, lambda: render(job.tiers[i]))
            fits[i] = True
        except TooManyPages as exc:
            tried.append(f"{job.tiers[i][0]}: {exc.pages} pages")
            fits[i] = False
        return fits[i]

    i = min(max(job.tier_hint, 0), len(job.tiers) - 1)
    if attempt(i):
        while i > 0 and attempt(i - 1):
            i -= 1
    else:
        while i + 1 < len(job.tiers) and not attempt(i + 1):
            i += 1
        i += 1
        if i >= len(job.tiers):
            raise BuildError(f"{job.fit_error} (tried {'; '.join(tried)})")
    # Failed attempts write nothing, so the file holds the last tier that fit: tier i.
    if list(fits)[-1] != i and not job.parts:  # job.html holds the last tier tried
        job.html = render(job.tiers[i])
    job.tier = job.tiers[i]
    return job.tiers[i][0], pages[i]


def _make(index: int) -> dict:
    """Render one job to its temporary file; runs in a worker or the parent."""
    job = _STATE["jobs"][index]
    tmp = _STATE["temps"][index]
    render, base_roots, written = _STATE["render"], _STATE["roots"], _STATE["written"]
    if job.before:
        job.before(_STATE["entries"], written)
    if job.produce:
        pages = job.produce(tmp, written)
    else:
        roots = [base_roots[0], *job.roots, base_roots[-1]]
        layout, pages = _write_fitted(job, lambda tier: render(job, tier), tmp, roots)
        if len(job.tiers) > 1:
            job.manifest["layout"] = layout
    for step in job.post:
        step(tmp, job)
    if not pages:
        raise BuildError(f"{job.path}: the PDF has no pages")
    extras = job.manifest.pop("extra_files", [])
    entry = {"kind": job.kind, **job.manifest, "path": job.path, "pages": pages,
             "bytes": tmp.stat().st_size, "sha256": _sha256(tmp)}
    return {"index": index, "entry": entry, "extras": extras, "html": job.html}


def run_jobs(jobs, temps, render, identity, roots, previous: dict, out_dir: Path, progress=None, workers=None):
    """Build every job whose key changed; return (entries, extra temp files, rebuilt paths).

    ``identity(job)`` is text that determines the job's HTML, without machine paths.
    """
    _STATE.update(jobs=jobs, temps=temps, render=render, roots=roots, written={}, entries=[])
    keys, results, extras, rebuilt = {}, {}, [], []
    pending = []
    for i, job in enumerate(jobs):
        html = "" if job.produce else identity(job)
        depends = "".join(keys.get(p, "") for p in getattr(job, "depends_on", ()) or ())
        keys[job.path] = job_key(job, html, depends)
        old = previous.get(job.path)
        target = out_dir / job.path
        if old and old.get("key") == keys[job.path] and target.is_file() and target.stat().st_size == old.get("bytes"):
            results[i] = dict(old)
            _STATE["written"][job.path] = target
        else:
            pending.append(i)
    first = [i for i in pending if not (jobs[i].before or jobs[i].produce)]
    later = [i for i in pending if i not in first]
    workers = workers or min(len(first), os.cpu_count() or 1, int(os.environ.get("BOOK_JOBS", "0")) or 64)
    if progress and pending:
        progress(f"rendering {len(pending)} of {len(jobs)} outputs" + (f" on {workers} cores" if workers > 1 else ""))
    if workers > 1 and len(first) > 1:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_worker_init) as pool:
            done = pool.map(_make, _order(first, jobs), chunksize=1)
    else:
        done = [_make(i) for i in first]
    def record(d):
        i = d["index"]
        jobs[i].html = d["html"]
        results[i] = d["entry"]
        extras.extend(d["extras"])
        rebuilt.append(jobs[i].path)
        _STATE["written"][jobs[i].path] = temps[i]

    for d in done:
        record(d)
    for i in later:  # made from earlier outputs: they see every entry and file so far
        _STATE["entries"] = [results[j] for j in sorted(results)]
        record(_make(i))
    entries = []
    for i in range(len(jobs)):
        entry = dict(results[i])
        entry["key"] = keys[jobs[i].path]
        entries.append(entry)
    return entries, extras, rebuilt


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


def _order(indexes, jobs):
    """Biggest first, so the long books do not start last."""
    weight = {"press-book": 3, "book": 2}
    return sorted(indexes, key=lambda i: -weight.get(jobs[i].kind, 1))
