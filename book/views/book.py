"""The programme book's view model, for one edition (ko, en or ko+en)."""
from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from ..source.model import EDITIONS, Event, Text
from . import i18n
from .common import DocumentView, label_runs, run, runs, session_days, session_view, sessions_on
from .glance import GlanceGeometry, before_period, glance_pages
from .people import index_entries


def data_uri(path: Path) -> str:
    kind = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}.get(path.suffix.lower(), "image/png")
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode()


@dataclass(frozen=True)
class DayView:
    anchor: str
    label: list
    running: str
    sessions: list


@dataclass(frozen=True)
class BookView(DocumentView):
    edition: str
    meta: dict         # PDF metadata: author, subject, keywords
    cover: dict
    toc: list
    overview: list
    concept: list
    glance: list
    before: list
    days: list
    people: list
    categories: list
    notes_pages: int = 0      # blank "Notes" pages before the back cover (press edition)
    back_cover: bool = False
    front_cover: bool = True  # perfect binding prints the cover separately

    @property
    def has_tail(self) -> bool:
        return bool(self.people or self.notes_pages or self.back_cover)


def book_view(event: Event, edition: str, title: Text, geometry: GlanceGeometry, *, notes_pages: int = 0,
              back_cover: bool = False, front_cover: bool = True, logo_src: str | None = None) -> BookView:
    """The book of one edition. ``title`` is the book's own title
    ("Programme Book"); the press edition asks for notes pages, a back cover
    and its CMYK logo (``logo_src``), perfect binding for no front cover."""
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

    people = index_entries(event, langs)
    before = before_period(event, langs)

    overview = [
        {"label": lab["period"], "value": [run(lang, i18n.date_range(*event.period, lang), i > 0) for i, lang in enumerate(langs)]},
        {"label": lab["venue"], "value": runs(event.venue, langs) + runs(event.city, langs)},
        {"label": lab["theme"], "value": runs(event.theme, langs)},
        {"label": lab["hosts"], "list": [runs(h, langs) for h in event.hosts]},
        {"label": lab["organisers"], "list": [runs(o, langs) for o in event.organisers]},
    ]
    # Only the rows that have something to say; the category legend shares the page.
    overview = [{"value": [], "list": [], **row} for row in overview if row.get("value") or row.get("list")]

    toc = [{"anchor": "overview", "label": lab["overview"], "level": 1}]
    if concept:
        toc.append({"anchor": "concept", "label": lab["concept"], "level": 1})
    toc.append({"anchor": "glance", "label": lab["glance"], "level": 1})
    toc.append({"anchor": "programme", "label": lab["programme"], "level": 1})
    toc += [{"anchor": d.anchor, "label": d.label, "level": 2} for d in days]
    if people:
        toc.append({"anchor": "index", "label": lab["index"], "level": 1})

    name = " / ".join(filter(None, (event.name.get(lang) for lang in langs)))
    book_title = " / ".join(filter(None, (title.get(lang) for lang in langs)))
    short_name = event.short_name or event.name
    return BookView(
        edition=edition, lang=primary, labels=lab, title=f"{name} — {book_title}",
        meta={
            "author": " / ".join(filter(None, (event.organisers[0].get(lang) for lang in langs))) if event.organisers else name,
            "subject": " / ".join(filter(None, (event.theme.get(lang) for lang in langs))),
            "keywords": ", ".join(filter(None, [short_name.get(lang) for lang in langs] + ["programme book"])),
        },
        cover={
            "name": runs(event.name, langs), "book_title": runs(title, langs),
            "theme": runs(event.theme, langs),
            "dates": [run(lang, i18n.date_range(*event.period, lang), i > 0) for i, lang in enumerate(langs)],
            "place": runs(event.venue, langs) + runs(event.city, langs),
            # The kicker above the name: the short name, and only when it is not the name itself.
            "kicker": runs(event.short_name, langs[:1]) if event.short_name and event.short_name != event.name else [],
            "spine": runs(short_name, langs[:1]),
            "hosts": [runs(h, langs) for h in event.hosts],
            # A data: URI, so the PDF does not depend on where the event folder lives.
            "logo": {"src": logo_src or data_uri(Path(event.logo[0])), "width": event.logo[1],
                     "alt": event.name.get(primary)} if event.logo else None,
        },
        toc=toc, overview=overview, concept=concept, glance=glance_pages(event, langs, geometry),
        before=before, days=days, people=people,
        categories=[{"id": c.id, "label": runs(c.label, langs)} for c in event.categories.values()],
        notes_pages=notes_pages, back_cover=back_cover, front_cover=front_cover,
    )
