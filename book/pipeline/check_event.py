"""``book check``: every finding about an event folder, without laying anything out.

The data checks of the source stage, with the settings blocks every output
kind declares, and the font check: every character of the data must be in
the declared fonts. ``book build`` runs the same checks first.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..outputs import settings_blocks
from ..source import load_event
from ..typeset import fonts


def load(event_dir: Path, strict: bool = False):
    """The event folder read with the settings blocks of every output kind."""
    return load_event(event_dir, settings_blocks(), strict)


def check(event_dir: Path, strict: bool = False):
    """Load, check and test font coverage; return (loaded, faces, findings).
    ``strict``: every text must be in every language of the event."""
    loaded = load(event_dir, strict)
    findings = loaded.findings.sorted()
    faces = None
    if loaded.event is not None:
        try:
            faces = fonts.resolve()
        except BuildError as exc:
            if not exc.findings:
                raise
            return loaded, None, findings + exc.findings
        findings += fonts.check_coverage(loaded.texts, faces)
    return loaded, faces, findings
