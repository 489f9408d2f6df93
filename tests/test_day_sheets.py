"""Day sheets and room signs, checked on the built PDFs."""

from __future__ import annotations

import calendar
import re
import subprocess
from collections import Counter
from datetime import date

import pytest
from pypdf import PdfReader

from benchmarks.synthetic import write_event
from book.outputs.day_sheet import MIN_PT, SMALL_PT
from book.pipeline import BuildOptions, build
from book.pipeline.check_event import load as load_event

from .conftest import EVENT, ROOT, pages_text, pdftotext
from .pdfsizes import text_sizes
from .test_book import norm

MINI = ROOT / "tests" / "fixtures" / "mini"
WHRCF_DAYS = ["2021-10-01", "2021-10-05", "2021-10-07", "2021-10-08", "2021-10-09", "2021-10-10"]


def sheets(manifest):
    return {e["date"]: e for e in manifest["outputs"] if e["kind"] == "day-sheet"}


def test_one_single_page_sheet_per_session_date(built):
    entries = sheets(built["manifest"])
    assert sorted(entries) == WHRCF_DAYS
    for day, entry in entries.items():
        path = built["out"] / entry["path"]
        assert entry["path"] == f"days/{day}.pdf" and entry["lang"] == "ko+en"
        assert len(PdfReader(path).pages) == 1 == entry["pages"]
        assert entry["bytes"] == path.stat().st_size and len(entry["sha256"]) == 64


def test_every_session_of_the_day_is_on_its_sheet_in_both_languages(built):
    event = load_event(EVENT).event
    for day in WHRCF_DAYS:
        path = built["out"] / "days" / f"{day}.pdf"
        text = norm(pdftotext(path))
        lines = pdftotext(path).splitlines()  # a time range is never broken across lines
        d = date.fromisoformat(day)
        todays = [s for s in event.sessions if s.date == d and not s.spans_days]
        assert todays
        for s in todays:
            assert norm(s.short.ko) in text and norm(s.short.en) in text, (day, s.id)
            assert norm(s.title.ko) in text and norm(s.title.en) in text, (day, s.id)
            span = f"{s.start // 60:02d}:{s.start % 60:02d}–{s.end // 60:02d}:{s.end % 60:02d}"
            assert any(span in line for line in lines), (day, span)
        others = [
            s
            for s in event.sessions
            if s.date != d and not s.spans_days and s.short.en not in {t.short.en for t in todays}
        ]
        for s in others:
            assert norm(s.title.en) not in text, (day, s.id)


def test_exhibition_appears_on_every_sheet_in_its_span(built):
    for day in WHRCF_DAYS:
        text = pdftotext(built["out"] / "days" / f"{day}.pdf")
        assert ("Human Rights Artworks Exhibition" in text) == (day >= "2021-10-07"), day


def test_weekdays_on_sheets_are_correct(built):
    ko_days = "월화수목금토일"
    for day in WHRCF_DAYS:
        d = date.fromisoformat(day)
        text = norm(pdftotext(built["out"] / "days" / f"{day}.pdf"))
        assert f"{d.year}년 {d.month}월 {d.day}일 {ko_days[d.weekday()]}요일" in text
        assert f"{calendar.day_name[d.weekday()]}, {d.day} October 2021" in text


def test_sheets_carry_an_as_of_line_as_a_person_reads_it(built):
    text = norm(pdftotext(built["out"] / "days" / "2021-10-08.pdf"))
    assert re.search(r"10월 1일 00:00 기준 · as of 1 Oct 00:00 · 자료 [0-9a-f]{8}\b", text), text[-300:]
    assert "기준 2021-10-01" not in text


def test_names_like_jeju_4_3_are_never_broken(built):
    lines = [line.replace("\u2060", "") for line in pdftotext(built["out"] / "days" / "2021-10-08.pdf").splitlines()]
    assert any("Jeju 4·3" in line for line in lines)
    assert any("4·3을" in line for line in lines)


def test_a_sparse_day_is_set_in_the_largest_tier(tmp_path):
    folder = write_event(tmp_path / "quiet", sessions=3, days=1, rooms=1, people=4)
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["day-sheet"]))
    (entry,) = sheets(manifest).values()
    assert entry["layout"] == "1 column, 14 pt"
    sizes = Counter(round(size, 1) for size, _ in text_sizes(tmp_path / "out" / "synthetic" / entry["path"]))
    assert 14.0 in sizes and max(sizes) <= 20


def test_whrcf_has_no_rooms_so_no_signs_and_says_so(built):
    assert not [e for e in built["manifest"]["outputs"] if e["kind"] == "room-sign"]
    assert any("37 of 37 sessions have no room" in n for n in built["manifest"]["notes"])


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("mini")
    return out / "mini", build(MINI, out)


def zbar(pdf, tmp_path) -> set[str]:
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp_path / "qr")], check=True)
    found = set()
    for png in tmp_path.glob("qr*.png"):
        result = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
        found |= {line.strip() for line in result.stdout.splitlines() if line.strip()}
    return found


def test_qr_codes_decode_to_their_links(mini, tmp_path):
    out, _ = mini
    assert zbar(out / "days" / "2024-03-04.pdf", tmp_path) == {"https://example.org/live/keynote"}


def test_room_signs_one_page_per_room_per_day(mini):
    out, manifest = mini
    signs = {(e["room"], e["date"]): e for e in manifest["outputs"] if e["kind"] == "room-sign"}
    # room-201 has nothing on 5 March: no sign.
    assert set(signs) == {("hall-a", "2024-03-04"), ("room-201", "2024-03-04"), ("hall-a", "2024-03-05")}
    for (room, _day), entry in signs.items():
        path = out / entry["path"]
        assert len(PdfReader(path).pages) == 1
        text = norm(pdftotext(path))
        assert {"hall-a": "대강당", "room-201": "201호"}[room] in text
    hall = norm(pdftotext(out / "rooms" / "2024-03-04-hall-a.pdf"))
    assert (
        "09:30 기조강연 –10:30" in hall and "기조강연" in hall
    )  # the start, the title, the end under the start and "Keynote" in hall and "토론 1" not in hall
    sizes = [size for size, text in text_sizes(out / "rooms" / "2024-03-04-hall-a.pdf") if "기조강연" in text]
    assert sizes and min(sizes) >= 24  # a room's usual day: 24-28 pt


def assert_readable(path, page):
    """Titles and times at MIN_PT or larger; nothing on the page, foot and legend included, under SMALL_PT."""
    sizes = text_sizes(path, page)
    assert sizes and min(size for size, _ in sizes) >= SMALL_PT - 0.05, min(sizes)
    titles = [size for size, text in sizes if re.fullmatch(r"(Session|세션) \d+\s*", text)]
    times = [size for size, text in sizes if re.fullmatch(r"\d\d:\d\d–\d\d:\d\d", text.strip())]
    assert titles and times and min(titles + times) >= MIN_PT - 0.05, (min(titles), min(times))


def test_a_crowded_day_of_26_sessions_fits_one_page_at_a_readable_size(tmp_path):
    folder = write_event(tmp_path / "crowd", sessions=26, days=1, rooms=12, people=60)
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["day-sheet"]))
    (entry,) = sheets(manifest).values()
    path = tmp_path / "out" / "synthetic" / entry["path"]
    assert len(PdfReader(path).pages) == 1 == entry["pages"]
    assert not entry["layout"].endswith("continued"), entry["layout"]
    assert_readable(path, 0)
    text = norm(pdftotext(path, raw=True))  # drawing order: columns of ragged rows
    event = load_event(folder).event
    for s in event.sessions:
        assert norm(s.title.ko) in text and norm(s.title.en) in text, s.id
    urls = {s.online_url for s in event.sessions if s.online_url}
    assert zbar(path, tmp_path) == urls


def test_a_day_too_full_for_one_page_continues_with_its_heads_and_page_count(tmp_path):
    folder = write_event(tmp_path / "jam", sessions=140, days=1, rooms=24, people=200)
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["day-sheet"]))
    (entry,) = sheets(manifest).values()
    path = tmp_path / "out" / "synthetic" / entry["path"]
    pages = PdfReader(path).pages
    n = len(pages)
    assert n >= 2 and entry["pages"] == n and entry["layout"].endswith("continued"), entry
    for i in range(n):
        assert_readable(path, i)
    texts = pages_text(path)
    assert len(texts) == n
    for i, page in enumerate(texts, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert f"{i}/{n}" in lines, (i, lines[-3:])
        if i > 1:  # the date and the event's name head every later page
            assert "2030" in " ".join(lines[:3]) and "May" in norm(page), lines[:3]
    text = norm(pdftotext(path, raw=True))
    event = load_event(folder).event
    for s in event.sessions:
        assert norm(s.title.en) in text, s.id


def test_single_language_sheets_are_an_option(mini):
    out, manifest = mini
    langs = {(e["date"], e["lang"]): e["path"] for e in manifest["outputs"] if e["kind"] == "day-sheet"}
    assert langs[("2024-03-04", "ko")] == "days/2024-03-04-ko.pdf"
    ko = pdftotext(out / "days" / "2024-03-04-ko.pdf")
    en = pdftotext(out / "days" / "2024-03-04-en.pdf")
    assert "기조강연" in ko and "Keynote" not in ko and "월요일" in ko
    assert "Keynote" in en and "기조강연" not in en and "Monday" in en
    assert PdfReader(out / "days" / "2024-03-04-en.pdf").trailer["/Root"]["/Lang"] == "en"
