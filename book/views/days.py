"""The programme's days as the book sets them: one chapter part per day, light days together.

A run of two or more light days (``LIGHT_DAY`` sessions or fewer each, such as
pre-forum tours) shares one group: one heading, one page start, one fore-edge
tab. Each group names its day (or range of days) for its heading, its running
heads and its tab.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..source.model import Event
from . import i18n
from .common import date_run, run, runs, session_days, session_view, sessions_on


@dataclass(frozen=True)
class DayView:
    anchor: str
    label: list
    sessions: list
    running: list = ()  # runs: the day as running heads name it


@dataclass(frozen=True)
class DayGroup:
    """Days that start a page together: one day, or a run of light days
    (``LIGHT_DAY`` sessions or fewer each, such as pre-forum tours)."""

    anchor: str
    label: list  # runs: the day, or the range of days
    running: list  # runs: the day as running heads name it
    tab: int  # the fore-edge tab's step (book/typeset/css.py, day_tab_css)
    tab_label: list  # runs: what the tab prints
    days: list  # DayView; their own headings (and anchors) only when more than one
    dates: tuple = ()
    venue: list = ()  # runs: the venue, printed once under the title, when sessions have no room of their own

    @property
    def page(self) -> str:
        return f"day-{self.tab}"


LIGHT_DAY = 2


def _lone_light_days_joined(runs_of: list[list], light) -> list[list]:
    """A light day alone between full ones joins the run before it (the next
    one, if it comes first): it starts mid-page under its own day head instead
    of on a page of its own, a quarter full."""
    out: list[list] = []
    for run_ in runs_of:
        lone = len(run_) == 1 and light(run_[0])
        first_lone = len(out) == 1 and len(out[0]) == 1 and light(out[0][0])  # it leads the next
        if out and (lone or first_lone):
            out[-1] = out[-1] + run_
        else:
            out.append(run_)
    return out


def day_groups(event: Event, langs) -> list[DayGroup]:
    """The programme's days, runs of two or more light days joined, and a lone
    light day joined to its neighbour."""
    days = session_days(event)
    runs_of, current = [], []
    for day in days:
        light = len(sessions_on(event, day)) <= LIGHT_DAY
        if light and current and all(len(sessions_on(event, d)) <= LIGHT_DAY for d in current):
            current.append(day)
            continue
        if current:
            runs_of.append(current)
        current = [day]
    if current:
        runs_of.append(current)
    runs_of = _lone_light_days_joined(runs_of, lambda d: len(sessions_on(event, d)) <= LIGHT_DAY)
    groups = []
    for i, group in enumerate(runs_of):
        first, last = group[0], group[-1]
        label = (
            [date_run(lang, i18n.date_day(first, lang), k > 0) for k, lang in enumerate(langs)]
            if len(group) == 1
            else [date_run(lang, i18n.day_range(first, last, lang), k > 0) for k, lang in enumerate(langs)]
        )
        groups.append(
            DayGroup(
                anchor=f"day-{first.isoformat()}" if len(group) == 1 else f"days-{first.isoformat()}",
                label=label,
                running=[
                    run(
                        lang,
                        i18n.date_short(first, lang) if len(group) == 1 else i18n.day_range(first, last, lang),
                        k > 0,
                    )
                    for k, lang in enumerate(langs)
                ],
                tab=i,
                tab_label=[run(langs[0], i18n.tab_label(first, langs[0]))],
                days=[
                    DayView(
                        anchor=f"day-{d.isoformat()}",
                        label=[date_run(lang, i18n.date_day(d, lang), k > 0) for k, lang in enumerate(langs)],
                        running=[date_run(lang, i18n.date_short(d, lang), k > 0) for k, lang in enumerate(langs)],
                        sessions=[session_view(event, x, langs, venue=False) for x in sessions_on(event, d)],
                    )
                    for d in group
                ],
                dates=tuple(group),
                venue=runs(event.venue, langs)
                if any(not x.room or x.room not in event.rooms for d in group for x in sessions_on(event, d))
                else [],
            )
        )
    return groups
