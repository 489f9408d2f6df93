"""The ``book`` commands that read or write one file: import, export, preview, preflight.

Each takes the parsed arguments and returns the exit code; user mistakes
are :class:`~book.errors.BuildError`, which the command line prints
(book/cli.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import BuildError
from .wording import count


def cmd_preflight(args) -> int:
    from .press.preflight import Unreadable, preflight, report

    path = Path(args.pdf)
    if not path.is_file():
        raise BuildError(f"{path}: no such file")
    try:
        checks = preflight(path, expect_multiple=args.multiple)
    except Unreadable as exc:
        raise BuildError(str(exc)) from None
    print(report(path, checks), end="")
    return 1 if any(c.status == "fail" for c in checks) else 0


def cmd_import(args) -> int:
    from datetime import datetime

    from .source.imports import SourceError, read_source, suffixes
    from .source.imports.merge import REPORT, import_into
    from .source.imports.printable import clean
    from .source.imports.sheet import write_template

    if args.template:
        target = Path(args.template)
        if target.suffix.lower() != ".xlsx":
            raise BuildError(f"{target}: the template is a spreadsheet; name it sessions.xlsx")
        write_template(target)
        print(f"wrote {target}: the sessions sheet with its headers and an example row, and a sheet of columns")
        return 0
    if not args.source:
        raise BuildError("give the file to import (" + ", ".join(suffixes()) + "), or --template sessions.xlsx")
    source = Path(args.source)
    folder = Path(args.into) if args.into else Path("data") / source.stem
    timezone = None
    if (folder / "event.yaml").exists():
        from .pipeline.check_event import load

        loaded = load(folder)
        timezone = loaded.event.timezone if loaded.event else None
    try:
        programme = read_source(source, args.timezone or timezone, args.times_are_local)
    except SourceError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        print(f"{count(len(exc.problems), 'problem')} in {source}; {folder} is unchanged", file=sys.stderr)
        return 1
    programme = clean(programme, _printable())
    for warning in programme.warnings:
        print(warning.format(), file=sys.stderr)
    report = import_into(
        programme, folder, source.name, datetime.now().strftime("%Y-%m-%d %H:%M"), lambda w: print(w, file=sys.stderr)
    )
    print("\n".join(report))
    print(f"imported {count(len(programme.sessions), 'session')} into {folder} (this list is in {folder / REPORT})")
    return 0


def _printable():
    """Whether the book's fonts print a character, in every face the check asks of it."""
    from .typeset import fonts

    faces = fonts.resolve()
    every = frozenset.intersection(*(fonts.covered_by(faces, "sans", w) for w in fonts.WEIGHTS))
    return lambda c: ord(c) in every


def cmd_export(args) -> int:
    from . import sandbox
    from .exports import FORMATS
    from .pipeline.check_event import check
    from .pipeline.publish import temp_path

    folder = Path(args.event)
    loaded, _, findings = check(folder)
    errors = [f for f in findings if f.severity == "error"]
    if loaded.event is None or errors:
        raise BuildError(f"{folder} does not pass `book check`; nothing was exported", errors)
    fmt = FORMATS[args.format]
    target = Path(args.out) if args.out else Path("out") / loaded.event.id / "export" / f"{loaded.event.id}{fmt.SUFFIX}"
    data = fmt.write(loaded.event)
    if target.is_dir():  # --out names a folder: the file goes in it
        target = target / f"{loaded.event.id}{fmt.SUFFIX}"
    real = sandbox.writable_file(target)
    if real != target:
        print(f"{target} is a link to {real}: writing {real}")
        target = real
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(target)
    try:
        tmp.write_bytes(data)
        tmp.replace(target)  # the previous export stays whole until the new one is
    finally:
        tmp.unlink(missing_ok=True)
    print(f"wrote {target} ({args.format})")
    for note in fmt.notes(loaded.event):
        print(note, file=sys.stderr)
    return 0


def sheet_line(sheet: dict, index: Path) -> str:
    changed = sheet["changed"]
    what = (
        (f"{count(len(changed), 'page')} changed" if changed else "no page changed") if sheet.get("before") else "made"
    )
    return (
        f"preview: {what}, {len(sheet['rendered'])} of {count(len(sheet['pages']), 'page')} drawn in "
        f"{sheet['seconds']:.2f} s → {index}"
    )


def cmd_preview(args) -> int:
    from .pipeline import preview

    pdf = Path(args.pdf)
    if not pdf.is_file():
        raise BuildError(f"{pdf}: no such PDF")
    folder = Path(args.out) if args.out else pdf.with_name(f"{pdf.stem}-preview")
    sheet = preview.update(pdf, folder)
    print(sheet_line(sheet, folder / "index.html"))
    return 0
