"""The press edition: PDF/X with bleed, crop marks, CMYK and a bindable page count.

For each press edition (bilingual by default) one book file in ``press/``:
PDF/X-4 (or X-1a) with the event's ICC profile as OutputIntent (Ghostscript's
``default_cmyk.icc`` when the event names none), every colour in CMYK, the
page count padded to a multiple of 4 (saddle stitch) with Notes pages before
the back cover. Perfect binding adds a separate cover with a spine computed
from the page count and paper thickness; ``proof: A4`` adds a 2-up booklet
for office printing, ``proof: spreads`` the pages as reader spreads (2|3,
4|5 …) for review on screen. The press PDF is preflighted and the report kept beside it.

Settings (event.yaml): ``press: {editions, variant, icc, bleed_mm, marks, binding, paper_mm, proof}``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import BuildError
from ..source.model import BILINGUAL, edition_tag, editions_for, paper_mm
from ..source.settings import Block, Choice, Editions, Flag, IccProfile, Number
from ..typeset import images
from ..typeset.css import category_css, page_css, root_tokens, stylesheet_text, token_css
from ..views.book import book_view
from .base import BookParts, Finished, Job, Layout, OutputKind, Plan
from .book import STYLESHEETS, cover_em, extras_geometry, glance_geometry, tabs_css

BOOK_STYLESHEETS = (*STYLESHEETS, "css/press.css")
COVER_STYLESHEETS = ("css/tokens.css", "css/base.css", "css/press.css", "css/press_cover.css")


def press_css(event, icc: str) -> str:
    """The page, the categories in CMYK, the profile as OutputIntent, and the bleed."""
    bleed = event.settings["press"]["bleed_mm"]
    profile = (
        f"@color-profile device-cmyk {{ src: url('{Path(icc).resolve().as_uri()}'); "
        "components: cyan, magenta, yellow, black; }"
    )
    return (
        page_css(event.settings["book"]["page_size"], category_css(event.categories.values(), cmyk=True))
        + f"\n{profile}\n@page {{ bleed: {bleed}mm; }}"
    )


SPINE_TEXT_MM = 6  # the thinnest spine that carries its title


class PressBookKind(OutputKind):
    name = "press-book"
    order = 20
    help = "the press edition (PDF/X, CMYK, bleed and marks), its perfect-binding cover and proof"
    settings = Block(
        "press",
        (
            Editions("editions", (BILINGUAL,)),
            Choice("variant", "pdf/x-4", ("pdf/x-4", "pdf/x-1a")),
            IccProfile("icc", None),
            Number("bleed_mm", 3.0, 0, 10),
            Flag("marks", True, "write `marks: false` for no crop marks"),
            Choice("binding", "saddle-stitch", ("saddle-stitch", "perfect")),
            Number("paper_mm", 0.1, 0.03, 1),
            Choice("proof", None, ("A4", "A3", "spreads", "none")),
        ),
    )

    def plan(self, event, ctx):
        from ..press.separation import GS_CMYK, PressImages, cmyk_logo, separate_tokens

        p = event.settings["press"]
        page_size, title = event.settings["book"]["page_size"], event.settings["book"]["title"]
        icc = p["icc"] or GS_CMYK
        notes = (
            []
            if p["icc"]
            else [f"press: the event names no ICC profile (press.icc); the OutputIntent uses Ghostscript's {GS_CMYK}"]
        )
        colours = set(root_tokens(stylesheet_text("css/press.css", ctx.style_dirs)))
        theme, theme_notes = separate_tokens(ctx.theme, ctx.press_theme, icc, colours)
        head = press_css(event, icc) + "\n" + tabs_css(event, BOOK_STYLESHEETS, ctx, page_size, p["bleed_mm"])
        theme = token_css(theme)
        saddle = p["binding"] == "saddle-stitch"
        logo = cmyk_logo(event.logo[0], icc, ctx.cache / "images", [event.folder]) if event.logo else None
        geometry = glance_geometry(BOOK_STYLESHEETS, ctx, page_size)
        sizes, grey = extras_geometry(BOOK_STYLESHEETS, ctx, page_size)
        press_images = PressImages(ctx.cache / "images", icc, grey, event.folder)
        measure = cover_em(BOOK_STYLESHEETS, ctx, page_size)
        options = {"pdf_variant": p["variant"], "tagged": False}
        roots = (str(Path(icc).parent),)
        finish = {"bleed_mm": p["bleed_mm"], "marks": p["marks"]}
        jobs = []
        for edition in editions_for(event.languages, p["editions"]):
            view = book_view(
                event,
                edition,
                title,
                geometry,
                back_cover=saddle,
                front_cover=saddle,
                logo_src=logo,
                cover_em=measure,
                extras=sizes,
                image=press_images,
                aspect=images.aspect(event.folder),
                notes_pages=(4 if saddle else 2) - 1,
            )  # the most padding can need; the surplus is removed
            path = f"press/book-{edition_tag(edition)}.pdf"
            jobs.append(
                Job(
                    self.name,
                    path,
                    edition,
                    {
                        "variant": p["variant"],
                        "binding": p["binding"],
                        "bleed_mm": p["bleed_mm"],
                        "marks": p["marks"],
                        "icc": Path(icc).name,
                    },
                    Layout(
                        "book.html",
                        view,
                        BOOK_STYLESHEETS,
                        head_css=head,
                        theme_css=theme,
                        parts=BookParts(
                            has_tail=view.has_tail,
                            days=tuple(g.anchor for g in view.days),
                            page_multiple=4 if saddle else 2,
                            spare=view.notes_pages,
                            keep_last=1 if saddle else 0,
                        ),
                        pdf_options=options,
                        roots=roots,
                    ),
                    options={**finish, "multiple": 4 if saddle else 2},
                )
            )
            if not saddle:
                cover = book_view(event, edition, title, geometry, logo_src=logo, cover_em=measure, image=press_images)
                jobs.append(
                    Job(
                        self.name,
                        f"press/cover-{edition_tag(edition)}.pdf",
                        edition,
                        {"kind": "cover", "variant": p["variant"]},
                        Layout(
                            "press_cover.html",
                            cover,
                            COVER_STYLESHEETS,
                            head_css=head,
                            theme_css=theme,
                            pdf_options=options,
                            roots=roots,
                        ),
                        needs=(path,),
                        options={**finish, "multiple": 1, "panel": paper_mm(page_size), "paper_mm": p["paper_mm"]},
                    )
                )
            if p["proof"] and p["proof"] != "none":
                jobs.append(
                    Job(
                        self.name,
                        f"press/proof-{edition_tag(edition)}-{p['proof']}.pdf",
                        edition,
                        {
                            "kind": "proof",
                            "sheet": p["proof"],
                            "imposition": "reader spreads" if p["proof"] == "spreads" else "2-up saddle-stitch",
                        },
                        needs=(path,),
                    )
                )
        return Plan(jobs, notes + theme_notes + press_images.notes)

    def prepare(self, job, needs):
        """The perfect-binding cover: back, spine and front on one sheet, the
        spine as thick as the book's leaves."""
        if job.entry.get("kind") != "cover":
            return job
        width, height = job.options["panel"]
        spine = round(needs[job.needs[0]]["pages"] / 2 * job.options["paper_mm"], 2)
        head = job.layout.head_css + (
            f"\n@page {{ size: {2 * width + spine}mm {height}mm; }}"
            f"\n:root {{ --spine: {spine}mm; --panel: {width}mm; }}"
            # 10 pt bold reversed needs about 6 mm of spine; a thinner spine stays blank
            + ("" if spine >= SPINE_TEXT_MM else "\n.spine p { display: none; }")
        )
        return replace(job, layout=replace(job.layout, head_css=head), entry={**job.entry, "spine_mm": spine})

    def make(self, job, target, sources):
        from ..press.impose import booklet

        return booklet(sources[job.needs[0]], target, job.entry["sheet"])

    def finish(self, job, path):
        """Marks and boxes, then preflight: the report goes beside the PDF, and a fail stops the output."""
        if job.layout is None:  # the proof: made from the finished press book
            return Finished()
        from ..press.marks import finish_press
        from ..press.preflight import preflight, report

        o = job.options
        finish_press(path, o["bleed_mm"], o["marks"])
        checks = preflight(path, o["multiple"])
        text = report(Path(job.path), checks)
        if any(c.status == "fail" for c in checks):
            raise BuildError(f"the press edition {job.path} fails preflight:\n{text}")
        return Finished(
            entry={"preflight": text.splitlines()[0].rsplit(": ", 1)[1]},
            files={str(Path(job.path).with_suffix(".preflight.txt")): text},
        )


KIND = PressBookKind
