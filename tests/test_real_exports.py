"""Real schedule exports, imported as their tools ship them, then checked, built and exported back.

The files (tests/fixtures/real, origins in ORIGIN.md) are pretalx and frab
JSON, frab, pentabarf and pretalx XML and iCalendar from public repositories,
quirks included: sessions past midnight, no zone named, times in UTC,
duplicate UIDs, emoji, events with no length. Each must import whole (exit
0), with as many sessions as the file has events, a session the file states
at the local time it states, every warning at the source's line, no error
from `book check`, and a book whose PDF prints that session at that time.
"""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from book.exports import FORMATS
from book.pipeline.check_event import load
from book.views.i18n import hm

from .conftest import pdftotext
from .real_exports import EXPORTS, Export
from .test_interchange import run


def imported(tmp_path, export: Export):
    source = export.copy(tmp_path)
    folder = tmp_path / "event"
    args = ["import", str(source), "--into", str(folder)]
    result = run(*args, *(["--timezone", export.timezone] if export.timezone else []))
    return source, folder, result


def named(event, title: str):
    found = [s for s in event.sessions if title in (s.title.get("en", False), s.title.get("ko", False))]
    assert found, f"no session `{title}`"
    return found[0]


def warnings_are_placed(stderr: str, source) -> None:
    """Every warning the import prints names the source file and its line."""
    for line in stderr.splitlines():
        if "warning:" in line:
            assert re.match(rf"{re.escape(source.name)}:\d+(:\d+)?: warning: ", line), line
        else:
            assert line.startswith("note: ") or not line.strip(), line


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.file)
def test_a_real_export_imports_whole_and_its_book_prints_it(tmp_path, export):
    source, folder, result = imported(tmp_path, export)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings_are_placed(result.stderr, source)
    event = load(folder).event
    assert len(event.sessions) == export.events(source), export.what
    s = named(event, export.title)
    assert (s.date.isoformat(), hm(s.start)) == (export.date, export.time)
    assert event.rooms[s.room].name.get("en") == export.room
    check = run("check", str(folder))
    assert check.returncode == 0 and "0 error(s)" in check.stderr, check.stdout
    out = tmp_path / "out"
    built = run("build", str(folder), "--out", str(out), "--only", "book", "--edition", "en")
    assert built.returncode == 0, built.stdout + built.stderr
    text = " ".join(pdftotext(out / event.id / "book-en.pdf").split())
    assert f"{export.time}" in text and " ".join(export.title.split()) in text


def test_a_night_session_is_on_the_day_it_starts_and_runs_past_24(tmp_path):
    export = next(e for e in EXPORTS if e.file == "31c3.xml")
    _, folder, result = imported(tmp_path, export)
    assert result.returncode == 0, result.stderr
    film = named(load(folder).event, "Citizenfour")
    assert (film.date.isoformat(), film.start, film.end) == ("2014-12-27", 24 * 60, 26 * 60 + 15)
    assert "start: '24:00'" in (folder / "sessions.yaml").read_text(encoding="utf-8")
    day = tmp_path / "out"
    assert run("build", str(folder), "--out", str(day), "--only", "day-sheet").returncode == 0
    sheet = " ".join(pdftotext(next((day / "event" / "days").glob("2014-12-27*.pdf"))).split())
    assert "00:00–02:15" in sheet and "Citizenfour" in sheet


def test_duplicate_uids_are_renamed_and_named(tmp_path):
    export = next(e for e in EXPORTS if e.file == "pyconus2025-open-spaces.ics")
    source, folder, result = imported(tmp_path, export)
    text = source.read_text(encoding="utf-8")
    uids = re.findall(r"^UID:(.+?)\r?$", text, re.M)
    twice = {u for u in uids if uids.count(u) > 1}
    assert twice and result.returncode == 0
    renamed = re.findall(r"the id `([^`]+)` is given twice: this session is imported as `([^`]+)`", result.stderr)
    assert {a for a, _ in renamed} == twice and len(renamed) == len(uids) - len(set(uids))
    ids = {s.id for s in load(folder).event.sessions}
    assert {b for _, b in renamed} <= ids and len(ids) == len(uids)


def test_emoji_and_selectors_are_printable_and_said(tmp_path):
    export = next(e for e in EXPORTS if e.file == "pyconus2025-open-spaces.ics")
    _, folder, result = imported(tmp_path, export)
    assert "(U+1F338 CHERRY BLOSSOM) is in no font the book uses: printed as its name, :cherry blossom:" in (
        result.stderr
    )
    sessions = (folder / "sessions.yaml").read_text(encoding="utf-8")
    assert "🌸" not in sessions and ":cherry blossom:" in sessions and "\ufe0f" not in sessions


def model(event) -> tuple:
    """The imported programme, field by field (the source's place of each session aside)."""
    keep = [f.name for f in fields(event.sessions[0]) if f.name != "source"]
    return (
        {s.id: tuple(getattr(s, k) for k in keep) for s in event.sessions},
        {c.id: (c.label, c.tag, c.given, c.colour if "colour" in c.given else "") for c in event.categories.values()},
        {r.id: r.name for r in event.rooms.values()},
        {p.id: (p.name, p.affiliation, p.source_id) for p in event.people.values()},
    )


ROUND_TRIPS = [
    (e, fmt)
    for e in EXPORTS
    for fmt in {".json": ["frab-json"], ".xml": ["frab-xml"], ".ics": ["ics"]}[
        "." + e.file.removesuffix(".gz").rsplit(".", 1)[1]
    ]
]


@pytest.mark.parametrize(("export", "fmt"), ROUND_TRIPS, ids=lambda x: getattr(x, "file", x))
def test_import_export_import_gives_the_same_model_and_keeps_ids_and_guids(tmp_path, export, fmt):
    source, folder, result = imported(tmp_path, export)
    assert result.returncode == 0, result.stderr
    first = load(folder).event
    written = FORMATS[fmt].write(first)
    assert written == FORMATS[fmt].write(first)  # the same export every time, invented guids included
    again = tmp_path / f"again{FORMATS[fmt].SUFFIX}"
    again.write_bytes(written)
    result = run("import", str(again), "--into", str(tmp_path / "again"), "--timezone", first.timezone)
    assert result.returncode == 0, result.stderr
    second = load(tmp_path / "again").event
    a, b = model(first), model(second)
    guid = [f.name for f in fields(first.sessions[0]) if f.name != "source"].index("guid")
    invented = {i for i, row in a[0].items() if row[guid] is None}
    assert {i: r for i, r in b[0].items() if i not in invented} == {i: r for i, r in a[0].items() if i not in invented}
    assert {i: r[:guid] + r[guid + 1 :] for i, r in b[0].items()} == {
        i: r[:guid] + r[guid + 1 :] for i, r in a[0].items()
    }
    assert a[1:] == b[1:]
    text = source.read_text(encoding="utf-8")
    for s in first.sessions:  # the source's own guids and ids are in the export, unchanged
        if s.guid:
            assert s.guid in written.decode()
        if s.source_id and s.source_id.isdigit():
            assert re.search(rf'"?id"?[=:] ?"?{s.source_id}\b', written.decode()), s.source_id
    assert any(s.guid and s.guid in text for s in first.sessions) or "fosdem2010" in export.file


def test_nothing_the_source_says_is_lost_and_its_language_is_printed(tmp_path):
    export = next(e for e in EXPORTS if e.file == "camp2019.json")
    _, folder, result = imported(tmp_path, export)
    assert result.returncode == 0, result.stderr
    knots = named(load(folder).event, "Knoten 101")
    assert (knots.language, knots.kind, knots.subtitle.get("en")) == ("de", "lecture", "Can you knot or can you not ?")
    assert knots.url == "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10189.html"
    assert knots.online_url is None  # a talk's web page is not an online link to join
    assert (knots.guid, knots.id) == ("977957d7-ef42-4ea0-8380-b9a48bd583f0", "10189")
    out = tmp_path / "out"
    assert run("build", str(folder), "--out", str(out), "--only", "book", "--edition", "en", "--html").returncode == 0
    text = " ".join(pdftotext(out / "event" / "book-en.pdf", raw=True).split())  # drawing order: the time column apart
    assert "Knoten 101 Can you knot or can you not ?" in text and "Hardware & Making in German" in text
    assert "Online: https://fahrplan" not in text
    html = next((out / "event" / "html").rglob("book-en*.html")).read_text(encoding="utf-8")
    assert '<span lang="de" class=" bl">Knoten' in html  # hyphenated with German patterns


SHEET_EVENTS = ["data/whrcf2021", "tests/fixtures/pyconkr2018", "tests/fixtures/fosdem2018", "tests/fixtures/mini"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("folder", SHEET_EVENTS)
def test_a_sheet_export_read_back_is_the_same_event_model(tmp_path, folder, fmt):
    """import(export(x)) is x, field for field: multi-day items, short titles, organisers,
    category and room ids with both names, and (in .xlsx) every person's names."""
    from .conftest import ROOT

    first = load(ROOT / folder).event
    sheet = tmp_path / f"sessions.{fmt}"
    exported = run("export", str(ROOT / folder), "--format", fmt, "--out", str(sheet))
    assert exported.returncode == 0, exported.stderr
    result = run("import", str(sheet), "--into", str(tmp_path / "again"), "--timezone", first.timezone)
    assert result.returncode == 0, result.stderr
    second = load(tmp_path / "again").event
    a, b = model(first), model(second)
    assert b[0] == a[0]  # every session, every field
    assert b[1] == a[1]
    assert b[2] == a[2]
    if fmt == "xlsx":
        assert b[3] == a[3]
    else:  # a CSV names each person once: the ids and the first language's names come back, and it says so
        lang = first.languages[0]
        assert {i: p[0].get(lang) for i, p in b[3].items()} == {i: p[0].get(lang) for i, p in a[3].items()}
        lost = [p for p in first.people.values() if p.affiliation or (p.name.ko and p.name.en)]
        assert bool(lost) == ("people's other names or affiliations are not in it" in exported.stderr)
