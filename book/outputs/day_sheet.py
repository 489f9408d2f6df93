"""Day sheets: one page per date, for staff to print in the morning."""
from __future__ import annotations

from ..render import category_css, page_css
from ..views.day_sheet import sheet_days, sheet_view
from .base import Job, Output

# Layouts from roomy to dense; nothing below 7 pt.
# (name, size, pair, small, columns, compact rows)
TIERS = [
    ("1 column, 11 pt", 11, 10.5, 9, 1, False),
    ("1 column, 10 pt", 10, 9.5, 8.5, 1, False),
    ("1 column, 8.5 pt", 8.5, 8, 7.5, 1, False),
    ("2 columns, 8.5 pt", 8.5, 8, 7.5, 2, False),
    ("2 columns, 7.5 pt", 7.5, 7, 7, 2, False),
    ("2 columns, compact, 7.5 pt", 7.5, 7, 7, 2, True),
    ("3 columns, compact, 7 pt", 7, 7, 7, 3, True),
    ("4 columns, compact, 7 pt", 7, 7, 7, 4, True),
]
MIN_PT = 7
SUFFIX = {"ko+en": "", "ko": "-ko", "en": "-en"}


def tier(name, size, pair, small, columns, compact) -> tuple[str, str, str]:
    return name, tier_css(size, pair, small, columns), "compact" if compact else ""


def tier_css(size, pair, small, columns) -> str:
    # `columns` does not take a custom property in WeasyPrint: set it directly,
    # and only for 2 or more: WeasyPrint lays out even one column as a
    # multi-column box, re-laying it out while it balances (measured: two
    # thirds of a one-column sheet's layout time).
    return (f":root {{ --sheet-size: {size}pt; --sheet-pair: {pair}pt; --sheet-small: {small}pt; }}"
            + (f" .sheet-list {{ columns: {columns}; }}" if columns > 1 else ""))


def estimate_tier(view) -> int:
    """The first tier whose capacity covers a rough count of the sheet's lines."""
    lines = sum(3 + len(" ".join(r.text for r in s.short + s.title if r.lang == "ko")) / 40
                + len(" ".join(r.text for r in s.short + s.title if r.lang == "en")) / 75
                + 0.5 * len(s.roles) for s in view.sessions) + 4 * len(view.ongoing)
    for i, (name, size, pair, small, columns, compact) in enumerate(TIERS):
        capacity = 52 * columns * (10 / size) ** 1.6 * (1.4 if compact else 1)
        if lines <= capacity:
            return i
    return len(TIERS) - 1


class DaySheetOutput(Output):
    kind = "day-sheet"

    def jobs(self, event, settings):
        head = page_css(event.day_sheets["paper"], category_css(event.categories.values()))
        tiers = [tier(*t) for t in TIERS]
        out = []
        for day in sheet_days(event):
            for edition in event.day_sheets["editions"]:
                view = sheet_view(event, day, edition, settings)
                out.append(Job(
                    kind=self.kind, path=f"days/{day.isoformat()}{SUFFIX[edition]}.pdf", template="day_sheet.html",
                    view=view, stylesheets=["css/tokens.css", "css/base.css", "css/day_sheet.css"], head_css=head,
                    manifest={"date": day.isoformat(), "lang": edition}, tiers=tiers, max_pages=1,
                    tier_hint=estimate_tier(view),
                    fit_error=(f"the day sheet for {day.isoformat()} ({len(view.sessions)} sessions) does not fit on "
                               f"one {event.day_sheets['paper']} page with text at {MIN_PT} pt or larger: use a larger "
                               "paper (day_sheets.paper: A3 in event.yaml) or move sessions"),
                ))
        return out
