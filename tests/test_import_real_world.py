"""What real exports do that a hand-made file does not, each met with a warning and a default, not a refusal.

A session past midnight, an empty duration, a zero length, a duplicate id,
two talks in one room at once, times marked Z that are local, a file that is
not a schedule; then what a new event folder is made of, and what a
re-import leaves alone. Every warning names the source's file and line.
"""

from __future__ import annotations

import re
import subprocess

from book.pipeline.check_event import load

from .import_cases import CSV_HEAD, EVENT, ICS, frab, pretalx
from .test_interchange import run


def imported(tmp_path, name: str, content: str, *extra):
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    result = run("import", str(source), "--into", str(tmp_path / "event"), *extra)
    return result, tmp_path / "event"


def test_an_empty_duration_gets_thirty_minutes_and_a_warning_at_its_line(tmp_path):
    result, folder = imported(tmp_path, "schedule.xml", frab(EVENT.format(start="10:00", duration="")))
    assert result.returncode == 0, result.stderr
    assert "schedule.xml:8: warning: event `6975` gives no duration: given 30 minutes" in result.stderr
    (s,) = load(folder).event.sessions
    assert (s.start, s.end) == (600, 630)


def test_a_zero_length_session_gets_a_length_named_in_a_warning(tmp_path):
    result, _ = imported(tmp_path, "schedule.json", pretalx(duration="00:00"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"schedule\.json:\d+: warning: session `abc123` has no length .*given 30 minutes", result.stderr)


def test_an_ics_event_without_an_end_and_a_whole_day_one_are_imported(tmp_path):
    times = "DTSTART:20211008T010000Z\r\n"
    day = "BEGIN:VEVENT\r\nUID:fair@x\r\nSUMMARY:Book fair\r\nDTSTART;VALUE=DATE:20211008\r\nEND:VEVENT\r\n"
    content = ICS.format(times=times).replace("END:VCALENDAR", day + "END:VCALENDAR")
    result, folder = imported(tmp_path, "calendar.ics", content, "--timezone", "Asia/Seoul")
    assert result.returncode == 0, result.stderr
    assert "calendar.ics:3: warning: session `talk` has no length" in result.stderr
    sessions = {s.id: s for s in load(folder).event.sessions}
    assert (sessions["talk"].start, sessions["talk"].end) == (600, 630)  # 01:00 Z is 10:00 in Seoul
    assert (sessions["fair"].start, sessions["fair"].end_date) == (None, None)  # the one day, no time


def test_a_session_past_midnight_is_imported_on_its_day(tmp_path):
    night = pretalx(date="2018-08-18T23:30:00+09:00", duration="01:30")
    result, folder = imported(tmp_path, "schedule.json", night)
    assert result.returncode == 0, result.stderr
    (s,) = load(folder).event.sessions
    assert (s.date.isoformat(), s.start, s.end) == ("2018-08-18", 23 * 60 + 30, 25 * 60)
    assert "end: '25:00'" in (folder / "sessions.yaml").read_text(encoding="utf-8")


def test_a_session_over_a_day_is_a_multi_day_item_with_a_warning(tmp_path):
    result, folder = imported(tmp_path, "schedule.json", pretalx(duration="50:00"))
    assert result.returncode == 0, result.stderr
    assert "lasts more than a day" in result.stderr and "multi-day item" in result.stderr
    (s,) = load(folder).event.sessions
    assert (s.start, s.date.isoformat(), s.end_date.isoformat()) == (None, "2018-08-18", "2018-08-20")


def test_two_sessions_in_one_room_at_once_sit_side_by_side_on_the_glance(tmp_path):
    rows = (
        "a,2021-10-07,09:00,10:00,Hall,Talk,,Alpha meetup\n"
        "b,2021-10-07,09:30,10:30,Hall,Talk,,Bravo meetup\n"
        "c,2021-10-07,09:00,10:00,Annex,Talk,,Charlie talk\n"
    )
    result, folder = imported(tmp_path, "sessions.csv", CSV_HEAD + rows)
    assert result.returncode == 0, result.stderr
    assert "sessions.csv:3:1: warning: sessions `a` and `b` are in room `hall` at overlapping times" in result.stderr
    out = tmp_path / "out"
    assert run("build", str(folder), "--out", str(out), "--only", "book", "--edition", "en").returncode == 0
    pdf = out / "event" / "book-en.pdf"
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = xml.split("<page ")
    glance = next(p for p in pages if "Alpha" in p and "Bravo" in p and "Charlie" in p)

    def box(word):
        m = re.search(rf'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>{word}<', glance)
        return float(m[1]), float(m[2])

    (a0, a1), (b0, b1), (c0, _) = box("Alpha"), box("Bravo"), box("Charlie")
    assert a1 <= b0 or b1 <= a0  # side by side, not drawn over each other
    assert c0 > max(a1, b1)  # the next room's column is to their right


def test_times_marked_z_that_are_local_are_said_and_read_as_local_when_asked(tmp_path):
    event = (
        '      <event id="1"><date>2018-02-03T10:30:00Z</date><start>10:30</start><duration>00:30</duration>'
        "<title>Opening</title></event>"
    )
    content = frab(event).replace(
        "<conference><title>T</title>", "<conference><title>T</title><time_zone_name>Europe/Brussels</time_zone_name>"
    )
    result, folder = imported(tmp_path, "schedule.xml", content)
    assert result.returncode == 0, result.stderr
    assert "warning: the times are marked UTC (Z) but look like local times" in result.stderr
    assert "--timezone Europe/Brussels --times-are-local" in result.stderr
    assert load(folder).event.sessions[0].start == 11 * 60 + 30  # as marked: 10:30 Z is 11:30 in Brussels
    again = run("import", str(tmp_path / "schedule.xml"), "--into", str(tmp_path / "local"), "--times-are-local")
    assert again.returncode == 0 and "look like local" not in again.stderr
    assert load(tmp_path / "local").event.sessions[0].start == 10 * 60 + 30


def test_a_file_that_is_not_a_schedule_says_so(tmp_path):
    result, folder = imported(tmp_path, "site.xml", '<?xml version="1.0"?>\n<schedule><item/></schedule>\n')
    assert result.returncode == 1 and not folder.exists()
    assert "site.xml:2: error: this XML is not a conference schedule: <schedule> holds no <day>" in result.stderr


def test_a_new_event_folder_takes_the_source_name_dates_zone_and_venue(tmp_path):
    head = "<conference><title>FOSDEM 2010</title><venue>ULB</venue><city>Brussels</city>"
    content = frab(EVENT.format(start="10:00", duration="00:30")).replace("<conference><title>T</title>", head)
    result, folder = imported(tmp_path, "schedule.xml", content, "--timezone", "Europe/Brussels")
    assert result.returncode == 0, result.stderr
    text = (folder / "event.yaml").read_text(encoding="utf-8")
    assert "&id" not in text and "*id" not in text
    event = load(folder).event
    assert (event.name.get("en"), event.venue.get("en"), event.city.get("en")) == ("FOSDEM 2010", "ULB", "Brussels")
    assert (event.timezone, event.period[0].isoformat(), event.period[1].isoformat()) == (
        "Europe/Brussels",
        "2018-02-03",
        "2018-02-03",
    )
    assert f"next: check {folder / 'event.yaml'}" in result.stdout and f"book build {folder}" in result.stdout
    (tmp_path / "x").mkdir()
    nameless, _ = imported(tmp_path / "x", "sessions.csv", CSV_HEAD + "a,2021-10-07,09:00,10:00,,Talk,,A\n")
    assert "the source names no event: write its name in event.yaml" in nameless.stdout


def test_a_reimport_writes_no_default_style_and_keeps_the_users(tmp_path):
    source = tmp_path / "sessions.csv"
    source.write_text(CSV_HEAD + "a,2021-10-07,09:00,10:00,,Talk,,A\nb,2021-10-07,10:00,11:00,,Panel,,B\n", "utf-8")
    folder = tmp_path / "event"
    assert run("import", str(source), "--into", str(folder)).returncode == 0
    cats = folder / "categories.yaml"
    assert "colour:" not in cats.read_text(encoding="utf-8")
    styled = cats.read_text(encoding="utf-8").replace("label: Talk", "label: Talk\n  colour: '#123456'")
    cats.write_text(styled, encoding="utf-8")
    assert run("import", str(source), "--into", str(folder)).returncode == 0
    text = cats.read_text(encoding="utf-8")
    assert text.count("colour:") == 1 and "'#123456'" in text and "cmyk:" not in text and "tag:" not in text


def test_a_night_counts_on_from_its_day_only_while_it_fits_the_night():
    from datetime import date, datetime

    from book.source.imports.placing import timed

    day = date(2014, 12, 27)
    assert timed(datetime(2014, 12, 28, 1, 0), datetime(2014, 12, 28, 2, 15), day) == (day, 1500, 1575)
    assert timed(datetime(2014, 12, 27, 23, 0), datetime(2014, 12, 28, 0, 30), day) == (day, 1380, 1470)
    # a day later than the night after, or ending past it: on its own date
    assert timed(datetime(2014, 12, 29, 10, 0), datetime(2014, 12, 29, 11, 0), day) == (date(2014, 12, 29), 600, 660)
    assert timed(datetime(2014, 12, 28, 3, 0), datetime(2014, 12, 29, 1, 0), day) == (date(2014, 12, 28), 180, 1500)


def test_a_long_description_beside_the_abstract_is_kept_and_exported_not_printed(tmp_path):
    event = EVENT.format(start="10:00", duration="00:30").replace(
        "<track>", "<abstract>Short text.</abstract><description>&lt;p&gt;The long text.&lt;/p&gt;</description><track>"
    )
    result, folder = imported(tmp_path, "schedule.xml", frab(event), "--timezone", "Europe/Brussels")
    assert result.returncode == 0, result.stderr
    (s,) = load(folder).event.sessions
    assert (s.description.get("en"), s.full_description.get("en")) == ("Short text.", "The long text.")
    out = tmp_path / "schedule-out.xml"
    assert run("export", str(folder), "--format", "frab-xml", "--out", str(out)).returncode == 0
    assert "<description>The long text.</description>" in out.read_text(encoding="utf-8")
    built = tmp_path / "out"
    assert run("build", str(folder), "--out", str(built), "--only", "book", "--edition", "en").returncode == 0
    text = subprocess.run(["pdftotext", str(built / "event" / "book-en.pdf"), "-"], capture_output=True, text=True)
    assert "Short text." in text.stdout and "The long text." not in text.stdout


def test_links_that_are_not_web_addresses_are_left_out_with_one_warning(tmp_path):
    links = (
        '<links><link href="http://">Video</link><link href="489/slides.pdf">Slides</link>'
        '<link href="https://example.org/talk">Page</link></links><track>'
    )
    event = EVENT.format(start="10:00", duration="00:30").replace("<track>", links)
    result, folder = imported(tmp_path, "schedule.xml", frab(event), "--timezone", "Europe/Brussels")
    assert result.returncode == 0, result.stderr
    assert "schedule.xml:6: warning: session `6975` links to `http://`, `489/slides.pdf`, 2 that are not" in (
        result.stderr
    )
    assert load(folder).event.sessions[0].links == (("Page", "https://example.org/talk"),)
