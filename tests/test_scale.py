"""The scale scenario as a correctness test (the benchmark times it; CI does not)."""

from benchmarks.synthetic import write_event
from book.pipeline import BuildOptions, build
from book.pipeline.check_event import load as load_event

from .conftest import pdftotext
from .test_book import norm


def test_a_200_session_event_makes_a_complete_bilingual_book(tmp_path):
    folder = write_event(tmp_path / "event", sessions=200, days=5, rooms=12, people=120)
    event = load_event(folder).event
    assert len(event.sessions) == 200
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["book"], editions=["ko+en"]))
    path = tmp_path / "out" / "synthetic" / "book-ko-en.pdf"
    text = norm(pdftotext(path, raw=True))  # drawing order: the time column and the tabs are not read into a title
    for s in event.sessions:
        assert norm(s.short.ko) + " " in text + " " and norm(s.title.en) in text, s.id
    assert manifest["outputs"][0]["pages"] > 40
