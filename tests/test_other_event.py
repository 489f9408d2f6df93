"""Another event folder: rooms, online links, interpretation, speakers."""

from pypdf import PdfReader

from book.pipeline import BuildOptions, build

from .conftest import ROOT, pdftotext
from .test_book import norm

MINI = ROOT / "tests" / "fixtures" / "mini"


def test_optional_fields_are_shown(tmp_path):
    manifest = build(MINI, tmp_path, BuildOptions.of(editions=["ko+en"]))
    path = tmp_path / "mini" / "book-ko-en.pdf"
    text = norm(pdftotext(path))
    for needle in (
        "대강당",
        "Main Hall",
        "201호",
        "https://example.org/live/keynote",
        "한국어, 영어",
        "발표",
        "Speakers",
        "Jane Roe",
        "University of Lund",
        "김민지",
        "서울대학교",
        "16:00–24:00",
        "3월 5일 화요일",
        "Tuesday 5 March",
    ):
        assert needle in text, needle
    assert manifest["outputs"][0]["path"] == "book-ko-en.pdf"
    links = [
        a.get_object().get("/A", {}).get("/URI") for page in PdfReader(path).pages for a in page.get("/Annots", [])
    ]
    assert "https://example.org/live/keynote" in links
