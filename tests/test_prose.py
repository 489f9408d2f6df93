"""Descriptions are Markdown, rendered safely: raw HTML is printed as text,
only web and mail links are kept, and a Korean run keeps its words whole."""

from __future__ import annotations

import shutil

from pypdf import PdfReader

from book.pipeline import BuildOptions, build
from book.views.prose import markdown_html

from .conftest import pdftotext
from .test_publish import MINI

DESCRIPTION = """Why **this** matters:

- first point
- second point

<script>alert(1)</script> See [the notes](https://example.org/notes) and
[a trap](javascript:alert(1)). ![a chart](chart.png)
"""


def test_markdown_becomes_safe_html():
    html = str(markdown_html(DESCRIPTION))
    assert "<strong>this</strong>" in html and html.count("<li>") == 2
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="https://example.org/notes"' in html
    assert "javascript:" not in html.split("href=")[-1].split(">")[0]
    assert "<img" not in html and "a chart" in html
    assert str(markdown_html("# Head\ntext")).startswith('<p class="md-head">Head</p>')


def test_a_markdown_description_prints_as_text_and_links_in_the_book(tmp_path):
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    sessions = event / "sessions.yaml"
    indented = "\n".join("      " + line for line in DESCRIPTION.splitlines())
    sessions.write_text(
        sessions.read_text(encoding="utf-8").replace(
            "description: {ko: 도시의 역할을 살펴봅니다., en: A look at what cities can do.}",
            "description:\n    ko: 도시의 역할을 살펴봅니다.\n    en: |\n" + indented,
        ),
        encoding="utf-8",
    )
    build(event, tmp_path / "out", BuildOptions.of(only=["book"], editions=["en"]))
    pdf = tmp_path / "out" / "mini" / "book-en.pdf"
    text = pdftotext(pdf)
    assert "<script>alert(1)</script>" in text  # printed, never run or dropped
    assert "first point" in text and "**" not in text and "[the notes]" not in text
    uris = [
        a["/A"].get("/URI")
        for page in PdfReader(pdf).pages
        for a in (x.get_object() for x in page.get("/Annots", []))
        if a.get("/A")
    ]
    assert "https://example.org/notes" in uris
    assert not any(str(u).startswith("javascript") for u in uris if u)


def test_names_the_cjk_faces_lack_are_set_in_the_fallback_family_and_only_then(tmp_path):
    from .conftest import require

    require("pdffonts")
    import subprocess

    plain = tmp_path / "plain"
    build(MINI, plain, BuildOptions.of(only=["book"], editions=["en"]))
    event = tmp_path / "mini"
    shutil.copytree(MINI, event)
    people = event / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("name: {en: Jane Roe}", "name: {en: Nguyễn Thị Ánh Şahin}"),
        encoding="utf-8",
    )
    build(event, tmp_path / "out", BuildOptions.of(only=["book"], editions=["en"]))

    def faces(pdf):
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        return {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]}

    before, after = faces(plain / "mini" / "book-en.pdf"), faces(tmp_path / "out" / "mini" / "book-en.pdf")
    assert "Noto-Sans-Subset" not in before and "Noto-Sans-CJK-KR-Subset" in before
    assert "Noto-Sans-Subset" in after, after
    assert "Nguyễn Thị Ánh Şahin" in pdftotext(tmp_path / "out" / "mini" / "book-en.pdf")
