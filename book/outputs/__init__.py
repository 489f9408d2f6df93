"""Stage 5, the output kinds, and their registry: the only list of them.

Each module of this package defines one :class:`~book.outputs.base.OutputKind`
and names it ``KIND``: the programme book, the press edition, day sheets,
room signs. A kind from outside the project registers through the entry
point group ``programme_book.output_kinds`` (``name = "module:Class"``), with
its templates and stylesheets in its own ``folder``. The command line's
choices, the build order and the settings blocks of event.yaml all come from
here. Adding a kind is one module, one template and one stylesheet (and a
view module in book/views if it computes much).

Importing this package must stay light (no layout engine): ``book --help``
and the no-op check use it.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from importlib.metadata import entry_points

from .base import OutputKind

ENTRY_POINTS = "programme_book.output_kinds"


@lru_cache(maxsize=1)
def kinds() -> tuple[OutputKind, ...]:
    """Every output kind, in build order."""
    found: dict[str, type[OutputKind]] = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base":
            kind = importlib.import_module(f"{__name__}.{module.name}").KIND
            found[kind.name] = kind
    for point in entry_points(group=ENTRY_POINTS):
        kind = point.load()
        if not (isinstance(kind, type) and issubclass(kind, OutputKind) and kind.name):
            raise TypeError(f"entry point {point.value} ({ENTRY_POINTS}) is not a named OutputKind")
        if kind.name in found:
            raise TypeError(f"entry point {point.value}: an output kind `{kind.name}` already exists")
        found[kind.name] = kind
    return tuple(k() for k in sorted(found.values(), key=lambda k: (k.order, k.name)))


def kind(name: str) -> OutputKind:
    return next(k for k in kinds() if k.name == name)


def names() -> list[str]:
    return [k.name for k in kinds()]


def settings_blocks():
    """The event.yaml blocks the kinds declare, each once."""
    blocks = {}
    for k in kinds():
        if k.settings is not None:
            blocks.setdefault(k.settings.key, k.settings)
    return tuple(blocks.values())
