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
    monkeypatch.setattr(fitting, "render_html", lambda ctx, layout, *a: "x" * ctx)

    def task(fake, overflow=False, overflow_pages=0, hint=0):
        layout = SimpleNamespace(
            tiers=TIERS, overflow=overflow, overflow_pages=overflow_pages, tier_hint=hint, fit_error="too full"
        )
        return SimpleNamespace(job=SimpleNamespace(layout=layout), ctx=fake.size, fake=fake)

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
