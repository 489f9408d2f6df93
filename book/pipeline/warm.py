"""The warm builder of ``book watch``: one process that builds on request and
keeps its layout workers, and their laid-out book parts, between builds.

The watcher (book/pipeline/watch.py) forks a :class:`Builder` once the layout
engine is imported. The builder forks its :class:`Workers` (one per core)
and then waits; each request is one build, run as ``book build`` would run
it, whose exit code goes back to the watcher. The builder's workers lay the
outputs out as a one-off build's pool does (book/pipeline/jobs.py), with two
differences: a worker lives as long as the builder, so the parts of the books
it laid out stay in its memory (book/typeset/layouts.py); and a book is
always given to the same worker, the one that holds its parts. The other
outputs go, longest first, to the worker with the least work, by what each
took the last time.

Safety is as before. A build's errors leave the previous outputs (the
publishing does that). A builder that crashed or ended with an internal
error is replaced by a fresh one, with nothing laid out, at the next save;
so are the workers after a build that was cut short or lost one of them.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from multiprocessing import connection, get_context
from pathlib import Path

from ..errors import BuildError


def _serve(conn, task) -> None:
    """A child's loop: for each request, run ``task(request)`` and send back its result."""
    while True:
        try:
            request = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        conn.send(task(request))


class Workers:
    """Layout workers that outlive a build; each book goes to the same one every time."""

    def __init__(self, count: int, scratch: Path):
        from .jobs import _worker_init, make

        def run(conn, units):
            for unit in units:  # each unit's results as soon as they are made, with the time they took
                started = time.perf_counter()
                try:
                    results = make(unit)
                except Exception as exc:  # a bug, not the data's (make() turns those into Failed): the build says so
                    conn.send((None, exc))
                    return
                conn.send((time.perf_counter() - started, results))

        def init():
            # The worker's own temporary folder, which outlives its builds (WeasyPrint copies the fonts
            # there) and which the next build removes once the worker is gone (publish.scratch).
            _worker_init()
            from ..typeset.layouts import LAYOUTS

            LAYOUTS.keep = True
            folder = scratch / f"build-{os.getpid()}"
            folder.mkdir(parents=True, exist_ok=True)
            tempfile.tempdir = str(folder)

        self.clean = True
        self.home: dict[str, int] = {}
        self.cost: dict[str, float] = {}  # job path -> seconds it took last time
        self.conns, self.procs = [], []
        context = get_context("fork")
        for _ in range(max(count, 1)):
            parent, child = context.Pipe()
            proc = context.Process(target=self._child, args=(child, run, init), daemon=True)
            proc.start()
            child.close()
            self.conns.append(parent)
            self.procs.append(proc)

    @staticmethod
    def _child(conn, run, init) -> None:
        init()
        while True:
            try:
                units = conn.recv()
            except (EOFError, KeyboardInterrupt):
                return
            run(conn, units)

    def _assign(self, units) -> list[list]:
        """Units per worker: a book to its home (where its parts are), the rest, longest first, to
        the worker with the least work; the work of a unit is what it took last time (a book not
        yet built counts as 10 s, anything else as 1 s)."""
        queues = [[] for _ in self.conns]
        load = [0.0] * len(self.conns)

        def book(unit):
            return unit[0].job.layout is not None and unit[0].job.layout.parts is not None

        def cost(unit):
            return self.cost.get(unit[0].job.path, 10.0 if book(unit) else 1.0)

        homed = [u for u in units if book(u) and u[0].job.path in self.home]
        for unit in homed:
            i = self.home[unit[0].job.path]
            queues[i].append(unit)
            load[i] += cost(unit)
        for unit in sorted((u for u in units if u not in homed), key=cost, reverse=True):
            i = min(range(len(queues)), key=lambda n: load[n])
            if book(unit):
                self.home[unit[0].job.path] = i
            queues[i].append(unit)
            load[i] += cost(unit)
        return queues

    def run(self, units, record) -> None:
        """Make ``units`` on the workers; ``record`` hears each unit's results as they arrive. A run
        that does not end normally (interrupted, a worker gone) leaves the workers unusable: they may
        still be making what it asked for."""
        self.clean = False
        self._run(units, record)
        self.clean = True

    def _run(self, units, record) -> None:
        queues = self._assign(units)
        waiting = {}
        for conn, queue in zip(self.conns, queues, strict=True):
            if queue:
                conn.send(queue)
                waiting[conn] = list(queue)
        while waiting:
            for conn in connection.wait(list(waiting)):
                try:
                    seconds, results = conn.recv()
                except EOFError:
                    raise BuildError(
                        "a layout worker of `book watch` stopped unexpectedly; the previous outputs "
                        "are unchanged, and the next save starts a fresh one"
                    ) from None
                if seconds is None:
                    raise results  # the worker's exception: an internal error, which restarts the builder
                unit = waiting[conn].pop(0)
                self.cost[unit[0].job.path] = seconds
                if not waiting[conn]:
                    del waiting[conn]
                record(results)

    def usable(self) -> bool:
        """Every worker alive, and the last run ended normally."""
        return self.clean and all(p.is_alive() for p in self.procs)

    def close(self) -> None:
        for conn in self.conns:
            conn.close()
        for proc in self.procs:
            proc.terminate()
            proc.join(timeout=5)


class Builder:
    """A forked process that runs ``build_once()`` on request and keeps its workers."""

    def __init__(self, build_once, scratch: Path, workers: int | None = None):
        self.build_once = build_once
        self.scratch = scratch
        self.workers = workers or int(os.environ.get("BOOK_JOBS", "0")) or os.cpu_count() or 1
        self.pid = 0
        self.conn = None

    def _start(self) -> None:
        from .jobs import die_with_parent

        parent, child = get_context("fork").Pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the builder: never returns into the watcher's loop
            code = 0
            try:
                parent.close()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.default_int_handler)
                die_with_parent()
                from . import jobs

                jobs.WARM = Workers(self.workers, self.scratch)

                def one(_request):
                    if not jobs.WARM.usable():  # a worker died, or the last build was cut short: start afresh
                        jobs.WARM.close()
                        jobs.WARM = Workers(self.workers, self.scratch)
                    try:
                        return self.build_once()
                    finally:
                        sys.stdout.flush()
                        sys.stderr.flush()

                _serve(child, one)
            except KeyboardInterrupt:
                code = 130
            finally:
                os._exit(code)
        child.close()
        self.pid, self.conn = pid, parent

    def _gone(self) -> bool:
        """Has the builder ended (killed, crashed) since the last build?"""
        try:
            return os.waitpid(self.pid, os.WNOHANG)[0] == self.pid
        except ChildProcessError:
            return True

    def build(self) -> int:
        """One build in the warm builder; its exit code. A builder that ended between two builds
        is replaced before this one; one that ends during a build is replaced at the next."""
        if self.pid and self._gone():
            print("the builder had stopped; starting a fresh one", file=sys.stderr, flush=True)
            self.pid, self.conn = 0, None
        if not self.pid:
            self._start()
        try:
            self.conn.send("build")
            code = self.conn.recv()
        except (EOFError, BrokenPipeError):
            code = 70
            print(
                "the builder stopped unexpectedly; the previous outputs are unchanged, "
                "and the next build starts a fresh one",
                file=sys.stderr,
                flush=True,
            )
        except KeyboardInterrupt:
            self.stop()
            raise
        if code == 70:  # an internal error or a crash: start clean next time
            self.stop()
        return code

    def stop(self) -> None:
        """Stop the builder (its workers die with it); it may have ended already."""
        if not self.pid:
            return
        try:
            self.conn.close()  # an idle builder reads the end of its requests and exits
            os.kill(self.pid, signal.SIGINT)  # a busy one stops its build, which tidies up
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self.pid, self.conn = 0, None
