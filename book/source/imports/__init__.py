"""Imports: programmes from where organisers keep them, into an event folder.

One module per format, each with ``SUFFIXES`` and ``read(path, content,
timezone) -> Programme`` (book/source/imports/common.py); this registry is
the only list. ``book import SOURCE --into FOLDER`` reads the source, then
book/source/imports/merge.py writes or updates the folder, keeping the hand
work, and reports what changed.
"""

from __future__ import annotations

from pathlib import Path

from ... import sandbox
from . import frab_json, frab_xml, ical, sheet
from .common import Programme, SourceError, SourceProblem, known_zone

FORMATS = (frab_json, frab_xml, ical, sheet)
MAX_SOURCE = 64 * sandbox.MB
BINARY = (".xlsx",)


def suffixes() -> list[str]:
    return [s for f in FORMATS for s in f.SUFFIXES]


def read_source(path: Path, timezone: str | None = None, times_are_local: bool = False) -> Programme:
    """The source's programme; SourceError with every problem found. ``times_are_local``:
    times marked UTC or with an offset are the zone's own clock times (a known export quirk)."""
    path = Path(path)
    fmt = next((f for f in FORMATS if path.suffix.lower() in f.SUFFIXES), None)
    if fmt is None:
        raise SourceError(
            [
                SourceProblem(
                    f"{path.name}:1",
                    f"cannot import `{path.suffix or path.name}` files",
                    "give a " + ", ".join(suffixes()) + " file",
                )
            ]
        )
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file (a FIFO or a device)"
        raise SourceError([SourceProblem(str(path), f"{path.name} is {kind}", "give the exported file itself")])
    if not path.is_file():
        raise SourceError([SourceProblem(str(path), "no such file", "check the path")])
    if timezone is not None and known_zone(timezone) is None:
        raise SourceError(
            [
                SourceProblem(
                    "--timezone",
                    f"`{timezone[:80]}` is not a time zone",
                    "name it as the IANA database does: Asia/Seoul",
                )
            ]
        )
    data = sandbox.read_bytes(path, [path.parent], MAX_SOURCE, area="the source's folder")
    if path.suffix.lower() in BINARY or fmt is sheet:
        content = data
    else:
        try:
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SourceError(
                [SourceProblem(f"{path.name}:1", f"not UTF-8 text (byte {exc.start})", "export it again as UTF-8")]
            ) from None
    programme = fmt.read(path, content, timezone, times_are_local)
    if not programme.sessions and not programme.problems:
        programme.fail(f"{path.name}:1", "the source holds no sessions", "export the whole schedule")
    if programme.problems:
        raise SourceError(programme.problems)
    programme.in_order()
    return programme
