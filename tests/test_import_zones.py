"""Which time zone an import prints a source's times in: the file's own word first, then
--timezone (or the folder's zone), then the offsets its times carry, then Asia/Seoul, each
choice past the second said in a warning with the source line. A time is never shifted."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import yaml

from book.source.imports.timezone import offset_zone

from .import_cases import CSV_HEAD, ICS, pretalx
from .test_interchange import run


def imported(tmp_path, name, text, *options):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    folder = tmp_path / "event"
    result = run("import", str(source), "--into", str(folder), *options)
    assert result.returncode == 0, result.stderr
    event = yaml.safe_load((folder / "event.yaml").read_text(encoding="utf-8"))
    sessions = yaml.safe_load((folder / "sessions.yaml").read_text(encoding="utf-8"))
    return event["timezone"], [(s["start"], s["end"]) for s in sessions], result.stderr


def no_zone(**change):
    schedule = json.loads(pretalx(**change))
    del schedule["schedule"]["conference"]["time_zone_name"]
    return json.dumps(schedule, indent=1)


def test_a_json_whose_times_carry_an_offset_keeps_its_local_times(tmp_path):
    zone, times, said = imported(tmp_path, "schedule.json", no_zone(date="2018-08-18T15:30:00+01:00"))
    assert times == [("15:30", "16:10")] and zone == "Etc/GMT-1"  # not 23:30 in Seoul
    assert "schedule.json:1: warning: the file names no time zone; its times carry the offset +01:00" in said


def test_the_zone_a_file_names_wins_over_the_one_given(tmp_path):
    text = pretalx(date="2018-08-18T15:30:00+02:00").replace('"Asia/Seoul"', '"Europe/Berlin"')
    zone, times, said = imported(tmp_path, "schedule.json", text, "--timezone", "Asia/Seoul")
    assert zone == "Europe/Berlin" and times == [("15:30", "16:10")]
    assert "warning: the file names its time zone, Europe/Berlin: the zone given (Asia/Seoul) is not used" in said


def test_an_ics_in_utc_is_printed_in_utc_or_in_the_zone_given(tmp_path):
    text = ICS.format(times="DTSTART:20211007T133000Z\r\nDTEND:20211007T140000Z\r\n")
    zone, times, said = imported(tmp_path, "calendar.ics", text)
    assert zone == "UTC" and times == [("13:30", "14:00")]
    assert "calendar.ics:1: warning: the file names no time zone; its times carry the offset +00:00" in said
    (tmp_path / "event").rename(tmp_path / "first")
    zone, times, said = imported(tmp_path, "calendar.ics", text, "--timezone", "Europe/Berlin")
    assert zone == "Europe/Berlin" and times == [("15:30", "16:00")] and "warning" not in said  # CEST


def test_an_ics_whose_events_name_a_tzid_is_in_that_zone(tmp_path):
    text = ICS.format(
        times="DTSTART;TZID=Europe/Berlin:20211007T153000\r\nDTEND;TZID=Europe/Berlin:20211007T160000\r\n"
    )
    zone, times, said = imported(tmp_path, "calendar.ics", text)
    assert zone == "Europe/Berlin" and times == [("15:30", "16:00")] and "warning" not in said


def test_a_sheet_that_says_nothing_is_read_as_seoul_and_says_so(tmp_path):
    text = CSV_HEAD + "opening,2021-10-07,17:30,18:00,Hall,공식행사,개회식,Opening\n"
    zone, times, said = imported(tmp_path, "sessions.csv", text)
    assert zone == "Asia/Seoul" and times == [("17:30", "18:00")]
    assert "sessions.csv:1: warning: the file names no time zone and its times carry no offset:" in said
    assert "read as Asia/Seoul" in said


def test_a_zone_for_every_offset_is_always_at_that_offset():
    winter, summer = datetime(2021, 1, 15, 12), datetime(2021, 7, 15, 12)
    for minutes in (-600, -210, -180, 0, 60, 330, 345, 525, 570, 780, 840):
        zone = ZoneInfo(offset_zone(timedelta(minutes=minutes)))
        assert zone.utcoffset(winter) == timedelta(minutes=minutes), minutes
        if minutes % 60 == 0:  # the Etc/ zones have no summer time
            assert zone.utcoffset(summer) == timedelta(minutes=minutes), minutes
