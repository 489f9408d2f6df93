"""The organiser's pages of the book: greetings, free pages, speakers, sponsors and staff.

Each becomes a chapter with its place in the book (greetings open it; free
pages stand where their ``place`` says). Images are printed from ``image``,
a function the output kind gives (a data: URI on screen, separated to CMYK
for the press), and every image is listed with the box it prints in, for
the 300 ppi check (book/outputs/book.py). Sponsor tiers are laid out by rank:
the first tier two logos a row, each tier after one more, in one fixed box
per tier (smaller for each lower tier), every row centred. Within its box a
logo is sized to the same area as the tier's other logos (``logo_fit``: a
long wordmark and a square emblem look the same weight), as far as the box
allows, and centred.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from ..source.model import PLACES, Event, Person
from .common import _anchor, person_anchor, run, runs, session_anchor, sort_key
from .people import filing_key
from .prose import markdown_html

LOGO_GAP_MM = 4.0
LOGO_ASPECT = 0.45  # a logo box is a little under half as high as it is wide
LOGO_FILL = 0.45  # the share of its box a logo's area takes, as far as the box allows
MAX_PER_ROW = 6


@dataclass(frozen=True)
class ExtrasGeometry:
    """The printed sizes the pages need: the text block's width and the tokens' image widths."""

    text_mm: float = 110.0
    portrait_mm: float = 30.0
    photo_mm: float = 22.0
    signature_mm: float = 30.0


@dataclass(frozen=True)
class ImageUse:
    """An image as the book prints it: its file, the box it is fitted into (mm), and what it is."""

    path: str
    width_mm: float
    height_mm: float | None
    what: str


@dataclass
class Extras:
    greetings: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)  # place -> free pages
    speakers: list = field(default_factory=list)
    sponsors: list = field(default_factory=list)
    staff: list = field(default_factory=list)
    images: list = field(default_factory=list)  # ImageUse


def _texts(body: dict[str, str], langs, images: dict[str, str] | None = None) -> list[dict]:
    """Markdown per edition language (the other language when the edition's is missing), each once."""
    out = []
    for lang in langs:
        value = body.get(lang)
        real = lang
        if not value:
            real = next((other for other in body if other not in [b["lang"] for b in out]), None)
            value = body.get(real) if real else None
        if value and real not in [b["lang"] for b in out]:
            out.append({"lang": real, "secondary": bool(out), "html": markdown_html(value, images or {})})
    return out


def tier_cells(rank: int, text_mm: float) -> tuple[int, float, float]:
    """(logos a row, cell width, cell height) of the tier of this rank (0: the highest): the row's
    columns share the text block and one gap more, each with half a gap on either side
    (templates/css/extras.css, .logos)."""
    per_row = min(MAX_PER_ROW, rank + 2)
    width = (text_mm + LOGO_GAP_MM) / per_row - LOGO_GAP_MM
    return per_row, width, width * LOGO_ASPECT


def logo_fit(aspect: float | None, width: float, height: float) -> tuple[float, float]:
    """(width, height) mm of a logo of ``aspect`` (width ÷ height; None:
    unknown, so it fills the box) in a box of ``width`` × ``height``: every
    logo takes the same area, ``LOGO_FILL`` of the box, unless the box is too
    narrow or too low for that, when it touches the box's sides."""
    if not aspect or aspect <= 0:
        return width, height
    area = LOGO_FILL * width * height
    w = math.sqrt(area * aspect)
    scale = min(1.0, width / w, height / (w / aspect))
    return round(w * scale, 2), round(w / aspect * scale, 2)


def sign_off(gr, langs) -> list:
    """A greeting's closing line in each language of the edition: "대전광역시장 한미래",
    "HAN Mirae, Mayor of Daejeon Metropolitan City"."""
    out = []
    for lang in langs:
        name, office = gr.name.get(lang), gr.office.get(lang, fallback=False)
        line = " ".join(filter(None, (office, name))) if lang == "ko" else ", ".join(filter(None, (name, office)))
        if line and line not in [r.text for r in out]:
            out.append(run(lang, line, secondary=bool(out)))
    return out


def build_extras(
    event: Event,
    langs,
    g: ExtrasGeometry,
    image: Callable[[str, str], str],
    aspect: Callable[[str], float | None] | None = None,
) -> Extras:
    """The organiser's pages of one edition; ``image(path, role)`` gives the src of a file
    (``role``: portrait, photo, signature, logo, page), ``aspect(path)`` a logo's width ÷ height."""
    x = Extras()

    def use(path, width, height, what, role):
        x.images.append(ImageUse(path, width, height, what))
        return image(path, role)

    for i, gr in enumerate(event.greetings):
        x.greetings.append(
            {
                "anchor": f"greeting-{i + 1}",
                "name": runs(gr.name, langs[:1]),
                "office": runs(gr.office, langs),
                "portrait": use(gr.portrait, g.portrait_mm, None, "portrait", "portrait") if gr.portrait else None,
                "signature": use(gr.signature, g.signature_mm, None, "signature", "signature")
                if gr.signature
                else None,
                "texts": _texts(gr.body, langs),
                "sign_off": sign_off(gr, langs),
            }
        )

    for page in event.pages:
        srcs = {
            name: use(path, g.text_mm, None, f"image in pages/{page.id}.md", "page")
            for name, path in page.images.items()
        }
        x.pages.setdefault(page.place, []).append(
            {
                "anchor": _anchor("page", page.id),
                "title": runs(page.title, langs),
                "texts": _texts(page.body, langs, srcs),
            }
        )

    for pid, person in sorted(event.people.items(), key=lambda kv: filing_key(kv[1], langs[0])):
        if not person.bio:
            continue
        refs = [
            {"anchor": session_anchor(s.id), "title": runs(s.short, langs[:1])}
            for s in sorted(event.sessions, key=lambda s: sort_key(s, event))
            if any(pid in ids for ids in s.people.values())
        ]
        x.speakers.append(
            {
                "anchor": _anchor("speaker", pid),
                "index_anchor": person_anchor(pid),
                "name": runs(person.name, langs[:1]),
                "affiliation": runs(person.affiliation, langs[:1]),
                "photo": use(person.photo, g.photo_mm, None, f"photo of `{pid}`", "photo") if person.photo else None,
                "bio": _texts({k: v for k, v in (("ko", person.bio.ko), ("en", person.bio.en)) if v}, langs),
                "refs": refs,
            }
        )

    for rank, tier in enumerate(event.sponsors):
        per_row, width, height = tier_cells(rank, g.text_mm)
        sponsors = []
        for sp in tier.sponsors:
            name = sp.name.get(langs[0]) or ""
            w, h = logo_fit(aspect(sp.logo) if aspect and sp.logo else None, width, height)
            sponsors.append(
                {
                    "name": runs(sp.name, langs[:1]),
                    "url": sp.url,
                    "description": runs(sp.description, langs),
                    "logo": use(sp.logo, w, h, f"logo of {name}", "logo") if sp.logo else None,
                    "logo_w": w,
                    "logo_h": h,
                    "logo_top": round((height - h) / 2, 2),  # centred in the box: its padding above the logo
                    "alt": name,
                }
            )
        x.sponsors.append(
            {
                "anchor": _anchor("tier", tier.id),
                "label": runs(tier.label, langs),
                "rank": rank,
                "per_row": per_row,
                "cell_w": width,
                "cell_h": height,
                "column": 100 / per_row,
                "rows": [sponsors[i : i + per_row] for i in range(0, len(sponsors), per_row)],
                "described": per_row <= 3,
            }
        )  # descriptions under the logos of the top tiers

    for group in event.staff:
        names = sorted(group.names, key=lambda n: filing_key(Person("", n), langs[0]))
        x.staff.append({"label": runs(group.label, langs), "names": [runs(n, langs[:1]) for n in names]})
    return x


def toc_entries(x: Extras, place: str, labels: dict) -> list[dict]:
    """The contents lines of what stands at ``place``: the chapters the book prints there."""
    assert place in PLACES
    out = []
    if place == "opening" and x.greetings:
        out.append({"anchor": "greetings", "label": labels["greetings"], "level": 1})
    out += [{"anchor": p["anchor"], "label": p["title"], "level": 1} for p in x.pages.get(place, [])]
    if place == "after-programme":
        for anchor, items, key in (
            ("speakers", x.speakers, "speakers"),
            ("sponsors", x.sponsors, "sponsors"),
            ("staff", x.staff, "staff"),
        ):
            if items:
                out.append({"anchor": anchor, "label": labels[key], "level": 1})
    return out
