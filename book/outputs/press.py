"""The press edition: PDF/X with bleed, crop marks, CMYK and a bindable page count.

For each press edition (bilingual by default) one book file in ``press/``:
PDF/X-4 (or X-1a) with the event's ICC profile as OutputIntent (Ghostscript's
``default_cmyk.icc`` when the event names none), every colour in CMYK, the
page count padded to a multiple of 4 (saddle stitch) with Notes pages before
the back cover. Perfect binding adds a separate cover with a spine computed
from the page count and paper thickness; ``proof: A4`` adds a 2-up booklet
for office printing. The press PDF is preflighted and the report kept beside it.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..impose import booklet
from ..load import GS_CMYK
from ..pdfpost import press_finish
from ..preflight import preflight_step
from ..render import category_css, page_css, paper_mm
from ..views.book import book_view, data_uri
from .base import Job, Output

SUFFIX = {"ko+en": "ko-en", "ko": "ko", "en": "en"}


def press_css(event, icc: str) -> str:
    bleed = event.press["bleed_mm"]
    profile = (f"@color-profile device-cmyk {{ src: url('{Path(icc).resolve().as_uri()}'); "
               "components: cyan, magenta, yellow, black; }")
    return page_css(event.page_size, category_css(event.categories.values(), cmyk=True)) + \
        f"\n{profile}\n@page {{ bleed: {bleed}mm; }}"


class PressOutput(Output):
    kind = "press-book"

    def jobs(self, event, settings):
        p = event.press
        icc = p["icc"] or GS_CMYK
        if not p["icc"]:
            settings.setdefault("notes", []).append(
                f"press: the event names no ICC profile (press.icc); the OutputIntent uses Ghostscript's {GS_CMYK}")
        head = press_css(event, icc)
        saddle = p["binding"] == "saddle-stitch"
        out = []
        logo = cmyk_logo(event, icc, settings["cache"] / "images") if event.logo else None
        for edition in p["editions"]:
            view = book_view(event, edition, settings["build_date"])
            view.back_cover = saddle
            view.front_cover = saddle
            view.notes_pages = (4 if saddle else 2) - 1  # the most padding can need; the surplus is removed
            if logo:
                view.cover["logo"]["src"] = logo
            path = f"press/book-{SUFFIX[edition]}.pdf"
            out.append(Job(
                kind=self.kind, path=path, template="book.html", view=view,
                stylesheets=["css/tokens.css", "css/base.css", "css/book.css", "css/press.css"], head_css=head,
                manifest={"lang": edition, "variant": p["variant"], "binding": p["binding"],
                          "bleed_mm": p["bleed_mm"], "marks": p["marks"], "icc": Path(icc).name},
                page_multiple=4 if saddle else 2, pdf_options={"pdf_variant": p["variant"], "tagged": False}, parts=True,
                roots=[Path(icc).parent],
                post=[press_finish(p["bleed_mm"], p["marks"]),
                      preflight_step(expect_multiple=4 if saddle else 2, icc_given=bool(p["icc"]))],
            ))
            if not saddle:
                out.append(cover_job(event, settings, edition, path, head, icc, logo))
            if p["proof"]:
                out.append(proof_job(path, edition, p["proof"]))
        return out


def cmyk_logo(event, icc: str, folder: Path) -> str:
    """The event's logo separated to CMYK with the press profile (cached), as
    a data: URI, so the PDF does not depend on where the cache lives."""
    from PIL import Image, ImageCms
    source = Path(event.logo[0])
    digest = hashlib.sha256(source.read_bytes() + Path(icc).read_bytes()).hexdigest()[:16]
    target = folder / f"{source.stem}-{digest}-cmyk.jpg"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with Image.open(source) as image:
            rgb = image.convert("RGB")
            cmyk = ImageCms.profileToProfile(rgb, ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(icc),
                                             outputMode="CMYK")
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")  # one per process: builds may run at once
        cmyk.save(tmp, "JPEG", quality=95, dpi=(300, 300))
        tmp.replace(target)
    return data_uri(target)


def cover_job(event, settings, edition, book_path, head, icc, logo) -> Job:
    """A separate cover for perfect binding: back, spine, front on one sheet."""
    p = event.press
    view = book_view(event, edition, settings["build_date"])
    if logo:
        view.cover["logo"]["src"] = logo
    width, height = paper_mm(event.page_size)

    def before(entries, written):
        pages = next(e["pages"] for e in entries if e["path"] == book_path)
        spine = round(pages / 2 * p["paper_mm"], 2)
        view.spine_mm = spine
        job.head_css = head + (f"\n@page {{ size: {2 * width + spine}mm {height}mm; }}"
                               f"\n:root {{ --spine: {spine}mm; --panel: {width}mm; }}")
        job.manifest["spine_mm"] = spine

    job = Job(kind="cover", path=f"press/cover-{SUFFIX[edition]}.pdf", template="press_cover.html", view=view,
              stylesheets=["css/tokens.css", "css/base.css", "css/press.css", "css/press_cover.css"], head_css=head,
              manifest={"lang": edition, "variant": p["variant"]}, pdf_options={"pdf_variant": p["variant"], "tagged": False},
              roots=[Path(icc).parent], before=before, depends_on=(book_path,),
              post=[press_finish(p["bleed_mm"], p["marks"]), preflight_step(expect_multiple=1, icc_given=bool(p["icc"]))])
    return job


def proof_job(book_path, edition, sheet) -> Job:
    def produce(target, written):
        return booklet(written[book_path], target, sheet)

    return Job(kind="proof", path=f"press/proof-{SUFFIX[edition]}-{sheet}.pdf", template="", view=None,
               stylesheets=[], manifest={"lang": edition, "sheet": sheet, "imposition": "2-up saddle-stitch"},
               produce=produce, depends_on=(book_path,))
