"""Replacing an event folder with a new one in one step, and naming what a killed import left.

``book import`` writes the new folder beside the old one (``.NAME.import-*/NAME``), checks it,
then swaps the two. A kill at any instant leaves the folder at its name, old or new.
"""

from __future__ import annotations

import os
from pathlib import Path


def swap(new: Path, folder: Path) -> None:
    """Put ``new`` in ``folder``'s place in one step: the two are exchanged atomically
    (Linux ``renameat2``), so a kill at any instant leaves the folder at its name, old or
    new. Where the file system cannot exchange, two renames, and a leftover is named by
    the next import (``.NAME.import-*/NAME.previous``)."""
    if not folder.exists():
        new.rename(folder)
        return
    if exchange(new, folder):
        return  # the old folder is now at ``new``, removed with the work folder
    aside = new.parent / f"{folder.name}.previous"
    folder.rename(aside)
    try:
        new.rename(folder)
    except OSError:
        aside.rename(folder)
        raise


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_cwd, exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE
    return renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0


def leftovers(folder: Path) -> list[Path]:
    """Copies an import killed between its two renames left beside ``folder``."""
    return sorted(folder.parent.glob(f".{folder.name}.import-*/{folder.name}*"))
