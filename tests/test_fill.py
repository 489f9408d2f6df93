"""book/typeset/fill.py on laid-out pages made by hand: when a day is laid out again, and how."""

from __future__ import annotations

from types import SimpleNamespace

from book.typeset import fill

H = 800.0  # a page's height (CSS px)


def page(*anchors):
    """A page holding ``(name, top, bottom)`` anchors."""
    return SimpleNamespace(height=H, anchors={name: (0, top, 100, bottom) for name, top, bottom in anchors})


FULL = page(("s-a", 60, 300), ("s-b", 310, 560), ("s-c", 570, 740))
SHORT = page(("s-d", 60, 150))  # one session pushed over: 11 % of the page


def test_a_day_ending_full_is_left_as_it_is():
    tries = []
    _, options = fill.settle([FULL, page(("s-d", 60, 400), ("s-e", 410, 700))], lambda **o: tries.append(o))
    assert options == {} and tries == []


def test_a_day_ending_short_is_set_closer_and_kept_when_that_saves_the_page():
    tries = []

    def again(**o):
        tries.append(o)
        return SimpleNamespace(pages=[FULL])  # closer: the lone session is back on the page before

    pages, options = fill.settle([FULL, SHORT], again)
    assert tries == [{"tight": True}] and options == {"tight": True} and pages == [FULL]


def test_else_the_last_two_pages_are_evened_at_a_session_of_the_page_before():
    tries = []

    def again(**o):
        tries.append(o)
        if o.get("break_before"):  # s-b starts the last page (s-c alone brings 170 of the 177 px it needs)
            return SimpleNamespace(
                pages=[
                    page(("s-a", 60, 300), ("s-b", 310, 560)),
                    page(("s-b", 60, 310), ("s-c", 320, 490), ("s-d", 500, 590)),
                ]
            )
        return SimpleNamespace(pages=[FULL, SHORT])  # closer did not save the page

    pages, options = fill.settle([FULL, SHORT], again)
    assert tries == [{"tight": True}, {"break_before": "s-b"}], tries
    assert options == {"break_before": "s-b"} and len(pages) == 2


def test_a_long_day_is_not_laid_out_again():
    """A try lays the whole day out again: past MAX_PAGES (a congress day) it costs seconds."""
    tries = []
    pages = [FULL] * fill.MAX_PAGES + [SHORT]
    assert fill.settle(pages, lambda **o: tries.append(o)) == (pages, {}) and tries == []
