"""The design's measures on the PDF (issue 27): the programme's hanging time
column, the venue printed once, the title's hierarchy, the index's group heads,
the room signs and the day sheets, on WHRCF and on events unlike it (PyCon
Korea 2018: six rooms, one-language talks; the organisers fixture)."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

import pytest

from book.pipeline import BuildOptions, build

from .conftest import EVENT, ROOT, words
from .pdfinks import text_runs
from .test_real_events import dests

EVENTS = {
    "whrcf2021": EVENT,
    "pyconkr2018": ROOT / "tests" / "fixtures" / "pyconkr2018",
    "organisers": ROOT / "tests" / "fixtures" / "organisers",
}
START = re.compile(r"^\d{2}:\d{2}$")
END = re.compile(r"^–\d{2}:\d{2}$")


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    out = tmp_path_factory.mktemp("design")
    found = {}
    for name, folder in EVENTS.items():
        manifest = build(folder, out, BuildOptions.of(only=("book", "room-sign", "day-sheet")))
        found[name] = {
            (e["kind"], e.get("lang"), e["path"]): out / manifest["event"] / e["path"] for e in manifest["outputs"]
        }
    return found


def book(books, name, lang="ko+en"):
    for (kind, edition, _), path in books[name].items():
        if kind == "book" and edition == lang:
            return path
    return next(p for (kind, _, _), p in books[name].items() if kind == "book")


def programme_pages(path) -> range:
    d = dests(path)
    end = min(
        (n for key, n in d.items() if key in ("index", "speakers", "sponsors", "staff") and n > d["programme"]),
        default=None,
    )
    from pypdf import PdfReader

    return range(d["programme"], end or len(PdfReader(path).pages) + 1)


def lines(path, page):
    """Each word with the words on its line (their bottoms within 3 pt: the
    time at 9.5 pt sits beside a title at 11 pt): [(word, [(xMin, xMax, word), …])]."""
    ws = words(path, page)
    return [((x0, x1, w), [(a, b, v) for a, _, b, y, v in ws if abs(y - y1) < 3]) for x0, _, x1, y1, w in ws]


@pytest.mark.parametrize("name", ["whrcf2021", "pyconkr2018", "organisers"])
def test_times_hang_in_one_column_and_titles_start_on_one_edge(books, name):
    path = book(books, name)
    starts, ends, titles = defaultdict(set), defaultdict(set), defaultdict(set)
    for page in programme_pages(path):
        side = page % 2
        for (x0, x1, w), line in lines(path, page):
            if START.match(w) and x0 < 120:
                starts[side].add(round(x1, 0))
                right = [a for a, _, _ in line if a > x1 + 2]
                assert right, f"p. {page}: a start time with no title beside it"
                titles[side].add(round(min(right), 0))
            elif END.match(w) and x0 < 120:
                ends[side].add(round(x1, 0))
    assert sum(len(v) for v in starts.values()), "no start time found: the check would be vacuous"
    for side in starts:
        assert len(starts[side]) == 1, (side, starts)  # right-aligned on one x
        assert ends[side] <= starts[side], (side, ends, starts)
        assert len(titles[side]) == 1, (side, titles)  # every title on one x
        assert min(titles[side]) - max(starts[side]) >= 5  # the bar and a gap between them


def test_the_korean_short_title_leads_the_english_one(books):
    path = book(books, "whrcf2021")
    pages = programme_pages(path)
    sizes = {r.size for r in text_runs(path) if r.page in pages}
    assert 11.0 in sizes and 9.5 in sizes, sizes
    # the lead size is for the first language's short title, not its body text
    leads = [r for r in text_runs(path) if r.page in pages and r.size == 11.0]
    assert 20 <= len(leads) <= 200, len(leads)


def test_the_venue_is_printed_once_per_day_not_under_every_session(books):
    path = book(books, "whrcf2021")
    from .conftest import pdftotext

    pages = programme_pages(path)
    text = pdftotext(path, first=pages.start, last=pages.stop - 1)
    days = text.count("Kimdaejung Convention Center")
    assert 1 <= days <= 5, days  # one per day group (was 37: one per session)


def test_an_event_with_rooms_prints_each_sessions_room(books):
    path = book(books, "pyconkr2018", "ko")
    from .conftest import pdftotext

    pages = programme_pages(path)
    text = pdftotext(path, first=pages.start, last=pages.stop - 1)
    assert text.count("101") + text.count("102") + text.count("103") >= 10, text[:800]


@pytest.mark.parametrize(
    "name, lang", [("whrcf2021", "ko+en"), ("whrcf2021", "en"), ("pyconkr2018", "ko"), ("organisers", "ko+en")]
)
def test_the_index_is_set_under_group_heads(books, name, lang):
    from pypdf import PdfReader

    from .conftest import pdftotext

    path = book(books, name, lang)
    first = dests(path)["index"]
    last = len(PdfReader(path).pages)
    lines = [line.strip() for line in pdftotext(path, first=first, last=last, raw=True).splitlines()]
    heads = [line for line in lines if len(line) == 1 and (line in "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ" or line.isupper())]
    hangul = [h for h in heads if "ㄱ" <= h <= "ㅎ"]
    latin = [h for h in heads if h.isascii()]
    assert len(heads) >= 4 and len(set(heads)) == len(heads), heads  # each head once
    assert hangul == sorted(hangul) and latin == sorted(latin), heads
    if lang.startswith("ko") and hangul and latin:
        assert heads.index(hangul[-1]) < heads.index(latin[0]), heads  # Hangul names first in a Korean edition
    # the heads are 13 pt, in the index's pages
    sizes = {r.size for r in text_runs(path) if r.page >= first}
    assert 13.0 in sizes, sizes


def test_group_heads_file_doubled_consonants_and_latin_family_names():
    from book.source.model import Person, Text
    from book.views.people import group_head

    def head(name, sort_as=None):
        return group_head(Person(id="p", name=Text(ko=name, en=name), sort_as=sort_as), "ko")

    assert [head(n) for n in ("김대중", "꽃님", "이용섭", "황")] == ["ㄱ", "ㄱ", "ㅇ", "ㅎ"]
    assert head("LEE Yong-sup") == "L" and head("Jane Roe") == "R" and head("Niño Eclarin") == "E"
    assert head("2PM") == "#" and head("x", sort_as="bee") == "B"


def test_the_local_zone_sits_in_the_time_column_under_the_end(books):
    path = book(books, "whrcf2021")
    found = 0
    for page in programme_pages(path):
        ws = words(path, page)
        ends = [(x1, y0) for _, y0, x1, _, w in ws if END.match(w)]
        for _, y0, x1, _, w in ws:
            if w == "KST":
                assert any(abs(x1 - ex) < 1 and 0 < y0 - ey < 20 for ex, ey in ends), (page, x1, y0)
                found += 1
    assert found >= 20, found


def _signs(books, name):
    return [p for (kind, _, _), p in books[name].items() if kind == "room-sign"]


def test_room_signs_are_door_signs(books):
    """PyCon Korea 2018: every sign one page, the room's name at 100 pt or more,
    the sessions at 20 pt or more (up to eight a room a day), the event named."""
    from pypdf import PdfReader

    from .conftest import pdftotext

    signs = _signs(books, "pyconkr2018")
    assert len(signs) >= 10
    for path in signs:
        assert len(PdfReader(path).pages) == 1, path
        sizes = sorted({r.size for r in text_runs(path)}, reverse=True)
        assert sizes[0] >= 100, (path.name, sizes)  # "101호"
        titles = [s for s in sizes if 12 <= s < 100]
        assert max(titles) >= 20, (path.name, sizes)
        assert "파이콘 한국 2018" in pdftotext(path), path


@pytest.mark.parametrize("talks", [12, 40])
def test_a_room_of_twelve_sessions_is_one_sign_and_a_busier_one_continues(tmp_path, talks):
    """Twelve back-to-back sessions with long titles: one sheet, smaller type
    first; forty: the sign runs on, and only the pages after the first say so."""
    import yaml
    from pypdf import PdfReader

    from benchmarks.synthetic import write_event

    from .conftest import pages_text

    folder = write_event(tmp_path / "room", sessions=talks, days=1, rooms=1, people=30)
    sessions = yaml.safe_load((folder / "sessions.yaml").read_text(encoding="utf-8"))
    for n, s in enumerate(sessions):  # back to back from 07:00, all in the one room
        minutes = 7 * 60 + n * 25
        s.update(start=f"{minutes // 60:02d}:{minutes % 60:02d}", room="room-01")
        s["end"] = f"{(minutes + 20) // 60:02d}:{(minutes + 20) % 60:02d}"
        s["title"]["en"] += " and the Long English Subtitle of a Real Programme"
    (folder / "sessions.yaml").write_text(yaml.safe_dump(sessions, allow_unicode=True), encoding="utf-8")
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=("room-sign",)))
    (entry,) = [e for e in manifest["outputs"] if e["kind"] == "room-sign"]
    path = tmp_path / "out" / "synthetic" / entry["path"]
    pages = pages_text(path)
    assert len(PdfReader(path).pages) == entry["pages"] == len(pages)
    sizes = sorted({r.size for r in text_runs(path)}, reverse=True)
    assert sizes[0] >= 100, sizes  # "1회의실": four characters
    assert min(s for s in sizes if s > 0) >= 10, sizes
    ends = re.findall(r"–(\d\d:\d\d)", " ".join(pages))
    assert len(ends) == talks, ends  # every session's end time, once
    if talks == 12:
        assert len(pages) == 1
    else:
        assert len(pages) >= 2 and "continued" not in pages[0]
        assert all("continued" in page for page in pages[1:])


@pytest.mark.parametrize("name", ["whrcf2021", "pyconkr2018"])
def test_the_day_sheets_are_one_set_and_nothing_outsizes_the_entries(books, name):
    """One layout (type size) for an edition's sheets where they fit one page;
    under the head, no text (the ongoing block included) is larger than the entries' titles."""
    from pypdf import PdfReader

    sheets = [p for (kind, _, _), p in books[name].items() if kind == "day-sheet"]
    assert len(sheets) >= 2
    tops = set()
    for path in sheets:
        assert len(PdfReader(path).pages) == 1, path
        body = [r for r in text_runs(path) if r.size < 13]  # the head's date is 20 and 13 pt
        tops.add(max(r.size for r in body))
    assert len(tops) == 1, tops


def test_one_date_format_per_place_and_no_date_is_broken(books):
    """Headings (glance, programme days) name the day in full; running heads
    in short; no line ends inside a date ("Thu 7 / Oct")."""
    from pypdf import PdfReader

    from book.views import i18n

    from .conftest import pdftotext

    path = book(books, "whrcf2021")
    d = dests(path)
    height = float(PdfReader(path).pages[0].mediabox.height)
    glance = pdftotext(path, first=d["glance"], last=d["programme"] - 1)
    for key, page in d.items():
        if not key.startswith("day-"):
            continue
        day = __import__("datetime").date.fromisoformat(key[4:])
        heading = pdftotext(path, first=page, last=page)
        for lang in ("ko", "en"):
            assert i18n.date_day(day, lang) in heading, (key, lang)
        if day.isoformat() >= "2021-10-07":  # the glance's days (the tours before are listed apart)
            assert i18n.date_day(day, "en") in glance, key
    for page in programme_pages(path):
        head = " ".join(w for _, y0, _, _, w in words(path, page) if y0 < 0.08 * height)
        assert not re.search(r"day \d", head) and re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d", head), head
    broken = re.compile(r"(\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2}|\d{1,2}월)$")
    for name in ("ko+en", "en", "ko"):
        lines = pdftotext(book(books, "whrcf2021", name)).splitlines()
        assert not [line for line in lines if broken.search(line.strip())], name


def _outline(path) -> list[tuple[int, str, int]]:
    """(depth, title, page) of every bookmark, in order."""
    from pypdf import PdfReader

    reader, out = PdfReader(path), []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def test_the_concept_note_gives_each_language_its_own_heads(books):
    """The bilingual book sets the Korean sections, then the English ones under
    their own "Concept Note" title (a bookmark holding the English heads), not
    each English block under its Korean head; a one-language book has no second title."""
    path = book(books, "whrcf2021")
    d = dests(path)
    korean = [n for key, n in d.items() if key.startswith("concept-") and not key.endswith("-en")]
    english = [n for key, n in d.items() if key.startswith("concept-") and key.endswith("-en")]
    assert len(korean) == len(english) >= 3
    assert max(korean) <= min(english)  # Korean pages, then English pages
    marks = _outline(path)
    start = next(k for k, (depth, title, _) in enumerate(marks) if depth == 0 and title.startswith("개념 노트"))
    chapter = list(itertools.takewhile(lambda m: m[0] > 0, marks[start + 1 :]))
    title = next(k for k, (depth, t, _) in enumerate(chapter) if depth == 1 and t == "Concept Note")
    assert [m[0] for m in chapter] == [1] * title + [1] + [2] * len(english)
    assert [m[2] for m in chapter[title + 1 :]] == sorted(english)
    assert all(re.search("[가-힣]", t) for _, t, _ in chapter[:title])
    assert not any(re.search("[가-힣]", t) for _, t, _ in chapter[title + 1 :])
    for lang in ("en", "ko"):
        single = book(books, "whrcf2021", lang)
        assert not any(key.endswith("-en") for key in dests(single) if key.startswith("concept-")), lang
        assert {m[0] for m in _outline(single) if m[1] in ("Concept Note", "개념 노트")} == {0}, lang


@pytest.mark.parametrize(
    "name, lang", [("whrcf2021", "ko+en"), ("whrcf2021", "en"), ("pyconkr2018", "ko+en"), ("organisers", "en")]
)
def test_the_cover_ranks_name_dates_theme_and_place(books, name, lang):
    """The cover's type in four levels: the event's name at 34 pt, its dates at
    20 pt (the second level), the theme under the name, the place and the
    book's own title at 10 pt (poppler's word boxes are 1.45 em high)."""
    from book.pipeline.check_event import load
    from book.source.model import EDITIONS
    from book.views import i18n

    from .conftest import words

    path = book(books, name, lang)
    event = load(EVENTS[name]).event
    first = EDITIONS[lang][0]
    size = {}
    for _x0, top, _x1, bottom, word in words(path, 1):
        size[word] = max(size.get(word, 0), round((bottom - top) / 1.45, 1))  # "2021" is in the kicker too
    name_words = (event.name.get(first) or "").split()
    date_words = i18n.date_range(*event.period, first).split()
    assert min(size[w] for w in name_words) >= 30, (name_words, size)
    dates = min(size[w.split("–")[0]] for w in date_words if w.split("–")[0] in size)
    assert dates >= 20 and dates < min(size[w] for w in name_words), size
    place = (event.venue.get(first) or event.city.get(first) or "").split()
    assert place and all(size[w.rstrip(",")] <= 10.5 for w in place if w.rstrip(",") in size), (place, size)
    if event.theme:
        own = [w for w in event.theme.get(first).split() if w not in name_words]  # "Human Rights" is in both
        assert own and max(size.get(w, 0) for w in own) < dates, size
    # Reversed out of the cover's field: text under 13 pt is white (the book title's English was body ink).
    dark = [(r.size, r.fill) for r in text_runs(path) if r.page == 1 and r.size < 13 and r.fill != (1.0, 1.0, 1.0)]
    assert not dark, dark


def page_fill(path, page) -> float:
    """How far down its text block a page's text reaches (0 to 1): from under the
    running head to above the folio, both read from the page itself."""
    from pypdf import PdfReader

    height = float(PdfReader(path).pages[page - 1].mediabox.height)
    found = words(path, page)
    head = max((w[3] for w in found if w[3] < 0.1 * height), default=0.08 * height)
    foot = min((w[1] for w in found if w[1] > 0.92 * height), default=0.93 * height)
    body = [w for w in found if head < w[1] and w[3] < foot]
    return (max(w[3] for w in body) - head) / (foot - head) if body else 0.0


@pytest.mark.parametrize(
    "name, lang",
    [
        ("whrcf2021", "ko+en"),
        ("whrcf2021", "ko"),
        ("whrcf2021", "en"),  # 10 October pushed onto a page of its own: the last two pages are evened
        ("pyconkr2018", "ko+en"),
        ("pyconkr2018", "en"),
        ("organisers", "ko+en"),
        ("organisers", "en"),
    ],
)
def test_no_programme_page_is_under_a_third_full(books, name, lang):
    """A lone light day starts mid-page under its own band (WHRCF's 10 October
    was a page a quarter full), and a day whose last page held one session
    pushed over is set closer (PyCon Korea's second day: 16 % on its last page)."""
    path = book(books, name, lang)
    fills = {page: round(page_fill(path, page), 2) for page in programme_pages(path)}
    assert min(fills.values()) >= 1 / 3, fills


def test_a_lone_light_day_starts_mid_page_under_its_band(books):
    """WHRCF's 10 October (one session) follows 9 October on its last page,
    a third of the way down or lower, and is no group of its own."""
    from datetime import date

    from pypdf import PdfReader

    from book.pipeline.check_event import load

    path = book(books, "whrcf2021")
    d = dests(path)
    event = load(EVENTS["whrcf2021"]).event
    last = max((s for s in event.sessions if s.date == date(2021, 10, 9)), key=lambda s: (s.start, s.end))
    reader = PdfReader(path)
    page = d["day-2021-10-10"]
    assert page == d[f"s-{last.id}"], (page, last.id)  # on the page of the day before's last session
    height = float(reader.pages[page - 1].mediabox.height)
    top = height - float(reader.named_destinations["day-2021-10-10"].top)
    assert top > height / 3, top
    assert not any(key.startswith("days-2021-10-10") for key in d)


@pytest.mark.parametrize(
    "clock, shown, gone, marks",
    [
        ("08:30", ["개회식", "기조강연"], [], []),  # before the day's first session: the whole day
        ("09:45", ["개회식", "기조강연"], [], ["지금 / Now", "다음 / Next"]),
        ("10:30", ["기조강연"], ["개회식"], ["지금 / Now", "앞선 세션 1개는 끝났습니다 / 1 earlier session has ended"]),
    ],
)
def test_a_sign_reprinted_during_its_day_shows_now_and_next(tmp_path, monkeypatch, clock, shown, gone, marks):
    """The organisers' 대강당 on 20 May (개회식 09:30–10:00, 기조강연 10:00–11:00), built at three
    times of that day; the next day's sign is whole and unmarked; the "as of" line is the event's clock."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from .conftest import pdftotext

    when = datetime.fromisoformat(f"2025-05-20T{clock}").replace(tzinfo=ZoneInfo("Asia/Seoul"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(when.timestamp())))
    build(EVENTS["organisers"], tmp_path, BuildOptions.of(only=("room-sign",)))
    text = " ".join(pdftotext(tmp_path / "organisers" / "rooms" / "2025-05-20-hall-a.pdf").split())
    assert all(t in text for t in shown) and not any(t in text for t in gone), text
    for mark in marks:
        assert mark in text, (mark, text)
    if not marks:
        assert "Now" not in text and "Next" not in text
    assert f"5월 20일 {clock} 기준" in text, text
    tomorrow = " ".join(pdftotext(tmp_path / "organisers" / "rooms" / "2025-05-21-hall-a.pdf").split())
    assert "도시 네트워크" in tomorrow and "폐회" in tomorrow and "Now" not in tomorrow and "Next" not in tomorrow
