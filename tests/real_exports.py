"""The real schedule exports the import is tested on (tests/fixtures/real, origins in ORIGIN.md).

Each case: the file, the --timezone a user would give (None: as shipped,
with nothing added), the number of events the file holds (counted here from
the file itself, not from the import), and one session the file states:
its title, the local date and clock time it is on, and its room.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT

REAL = ROOT / "tests" / "fixtures" / "real"


@dataclass(frozen=True)
class Export:
    file: str
    what: str
    timezone: str | None
    title: str  # a session the file states, …
    date: str  # … on this local date (the programme day it belongs to)
    time: str  # … at this clock time, as the book prints it
    room: str | None

    def copy(self, tmp_path: Path) -> Path:
        """The file as its tool shipped it (unzipped when kept compressed), in ``tmp_path``."""
        name = self.file.removesuffix(".gz")
        target = tmp_path / name
        if self.file.endswith(".gz"):
            target.write_bytes(gzip.decompress((REAL / self.file).read_bytes()))
        else:
            shutil.copy(REAL / self.file, target)
        return target

    def events(self, path: Path) -> int:
        """How many events the file holds, counted from its text."""
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ics":
            return len(re.findall(r"^BEGIN:VEVENT\r?$", text, re.M))
        if path.suffix == ".xml":
            return len(re.findall(r"<event[\s>]", text))
        schedule = json.loads(text)["schedule"]
        if "events" in schedule:  # the hub's kind: one list
            return len(schedule["events"])
        return sum(len(events) for day in schedule["conference"]["days"] for events in day["rooms"].values())


EXPORTS = (
    Export(
        "rc3-channels-2020.json",
        "pretalx schedule JSON (rC3 channels): offsets, no zone named, days from 04:00 to 03:59",
        None,
        "Der faule Admin automatisiert: Gluon auf echter Hardware testen",
        "2020-12-27",
        "11:30",
        "r3s - Monheim/Rhein",
    ),
    Export(
        "camp2019.json",
        "frab schedule JSON (Chaos Communication Camp 2019): sessions past midnight, German talks",
        None,
        "Opening Ceremony",
        "2019-08-21",
        "11:00",
        "Curie",
    ),
    Export(
        "38c3-hub.json",
        "c3voc schedule JSON of the second kind (38C3's hub): one list of events, a talk at 00:15 on the day before",
        None,
        "A Competitive Time-Trial AI for Need for Speed:",
        "2024-12-27",
        "00:15",
        "Saal ZIGZAG",
    ),
    Export(
        "31c3.xml",
        "frab schedule XML (31st Chaos Communication Congress): night films and shows past midnight",
        None,
        "Citizenfour",
        "2014-12-27",
        "00:00",
        "Saal 1",
    ),
    Export(
        "fosdem2010.xml",
        "pentabarf schedule XML (FOSDEM 2010): <event> directly under <day>, the room its own element",
        "Europe/Brussels",
        "asterisk: An introduction to Asterisk Development",
        "2010-02-06",
        "16:40",
        "Ferrer",
    ),
    Export(
        "pyconus2025.ics",
        "iCalendar in UTC (PyCon US 2025): no zone named, moments with no length",
        "America/New_York",
        "[talk] Looking At Audio",
        "2025-05-17",
        "13:30",
        "Ballroom A",
    ),
    Export(
        "pyconus2025-open-spaces.ics",
        "iCalendar with duplicate UIDs and emoji (PyCon US 2025 open spaces), in UTC",
        "America/New_York",
        "[open-spaces] Neurodivergent Pythonista Social Space",
        "2025-05-16",
        "16:00",
        "Room 316",
    ),
)

FOSDEM_2026 = Export(
    "fosdem2026.xml.gz",
    "pretalx schedule XML (FOSDEM 2026): 883 events in 30 rooms, <tracks>, U+FE0F in a title",
    None,
    "Welcome to FOSDEM 2026",
    "2026-01-31",
    "09:30",
    "Janson",
)

CONGRESS_39C3 = Export(
    "39c3.xml.gz",
    "c3voc schedule XML (39C3, the CCC hub): 895 events in 58 rooms over four days, German and English talks",
    None,
    "Opening Ceremony",
    "2025-12-27",
    "10:30",
    "One",
)
