"""The programme book's view model, for one edition (ko, en or ko+en)."""
from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from pathlib import Path

from .. import i18n
from ..model import Event
from .common import (EDITIONS, label_runs, running_on, run, runs, session_days,
                     session_view, sessions_on, sort_key)

# Geometry of the glance grid, shared with the stylesheet through inline
# custom properties: the view decides what fits, the CSS draws it.
GLANCE_HEIGHT_MM = 150.0  # at most; less when strips above the grid need room
MM_PER_HOUR_MAX = 16.0
GLANCE_WIDTH_MM = 101.0   # text block minus the time axis
LANES_PER_PAGE = 5  # at most; a wider day is split evenly over pages
CELL_PAD_MM = 1.2
PT_MM = 0.3528
CELL_PT = 7.0
CELL_LEADING = 1.2


@dataclass
class GlanceCell:
    anchor: str
    top: float     # % of the grid height
    height: float  # %
    left: float    # % of the grid width
    width: float   # %
    time: str
    category_id: str
    lines: list = field(default_factory=list)  # runs that fit
    show_time: bool = True


@dataclass
class GlancePage:
    day_label: list
    part: str          # "1/2" when a day needs more than one page
    hours: list        # [{label, top}]
    cells: list
    ongoing: list
    height_mm: float = GLANCE_HEIGHT_MM


def _text_width_mm(text: str, pt: float) -> float:
    em = pt * PT_MM
    return sum(em * (1.0 if ord(c) > 0x2E80 else 0.52) for c in text)


def _lines_needed(text: str, width_mm: float, pt: float) -> int:
    words, lines, current = text.split(), 1, 0.0
    space = pt * PT_MM * 0.3
    for word in words:
        w = _text_width_mm(word, pt)
        if current and current + space + w > width_mm:
            lines += 1
            current = w
        else:
            current = current + space + w if current else w
        while current > width_mm:   # a word wider than the cell breaks
            lines += 1
            current -= width_mm
    return lines


def _lanes(sessions):
    """Greedy interval partitioning: each session gets the first free lane."""
    ends, placed = [], []
    for s in sessions:
        for i, end in enumerate(ends):
            if end <= s.start:
                ends[i] = s.end
                placed.append((s, i))
                break
        else:
            ends.append(s.end)
            placed.append((s, len(ends) - 1))
    return placed, len(ends)


def before_forum(event: Event, langs) -> list[dict]:
    """Sessions before the forum's period, listed on the glance key page."""
    return [{"anchor": f"s-{s.id}", "title": runs(s.short, langs), "time": i18n.time_range(s.start, s.end),
             "date": [run(lang, i18n.date_short(s.date, lang), i > 0) for i, lang in enumerate(langs)],
             "category_id": s.category}
            for s in sorted(event.sessions, key=sort_key) if s.date < event.period[0]]


def glance_pages(event: Event, langs) -> list[GlancePage]:
    days = [d for d in session_days(event) if event.period[0] <= d <= event.period[1]]
    pages = []
    for day in days:
        timed = [s for s in sessions_on(event, day) if s.start is not None and not s.spans_days]
        if not timed:
            continue
        placed, lanes = _lanes(timed)
        t0 = min(s.start for s in timed) // 60 * 60
        t1 = math.ceil(max(s.end for s in timed) / 60) * 60
        span = t1 - t0
        hours = [{"label": i18n.hm(t), "top": (t - t0) / span * 100} for t in range(t0, t1 + 1, 60)]
        groups = math.ceil(lanes / LANES_PER_PAGE)
        per_page = math.ceil(lanes / groups)
        ongoing = [{"anchor": f"s-{s.id}", "title": runs(s.short, langs),
                    "dates": [run(lang, i18n.day_range(s.date, s.last_date, lang), i > 0) for i, lang in enumerate(langs)],
                    "category_id": s.category} for s in running_on(event, day)]
        strip_lines = len(ongoing) * 2
        height = min(GLANCE_HEIGHT_MM - 3.6 * strip_lines - (4 if strip_lines else 0), span / 60 * MM_PER_HOUR_MAX)
        for g in range(groups):
            lane_count = min(per_page, lanes - g * per_page)
            width = GLANCE_WIDTH_MM / lane_count - 2 * CELL_PAD_MM
            cells = []
            for s, lane in placed:
                if lane // per_page != g:
                    continue
                height_mm = (s.end - s.start) / span * height - 2 * CELL_PAD_MM * 0.5
                cell = GlanceCell(anchor=f"s-{s.id}",
                                  top=(s.start - t0) / span * 100, height=(s.end - s.start) / span * 100,
                                  left=lane % per_page * 100 / lane_count, width=100 / lane_count,
                                  time=i18n.time_range(s.start, s.end), category_id=s.category)
                cell.lines, cell.show_time = _fit(runs(s.short, langs, max_len=8), width, height_mm)
                cells.append(cell)
            pages.append(GlancePage(
                day_label=[run(lang, i18n.date_day(day, lang), i > 0) for i, lang in enumerate(langs)],
                part=f"{g + 1}/{groups}" if groups > 1 else "", hours=hours, height_mm=height,
                cells=cells, ongoing=ongoing,
            ))
    return pages


def _fit(lines, width_mm, height_mm):
    """Drop the least important lines until the cell's text fits its height."""
    line_mm = CELL_PT * PT_MM * CELL_LEADING

    def needed(items, with_time):
        return sum(_lines_needed(r.text, width_mm, CELL_PT) for r in items) + (1 if with_time else 0)

    for items, with_time in ((lines, True), (lines, False), (lines[:1], True), (lines[:1], False)):
        if needed(items, with_time) * line_mm <= height_mm:
            return items, with_time
    return lines[:1], False


def data_uri(path: Path) -> str:
    kind = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}.get(path.suffix.lower(), "image/png")
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode()


@dataclass
class DayView:
    anchor: str
    label: list
    running: str
    sessions: list


@dataclass
class BookView:
    edition: str
    lang: str          # the document language (html lang)
    langs: tuple
    labels: dict       # key -> runs in the edition's languages
    meta: dict
    cover: dict
    toc: list
    overview: list
    concept: list
    glance: list
    before: list
    days: list
    people: list
    categories: list
    page_size: str
    notes_pages: int = 0      # blank "Notes" pages before the back cover (press edition)
    back_cover: bool = False
    front_cover: bool = True  # perfect binding prints the cover separately
    spine_mm: float = 0.0
    # Which pages the template writes (see book/render.py, write_book_pdf):
    # "all" (one document, numbers by target-counter: the --html copy), or
    # one part of the PDF: "front" (cover, contents), "body" or "tail"
    # (index, notes, back cover).
    part: str = "all"
    first_page: int = 1       # the folio of the part's first page
    page_of: dict | None = None  # anchor -> page number, once the parts are laid out

    @property
    def has_tail(self) -> bool:
        return bool(self.people or self.notes_pages or self.back_cover)


def book_view(event: Event, edition: str, build_date: str) -> BookView:
    langs = EDITIONS[edition]
    lab = {key: label_runs(key, langs) for key in i18n.labels("en")}
    primary = langs[0]

    days = []
    for day in session_days(event):
        sessions = [session_view(event, s, langs) for s in sessions_on(event, day)]
        days.append(DayView(
            anchor=f"day-{day.isoformat()}",
            label=[run(lang, i18n.date_day(day, lang), i > 0) for i, lang in enumerate(langs)],
            running=" · ".join(i18n.date_short(day, lang) for lang in langs),
            sessions=sessions,
        ))

    concept = []
    for sec in event.concept:
        per_lang = []
        for i, lang in enumerate(langs):
            blocks = sec.blocks.get(lang) or ()
            per_lang.append({"lang": lang, "secondary": i > 0, "blocks": [
                {"paragraph": run(lang, b.text, i > 0) if b.text else None,
                 "entries": [run(lang, item, i > 0) for item in b.items]} for b in blocks]})
        concept.append({"anchor": f"concept-{sec.id}", "heading": runs(sec.heading, langs), "langs": per_lang})

    def filed_as(person):  # the family name first: "Shams Asadi" is filed under A
        return (person.sort_as or person.name.get(primary) or "").casefold()

    people = []
    for pid, person in sorted(event.people.items(), key=lambda kv: filed_as(kv[1])):
        refs = [{"anchor": f"s-{s.id}", "title": runs(s.short, langs[:1])}
                for s in sorted(event.sessions, key=sort_key) if any(pid in ids for ids in s.people.values())]
        if refs:
            people.append({"id": pid, "name": runs(person.name, langs[:1]),
                           "affiliation": runs(person.affiliation, langs[:1]), "refs": refs})

    overview = [
        {"label": lab["period"], "value": [run(lang, i18n.date_range(*event.period, lang), i > 0) for i, lang in enumerate(langs)]},
        {"label": lab["venue"], "value": runs(event.venue, langs) + runs(event.city, langs)},
        {"label": lab["theme"], "value": runs(event.theme, langs)},
        {"label": lab["hosts"], "list": [runs(h, langs) for h in event.hosts]},
        {"label": lab["organisers"], "list": [runs(o, langs) for o in event.organisers]},
    ]
    overview = [{"value": [], "list": [], **row} for row in overview if row.get("value") or row.get("list")]

    toc = [{"anchor": "overview", "label": lab["overview"], "level": 1}]
    if concept:
        toc.append({"anchor": "concept", "label": lab["concept"], "level": 1})
    toc.append({"anchor": "glance", "label": lab["glance"], "level": 1})
    toc.append({"anchor": "programme", "label": lab["programme"], "level": 1})
    toc += [{"anchor": d.anchor, "label": d.label, "level": 2} for d in days]
    if people:
        toc.append({"anchor": "index", "label": lab["index"], "level": 1})

    name = event.name
    title = " / ".join(filter(None, (name.get(lang) for lang in langs)))
    book_title = " / ".join(filter(None, (event.book_title.get(lang) for lang in langs)))
    edition_label = [run(lang, i18n.labels(lang)["edition"].format(n=event.edition), i > 0)
                     for i, lang in enumerate(langs)] if event.edition else []
    return BookView(
        edition=edition, lang=primary, langs=langs, labels=lab,
        meta={
            "title": f"{title} — {book_title}",
            "author": " / ".join(filter(None, (event.organisers[0].get(lang) for lang in langs))) if event.organisers else title,
            "subject": " / ".join(filter(None, (event.theme.get(lang) for lang in langs))),
            "keywords": ", ".join(filter(None, [event.short_name.get(lang) for lang in langs] + ["programme book"])),
            "date": build_date,
        },
        cover={
            "name": runs(event.name, langs), "edition": edition_label, "book_title": runs(event.book_title, langs),
            "theme": runs(event.theme, langs),
            "dates": [run(lang, i18n.date_range(*event.period, lang), i > 0) for i, lang in enumerate(langs)],
            "place": runs(event.venue, langs) + runs(event.city, langs),
            "short_name": runs(event.short_name, langs[:1]),
            "hosts": [runs(h, langs) for h in event.hosts],
            # A data: URI, so the PDF does not depend on where the event folder lives.
            "logo": {"src": data_uri(Path(event.logo[0])), "width": event.logo[1],
                     "alt": event.name.get(primary)} if event.logo else None,
        },
        toc=toc, overview=overview, concept=concept, glance=glance_pages(event, langs),
        before=before_forum(event, langs), days=days,
        people=people,
        categories=[{"id": c.id, "label": runs(c.label, langs)} for c in event.categories.values()],
        page_size=event.page_size,
    )
