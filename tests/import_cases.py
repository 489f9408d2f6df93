"""Bad sources for `book import`: (file name, content) -> the exact problem it must report.

Each is small and made from the shape of a real export, with one thing wrong."""

from __future__ import annotations

import json

GOOD_EVENT = {
    "guid": "0f6a2c1e-8f5a-4f7e-9a61-2b1c3d4e5f60",
    "code": "ABC123",
    "id": 1,
    "date": "2018-08-18T09:40:00+09:00",
    "start": "09:40",
    "duration": "00:40",
    "room": "101",
    "title": "그리고 물고기는 고마웠어요",
    "track": "Keynote",
    "type": "Talk",
    "language": "ko",
    "persons": [{"code": "K1", "name": "김무성"}],
}


def pretalx(**change) -> str:
    event = {**GOOD_EVENT, **change}
    return json.dumps(
        {
            "schedule": {
                "version": "1",
                "conference": {
                    "acronym": "test",
                    "title": "Test",
                    "start": "2018-08-18",
                    "end": "2018-08-18",
                    "daysCount": 1,
                    "timeslot_duration": "00:05",
                    "time_zone_name": "Asia/Seoul",
                    "rooms": [{"name": "101"}],
                    "days": [
                        {
                            "index": 1,
                            "date": "2018-08-18",
                            "day_start": "2018-08-18T09:00:00+09:00",
                            "day_end": "2018-08-18T18:00:00+09:00",
                            "rooms": {event.pop("room_key", "101"): [event]},
                        }
                    ],
                },
            }
        },
        ensure_ascii=False,
        indent=2,
    )


def frab(event: str, day: str = 'date="2018-02-03"', head: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}<schedule>\n  <conference><title>T</title></conference>\n'
        f'  <day index="1" {day}>\n    <room name="Janson">\n{event}\n    </room>\n  </day>\n</schedule>\n'
    )


EVENT = (
    '      <event id="6975">\n        <start>{start}</start>\n        <duration>{duration}</duration>\n'
    "        <title>Simulating Multilevel Caches in Cachegrind</title>\n        <track>Debugging tools</track>\n"
    "      </event>"
)
ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:talk@example.org\r\nSUMMARY:A talk\r\n{times}END:VEVENT\r\nEND:VCALENDAR\r\n"
CSV_HEAD = "아이디,날짜,시작,종료,장소,구분,한국어 제목,영어 제목\n"

HUB_EVENT = {
    "guid": "270fa44c-821a-577f-8ca3-33e8d4a8c2a7",
    "code": "HQCCYH",
    "start": "2024-12-27T10:30:00+01:00",
    "end": "2024-12-27T11:00:00+01:00",
    "room": {"name": "Saal 1"},
    "title": "Opening Ceremony",
    "participants": [{"guid": "0c16ffaa-709d-599f-959f-9a38b911361a", "name": "A Speaker", "role": "SPEAKER"}],
}


def hub(*events) -> str:
    """The c3voc schedule of the second kind (the CCC hub's): a flat list of events."""
    conference = {
        "acronym": "t",
        "title": "T",
        "time_zone_name": "Europe/Berlin",
        "days": [
            {"index": 1, "date": "2024-12-27", "start": "2024-12-27T09:00:00+01:00", "end": "2024-12-28T06:00:00+01:00"}
        ],
    }
    return json.dumps({"schedule": {"version": "1", "conference": conference, "events": list(events)}}, indent=2)


CASES = {
    "xml-site-format": (
        "schedule.xml",
        '<schedule><day date="2014-07-21"><entry id="1"><start>0930</start><title>Breakfast</title></entry></day></schedule>',
        "schedule.xml:1: error: this XML is not a frab, pentabarf or pretalx schedule: its <day> elements hold <entry>,"
        " not <event>",
    ),
    "hub-event-not-an-object": (
        "schedule.json",
        hub("talk"),
        "schedule.json:17: error: event 1 is str, not an object",
    ),
    "hub-start-not-a-moment": (
        "schedule.json",
        hub({**HUB_EVENT, "start": "tomorrow"}),
        "schedule.json:19: error: event `hqccyh` has the start `tomorrow`, which is not a date and time",
    ),
    "hub-no-id": (
        "schedule.json",
        hub({k: v for k, v in HUB_EVENT.items() if k not in ("guid", "code")}),
        "schedule.json:1: error: an event has no code, guid or id",
    ),
    "hub-ends-before-it-starts": (
        "schedule.json",
        hub({**HUB_EVENT, "end": "2024-12-27T10:00:00+01:00"}),
        "schedule.json:19: error: session `hqccyh` ends (10:00) before it starts (10:30)",
    ),
    "json-broken": (
        "schedule.json",
        pretalx()[:-40],
        "schedule.json:45: error: not JSON: Expecting ',' delimiter (column 2)",
    ),
    "json-not-schedule": (
        "schedule.json",
        '{"talks": []}',
        "schedule.json:1: error: not a frab/pretalx schedule: no schedule.conference.days",
    ),
    "json-date": (
        "schedule.json",
        pretalx(date="18 August 2018 9:40"),
        "schedule.json:26: error: event `abc123` has the date `18 August 2018 9:40`, which is not a date and time",
    ),
    "json-duration": (
        "schedule.json",
        pretalx(duration="forty minutes"),
        "schedule.json:26: error: event `abc123` has the duration `forty minutes`, which is not hh:mm",
    ),
    "json-person-a-number": (
        "schedule.json",
        pretalx(persons=[5]),
        "schedule.json:26: error: a person of `abc123` is int, not a name or an object",
    ),
    "json-persons-a-string": (
        "schedule.json",
        pretalx(persons="김무성"),
        "schedule.json:26: error: the persons of `abc123` are str, not a list",
    ),
    "json-schedule-a-list": (
        "schedule.json",
        json.dumps({"schedule": [1], "generator": "pretalx"}),
        "schedule.json:1: error: not a frab/pretalx schedule: no schedule.conference.days",
    ),
    "json-meta-and-generator-of-other-types": (
        "schedule.json",
        json.dumps(
            {
                **json.loads(pretalx(persons=5)),
                "generator": "book",  # a string where {name, version} is; meta a list where an object is
            }
        ).replace('"acronym": "test"', '"acronym": "test", "meta": [1]', 1),
        "schedule.json:1: error: the persons of `abc123` are int, not a list",
    ),
    "json-title-a-list": (
        "schedule.json",
        pretalx(title=["그리고", "물고기는"]),
        "error: session `abc123` has no title",
    ),
    "json-event-a-string": (
        "schedule.json",
        pretalx().replace('"rooms": {\n            "101": [\n              {', '"rooms": {"101": ["an event", {', 1),
        "error: an event in 101 is str, not an object",
    ),
    "json-id-an-object": (
        "schedule.json",
        pretalx(guid={"a": 1}, code=["x"], id=None),
        "schedule.json:1: error: an event in 101 has no code, id or guid",
    ),
    "json-zone-unknown": (
        "schedule.json",
        pretalx().replace('"time_zone_name": "Asia/Seoul"', '"time_zone_name": "Mars/Olympus_Mons"'),
        "schedule.json:11: error: `Mars/Olympus_Mons` is not a time zone",
    ),
    "json-zone-a-path": (
        "schedule.json",
        pretalx().replace('"time_zone_name": "Asia/Seoul"', '"time_zone_name": "../../etc/passwd"'),
        "schedule.json:11: error: `../../etc/passwd` is not a time zone",
    ),
    "json-zone-a-list": (
        "schedule.json",
        pretalx().replace('"time_zone_name": "Asia/Seoul"', '"time_zone_name": ["Asia/Seoul"]'),
        "schedule.json:11: error: `['Asia/Seoul']` is not a time zone",
    ),
    "json-id-zero-is-an-id": (  # an id of 0 is an id: the import goes on to the next problem
        "schedule.json",
        pretalx(guid="", code="", id=0, duration="forty minutes"),
        "error: event `0` has the duration `forty minutes`, which is not hh:mm",
    ),
    "json-no-id": (
        "schedule.json",
        pretalx(guid="", code="", id=None),
        "schedule.json:1: error: an event in 101 has no code, id or guid",
    ),
    "json-unknown-room": (
        "schedule.json",
        pretalx(room_key="Room 999"),
        "schedule.json:24: error: the room `Room 999` is not in the conference's room list",
    ),
    "json-no-title": ("schedule.json", pretalx(title=""), "schedule.json:26: error: session `abc123` has no title"),
    "xml-id-too-long": (
        "schedule.xml",
        frab(EVENT.format(start="10:00", duration="00:30").replace('id="6975"', 'id="' + "9" * 100_000 + '"')),
        "schedule.xml:6:1: error: session id `" + "9" * 64 + "…` is not a valid id",
    ),
    "xml-broken": (
        "schedule.xml",
        frab(EVENT.format(start="10:30", duration="00:25"))[:-30],
        "schedule.xml:12: error: not well-formed XML: no element found (column 4)",
    ),
    "xml-doctype": (
        "schedule.xml",
        frab(EVENT.format(start="10:30", duration="00:25"), head='<!DOCTYPE schedule [<!ENTITY x "boom">]>\n'),
        "schedule.xml:2: error: the XML declares a DOCTYPE, which an import never reads",
    ),
    "xml-root": (
        "schedule.xml",
        '<?xml version="1.0"?>\n<programme/>\n',
        "schedule.xml:2: error: this XML is not a conference schedule: the root element is <programme>",
    ),
    "xml-day-date": (
        "schedule.xml",
        frab(EVENT.format(start="10:30", duration="00:25"), day='date="3 Feb"'),
        "schedule.xml:4: error: the day's date `3 Feb` is not a date",
    ),
    "xml-start": (
        "schedule.xml",
        frab(EVENT.format(start="half past ten", duration="00:25")),
        "schedule.xml:7: error: event `6975` has the start `half past ten`, which is not a time",
    ),
    "xml-duration": (
        "schedule.xml",
        frab(EVENT.format(start="10:30", duration="25 min")),
        "schedule.xml:8: error: event `6975` has the duration `25 min`, which is not hh:mm",
    ),
    "ics-broken": (
        "calendar.ics",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n",
        "calendar.ics:1: error: not an iCalendar file",
    ),
    "ics-end-before-start-day": (
        "calendar.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:tour@x\r\n"
        "DTSTART;VALUE=DATE:20211002\r\nDTEND;VALUE=DATE:20211001\r\nSUMMARY:인도네시아 투어\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        "calendar.ics:3: error: event `tour` ends before the day it starts",
    ),
    "csv-date": (
        "sessions.csv",
        CSV_HEAD + "opening,7 October,17:30,18:00,,공식행사,개회식,Opening\n",
        "sessions.csv:2 (column date): error: `7 October` is not a date",
    ),
    "csv-time": (
        "sessions.csv",
        CSV_HEAD + "opening,2021-10-07,5.30pm,18:00,,공식행사,개회식,Opening\n",
        "sessions.csv:2 (column start): error: `5.30pm` is not a time",
    ),
    "csv-end-before-start": (
        "sessions.csv",
        CSV_HEAD + "opening,2021-10-07,18:00,17:30,,공식행사,개회식,Opening\n",
        "sessions.csv:2 (column end): error: session `opening` ends (17:30) before it starts (18:00)",
    ),
    "csv-unknown-column": (
        "sessions.csv",
        CSV_HEAD.replace("장소", "강의실") + "opening,2021-10-07,17:30,18:00,,공식행사,개회식,Opening\n",
        "sessions.csv:1 (column 강의실): error: unknown column `강의실`",
    ),
    "csv-no-date-column": (
        "sessions.csv",
        "id,start,end,title_ko\nopening,17:30,18:00,개회식\n",
        "sessions.csv:1: error: the sheet has no column date",
    ),
    "csv-no-id": (
        "sessions.csv",
        CSV_HEAD + ",2021-10-07,17:30,18:00,,공식행사,개회식,Opening\n",
        "sessions.csv:2 (column id): error: the row has no id",
    ),
    "csv-cell-over-128-kb": (
        "sessions.csv",
        CSV_HEAD + "opening,2021-10-07,17:30,18:00,,공식행사,개회식," + "x" * 200_000 + "\n",
        "sessions.csv:2: error: a cell of this row is over 131,072 characters (it runs on to line 2)",
    ),
    "csv-quote-never-closed": (
        "sessions.csv",
        CSV_HEAD
        + 'opening,2021-10-07,17:30,18:00,,공식행사,"개회식,Opening\n'
        + "talk,2021-10-07,18:00,18:30,,x,y,z\n" * 5000,
        "sessions.csv:2: error: a cell of this row is over 131,072 characters (it runs on to line 3747)",
    ),
    "csv-not-utf8": (
        "sessions.csv",
        (CSV_HEAD + "opening,2021-10-07,17:30,18:00,,공식행사,개회식,Opening\n").encode("cp949"),
        "sessions.csv:1: error: not UTF-8 text (byte 0)",
    ),
    "json-nested-deeply": ("schedule.json", "[" * 100_000, "schedule.json:1: error: the JSON is nested too deeply"),
    "json-year-9999": (  # converting 9999-12-31 23:40 at -12:00 to Seoul passes the year 9999
        "schedule.json",
        pretalx(date="9999-12-31T23:40:00-12:00"),
        "schedule.json:26: error: session `abc123` is dated in the year 9999, which is not a plausible year",
    ),
    "json-year-1": (
        "schedule.json",
        pretalx(date="0001-01-01T09:40:00+09:00"),
        "schedule.json:26: error: session `abc123` is dated in the year 1, which is not a plausible year",
    ),
    "xml-year-9999": (
        "schedule.xml",
        frab(EVENT.format(start="23:50", duration="00:25"), day='date="9999-12-31"'),
        "schedule.xml:6: error: session `6975` is dated in the year 9999",
    ),
    "ics-year-9999": (
        "calendar.ics",
        ICS.format(times="DTSTART:99991231T230000Z\r\nDTEND:99991231T233000Z\r\n"),
        "calendar.ics:3: error: session `talk` is dated in the year 9999",
    ),
    "ics-year-1": (
        "calendar.ics",
        ICS.format(times="DTSTART:00010101T090000\r\nDTEND:00010101T100000\r\n"),
        "calendar.ics:3: error: session `talk` is dated in the year 1,",
    ),
    "ics-duration-huge": (
        "calendar.ics",
        ICS.format(times="DTSTART:20211007T090000Z\r\nDURATION:P99999999W\r\n"),
        "calendar.ics:3: error: event `talk` lasts P699999993D, over a month, longer than any session",
    ),
    "ics-tzid-unknown": (  # not silently taken as local time
        "calendar.ics",
        ICS.format(times="DTSTART;TZID=Mars/Olympus:20211007T090000\r\nDTEND;TZID=Mars/Olympus:20211007T100000\r\n"),
        "calendar.ics:3: error: event `talk`: the DTSTART TZID `Mars/Olympus` is not a time zone",
    ),
    "ics-two-starts": (
        "calendar.ics",
        ICS.format(times="DTSTART:20211007T090000\r\nDTSTART:20211007T091000\r\nDTEND:20211007T100000\r\n"),
        "calendar.ics:3: error: event `talk` has 2 DTSTART lines",
    ),
    "csv-year-9999": (
        "sessions.csv",
        CSV_HEAD + "opening,9999-12-31,23:30,24:00,,공식행사,개회식,Opening\n",
        "sessions.csv:2 (column date): error: session `opening` is dated in the year 9999",
    ),
    "unknown-format": ("programme.pdf", "%PDF-1.7", "programme.pdf:1: error: cannot import `.pdf` files"),
}
XLSX_BAD_DATE = "sessions.xlsx:Sheet1!B3: error: `7 October` is not a date"
