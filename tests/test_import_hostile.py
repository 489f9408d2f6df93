"""`book import` on sources that are valid files but odd programmes: repeats, one-day events,
clashes the post-import check finds, findings on files the import only meant to write.

(Sources with one thing wrong are in tests/import_cases.py, each with its exact message.)"""

from __future__ import annotations

from pathlib import Path

from book.errors import Finding
from book.source.imports import read_source
from book.source.imports.merge import _in_source

from .import_cases import CSV_HEAD, ICS
from .test_interchange import run


def test_a_repeating_event_imports_its_first_time_and_says_so(tmp_path):
    source = tmp_path / "calendar.ics"
    rule = "DTSTART:20211007T090000\r\nDTEND:20211007T100000\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
    source.write_text(ICS.format(times=rule), encoding="utf-8")
    result = run("import", str(source), "--into", str(tmp_path / "event"))
    assert result.returncode == 0, result.stderr
    assert (
        "calendar.ics:3: warning: event `talk` repeats (RRULE): only its first time, 2021-10-07 09:00, is imported"
        in result.stderr
    )
    assert "imported 1 session into" in result.stdout


def test_written_yaml_has_no_anchors_or_aliases(tmp_path):
    # A one-day event: its period's start and end are the same date, once written as `&id001`/`*id001`.
    source = tmp_path / "sessions.csv"
    source.write_text(
        CSV_HEAD
        + "opening,2021-10-07,17:30,18:00,1층 로비,공식행사,개회식,Opening\n"
        + "talk,2021-10-07,18:00,18:30,1층 로비,공식행사,대화,Talk\n",
        encoding="utf-8",
    )
    folder = tmp_path / "event"
    assert run("import", str(source), "--into", str(folder)).returncode == 0
    for name in ("event.yaml", "sessions.yaml", "rooms.yaml", "categories.yaml", "people.yaml"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "&id" not in text and "*id" not in text, name
    event = (folder / "event.yaml").read_text(encoding="utf-8")
    assert "start: 2021-10-07" in event and "end: 2021-10-07" in event


def test_room_clashes_in_a_source_are_imported_and_warned_of_at_the_later_row(tmp_path):
    source = tmp_path / "sessions.csv"
    rows = "".join(f"t{i},2021-10-07,09:00,10:00,Hall,Talk,,Talk {i}\n" for i in range(3))
    source.write_text(CSV_HEAD + rows, encoding="utf-8")
    result = run("import", str(source), "--into", str(tmp_path / "event"))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if "overlapping" in line]
    assert [line.split(": warning: ")[0] for line in lines] == ["sessions.csv:3:1", "sessions.csv:4:1"]
    assert "`t0` and `t1` are in room `hall`" in lines[0] and "`t0` and `t2`" in lines[1]
    assert "3 sessions" in result.stdout and ".import-" not in result.stderr


def test_a_finding_on_a_file_the_import_would_write_names_the_event_folder(tmp_path):
    source = tmp_path / "sessions.csv"
    source.write_text(CSV_HEAD + "opening,2021-10-07,17:30,18:00,,공식행사,개회식,Opening\n", encoding="utf-8")
    programme = read_source(source)
    work = tmp_path / ".event.import-x1y2" / "event"
    finding = Finding(str(work / "event.yaml"), 9, 10, "error", "period.end is wrong")
    moved = _in_source(finding, work, tmp_path / "event", programme)
    assert moved.file == str(tmp_path / "event" / "event.yaml") and moved.line == 9
    assert moved.message == "as the import would write it: period.end is wrong"
    assert ".import-" not in moved.format()


def test_import_into_a_link_that_loops_is_refused_by_name(tmp_path):
    source = tmp_path / "sessions.csv"
    source.write_text(CSV_HEAD + "talk,2021-10-07,09:00,10:00,Hall,Talk,,Talk\n", encoding="utf-8")
    into = tmp_path / "event"
    into.symlink_to(into)
    result = run("import", str(source), "--into", str(into))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{into} is a link that loops or names no folder" in result.stderr, result.stderr
    assert into.is_symlink()  # left as it was


KILLER = """
import os, signal, sys

at, seen = int(sys.argv.pop(1)), 0
CHANGES = {"os.rename", "os.replace", "os.mkdir", "os.remove", "os.rmdir", "os.link", "os.symlink",
           "os.chmod", "os.utime", "shutil.rmtree", "shutil.copyfile", "shutil.copymode", "shutil.copystat"}

def before(event, args):  # kill the import just before its at-th change to the file system
    global seen
    if event == "open":
        mode, flags = args[1], args[2]
        changes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
    else:
        changes = event in CHANGES or (event == "ctypes.dlsym" and "renameat2" in str(args))
    if changes:
        seen += 1
        if seen == at:
            os.kill(os.getpid(), signal.SIGKILL)

sys.addaudithook(before)
from book.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_an_import_killed_before_any_of_its_writes_leaves_the_folder_old_or_new(tmp_path):
    """kill -9 before each change the import makes to the file system, one after another: the
    event folder is always at its name and passes `book check`, with the old programme or the
    new one, never a mix; and the next import names what a killed one left beside it."""
    import os
    import subprocess
    import sys

    from book.pipeline import check

    from .conftest import ROOT

    def programme(word, n=40):
        hm = [f"{m // 60:02d}:{m % 60:02d}" for m in range(9 * 60, 9 * 60 + 10 * (n + 1), 10)]
        rows = "".join(f"s{i},2021-10-07,{hm[i]},{hm[i + 1]},Hall,Talk,,{word} {i}\n" for i in range(n))
        path = tmp_path / f"{word}.csv"
        path.write_text(CSV_HEAD + rows, encoding="utf-8")
        return path

    old, new = programme("Old"), programme("New")
    folder = tmp_path / "event"
    assert run("import", str(old), "--into", str(folder)).returncode == 0

    def titles():
        loaded, _, findings = check(folder)
        assert loaded.event is not None and not [f for f in findings if f.severity == "error"], findings
        return {s.title.get("en") for s in loaded.event.sessions}

    olds, news = titles(), {f"New {i}" for i in range(40)}
    assert olds == {f"Old {i}" for i in range(40)}
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    states, at = [], 1
    while at < 400:
        killer = [sys.executable, "-c", KILLER, str(at), "import", str(new), "--into", str(folder)]
        result = subprocess.run(killer, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        now = titles()
        assert now in (olds, news), (at, sorted(now)[:3])
        states.append("new" if now == news else "old")
        if result.returncode != -9:  # it ran to its end: every change it makes has been a kill point
            assert result.returncode == 0, result.stderr
            break
        if now == news:  # start the next kill point from the old programme again
            assert run("import", str(old), "--into", str(folder)).returncode == 0
        at += 1
    assert at > 10 and states[0] == "old" and "new" in states[:-1], states  # killed after the swap, too
    said = run("import", str(old), "--into", str(folder)).stdout
    left = sorted(folder.parent.glob(".event.import-*/event*"))
    assert left and all(str(path) in said for path in left), said


def test_a_person_with_no_name_is_left_out_and_named(tmp_path):
    from .import_cases import pretalx

    source = tmp_path / "schedule.json"
    source.write_text(pretalx(persons=[{"name": ["a", "list"]}, {"code": "X1"}, {"name": "김무성"}]), encoding="utf-8")
    result = run("import", str(source), "--into", str(tmp_path / "event"))
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "has no name" in line]
    assert len(said) == 2 and said[0].startswith(
        "schedule.json:26: warning: a person of `abc123` has no name: left out"
    )
    assert "name: 김무성" in (tmp_path / "event" / "people.yaml").read_text(encoding="utf-8")


def test_an_xml_person_with_no_name_is_left_out_and_named(tmp_path):
    from .import_cases import EVENT, frab

    event = EVENT.format(start="10:00", duration="00:30").replace(
        "</event>", "<persons><person id='1'/><person id='2'>Ada Lovelace</person></persons></event>"
    )
    source = tmp_path / "schedule.xml"
    source.write_text(frab(event), encoding="utf-8")
    result = run("import", str(source), "--into", str(tmp_path / "event"))
    assert result.returncode == 0, result.stderr
    assert "schedule.xml:6: warning: a person of `6975` has no name: left out" in result.stderr
    assert "name: Ada Lovelace" in (tmp_path / "event" / "people.yaml").read_text(encoding="utf-8")


def test_sheet_cells_that_hold_errors_or_formulas_with_no_saved_value_are_named(tmp_path):
    """openpyxl reads a formula's saved value: a workbook a script wrote has none, and its cells
    would import as empty (a room or a title lost without a word)."""
    import openpyxl

    head = ["id", "date", "start", "end", "room", "category", "title_ko", "title_en"]
    book = openpyxl.Workbook()
    book.active.append(head)
    book.active.append(["a", "2021-10-07", "09:00", "10:00", "=1/0", "Talk", '=B2&"x"', "A"])
    book.active.append(["b", "2021-10-07", "10:00", "11:00", "#REF!", "Talk", "나", "B"])
    book.save(tmp_path / "sessions.xlsx")
    result = run("import", str(tmp_path / "sessions.xlsx"), "--into", str(tmp_path / "event"))
    assert result.returncode == 1, result.stderr
    said = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert said == [
        "sessions.xlsx:Sheet!E2: error: the cell holds the formula `=1/0` and no value saved with it"
        " (hint: open the sheet in Excel or LibreOffice and save it, or type the value itself)",
        'sessions.xlsx:Sheet!G2: error: the cell holds the formula `=B2&"x"` and no value saved with it'
        " (hint: open the sheet in Excel or LibreOffice and save it, or type the value itself)",
        "sessions.xlsx:Sheet!E3: error: the cell holds the spreadsheet error #REF! (hint: fix the formula)",
    ], said
    csv_source = tmp_path / "sessions.csv"
    csv_source.write_text(",".join(head) + "\nb,2021-10-07,10:00,11:00,#N/A,Talk,나,B\n", encoding="utf-8")
    result = run("import", str(csv_source), "--into", str(tmp_path / "event"))
    assert "sessions.csv:2 (column room): error: the cell holds the spreadsheet error #N/A" in result.stderr


def test_every_import_format_arrives_with_its_hostile_cases():
    """The standing rule (docs/safety.md): a new format in the registry has bad sources in
    tests/import_cases.py, each with its exact message: broken files, wrong types, bad dates."""
    from book.source.imports import FORMATS

    from .import_cases import CASES

    for fmt in FORMATS:
        cases = [name for name, (file, *_) in CASES.items() if Path(file).suffix in fmt.SUFFIXES]
        assert len(cases) >= 5, (fmt.__name__, cases)
