"""The speed work changes no output: the cheaper searches find what the full ones found."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from book.pipeline import fitting
from book.typeset.engine import TooManyPages
from book.typeset.templates import Tier

TIERS = tuple(Tier(f"tier {i}") for i in range(6))


@dataclass
class Fake:
    """A layout that fits one page from tier ``need`` on, and takes ``spill`` pages at the last tier."""

    need: int
    spill: int = 1
    size: int = 0
    tries: list = field(default_factory=list)


@pytest.fixture
def fake_layouts(monkeypatch):
    def write(task, tier, limit=True):
        i = TIERS.index(tier)
        task.fake.tries.append(i)
        pages = 1 if i >= task.fake.need else 2
        if i == len(TIERS) - 1 and task.fake.need >= len(TIERS):
            pages = task.fake.spill
        if limit and pages > 1:
            raise TooManyPages(pages)
        return pages, f"html at {i}"

    monkeypatch.setattr(fitting, "write", write)

    def task(fake, overflow=False, overflow_pages=0, hint=0):
        layout = SimpleNamespace(
            tiers=TIERS,
            overflow=overflow,
            overflow_pages=overflow_pages,
            tier_hint=hint,
            fit_error="too full",
            max_pages=1,
        )
        return SimpleNamespace(job=SimpleNamespace(layout=layout), size=fake.size, fake=fake)

    return task


@pytest.mark.parametrize(
    "needs", [(0, 0, 0), (3, 1, 0, 2), (0, 0, 4), (5, 5, 5), (2,), (1, 4, 4, 3, 0, 0, 2, 1)], ids=str
)
def test_a_group_is_set_at_the_densest_tier_any_of_it_needs(fake_layouts, needs):
    """The group search gives each layout the tier brute force gives, with about one layout each."""
    fakes = [Fake(n, size=10 * n + k) for k, n in enumerate(needs)]
    found = fitting.fit_group([fake_layouts(f) for f in fakes])
    assert {tier for tier, _pages, _html in found} == {max(needs)}
    assert all(html == f"html at {max(needs)}" and pages == 1 for _tier, pages, html in found)
    alone = sum(n + 1 for n in needs)  # each fitted alone from the roomiest tier: one try per tier up to its own
    tries = sum(len(f.tries) for f in fakes)
    assert tries <= max(needs) + 1 + 2 * (len(needs) - 1), [f.tries for f in fakes]
    assert tries <= alone + len(needs)


def test_a_layout_that_spills_far_is_not_tried_on_one_page(fake_layouts):
    """A day sheet three pages long at its last tier does not try the one-page tiers."""
    last = len(TIERS) - 1
    spilling = Fake(need=len(TIERS), spill=3)
    tier, pages, _ = fitting.best_tier(fake_layouts(spilling, overflow=True, overflow_pages=3, hint=last))
    assert (tier, pages) == (last, 3) and spilling.tries == [last]
    short = Fake(need=len(TIERS), spill=2)  # two pages: a denser one-page tier might hold it, so it is tried
    tier, pages, _ = fitting.best_tier(fake_layouts(short, overflow=True, overflow_pages=3, hint=last))
    assert (tier, pages) == (last, 2) and short.tries == [last, last - 1]


def test_a_style_sheet_is_parsed_once_per_font_configuration_and_lays_out_the_same(tmp_path):
    from weasyprint.text.fonts import FontConfiguration

    from book.typeset import engine
    from book.typeset.patches import SHEETS

    style = "@page { size: 100mm 80mm; margin: 10mm } p { font-size: 30pt } @page :left { margin-left: 20mm }"
    html = f"<html lang=en><head><style>{style}</style></head><body>" + "<p>word</p>" * 12 + "</body></html>"
    fonts = FontConfiguration()
    first = engine._layout(html, [tmp_path], fonts, True)
    kept = SHEETS.kept[fonts]
    assert [key[0] for key in kept] == [style]
    sheet = next(iter(kept.values()))[0]
    second = engine._layout(html, [tmp_path], fonts, True)
    assert next(iter(SHEETS.kept[fonts].values()))[0] is sheet  # not parsed again
    fresh = engine._layout(html, [tmp_path], FontConfiguration(), True)
    for document in (second, fresh):
        assert len(document.pages) == len(first.pages) > 2
        assert [(p.width, p.height) for p in document.pages] == [(p.width, p.height) for p in first.pages]
        # the @page rules reached the second document too: a left page has its own margin
        assert [p._page_box.margin_left for p in document.pages] == [p._page_box.margin_left for p in first.pages]
    assert len({p._page_box.margin_left for p in second.pages}) == 2


def test_a_sheet_that_had_a_url_refused_is_not_kept_and_is_refused_again(tmp_path):
    from weasyprint.text.fonts import FontConfiguration

    from book.errors import BuildError
    from book.typeset import engine
    from book.typeset.patches import SHEETS

    outside = tmp_path.parent / "secret.css"
    html = f"<html><head><style>@import url('{outside.as_uri()}'); p {{ color: red }}</style></head><body><p>x</p>"
    fonts = FontConfiguration()
    for _ in range(2):
        with pytest.raises(BuildError, match="refused to read"):
            engine._layout(html, [tmp_path], fonts, True)
    assert not SHEETS.kept.get(fonts)


def test_a_watched_event_with_no_data_version_reuses_its_parts(tmp_path):
    """An imported event has no data version, so each build is dated when it runs; only the
    front part carries the date (the book's metadata), so an edit lays out its day and the front."""
    import json
    import re
    import shutil

    from .conftest import EVENT
    from .test_designer_loop import TITLE
    from .test_watch import Watcher

    event = tmp_path / "whrcf"
    shutil.copytree(EVENT, event)
    (event / "event.yaml").write_text(
        re.sub(r"^data_version: .*\n", "", (event / "event.yaml").read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    watcher = Watcher(event, "--out", out, "--edition", "ko", "--only", "book")

    def parts():
        manifest = json.loads((out / "whrcf2021" / "build.json").read_text(encoding="utf-8"))
        return next(e for e in manifest["outputs"] if e["path"] == "book-ko.pdf")["parts"]

    try:
        watcher.until("watching")
        first = parts()
        sessions = event / "sessions.yaml"
        sessions.write_text(sessions.read_text(encoding="utf-8").replace(TITLE, "  title: {ko: 토론, en: Talk}"))
        watcher.until("built ")
        edit = parts()
    finally:
        watcher.stop()
    assert len(first["laid_out"]) >= 5
    assert set(edit["laid_out"]) == {"front", "day-2"}, edit  # the date's part and the edited day
    assert edit["reused"] == len(first["laid_out"]) - 3


def test_a_kept_sheet_gives_each_document_its_colour_profiles(tmp_path):
    """The press edition's head CSS names a CMYK profile: a document laid out from the kept sheet
    has it too (the writer takes the OutputIntent from there)."""
    import shutil
    from importlib.resources import files

    import weasyprint.pdf
    from weasyprint.text.fonts import FontConfiguration

    from book.typeset import engine
    from book.typeset.patches import SHEETS

    icc = tmp_path / "profile.icc"
    with (files(weasyprint.pdf) / "sRGB2014.icc").open("rb") as source, icc.open("wb") as target:
        shutil.copyfileobj(source, target)
    style = f"@color-profile --proof {{ src: url('{icc.as_uri()}') }} p {{ color: black }}"
    html = f"<html lang=en><head><style>{style}</style></head><body><p>x</p></body></html>"
    fonts = FontConfiguration()
    first = engine._layout(html, [tmp_path], fonts, True)
    second = engine._layout(html, [tmp_path], fonts, True)
    assert len(SHEETS.kept[fonts]) == 1
    assert "--proof" in first.color_profiles and "--proof" in second.color_profiles
