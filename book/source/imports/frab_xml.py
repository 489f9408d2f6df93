"""frab / pentabarf / pretalx schedule XML (``schedule.xml``).

``schedule/day[@date]/room[@name]/event[@id|@guid|@code]`` with ``start``
(hh:mm on the day) or ``date`` (ISO 8601), ``duration``, ``title``,
``track``, ``type``, ``language``, ``abstract`` and ``persons/person``.
Real exports are often not quite valid (no guid, an empty language, times
marked Z that are local): what can be understood is read, and each problem
is reported with its line. Parsed with expat, keeping each element's line;
a DOCTYPE (and so any entity definition) is refused, and nothing is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from xml.parsers import expat

from .abstracts import from_html, full_description
from .common import Programme, duration, in_language, minutes, placed
from .placing import DEFAULT_MINUTES, session
from .timezone import choose as choose_zone
from .timezone import offsets_in, suspect_fake_utc

SUFFIXES = (".xml",)


@dataclass
class Node:
    tag: str
    attrs: dict
    line: int
    children: list = field(default_factory=list)
    text: str = ""

    def find(self, tag):
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag):
        return [c for c in self.children if c.tag == tag]

    def value(self, tag) -> str:
        child = self.find(tag)
        return child.text.strip() if child is not None else ""


class Refused(Exception):
    pass


def parse(text: str) -> Node:
    parser = expat.ParserCreate()
    root = Node("", {}, 0)
    stack = [root]

    def start(tag, attrs):
        node = Node(tag, attrs, parser.CurrentLineNumber)
        stack[-1].children.append(node)
        stack.append(node)

    def end(tag):
        stack.pop()

    def chars(data):
        stack[-1].text += data

    def doctype(*_):
        raise Refused(parser.CurrentLineNumber)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    parser.StartDoctypeDeclHandler = doctype
    parser.Parse(text, True)
    return root.children[0]


def read(path: Path, text: str, timezone: str | None, local: bool = False) -> Programme:
    name = path.name
    p = Programme(local=local)
    try:
        root = parse(text)
    except expat.ExpatError as exc:
        p.fail(
            f"{name}:{exc.lineno}",
            f"not well-formed XML: {expat.ErrorString(exc.code)} (column {exc.offset + 1})",
            "export the schedule again, or check the file was not cut short",
        )
        return p
    except Refused as exc:
        p.fail(
            f"{name}:{exc.args[0]}",
            "the XML declares a DOCTYPE, which an import never reads",
            "remove the <!DOCTYPE …> line",
        )
        return p
    if root.tag != "schedule" or not root.all("day"):
        what = f"the root element is <{root.tag}>" if root.tag != "schedule" else "<schedule> holds no <day>"
        p.fail(
            f"{name}:{root.line}",
            f"this XML is not a conference schedule: {what}, where a frab, pentabarf or pretalx "
            "schedule.xml has <schedule> with <day> elements",
            "export the schedule as XML from the conference tool (pretalx: Schedule → Export → XML)",
        )
        return p
    conference = root.find("conference")
    at = f"{name}:{conference.line if conference is not None else 1}"
    offsets = offsets_in(re.findall(r"<date>([^<]{0,40})</date>", text))
    zone = choose_zone(p, at, conference.value("time_zone_name") if conference is not None else "", timezone, offsets)
    p.name, p.timezone = in_language(conference.value("title") if conference is not None else ""), zone
    if conference is not None:
        p.venue, p.city = in_language(conference.value("venue")), in_language(conference.value("city"))
    tracks = root.find("tracks")  # the conference's own order: FOSDEM's <tracks>, or c3voc's <track name>
    listed = (tracks.all("track") if tracks is not None else []) + (
        conference.all("track") if conference is not None else []
    )
    for track in listed:
        label = (track.attrs.get("name") or track.text).strip()
        if label:
            p.category(label)
            p.listed.add("categories")
    for day in root.all("day"):
        try:
            base = datetime.fromisoformat(day.attrs.get("date", ""))
        except ValueError:
            p.fail(
                f"{name}:{day.line}",
                f"the day's date `{day.attrs.get('date', '')}` is not a date",
                'write it as date="2018-02-03"',
            )
            continue
        for room in day.all("room"):
            for event in room.all("event"):
                _event(p, name, zone, base, room.attrs.get("name", ""), event)
        for event in day.all("event"):  # pentabarf's older layout: the room is the event's own element
            _event(p, name, zone, base, "", event)
    found = [e for d in root.all("day") for e in d.all("event") + [x for r in d.all("room") for x in r.all("event")]]
    if not found and not p.problems:
        inside = sorted({c.tag for d in root.all("day") for c in d.children} - {"room"}) or ["nothing"]
        p.fail(
            f"{name}:{root.all('day')[0].line}",
            "this XML is not a frab, pentabarf or pretalx schedule: its <day> elements hold "
            + ", ".join(f"<{t}>" for t in inside[:3])
            + ", not <event> (a site's own format, perhaps)",
            "export schedule.xml from the conference tool, or bring the sessions in as a sheet (book import --template)",
        )
    suspect_fake_utc(p, at, offsets, p.clocks)
    return p


def _event(p: Programme, name, zone, base, room_name, e: Node) -> None:
    where = f"{name}:{e.line}"
    ident = (e.attrs.get("code") or e.attrs.get("id") or e.attrs.get("guid") or "").strip()
    if not ident:
        p.fail(where, "an event has no id, code or guid", "give every <event> an id attribute")
        return
    ident = ident.lower() if e.attrs.get("code") else ident
    when = e.value("date")
    if when:
        try:
            moment = datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            p.fail(
                f"{name}:{e.find('date').line}",
                f"event `{ident}` has the date `{when}`, which is not a date and time",
                "write it as 2018-02-03T10:30:00+01:00",
            )
            return
        start = placed(p, f"{name}:{e.find('date').line}", ident, moment, zone)
        clock = minutes(e.value("start"))
        if start is not None:
            p.clocks.append((-1 if clock is None else clock, start.hour * 60 + start.minute))
    else:
        at = minutes(e.value("start"))
        if at is None:
            line = e.find("start").line if e.find("start") is not None else e.line
            p.fail(
                f"{name}:{line}",
                f"event `{ident}` has the start `{e.value('start')}`, which is not a time",
                "write it as <start>10:30</start>",
            )
            return
        start = placed(p, where, ident, base, zone, at)
    if start is None:
        return
    length = duration(e.value("duration"))
    line = e.find("duration").line if e.find("duration") is not None else e.line
    if length is None and not e.value("duration"):
        p.warn(
            f"{name}:{line}",
            f"event `{ident}` gives no duration: given {DEFAULT_MINUTES} minutes",
            "write it as <duration>00:25</duration>",
        )
        length = DEFAULT_MINUTES
    if length is None:
        p.fail(
            f"{name}:{line}",
            f"event `{ident}` has the duration `{e.value('duration')}`, which is not hh:mm",
            "write it as <duration>00:25</duration>",
        )
        return
    speakers = []
    persons = e.find("persons")
    for person in persons.all("person") if persons is not None else []:
        a = person.attrs
        pid = p.person(person.text, a.get("code") or a.get("id") or a.get("guid"), guid=a.get("guid"))
        if pid:
            speakers.append(pid)
        else:
            p.warn(where, f"a person of `{ident}` has no name: left out", "write the name inside <person>…</person>")
    session(
        p,
        where,
        ident=ident,
        title=e.value("title"),
        language=e.value("language") or None,
        start=start,
        end=start + timedelta(minutes=length),
        room=p.room(room_name or e.value("room")),
        category=p.category(e.value("track") or e.value("type") or "session"),
        people={"speaker": speakers},
        description=from_html(e.value("abstract") or e.value("description")),
        line=e.line,
        day=base.date(),
        subtitle=in_language(e.value("subtitle")),
        full_description=full_description(e.value("abstract"), e.value("description")),
        kind=e.value("type") or None,
        links=_links(e),
        source_id=e.attrs.get("id") if e.attrs.get("id") and e.attrs.get("id") != ident else None,
        guid=e.attrs.get("guid") or None,
        url=e.value("url") or None,
    )  # `url` and links are web pages, not online links


def _links(e: Node) -> tuple[tuple[str, str], ...]:
    links = e.find("links")
    found = [(x.text.strip(), x.attrs.get("href", "").strip()) for x in (links.all("link") if links else [])]
    return tuple((t, u) for t, u in found if u)  # each checked as a web address by session()
