"""The glance at every size, checked on the built books: a 1-day 2-room event, WHRCF, 31C3 (a chaos
congress frab XML, nights past midnight) and FOSDEM 2026 (883 events in 30 rooms), imported as shipped."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from collections import defaultdict

import pytest
from pypdf import PdfReader

from benchmarks.synthetic import write_event
from book.pipeline import BuildOptions, build
from book.pipeline.check_event import load as load_event
from book.views.common import session_anchor

from .conftest import pdftotext
from .real_exports import REAL
from .test_book import HANGUL, split_korean_words
from .test_interchange import run
from .test_real_events import cells, dests

ROOT_EVENT = REAL.parent.parent.parent / "data" / "whrcf2021"


def run_import(source, folder):
    result = run("import", str(source), "--into", str(folder))
    assert result.returncode == 0, result.stderr


def built_book(folder, out, editions=None) -> tuple[dict, object]:
    """Build only the book of ``folder`` into ``out``: its manifest entry and its PDF."""
    options = BuildOptions.of(only=["book"], editions=editions) if editions else BuildOptions.of(only=["book"])
    manifest = build(folder, out, options)
    (entry,) = [e for e in manifest["outputs"] if e["kind"] == "book"]
    return entry, out / manifest["event"] / entry["path"]


def glance_links(path) -> dict[int, set[str]]:
    """The session anchors each glance page links its cells to, by page number."""
    reader = PdfReader(path)
    where = dests(path)
    out = {}
    for number in range(where["glance"], where["programme"]):
        page = reader.pages[number - 1]
        out[number] = {str(a.get_object().get("/Dest", "")) for a in page.get("/Annots", [])} - {""}
        out[number] = {d for d in out[number] if d.startswith("s-")}
    return out


def assert_every_session_on_its_day(path, event):
    """Every timed session of the period has a cell on a glance page that names its day; no page lacks one."""
    links = glance_links(path)
    assert links and all(links.values()), {n: len(v) for n, v in links.items()}  # no glance page without a session
    text = {n: pdftotext(path, n, n) for n in links}
    on = defaultdict(set)
    for n, anchors in links.items():
        for a in anchors:
            on[a].add(n)
    for s in event.sessions:
        if s.start is None or s.spans_days or not event.period[0] <= s.date <= event.period[1]:
            continue
        pages = on.get(session_anchor(s.id))
        assert pages, s.id
        day = f"{s.date.day} {s.date.strftime('%B')}"
        assert any(day in text[n] or f"{s.date.month}월 {s.date.day}일" in text[n] for n in pages), (s.id, day)


@pytest.fixture(scope="module")
def fosdem(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fosdem")
    source = tmp / "fosdem2026.xml"
    source.write_bytes(gzip.decompress((REAL / "fosdem2026.xml.gz").read_bytes()))
    run_import(source, tmp / "fosdem2026")
    entry, path = built_book(tmp / "fosdem2026", tmp / "out")
    return path, entry, load_event(tmp / "fosdem2026").event


def test_fosdem_2026_glance_is_at_most_40_pages_each_with_sessions(fosdem):
    path, entry, event = fosdem
    where = dests(path)
    pages = where["programme"] - where["glance"]
    assert 8 <= pages <= 40, pages
    assert sum(d["pages"] for d in entry["glance"]) == pages
    assert_every_session_on_its_day(path, event)


def test_fosdem_2026_legend_is_printed_once(fosdem):
    path, _, _ = fosdem
    where = dests(path)
    hits = []
    for n in range(where["glance"], where["programme"]):
        text = pdftotext(path, n, n)
        hits.append("Bioinformatics & Computational Biology" in text)
    assert sum(hits) == 1 and hits[0], hits


def test_fosdem_2026_rooms_are_grouped_and_each_page_names_its_rooms(fosdem):
    path, entry, _ = fosdem
    where = dests(path)
    first = pdftotext(path, where["glance"] + 1, where["programme"] - 1)
    assert re.search(r"[A-Z]+[\d.]+[A-Z]? – [A-Z]+[\d.]+", first), first[:300]  # the guide: first – last room
    assert all("groups" in d["layout"] for d in entry["glance"]), entry["glance"]


def test_a_one_day_two_room_event_takes_one_page(tmp_path):
    folder = write_event(tmp_path / "small", sessions=8, days=1, rooms=2, people=10)
    entry, path = built_book(folder, tmp_path / "out", ["ko+en"])
    links = glance_links(path)
    assert len(links) == 1 and entry["glance"][0]["layout"].startswith("one page"), entry["glance"]
    assert "1/2" not in pdftotext(path)
    assert_every_session_on_its_day(path, load_event(folder).event)


def test_six_rooms_take_one_page_or_a_facing_spread(tmp_path):
    folder = write_event(tmp_path / "six", sessions=30, days=2, rooms=6, people=30)
    _, path = built_book(folder, tmp_path / "out", ["ko+en"])
    links = glance_links(path)
    by_day = defaultdict(list)
    event = load_event(folder).event
    day_of = {session_anchor(s.id): s.date for s in event.sessions}
    for n, anchors in links.items():
        for d in {day_of[a] for a in anchors}:
            by_day[d].append(n)
    for day, numbers in by_day.items():
        assert len(numbers) <= 2, (day, numbers)
        if len(numbers) == 2:  # a verso, then the recto facing it
            assert numbers[0] % 2 == 0 and numbers[1] == numbers[0] + 1, (day, numbers)
    assert_every_session_on_its_day(path, event)


def test_31c3_nights_stay_on_their_day_and_no_glance_page_is_empty(tmp_path):
    run_import(REAL / "31c3.xml", tmp_path / "31c3")
    entry, path = built_book(tmp_path / "31c3", tmp_path / "out")
    event = load_event(tmp_path / "31c3").event
    assert any(s.end > 24 * 60 for s in event.sessions)  # the file has nights
    assert_every_session_on_its_day(path, event)
    assert any("cut" in d["layout"] for d in entry["glance"]) or all(d["pages"] <= 2 for d in entry["glance"])


def cell_lines(path, page, skip=frozenset()) -> list[str]:
    """The text lines poppler finds inside the page's glance cells of two lines or more (-bbox-layout),
    each as its words joined: a cell of one clamped line cuts its title, it does not split it.
    ``skip``: anchors that are not cells (the ongoing strip)."""
    boxes = [box for anchor, box in cells(path, page) if anchor not in skip]
    xml = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    by_cell = defaultdict(list)
    for x0, y0, x1, y1, body in re.findall(
        r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', xml, re.S
    ):
        cx, cy = (float(x0) + float(x1)) / 2, (float(y0) + float(y1)) / 2
        for i, b in enumerate(boxes):
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                by_cell[i].append(" ".join(re.findall(r">([^<]+)</word>", body)))
    return [line for lines in by_cell.values() if len(lines) > 1 for line in lines]


@pytest.mark.parametrize("edition", ["ko+en", "ko"])
def test_a_korean_word_splits_in_a_glance_cell_only_where_the_build_names_it(built, edition):
    """A Korean word is held whole in a cell (set closer when it needs to be). One wider than its cell
    even so must break, or be cut: the build names each such word and its session, so the designer can
    give it a `short` title that breaks where Korean may. Every split word found is one of those."""
    from .test_book import EDITIONS

    event = load_event(ROOT_EVENT).event
    path = built["out"] / EDITIONS[edition]
    words = set()
    for s in event.sessions:
        for t in (s.short, s.title):
            words.update(w for lang in ("ko", "en") for w in (t.get(lang) or "").split())
    for c in event.categories.values():
        words.update((c.tag.get("ko") or "").split())
    where = dests(path)
    strip = {session_anchor(s.id) for s in event.sessions if s.spans_days}
    lines = [
        ln.replace("\u2060", "")
        for n in range(where["glance"], where["programme"])
        for ln in cell_lines(path, n, strip)
    ]
    assert sum(bool(HANGUL.search(ln)) for ln in lines) > 20
    named = set(re.findall(r"the word `([^`]+)` in session", " ".join(built["manifest"]["notes"])))
    # a clamped line ends in an ellipsis: a word cut there is cut, not split between lines
    bad = [t for t in split_korean_words(lines, words) if not t.endswith("…")]
    for token in bad:  # the source word the token is part of holds a word the build named
        source = [w for w in words if token in w]
        assert any(n in w for w in source for n in named), (token, source, named)


def test_rooms_yaml_groups_put_a_groups_rooms_on_one_page_and_a_bad_group_is_named(tmp_path):
    folder = write_event(tmp_path / "wings", sessions=48, days=1, rooms=8, people=20)
    rooms = (folder / "rooms.yaml").read_text(encoding="utf-8")
    for n in range(1, 9):  # East and West wings, listed alternately
        rooms = rooms.replace(f"- id: room-{n:02d}\n", f"- id: room-{n:02d}\n  group: {'East' if n % 2 else 'West'}\n")
    (folder / "rooms.yaml").write_text(rooms, encoding="utf-8")
    _, path = built_book(folder, tmp_path / "out", ["en"])
    event = load_event(folder).event
    room_of = {session_anchor(s.id): s.room for s in event.sessions}
    for number, anchors in glance_links(path).items():
        groups = {event.rooms[room_of[a]].group.get("en") for a in anchors if room_of[a] in event.rooms}
        assert len(groups) == 1, (number, groups)
    (folder / "rooms.yaml").write_text(rooms.replace("group: East", "group: [East]", 1), encoding="utf-8")
    result = run("check", str(folder))
    said = result.stdout + result.stderr
    assert result.returncode != 0 and re.search(r"rooms\.yaml:\d+", said) and "Traceback" not in said, said


def test_a_cell_across_every_room_prints_both_languages(tmp_path):
    """A 30-minute session for everyone (room: all) in the bilingual edition: both short titles."""
    folder = write_event(tmp_path / "all", sessions=12, days=1, rooms=3, people=10)
    with open(folder / "sessions.yaml", "a", encoding="utf-8") as fh:
        fh.write(
            "- id: welcome\n  category: plenary\n  short: {ko: 환영 인사, en: Welcome}\n"
            "  title: {ko: 환영 인사, en: Welcome to the forum}\n"
            "  date: '2030-05-06'\n  start: '08:30'\n  end: '09:00'\n  room: all\n"
        )
    _, path = built_book(folder, tmp_path / "out", ["ko+en"])
    (page,) = [n for n, anchors in glance_links(path).items() if "s-welcome" in anchors]
    text = pdftotext(path, page, page)
    assert "환영 인사" in text and "Welcome" in text and "08:30–09:00" in text, text[:400]


@pytest.mark.parametrize("name", ["31c3.xml", "fosdem2026.xml.gz"])
def test_every_day_sheet_of_a_real_congress_is_made(tmp_path, name):
    """Days of 18 to 484 sessions: each gets its sheet; a sheet of more than one page counts its pages."""
    source = tmp_path / name.removesuffix(".gz")
    raw = (REAL / name).read_bytes()
    source.write_bytes(gzip.decompress(raw) if name.endswith(".gz") else raw)
    run_import(source, tmp_path / "event")
    manifest = build(tmp_path / "event", tmp_path / "out", BuildOptions.of(only=["day-sheet"]))
    event = load_event(tmp_path / "event").event
    sheets = [e for e in manifest["outputs"] if e["kind"] == "day-sheet"]
    assert {e["date"] for e in sheets} == {s.date.isoformat() for s in event.sessions if s.start is not None}
    for e in sheets:
        pdf = tmp_path / "out" / manifest["event"] / e["path"]
        pages = PdfReader(pdf).pages
        assert len(pages) == e["pages"] >= 1
        if e["pages"] > 1:
            text = pdftotext(pdf)
            assert f"1/{e['pages']}" in text and f"{e['pages']}/{e['pages']}" in text, e


def test_the_build_says_how_each_day_of_the_glance_was_laid_out(tmp_path):
    result = run("build", str(ROOT_EVENT), "--out", str(tmp_path), "--only", "book", "--edition", "ko+en")
    assert result.returncode == 0, result.stderr
    lines = [ln.strip() for ln in result.stdout.splitlines() if ln.strip().startswith("glance ")]
    assert any(ln.startswith("glance 2021-10-08: a facing spread") for ln in lines), result.stdout
    assert any("empty stretch of an hour or more cut" in ln for ln in lines), lines
    manifest = json.loads((tmp_path / "whrcf2021" / "build.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in manifest["outputs"] if e["kind"] == "book"]
    assert [d["date"] for d in entry["glance"]] == ["2021-10-07", "2021-10-08", "2021-10-09", "2021-10-10"]


def test_a_spread_that_would_open_on_a_recto_faces_by_giving_a_shared_page_back(tmp_path):
    """Day 1 fills a recto; days 2 and 3 share the verso; day 4 (six rooms) is a spread that would open
    on the next recto: day 3 takes a page of its own, so day 4 opens on a verso and faces."""
    folder = write_event(tmp_path / "turn", sessions=4, days=4, rooms=6, people=4)

    def session(ident, day, start, end, room):
        return (
            f"- id: {ident}\n  category: plenary\n  short: {{ko: 세션 {ident}, en: Session {ident}}}\n"
            f"  title: {{ko: 세션 {ident}, en: Session {ident}}}\n"
            f"  date: '2030-05-{day:02d}'\n  start: '{start}'\n  end: '{end}'\n  room: room-{room:02d}\n"
        )

    text = "".join(session(f"a{h}", 6, f"{h:02d}:00", f"{h + 1:02d}:00", 1) for h in range(8, 20))
    text += session("b", 7, "10:00", "11:00", 1) + session("c", 8, "10:00", "11:00", 1)
    text += "".join(session(f"d{r}", 9, "10:00", "12:00", r) for r in range(1, 7))
    (folder / "sessions.yaml").write_text(text, encoding="utf-8")
    entry, path = built_book(folder, tmp_path / "out", ["ko+en"])
    links = glance_links(path)
    page_of = {a: n for n, anchors in links.items() for a in anchors}
    assert page_of["s-b"] != page_of["s-c"]  # day 3 gave its shared page back
    left, right = sorted({page_of[f"s-d{r}"] for r in range(1, 7)})
    assert left % 2 == 0 and right == left + 1, (left, right)
    assert entry["glance"][-1]["layout"].startswith("a facing spread"), entry["glance"]
