"""Stage 6, the pipeline: plan jobs, make what changed, publish, watch.

``options`` holds what a build is asked to do; ``check_event`` checks an event;
``run`` is one build from event folder to published files; ``jobs`` makes
outputs in parallel with a content-keyed cache (``keys``); ``publish`` puts
files and the manifest in place atomically; ``watch`` rebuilds on every save.

``build``, ``build_date`` and ``check`` are importable from here; they load
on first use, so the no-op check (``keys``) starts without them.
"""

from __future__ import annotations

from .options import BuildOptions

__all__ = ["BuildOptions", "build", "build_date", "check"]


def __getattr__(name):
    if name in ("build", "build_date"):
        from . import run

        return getattr(run, name)
    if name == "check":
        from .check_event import check

        return check
    raise AttributeError(name)
