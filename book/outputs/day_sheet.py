"""Day sheets: one page per date, for staff to print in the morning.

Settings (event.yaml): ``day_sheets: {paper: A4, editions: [ko+en, ko, en]}``.
A sheet is one page wherever the day fits at a readable size: the roomiest
layout tier that fits is kept, down to 8.5 pt, and the sheets of one edition
are one set, at the tier the fullest of them needs. A day too full for that (a
congress day of hundreds of sessions) continues on as many pages as it needs,
at 8.5 pt, with the date and the event at the head of every page and "1/3"
at the foot: staff always get a sheet for a valid day. ``build.json`` names
the layout each day got.
"""

from __future__ import annotations

from ..source.model import BILINGUAL, edition_tag, editions_for
from ..source.settings import Block, Editions, Paper
from ..typeset.css import category_css, page_css, token_css
from ..typeset.templates import Tier
from ..views.day_sheet import sheet_days, sheet_view
from .base import Job, Layout, OutputKind, Plan

# Layouts from roomy to dense, 14 pt down to 8.5 pt: the roomiest that fits one page fills it;
# the last continues on more pages. (name, size, pair, small, columns, compact rows)
TIERS = [
    ("1 column, 14 pt", 14, 13, 11, 1, False),
    ("1 column, 12.5 pt", 12.5, 12, 10, 1, False),
    ("1 column, 11 pt", 11, 10.5, 9, 1, False),
    ("1 column, 10 pt", 10, 9.5, 8.5, 1, False),
    ("1 column, 9.5 pt", 9.5, 9, 8, 1, False),
    ("1 column, 9 pt", 9, 8.5, 8, 1, False),
    ("1 column, 8.5 pt", 8.5, 8, 8, 1, False),
    ("2 columns, 9 pt", 9, 8.5, 8, 2, False),
    ("2 columns, 8.5 pt", 8.5, 8, 8, 2, False),
    ("2 columns, compact, 8.5 pt", 8.5, 8.5, 8.5, 2, True),
    ("3 columns, compact, 8.5 pt", 8.5, 8.5, 8.5, 3, True),
    ("2 columns, compact, 8.5 pt, continued", 8.5, 8.5, 8.5, 2, True),
]
MIN_PT = min(t[1] for t in TIERS)  # titles and times, at the densest tier
SMALL_PT = min(t[3] for t in TIERS)  # nothing on a sheet, its foot and legend included, is smaller
STYLESHEETS = ("css/tokens.css", "css/base.css", "css/day_sheet.css")


def tier(name, size, pair, small, columns, compact) -> Tier:
    # The last tier's pages are day_sheet.css's `continued` pages: heads after the first, "2/3" at the foot.
    classes = ("compact" if compact else "") + (" continued" if name.endswith("continued") else "")
    return Tier(name, tier_css(size, pair, small, columns), classes.strip())


def suffix(edition: str) -> str:
    """The bilingual sheet is days/<date>.pdf; the others add their edition."""
    return "" if edition == BILINGUAL else f"-{edition_tag(edition)}"


def tier_css(size, pair, small, columns) -> str:
    # `columns` does not take a custom property in WeasyPrint: set it directly,
    # and only for 2 or more: WeasyPrint lays out even one column as a
    # multi-column box, re-laying it out while it balances (measured: two
    # thirds of a one-column sheet's layout time).
    return f":root {{ --sheet-size: {size}pt; --sheet-pair: {pair}pt; --sheet-small: {small}pt; }}" + (
        f" .sheet-list {{ columns: {columns}; }}" if columns > 1 else ""
    )


def estimate_tier(view) -> int:
    """The first tier whose capacity covers a rough count of the sheet's lines."""
    lines = sum(
        3
        + len(" ".join(r.text for r in s.short + s.title if r.lang == "ko")) / 40
        + len(" ".join(r.text for r in s.short + s.title if r.lang == "en")) / 75
        + 0.5 * len(s.roles)
        for s in view.sessions
    ) + 4 * len(view.ongoing)
    for i, (_name, size, _pair, _small, columns, compact) in enumerate(TIERS):
        capacity = 52 * columns * (10 / size) ** 1.6 * (1.4 if compact else 1)
        if lines <= capacity:
            return i
    return len(TIERS) - 1


class DaySheetKind(OutputKind):
    name = "day-sheet"
    order = 30
    help = "day sheets: one page per day for staff, in the editions day_sheets.editions names"
    settings = Block("day_sheets", (Paper("paper", "A4"), Editions("editions", (BILINGUAL,))))

    def plan(self, event, ctx):
        paper = event.settings["day_sheets"]["paper"]
        head = page_css(paper, category_css(event.categories.values()))
        tiers = tuple(tier(*t) for t in TIERS)
        jobs = []
        for day in sheet_days(event):
            for edition in editions_for(event.languages, event.settings["day_sheets"]["editions"]):
                view = sheet_view(event, day, edition, ctx.when)
                hint = estimate_tier(view)
                jobs.append(
                    Job(
                        self.name,
                        f"days/{day.isoformat()}{suffix(edition)}.pdf",
                        edition,
                        {"date": day.isoformat()},
                        Layout(
                            "day_sheet.html",
                            view,
                            STYLESHEETS,
                            head_css=head,
                            theme_css=token_css(ctx.theme),
                            tiers=tiers,
                            max_pages=1,
                            overflow=True,
                            tier_hint=hint,
                            # one set per edition, but a day that surely runs on (a congress day) is set alone
                            fit_group="" if hint == len(TIERS) - 1 else f"day-sheets-{edition}",
                            # Three pages of the continued tier's two columns (page 2 at least half a page)
                            # hold more than one page of the densest tier's three: the 3-column tier is not tried.
                            overflow_pages=3,
                        ),
                    )
                )
        return Plan(jobs)


KIND = DaySheetKind
