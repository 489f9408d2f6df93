"""The ``book`` command: build, watch and check event folders.

Every user mistake ends in a clear message and a non-zero exit, never a
traceback: 0 clean, 1 errors in the data or build, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import BuildError
from .file_commands import cmd_export, cmd_import, cmd_preflight, cmd_preview
from .paths import DEFAULT_EVENT
from .wording import count


def _print_findings(findings, stream=sys.stderr):
    for f in findings:
        print(f.format(), file=stream)


def cmd_build(args) -> int:
    from . import sandbox
    from .pipeline import BuildOptions
    from .pipeline.keys import up_to_date

    sandbox.writable_folder(args.out, "--out")
    options = BuildOptions.of(args.only, args.edition, args.html, args.force)
    current = None if options.force else up_to_date(Path(args.event), Path(args.out), options.key())
    if current:
        hint = "; --force rebuilds" if args.command == "build" else ""
        print(
            f"up to date: {count(len(current['outputs']), 'file')} in {Path(args.out) / current['event']} "
            f"(nothing changed since the last build{hint})"
        )
        args.built = Path(args.out) / current["event"]  # `book watch --preview` shows it at once
        return 0

    from .pipeline.progress import Bar, Lines
    from .pipeline.run import PartialBuild, build

    progress = Bar() if sys.stderr.isatty() else Lines()
    failure = None
    try:
        manifest = build(Path(args.event), Path(args.out), options, progress=progress)
    except PartialBuild as exc:  # the others were built: say what was, then what was not
        manifest, failure = exc.manifest, exc
    finally:
        progress.stop()
    for w in manifest["warnings"] + manifest["notes"]:
        print(w, file=sys.stderr)
    out_dir = Path(args.out) / manifest["event"]
    rebuilt = set(manifest["rebuilt"])
    told = False
    for entry in (e for e in manifest["outputs"] if e["path"] in rebuilt):
        parts = entry.get("parts")
        laid = (
            f"  (laid out {', '.join(parts['laid_out']) or 'nothing'}; {count(parts['reused'], 'part')} reused)"
            if parts and parts["reused"]
            else ""
        )
        print(
            f"{entry['kind']:<10} {entry.get('lang', ''):<6} {out_dir / entry['path']}  "
            f"{count(entry['pages'], 'page')}, {entry['bytes'] / 1024:.0f} KB{laid}"
            + (f"  ({entry['layout']})" if entry.get("layout") else "")
        )
        if entry.get("glance") and not told:  # how each day's glance was laid out (the editions' agree)
            for day in entry["glance"]:
                print(f"           glance {day['date']}: {day['layout']}")
            told = True
    print(f"built {count(len(rebuilt), 'file')} in {manifest['duration_s']:.1f} s → {out_dir / 'build.json'}")
    args.built = out_dir  # for `book watch --preview`
    if failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    return 0


def cmd_check(args) -> int:
    from .pipeline.check_event import check

    _, _, findings = check(Path(args.event), strict=args.strict)
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        _print_findings(findings, sys.stdout)
        errors = sum(f.severity == "error" for f in findings)
        print(f"{errors} error(s), {len(findings) - errors} warning(s)", file=sys.stderr)
    return 1 if any(f.severity == "error" for f in findings) else 0


def cmd_watch(args) -> int:
    from .pipeline.watch import watch

    args.force = False  # watch has no --force: every rebuild makes only what changed

    def build_once() -> int:
        args.built = None
        code = _guarded(cmd_build, args)
        if args.preview and args.built:
            _guarded(_preview_of_build, args)
        return code

    return watch(Path(args.event), Path(args.out), build_once)


def _preview_of_build(args) -> int:
    from .file_commands import sheet_line
    from .pipeline import preview

    done = preview.of_build(args.built, args.edition, args.only)
    if not done:
        print("preview: this build has no PDF to show", file=sys.stderr)
        return 0
    for sheet, page in done:
        print(sheet_line(sheet, page), flush=True)
    return 0


def _build_arguments(parser, force=True):
    from .outputs import kinds
    from .source.model import EDITIONS

    parser.add_argument("event", nargs="?", default=str(DEFAULT_EVENT), help="event folder (default: data/whrcf2021)")
    parser.add_argument("--out", default="out", help="output root (default: out)")
    parser.add_argument(
        "--html", action="store_true", help="also keep the rendered HTML and CSS under out/<event>/html/"
    )
    parser.add_argument("--edition", action="append", choices=list(EDITIONS), help="build only these editions")
    if force:
        parser.add_argument("--force", action="store_true", help="rebuild every output, even those that did not change")
    parser.add_argument(
        "--only",
        action="append",
        choices=[k.name for k in kinds()],
        metavar="KIND",
        help="build only these output kinds, e.g. --only day-sheet on the morning itself: "
        + "; ".join(f"{k.name} ({k.help})" for k in kinds()),
    )


def _positive(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"`{text}` is not a whole number of 1 or more")
    return value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="book", description="Programme books, press files and day sheets.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser(
        "build",
        help="build every output of an event",
        description="Check the event, then make every output whose inputs changed into "
        "OUT/<event id>/, with build.json beside them. An output that cannot be made fails alone: it keeps "
        "its previous file, the others are built, and the exit code is 1. Bad event data changes nothing.",
    )
    _build_arguments(b)
    b.set_defaults(func=cmd_build)
    w = sub.add_parser(
        "watch",
        help="build, then rebuild whenever the event's files or the templates change",
        description="Build, then rebuild whenever a file in the event folder, the templates or "
        "the font declaration changes. Each rebuild starts warm and redoes only the outputs "
        "whose inputs changed. Ctrl-C stops.",
    )
    _build_arguments(w, force=False)
    w.add_argument(
        "--preview",
        action="store_true",
        help="after each build, update a contact sheet of the book's spreads, with the pages that "
        "changed marked, in out/<event>/preview/index.html; open it in a browser: it reloads itself",
    )
    w.set_defaults(func=cmd_watch)
    pv = sub.add_parser(
        "preview",
        help="a contact sheet of any PDF: its spreads as images on one local page",
        description="Write FILE-preview/index.html (or --out DIR/index.html): every spread of "
        "the PDF as images, with page numbers. Run it again after the PDF changes: only the "
        "changed pages are drawn again, and they are marked.",
    )
    pv.add_argument("pdf", help="the PDF")
    pv.add_argument("--out", help="the folder of the sheet (default: beside the PDF, FILE-preview)")
    pv.set_defaults(func=cmd_preview)
    c = sub.add_parser(
        "check",
        help="check an event folder without laying anything out",
        description="Print every finding about an event folder as file:line:column: severity: "
        "message (hint: …). Exit 0 when there are no errors, 1 when there are.",
    )
    c.add_argument("event", nargs="?", default=str(DEFAULT_EVENT), help="event folder (default: data/whrcf2021)")
    c.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text: one finding per line (default); json: a list of findings for other tools",
    )
    c.add_argument(
        "--strict",
        action="store_true",
        help="every text must be in every language of the event: each missing translation is an error",
    )
    c.set_defaults(func=cmd_check)
    im = sub.add_parser(
        "import",
        help="bring a programme in from pretalx, frab, a calendar or a spreadsheet",
        description="Read a frab/pretalx schedule (.json, .xml), a calendar (.ics) or a "
        "spreadsheet (.xlsx, .csv) into an event folder, made when absent. Run it again when the "
        "source changes: sessions, people and rooms follow the source, hand work stays, and the "
        "changes are printed. A source with a problem changes nothing.",
    )
    im.add_argument("source", nargs="?", help="the file to import")
    im.add_argument("--into", help="the event folder (default: data/<the source's name>)")
    im.add_argument("--timezone", help="the time zone of times without an offset (default: the event's)")
    im.add_argument(
        "--times-are-local",
        action="store_true",
        help="the times are the zone's own clock times, though marked UTC (Z) or with an offset",
    )
    im.add_argument(
        "--template",
        metavar="FILE.xlsx",
        help="write an empty sessions sheet with its headers, a sheet explaining them, and an example row",
    )
    im.set_defaults(func=cmd_import)
    ex = sub.add_parser(
        "export",
        help="write the programme for other tools: frab JSON or XML, iCalendar, CSV, XLSX",
        description="Write the programme as frab/pretalx JSON or XML (valid against the c3voc "
        "schemas), an iCalendar file for calendar apps, or a CSV or XLSX sheet that `book import` reads.",
    )
    ex.add_argument("event", nargs="?", default=str(DEFAULT_EVENT), help="event folder (default: data/whrcf2021)")
    ex.add_argument("--format", required=True, choices=["frab-json", "frab-xml", "ics", "csv", "xlsx"])
    ex.add_argument("--out", help="the file to write (default: out/<event>/export/<event>.<suffix>)")
    ex.set_defaults(func=cmd_export)
    pf = sub.add_parser(
        "preflight",
        help="check any PDF as a print shop would",
        description="Check a PDF as a print shop would: fonts embedded, TrimBox, BleedBox and "
        "MediaBox, page size and count, image resolution, RGB colour, OutputIntent and PDF/X "
        "version; one line per check. Exit 1 if any check fails.",
    )
    pf.add_argument("pdf", help="the PDF file to check")
    pf.add_argument(
        "--multiple",
        type=_positive,
        default=4,
        help="the page count must divide by this (default 4, for saddle stitch; 1 for any count)",
    )
    pf.set_defaults(func=cmd_preflight)
    args = parser.parse_args(argv)
    return _guarded(args.func, args)


def _guarded(func, args) -> int:
    """Run a command; user mistakes become messages and exit codes, not tracebacks."""
    try:
        return func(args)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        _print_findings(exc.findings)
        return 1
    except KeyboardInterrupt:
        print("interrupted; previous outputs are unchanged", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; the previous outputs are unchanged", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, not a user mistake: say so plainly
        if os.environ.get("BOOK_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "Previous outputs are unchanged. Run again with BOOK_DEBUG=1 for details, and report it.",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
