"""The programme book's view model, for one edition (ko, en or ko+en)."""

from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from ..source.files import image_bytes
from ..source.model import EDITIONS, Event, Text
from . import i18n
from .balance import balanced
from .common import DocumentView, date_run, label_runs, run, runs
from .days import day_groups
from .extras import Extras, ExtrasGeometry, ImageUse, build_extras, toc_entries
from .glance import before_period, glance_pages
from .glance_parts import GlanceGeometry
from .people import index_entries, index_groups

COVER_IMAGE_MM = 42.0  # the most a cover image stands high (templates/css/book.css, .cover-visual)
HOST_LOGO_MM = (40.0, 12.0)  # a host's logo on the back cover, at most (.host-logo)


def data_uri(path: Path, roots) -> str:
    """The image at ``path`` (inside ``roots``, read through the sandbox) as a data: URI."""
    kind = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}.get(
        Path(path).suffix.lower(), "image/png"
    )
    return f"data:{kind};base64," + base64.b64encode(image_bytes(path, roots)).decode()


@dataclass(frozen=True)
class BookView(DocumentView):
    edition: str
    meta: dict  # PDF metadata: author, subject, keywords
    cover: dict
    toc: list
    overview: list
    concept: list
    glance: list
    before: list
    days: list
    people: list
    categories: list
    notes_pages: int = 0  # blank "Notes" pages before the back cover (press edition)
    back_cover: bool = False
    front_cover: bool = True  # perfect binding prints the cover separately
    extras: Extras = field(
        default_factory=Extras
    )  # greetings, free pages, speakers, sponsors, staff (book/views/extras.py)

    @property
    def index(self) -> list[dict]:
        """The index's people under their heads (ㄱ ㄴ ㄷ …, A B C …)."""
        return index_groups(self.people)

    @property
    def has_tail(self) -> bool:
        x = self.extras
        return bool(
            self.people
            or self.notes_pages
            or self.back_cover
            or x.speakers
            or x.sponsors
            or x.staff
            or x.pages.get("after-programme")
            or x.pages.get("closing")
        )


def place_runs(event: Event, langs) -> list:
    """The venue and the city, in each language: 김대중컨벤션센터, 광주 / Kimdaejung Convention Center, Gwangju."""
    out = []
    for _i, lang in enumerate(langs):
        parts = [t.get(lang) for t in (event.venue, event.city) if t and t.get(lang)]
        text = ", ".join(dict.fromkeys(parts))
        if text and text not in [r.text for r in out]:
            out.append(run(lang, text, bool(out)))
    return out


def listed(texts, langs) -> list:
    """Names in a row, one paragraph per language: 광주광역시, 국가인권위원회 / Gwangju Metropolitan City, …"""
    out = []
    for lang in langs:
        names = [t.get(lang) for t in texts if t.get(lang)]
        text = ", ".join(names)
        if text and text not in [r.text for r in out]:
            out.append(run(lang, text, bool(out)))
    return out


def says_more(short: Text | None, name: Text, lang: str) -> bool:
    """Whether a short name adds to the name (a kicker that repeats the title is dropped)."""
    if not short or short == name:
        return False
    core = "".join(ch for ch in (short.get(lang) or "") if not ch.isdigit() and not ch.isspace())
    return bool(core) and core not in "".join((name.get(lang) or "").split())


def book_view(
    event: Event,
    edition: str,
    title: Text,
    geometry: GlanceGeometry,
    *,
    notes_pages: int = 0,
    back_cover: bool = False,
    front_cover: bool = True,
    logo_src: str | None = None,
    cover_em: dict | None = None,
    extras: ExtrasGeometry = ExtrasGeometry(),
    image=None,
    aspect=None,
) -> BookView:
    """The book of one edition. ``title`` is the book's own title
    ("Programme Book"); the press edition asks for notes pages, a back cover
    and its CMYK logo (``logo_src``), perfect binding for no front cover.
    ``cover_em``: the cover's measure in em of its display sizes (by token), to balance its lines.
    ``extras``: the printed sizes of the organiser's pages; ``image(path, role)`` the src of an image
    (by default the file as a data: URI), ``aspect(path)`` a logo's width ÷ height (by default unknown:
    each logo fills its tier's box)."""
    em = {
        "--size-cover": 13.0,
        "--size-title": 17.0,
        "--size-cover-theme": 21.0,
        "--size-sub": 26.0,
        **(cover_em or {}),
    }
    langs = EDITIONS[edition]
    lab = {key: label_runs(key, langs) for key in i18n.labels("en")}
    primary = langs[0]

    days = day_groups(event, langs)

    # The concept note in each language in turn, each with its own heads: the
    # Korean sections, then the English ones under their own title (in the edition's order).
    concept = []
    for i, lang in enumerate(langs if event.concept else ()):
        concept.append(
            {
                "lang": lang,
                "secondary": i > 0,
                "title": label_runs("concept", (lang,)),
                "sections": [
                    {
                        "anchor": f"concept-{sec.id}" + (f"-{lang}" if i else ""),
                        "heading": runs(sec.heading, (lang,)),
                        "blocks": [
                            {
                                "paragraph": run(lang, b.text) if b.text else None,
                                "entries": [run(lang, item) for item in b.items],
                            }
                            for b in sec.blocks.get(lang) or ()
                        ],
                    }
                    for sec in event.concept
                ],
            }
        )

    people = index_entries(event, langs)
    before = before_period(event, langs)

    overview = [
        {
            "label": lab["period"],
            "value": [date_run(lang, i18n.date_range(*event.period, lang), i > 0) for i, lang in enumerate(langs)],
        },
        {"label": lab["venue"], "value": place_runs(event, langs)},
        {"label": lab["theme"], "value": runs(event.theme, langs)},
        {"label": lab["hosts"], "value": listed(event.hosts, langs)},
        {"label": lab["organisers"], "value": listed(event.organisers, langs)},
        {
            "label": lab["times"],
            "value": [
                run(lang, i18n.zones_note(event.period[0], event.timezone, event.also_show_timezone, lang), i > 0)
                for i, lang in enumerate(langs)
            ]
            if event.also_show_timezone
            else [],
        },
    ]
    # Only the rows that have something to say; the category legend shares the page.
    overview = [{"value": [], "list": [], **row} for row in overview if row.get("value") or row.get("list")]

    picture = image or (lambda path, role: data_uri(Path(path), [event.folder]))
    x = build_extras(event, langs, extras, picture, aspect)
    if event.cover_image:  # checked at 300 ppi where it prints: the cover's width, at most COVER_IMAGE_MM high
        x.images.append(ImageUse(event.cover_image, extras.text_mm, COVER_IMAGE_MM, "the cover image"))
    for logo in filter(None, event.host_logos):  # the back cover's
        x.images.append(ImageUse(logo, HOST_LOGO_MM[0], HOST_LOGO_MM[1], "a host's logo"))
    toc = toc_entries(x, "opening", lab) + [{"anchor": "overview", "label": lab["overview"], "level": 1}]
    if concept:
        toc.append({"anchor": "concept", "label": lab["concept"], "level": 1})
    toc += toc_entries(x, "before-programme", lab)
    toc.append({"anchor": "glance", "label": lab["glance"], "level": 1})
    toc.append({"anchor": "programme", "label": lab["programme"], "level": 1})
    toc += [{"anchor": d.anchor, "label": d.label, "level": 2} for d in days]
    toc += toc_entries(x, "after-programme", lab)
    if people:
        toc.append({"anchor": "index", "label": lab["index"], "level": 1})
    toc += toc_entries(x, "closing", lab)

    name = " / ".join(filter(None, (event.name.get(lang) for lang in langs)))
    book_title = " / ".join(filter(None, (title.get(lang) for lang in langs)))
    short_name = event.short_name or event.name
    return BookView(
        edition=edition,
        lang=primary,
        labels=lab,
        title=f"{name} — {book_title}",
        meta={
            "author": " / ".join(filter(None, (event.organisers[0].get(lang) for lang in langs)))
            if event.organisers
            else name,
            "subject": " / ".join(filter(None, (event.theme.get(lang) for lang in langs))),
            "keywords": ", ".join(filter(None, [short_name.get(lang) for lang in langs] + ["programme book"])),
        },
        cover={
            "name": [
                balanced(r, em["--size-title" if r.secondary else "--size-cover"]) for r in runs(event.name, langs)
            ],
            "book_title": runs(title, langs),
            "theme": [
                balanced(r, em["--size-sub" if r.secondary else "--size-cover-theme"]) for r in runs(event.theme, langs)
            ],
            "dates": [date_run(lang, i18n.date_range(*event.period, lang), i > 0) for i, lang in enumerate(langs)],
            "place": place_runs(event, langs),
            # The kicker above the name: the short name, and only when the name does not already say it.
            "kicker": runs(event.short_name, langs[:1]) if says_more(event.short_name, event.name, primary) else [],
            "spine": runs(short_name, langs[:1]),
            # The back cover's hosts, each with its logo when event.yaml gives one.
            "hosts": [
                {"name": runs(h, langs), "logo": picture(logo, "logo") if logo else None}
                for h, logo in itertools.zip_longest(event.hosts, event.host_logos[: len(event.hosts)])
            ],
            "visual": picture(event.cover_image, "cover") if event.cover_image else None,
            # A data: URI, so the PDF does not depend on where the event folder lives.
            "logo": {
                "src": logo_src or data_uri(Path(event.logo[0]), [event.folder]),
                "width": event.logo[1],
                "alt": event.name.get(primary),
            }
            if event.logo
            else None,
        },
        toc=toc,
        overview=overview,
        concept=concept,
        glance=glance_pages(event, langs, geometry, {d: g.tab for g in days for d in g.dates}),
        before=before,
        days=days,
        people=people,
        categories=[
            {"id": c.id, "label": runs(c.label, langs), "tag": runs(c.tag, langs[:1])}
            for c in event.categories.values()
        ],
        notes_pages=notes_pages,
        back_cover=back_cover,
        front_cover=front_cover,
        extras=x,
    )
