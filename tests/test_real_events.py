"""Real programmes: PyCon Korea 2018 (six rooms, talks in Korean or English
only) and a part of FOSDEM 2018 (English only, eight rooms, busy rooms),
checked on their PDFs."""

from __future__ import annotations

import calendar
import re
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from book.pipeline import build, check
from book.pipeline.check_event import load
from book.views.common import session_anchor
from book.views.people import family_first, filing_key

from .conftest import ROOT, pages_text, pdftotext, words

EVENTS = {name: ROOT / "tests" / "fixtures" / name for name in ("pyconkr2018", "fosdem2018")}
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("real")
    return {name: (build(folder, out), out / name, load(folder).event) for name, folder in EVENTS.items()}


def books(entry):
    manifest, folder, _ = entry
    return {e["lang"]: folder / e["path"] for e in manifest["outputs"] if e["kind"] == "book"}


def dests(path) -> dict[str, int]:
    reader = PdfReader(path)
    return {name: reader.get_destination_page_number(d) + 1 for name, d in reader.named_destinations.items()}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub("-\n", "", text))


@pytest.mark.parametrize("name", EVENTS)
def test_check_finds_warnings_only(name):
    _, _, findings = check(EVENTS[name])
    assert [f.format() for f in findings if f.severity == "error"] == []


def test_editions_follow_the_events_languages(built):
    assert set(books(built["pyconkr2018"])) == {"ko+en", "ko", "en"}
    assert set(books(built["fosdem2018"])) == {"en"}  # an English-only event has no bilingual book


@pytest.mark.parametrize("name", EVENTS)
def test_every_session_is_in_every_edition_on_its_day_with_time_and_room(built, name):
    _, _, event = built[name]
    for edition, path in books(built[name]).items():
        pages, where = pages_text(path), dests(path)
        for s in event.sessions:
            page = where[session_anchor(s.id)]
            text = flat(pages[page - 1] + (pages[page] if page < len(pages) else ""))
            title = s.title.get(edition.split("+")[0])  # the edition's language, else the one it has
            assert flat(title)[:30] in text, (edition, s.id, title)
            assert f"{s.start // 60:02d}:{s.start % 60:02d}" in text, (edition, s.id)  # the time column's start
            assert f"–{s.end // 60:02d}:{s.end % 60:02d}" in text, (edition, s.id)  # and its end under it
            if s.room in event.rooms:
                assert event.rooms[s.room].name.get("ko") in text, (edition, s.id)
            day = where[f"day-{s.date.isoformat()}"]
            later = [where[f"day-{d.isoformat()}"] for d in sorted({x.date for x in event.sessions}) if d > s.date]
            assert day <= page < (later[0] if later else len(pages) + 1), (edition, s.id)


def glance_pages(path, where, event) -> list[int]:
    first, last = where["glance"], where["programme"]
    return list(range(first, last))


def cells(path, page) -> list[tuple[str, list[float]]]:
    """(session anchor, [x0, top, x1, bottom] in points from the top left) of each glance cell:
    the union of its link's rectangles (WeasyPrint writes one per box inside the link)."""
    reader = PdfReader(path)
    p = reader.pages[page - 1]
    height = float(p.mediabox.height)
    out: dict[str, list[float]] = {}
    for a in p.get("/Annots", []):
        a = a.get_object()
        dest = str(a.get("/Dest", ""))
        if dest.startswith("s-"):
            x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
            box = [min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1)]
            old = out.setdefault(dest, box)
            out[dest] = [min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3])]
    return list(out.items())


@pytest.mark.parametrize("name", EVENTS)
def test_each_room_has_its_column_and_no_text_leaves_its_cell(built, name):
    _, _, event = built[name]
    by_anchor = {session_anchor(s.id): s for s in event.sessions}
    for edition, path in books(built[name]).items():
        where = dests(path)
        checked = 0
        for page in glance_pages(path, where, event):
            boxes = cells(path, page)
            found = words(path, page)
            heads = {}  # room -> x of its head's first word (poppler splits "UA2.114 (Baudoux)")
            for room_id, room in event.rooms.items():
                for x0, _y0, _x1, y1, w in found:
                    if w == room.name.get("ko").split()[0] and y1 < min((c[1] for _, c in boxes), default=1e9):
                        heads[room_id] = x0 + 1
            for anchor, (x0, top, x1, bottom) in boxes:
                s = by_anchor[anchor]
                if s.room in event.rooms:  # the cell stands in its room's column, under its head
                    assert s.room in heads and x0 <= heads[s.room] <= x1, (edition, page, s.id)
                else:  # for every room: across every column on the page
                    assert all(x0 <= x <= x1 for x in heads.values()), (edition, page, s.id)
                for wx0, wy0, wx1, wy1, w in found:  # every word drawn in a cell lies wholly inside it
                    if x0 <= (wx0 + wx1) / 2 <= x1 and top <= (wy0 + wy1) / 2 <= bottom:
                        # poppler's box is the font's ascent to descent (1.45 em for Noto CJK); glyphs keep to the em
                        inset = (wy1 - wy0) * (1 - 1 / 1.448) / 2
                        assert wx0 >= x0 - 0.5 and wx1 <= x1 + 0.5, (edition, page, s.id, w)
                        assert wy0 + inset >= top - 0.5 and wy1 - inset <= bottom + 0.5, (edition, page, s.id, w)
                checked += 1
        assert checked >= len([s for s in event.sessions if s.start is not None]), (edition, checked)


def test_more_rooms_than_fit_face_each_other_as_a_spread(built):
    """PyCon KR 2018's first day has 6 rooms: a facing spread (verso, then recto), each room on one
    side under its head, the keynotes for every room on both, and build.json says so."""
    manifest, _, event = built["pyconkr2018"]
    path = books(built["pyconkr2018"])["ko+en"]
    where = dests(path)
    pages = pages_text(path)
    numbers = [p for p in glance_pages(path, where, event) if "8월 18일" in pages[p - 1]]
    assert len(numbers) == 2 and numbers[0] % 2 == 0 and numbers[1] == numbers[0] + 1, numbers  # verso | recto
    day_one = [pages[p - 1] for p in numbers]
    assert "1/2" in day_one[0] and "2/2" in day_one[1]
    rooms = ("101호", "102호", "103호", "104호", "105호", "202호")
    for room in rooms:
        assert sum(room in text for text in day_one) == 1, room
    for text in day_one:  # the keynotes, for every room, are on both halves of the day
        assert "그리고 물고기는 고마웠어요" in text
    (entry,) = [e for e in manifest["outputs"] if e["kind"] == "book" and e["lang"] == "ko+en"]
    layouts = {d["date"]: d for d in entry["glance"]}
    assert layouts["2018-08-18"]["pages"] == 2 and layouts["2018-08-18"]["layout"].startswith("a facing spread")


def test_weekdays_come_from_the_calendar(built):
    for name, (_, _, event) in built.items():
        for path in books(built[name]).values():
            text = flat(" ".join(pages_text(path)))
            for d in sorted({s.date for s in event.sessions}):
                assert (
                    f"{calendar.day_name[d.weekday()]} {d.day} {calendar.month_name[d.month]}" in text
                    or f"{d.month}월 {d.day}일 {'월화수목금토일'[d.weekday()]}요일" in text
                ), (name, d)
    assert date(2018, 8, 18).weekday() == 5  # a Saturday: the check above is not vacuous


def index_names(path) -> list[str]:
    pages = pages_text(path)
    where = dests(path)
    text = "\n".join(pages[where["index"] - 1 :])
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip()
        and not re.search(r"\d\s*$", line)
        and not line.strip().startswith(("인명 색인", "Index of People"))
    ]


def test_the_index_files_hangul_first_then_latin_by_family_name(built):
    _, _, event = built["pyconkr2018"]
    people = [p for p in event.people.values() if any(p.id in ids for s in event.sessions for ids in s.people.values())]
    for lang, hangul_first in (("ko", True), ("en", False)):
        order = sorted(people, key=lambda p: filing_key(p, lang))
        names = [p.name.get(lang) for p in order]
        hangul = [bool(re.search("[가-힣]", n)) for n in names]
        assert hangul == sorted(hangul, reverse=hangul_first), names  # one script, then the other
        korean = [n for n in names if re.search("[가-힣]", n)]
        assert korean == sorted(korean)  # 가나다
        latin = [family_first(n).casefold() for n in names if not re.search("[가-힣]", n)]
        assert latin == sorted(latin)
    # On the printed page: the bilingual index opens with a Hangul name and ends with a Latin one.
    text = flat(
        " ".join(
            pages_text(books(built["pyconkr2018"])["ko+en"])[dests(books(built["pyconkr2018"])["ko+en"])["index"] - 1 :]
        )
    )
    first_korean, first_latin = text.find("강종구"), text.find("Daniel Hong")
    assert 0 < first_korean < first_latin
    assert text.find("Niño R. Eclarin") < text.find("Manoj Pandey") < text.find("Doni Rubiagatra")  # E, P, R


def test_family_names():
    assert family_first("LEE Yong-sup") == "LEE Yong-sup"
    assert family_first("Jane Roe") == "Roe Jane"
    assert family_first("Niño R. Eclarin") == "Eclarin Niño R."


def lang_of_texts(path) -> list[tuple[str, str]]:
    """(language, text) of every text in the PDF's structure tree: the tree's /Lang
    (inherited) from pypdf, the texts from poppler, walked in the same order."""
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    langs = []

    def walk(node, inherited):
        node = node.get_object()
        lang = str(node.get("/Lang", inherited))
        langs.append(lang)
        kids = node.get("/K")
        for k in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            k = k.get_object() if hasattr(k, "get_object") else k
            if isinstance(k, dict) and "/S" in k:
                walk(k, lang)

    top = root["/StructTreeRoot"].get_object()["/K"]
    for k in top if isinstance(top, list) else [top]:
        walk(k, str(root.get("/Lang", "")))
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    result, stack, index = [], [], -1
    for line in out:
        depth, s = (len(line) - len(line.lstrip(" "))) // 2, line.strip()
        if not s or s.startswith("Object "):
            continue
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if s.startswith('"'):
            result.append((stack[-1][1] if stack else "", s.strip('"')))
        else:
            index += 1
            stack.append((depth, langs[index]))
    assert index + 1 == len(langs), "poppler and pypdf walked different trees"
    return result


def test_one_language_sessions_carry_their_language_in_the_structure_tree(built):
    _, _, event = built["pyconkr2018"]
    english = [s.title.en for s in event.sessions if s.title.en and not s.title.ko]
    korean = [s.title.ko for s in event.sessions if s.title.ko and re.search("[가-힣]", s.title.ko)]
    assert len(english) >= 6 and len(korean) >= 40
    for edition in ("ko", "en"):
        texts = lang_of_texts(books(built["pyconkr2018"])[edition])
        for title in english:
            hits = [lang for lang, text in texts if text.startswith(title[:20])]
            assert hits and set(hits) == {"en"}, (edition, title, hits)
        for title in korean[:10]:
            hits = [lang for lang, text in texts if text.startswith(title[:8])]
            assert hits and set(hits) == {"ko"}, (edition, title, hits)
    # A Korean talk with an English title is set as English text, marked so.
    texts = lang_of_texts(books(built["pyconkr2018"])["ko"])
    assert {lang for lang, text in texts if text.startswith("Deep Dive into Coroutine")} == {"en"}


def test_a_talk_in_the_other_language_is_marked(built):
    path = books(built["pyconkr2018"])["en"]
    text = flat(" ".join(pages_text(path)))
    assert text.count("in Korean") >= 40  # the Korean talks, in the English edition
    ko = flat(" ".join(pages_text(books(built["pyconkr2018"])["ko"])))
    assert ko.count("영어로 진행") >= 6


def test_each_room_sign_is_one_page_under_its_name_on_one_line(built):
    """FOSDEM 2018: each sign takes its own tier (a room of 2 talks is not set
    at the size of a room of 17), every sign is one page, and the room's name,
    sized by its shaped width, is one line ("UA2.114 (Baudoux)" wrapped when
    its width was estimated)."""
    manifest, folder, _event = built["fosdem2018"]
    signs = [e for e in manifest["outputs"] if e["kind"] == "room-sign"]
    assert all(e["pages"] == 1 for e in signs), [(e["path"], e["pages"]) for e in signs]
    busy = next(e for e in signs if e["path"] == "rooms/2018-02-04-UA2.114-Baudoux.pdf")  # 17 talks
    quiet = next(e for e in signs if e["path"] == "rooms/2018-02-04-AW1.121.pdf")  # 2 talks
    assert (busy["layout"], quiet["layout"]) == ("12 pt, 2 columns", "28 pt")
    for e in signs:
        found = words(folder / e["path"], 1)
        tallest = max(w[3] - w[1] for w in found)
        head = [w for w in found if w[3] - w[1] > 0.8 * tallest]  # the name's words: the largest type
        assert head and len({round(w[3]) for w in head}) == 1, (e["path"], head)  # one baseline


def test_day_sheets_show_speakers_in_room_order(built):
    _manifest, folder, _event = built["pyconkr2018"]
    text = flat(pdftotext(folder / "days" / "2018-08-18.pdf", raw=True))  # in drawing order
    assert "정윤원" in text and "Daniel Kim" in text  # speakers by name
    order = [
        text.find(t)
        for t in (
            "나도 할 수 있다 오픈 소스",
            "생활탐사",
            "Sanic를",
            "머신러닝으로 치매",
            "Python and Rust",
            "네코유메",
        )
    ]  # 13:00: rooms 101, 102, 103, 104, 105, 202
    assert order == sorted(order) and -1 not in order


def test_sparse_data_leaves_no_empty_headings(built):
    """FOSDEM has no short name, no hosts, no concept note: nothing stands in for them."""
    manifest, folder, _ = built["fosdem2018"]
    cover = pdftotext(books(built["fosdem2018"])["en"], 1, 1).split()
    assert " ".join(cover).count("FOSDEM 2018") == 1  # no kicker repeating the name
    press = next(folder / e["path"] for e in manifest["outputs"] if e["kind"] == "press-book")
    last = len(PdfReader(press).pages)
    back = pdftotext(press, last, last)
    assert "FOSDEM 2018" in back and "Hosts" not in back and "Organis" not in back
    text = pdftotext(books(built["fosdem2018"])["en"])
    assert "Concept" not in text


@pytest.mark.parametrize("name", EVENTS)
def test_every_glance_cell_shows_a_time(built, name):
    from .test_typography import every_glance_cell_shows_a_time

    manifest, folder, event = built[name]
    book = next(e for e in manifest["outputs"] if e["kind"] == "book")
    every_glance_cell_shows_a_time(folder / book["path"], event)


def test_a_congress_day_ends_on_a_page_a_third_full_or_more(built):
    """FOSDEM 2018 (English only, 20 rooms): each day's last page was 34 % and 21 %
    full; set closer (12 → 11 and 10 → 9 pages) and then evened, none is under a third."""
    from .test_design import page_fill, programme_pages

    path = books(built["fosdem2018"])["en"]
    fills = {page: round(page_fill(path, page), 2) for page in programme_pages(path)}
    assert len(fills) >= 15 and min(fills.values()) >= 1 / 3, fills
