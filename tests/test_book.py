"""The programme book, checked on the real PDFs of the default event."""

from __future__ import annotations

import calendar
import hashlib
import re
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from book.pipeline.check_event import load as load_event
from book.typeset import fonts

from .conftest import EVENT, folio, pages_text, pdftotext, planned_view

EDITIONS = {"ko+en": "book-ko-en.pdf", "ko": "book-ko.pdf", "en": "book-en.pdf"}


def norm(text: str) -> str:
    """Join hyphenated and wrapped lines so phrases can be searched."""
    text = re.sub("\u2010\\s+", "", text).replace("\u2060", "")
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def event():
    return load_event(EVENT).event


def dest_pages(path) -> dict[str, int]:
    reader = PdfReader(path)
    return {name: reader.get_destination_page_number(d) + 1 for name, d in reader.named_destinations.items()}


def view(event, edition):
    return planned_view(event, "book", edition)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_session_is_on_its_page_with_time_and_names(built, event, edition):
    path = built["out"] / EDITIONS[edition]
    pages = pages_text(path)
    dests = dest_pages(path)
    langs = ("ko", "en") if edition == "ko+en" else (edition,)
    days = sorted({s.date for s in event.sessions})
    for s in event.sessions:
        page = dests[f"s-{s.id}"]
        # the time column's end and zone lines are read in among a wrapped title's lines
        text = norm(re.sub(r"(?m)^(–\d\d:\d\d|KST)$", "", pages[page - 1]))
        for lang in langs:
            assert norm(getattr(s.short, lang)) in text, (edition, s.id, lang)
        if s.start is not None:
            # the hanging time column: the start, and the end under it
            for expected in (f"{s.start // 60:02d}:{s.start % 60:02d}", f"–{s.end // 60:02d}:{s.end % 60:02d}"):
                assert expected in pages[page - 1], (edition, s.id, expected)
        # The session sits in its own day's section.
        start = dests[f"day-{s.date.isoformat()}"]
        later = [dests[f"day-{d.isoformat()}"] for d in days if d > s.date]
        # (light days share a page: the next day may open on this one's page)
        assert start <= page <= (later[0] if later else len(pages)), (edition, s.id)
    assert len(event.sessions) == 37


def test_titles_appear_in_both_languages_in_the_bilingual_book(built, event):
    path = built["out"] / "book-ko-en.pdf"
    pages, dests = pages_text(path), dest_pages(path)
    for s in event.sessions:
        page = dests[f"s-{s.id}"]
        text = norm(pages[page - 1] + " " + (pages[page] if page < len(pages) else ""))
        text = re.sub(r" \d{1,2} [월화수목금토일](?= )", "", text)  # the fore-edge tab, read in among the lines
        for lang in ("ko", "en"):
            assert norm(getattr(s.title, lang)) in text, (s.id, lang)


KO_DAYS = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"]
EN_DAYS = list(calendar.day_name)
EN_ABBR = list(calendar.day_abbr)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_weekday_shown_matches_its_date(built, edition):
    text = norm(pdftotext(built["out"] / EDITIONS[edition]))
    seen = 0
    for month, day, weekday in re.findall(r"(\d{1,2})월 (\d{1,2})일 \(?([월화수목금토일])(?:요일|\))", text):
        expected = KO_DAYS[date(2021, int(month), int(day)).weekday()][0]
        assert weekday == expected, f"{month}월 {day}일 shown as {weekday}, is {expected}"
        seen += 1
    for weekday, day in re.findall(r"\b(" + "|".join(EN_DAYS + EN_ABBR) + r"),? (\d{1,2}) Oct", text):
        real = date(2021, 10, int(day)).weekday()
        assert weekday in (EN_DAYS[real], EN_ABBR[real]), f"{weekday} {day} Oct is a {EN_DAYS[real]}"
        seen += 1
    assert seen >= 10, "no weekdays found: the check would be vacuous"


def test_2021_10_10_is_a_sunday_in_both_languages(built):
    text = norm(pdftotext(built["out"] / "book-ko-en.pdf"))
    assert "10월 10일 일요일" in text
    assert "Sunday 10 October" in text
    assert "10월 10일 토요일" not in text


@pytest.mark.parametrize("edition", EDITIONS)
def test_contents_page_numbers_are_the_target_pages(built, event, edition):
    path = built["out"] / EDITIONS[edition]
    dests = dest_pages(path)
    toc = view(event, edition).toc
    reader = PdfReader(path)
    toc_page = dests["contents"]
    layout = pdftotext(path, toc_page, toc_page, layout=True).rstrip()
    assert folio(path, toc_page) == str(toc_page)
    layout = layout[: layout.rstrip().rfind("\n")]
    numbers = [int(m) for m in re.findall(r"\s(\d{1,3})\s*$", layout, re.M)]
    assert numbers == [dests[e["anchor"]] for e in toc], layout
    # Each target page carries that number as its folio.
    for n in numbers:
        assert folio(path, n) == str(n)
    # The contents entries are links to their targets.
    links = [a.get_object() for a in reader.pages[toc_page - 1].get("/Annots", [])]
    assert len([a for a in links if a.get("/Subtype") == "/Link"]) >= len(toc)


@pytest.mark.parametrize("edition", EDITIONS)
def test_index_page_numbers_are_the_target_pages(built, event, edition):
    path = built["out"] / EDITIONS[edition]
    dests = dest_pages(path)
    people = view(event, edition).people
    assert people, "the WHRCF data names people: the index must not be empty"
    index_text = norm(" ".join(pages_text(path)[dests["index"] - 1 :]))
    for person in people:
        assert norm(person["name"][0].text) in index_text
        for ref in person["refs"]:
            assert f"{norm(ref['title'][0].text)} {dests[ref['anchor']]}" in index_text, (person["id"], ref)


@pytest.mark.parametrize("edition", EDITIONS)
def test_index_is_filed_by_family_name(built, event, edition):
    """Names printed family name first are filed as printed; others by their sort_as. The Korean
    editions print a Korean name where there is one, and file Hangul names first (가나다)."""
    path = built["out"] / EDITIONS[edition]
    lead = edition.split("+")[0]
    # drawing order (-raw): the index's two columns, the left one first
    index_text = norm(pdftotext(path, first=dest_pages(path)["index"], raw=True))
    shown = {p.id: p.name.get(lead) for p in event.people.values()}
    hangul = {pid for pid, name in shown.items() if re.search("[가-힣]", name)}
    filed = sorted(
        event.people.values(),
        key=lambda p: (
            (p.id not in hangul) if lead == "ko" else (p.id in hangul),
            (p.sort_as or shown[p.id]).casefold(),
        ),
    )
    printed = sorted(filed, key=lambda p: index_text.find(norm(shown[p.id])))
    assert all(index_text.find(norm(shown[p.id])) >= 0 for p in filed)
    assert [p.id for p in printed] == [p.id for p in filed]
    if lead == "ko":
        assert hangul and printed[0].id in hangul  # 이용섭, filed before the Latin names
    latin = [p for p in printed if p.id not in hangul]
    assert latin[0].name.get("en") == "Shams Asadi"  # filed under A, before CHO


@pytest.mark.parametrize("edition", EDITIONS)
def test_all_fonts_embedded_and_declared(built, edition):
    out = subprocess.run(
        ["pdffonts", str(built["out"] / EDITIONS[edition])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    declared = {f.css_family.replace(" ", "-") for f in fonts.resolve().values()}
    for line in out:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        base = name.split("+", 1)[1]
        base = re.sub(r"-Bold$", "", base)
        assert base in declared, f"{name} is not a declared family ({declared})"


def _concept_words(event) -> set[str]:
    words = set()
    for sec in event.concept:
        for text in (sec.heading.ko, sec.heading.en):
            words.update(text.split())
        for blocks in sec.blocks.values():
            for b in blocks:
                for t in (b.text, *b.items):
                    words.update(t.split())
    return words


HANGUL = re.compile("[가-힣]")


def split_korean_words(lines, words) -> list[str]:
    """Line ends and starts that are not whole words of the source."""
    bad = []
    for line in lines:
        tokens = line.split()
        for token in (tokens[:1] + tokens[-1:]) if tokens else []:
            if HANGUL.search(token) and token not in words:
                bad.append(token)
    return bad


@pytest.mark.parametrize("edition", ["ko+en", "ko"])
def test_no_korean_word_of_the_concept_note_is_split(built, event, edition):
    path = built["out"] / EDITIONS[edition]
    dests = dest_pages(path)
    first, last = dests["concept"], dests["glance"] - 1
    words = _concept_words(event) | {"개념", "노트"}
    lines = [ln for page in range(first, last + 1) for ln in pdftotext(path, page, page).splitlines()]
    assert sum(bool(HANGUL.search(ln)) for ln in lines) > 40
    assert split_korean_words(lines, words) == []


def test_split_check_catches_a_split_word():
    words = {"인권운동가,", "도시", "시민"}
    assert split_korean_words(["시민 인권운", "동가, 도시"], words) == ["인권운", "동가,"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_line_starts_with_closing_punctuation(built, edition):
    for line in pdftotext(built["out"] / EDITIONS[edition]).splitlines():
        assert not re.match(r"\s*[,.)\]}」』’”·:;!?%]", line), repr(line)


def _struct_langs(reader) -> dict[str, int]:
    counts: dict[str, int] = {}
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, dict):
            continue
        if "/Lang" in node and node.get("/Type") == "/StructElem":
            counts[str(node["/Lang"])] = counts.get(str(node["/Lang"]), 0) + 1
        kids = node.get("/K")
        if isinstance(kids, list):
            stack.extend(k for k in kids if hasattr(k, "get_object"))
        elif hasattr(kids, "get_object"):
            stack.append(kids)
    return counts


def test_bilingual_book_is_tagged_with_english_passages_marked(built):
    reader = PdfReader(built["out"] / "book-ko-en.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ko"
    assert bool(root["/MarkInfo"]["/Marked"])
    langs = _struct_langs(reader)
    assert langs.get("en", 0) > 100 and langs.get("ko", 0) > 100, langs


def test_english_edition_has_english_document_language(built):
    assert PdfReader(built["out"] / "book-en.pdf").trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize("edition", EDITIONS)
def test_metadata_title_author_subject(built, event, edition):
    meta = PdfReader(built["out"] / EDITIONS[edition]).metadata
    langs = ("ko", "en") if edition == "ko+en" else (edition,)
    for lang in langs:
        assert getattr(event.name, lang) in meta.title
        assert getattr(event.theme, lang) in meta.subject
    assert meta.author


def test_bookmarks_cover_sections_and_days(built):
    reader = PdfReader(built["out"] / "book-ko-en.pdf")
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    for needle in (
        "차례 / Contents",
        "개념 노트 / Concept Note",
        "일자별 프로그램 / Programme Day by Day",
        "10월 10일 일요일 / Sunday 10 October",
        "인명 색인 / Index of People",
    ):
        assert needle in titles, titles


@pytest.mark.parametrize("edition", EDITIONS)
def test_word_joiners_stay_out_of_text_bookmarks_and_metadata(built, edition):
    """Korean words are held together by U+2060; copy, search and the outline must not see it."""
    path = built["out"] / EDITIONS[edition]
    reader = PdfReader(path)
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader.outline)
    assert titles and not [t for t in titles if "\u2060" in t]
    assert all("\u2060" not in str(v) for v in reader.metadata.values())
    text = pdftotext(path)
    assert ("World Human" if edition == "en" else "세계인권도시포럼") in " ".join(text.split()) and "\u2060" not in text
    assert all("\u2060" not in page.extract_text() for page in reader.pages)


def test_manifest_lists_each_book_with_true_figures(built):
    manifest = built["manifest"]
    books = {e["lang"]: e for e in manifest["outputs"] if e["kind"] == "book"}
    assert set(books) == {"ko+en", "ko", "en"}
    for lang, entry in books.items():
        path = built["out"] / entry["path"]
        assert entry["path"] == EDITIONS[lang]
        assert entry["bytes"] == path.stat().st_size
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["pages"] == len(PdfReader(path).pages)
    assert manifest["duration_s"] > 0


def test_html_is_kept_for_designers(built):
    html = built["out"] / "html"
    assert (html / "book-ko-en.html").is_file() and (html / "css" / "book.css").is_file()
    text = (html / "book-ko-en.html").read_text(encoding="utf-8")
    assert "file://" not in text and "fonts/" in text


def test_page_size_is_a5(built):
    page = PdfReader(built["out"] / "book-ko-en.pdf").pages[0]
    assert (round(float(page.mediabox.width) / 72 * 25.4), round(float(page.mediabox.height) / 72 * 25.4)) == (148, 210)


def test_glance_pages_keep_heading_and_grid_together(built, event):
    path = built["out"] / "book-ko-en.pdf"
    pages = pages_text(path)
    for g in view(event, "ko+en").glance:
        label = g.day_label[0].text
        hits = [i for i, p in enumerate(pages) if label in p and ("1/2" in p if g.part == "1/2" else True)]
        assert any(g.hours[-1]["label"] in pages[i] for i in hits), f"glance grid for {label} left its heading"
