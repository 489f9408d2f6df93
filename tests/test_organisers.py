"""The organiser's pages (greetings, free pages, speakers, sponsors, staff), checked on the PDFs
of a test event made for them (tests/fixtures/organisers)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections import defaultdict

import pytest
from pypdf import PdfReader

from book.pipeline import BuildOptions, build
from book.pipeline.check_event import load
from book.press.separation import GS_CMYK, cmyk_svg

from .conftest import ROOT, pdftotext, words
from .test_book import dest_pages, norm

ORG = ROOT / "tests" / "fixtures" / "organisers"
MM = 72 / 25.4
BOOKS = {"ko+en": "book-ko-en.pdf", "ko": "book-ko.pdf", "en": "book-en.pdf"}
SECTIONS = {  # anchor -> the contents label in Korean and in English
    "greetings": ("인사말", "Greetings"),
    "page-01-about": ("포럼 소개", "About the Forum"),
    "page-02-code-of-conduct": ("행동 강령", "Code of Conduct"),
    "page-03-practical": ("행사장 안내", "Venue Guide"),
    "speakers": ("연사 소개", "Speakers"),
    "sponsors": ("후원", "Sponsors"),
    "staff": ("함께 만든 사람들", "Organising Team"),
}


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    out = tmp_path_factory.mktemp("org")
    manifest = build(ORG, out, BuildOptions.of(only=["book", "press-book"]))
    return out / "organisers", manifest


def outline(path) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(PdfReader(path).outline)
    return titles


@pytest.mark.parametrize("edition", BOOKS)
def test_every_section_is_in_the_contents_bookmarks_and_running_heads(org, edition):
    out, _ = org
    path = out / BOOKS[edition]
    where = dest_pages(path)
    lead = 0 if edition != "en" else 1
    contents = pdftotext(path, 1, where["overview"] - 1, layout=True).splitlines()
    titles = outline(path)
    for anchor, labels in SECTIONS.items():
        label = labels[lead]
        page = where[anchor]
        assert any(label in line and line.rstrip().endswith(f" {page}") for line in contents), (anchor, page)
        assert any(t.startswith(label) for t in titles), (anchor, titles)
        head = " ".join(w[4] for w in words(path, page) if w[3] < 16 * MM)
        assert label.split()[0] in head, (anchor, page, head)


def test_greetings_open_the_book_with_portraits_before_the_programme(org):
    out, _ = org
    path = out / "book-ko-en.pdf"
    where = dest_pages(path)
    assert where["greetings"] < where["overview"] < where["glance"] < where["programme"]
    assert where["page-02-code-of-conduct"] < where["glance"]  # before-programme
    assert where["programme"] < where["page-03-practical"] < where["index"]  # after-programme
    text = norm(pdftotext(path, where["greetings"], where["page-01-about"] - 1))
    for name in ("한미래", "오세진", "대전광역시장", "Mayor of Daejeon Metropolitan City", "함께 사는 도시"):
        assert name in text, name
    images = subprocess.run(
        ["pdfimages", "-list", "-f", str(where["greetings"]), "-l", str(where["page-01-about"] - 1), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert len([line for line in images if line.split()[3:5] == ["420", "525"]]) == 2  # two portraits


def test_raw_html_in_a_page_is_printed_as_text(org):
    out, _ = org
    text = pdftotext(out / "book-ko-en.pdf")
    assert "<b>이 태그는 글자로 보입니다</b>" in norm(text) and "<b>This tag shows as text</b>" in norm(text)


def logo_boxes(path) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Each sponsor's logo box, from its link: url's last part -> (page, (x0, top, x1, bottom) in pt from the top left)."""
    out = {}
    for number, page in enumerate(PdfReader(path).pages, 1):
        height = float(page.mediabox.height)
        for a in page.get("/Annots", []):
            a = a.get_object()
            uri = str(a.get("/A", {}).get("/URI", ""))
            if "example.org/" in uri:
                x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
                out[uri.rsplit("/", 1)[1]] = (
                    number,
                    (min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1)),
                )
    return out


def test_logos_sit_in_one_box_size_per_tier_larger_for_higher_tiers(org):
    """Each tier's logos are centred in boxes of one size (the same pitch from
    centre to centre, the same vertical centre), the pitch larger for a higher
    tier, and no logo wider than its box."""
    out, _ = org
    event = load(ORG).event
    for name in BOOKS.values():
        boxes = logo_boxes(out / name)
        tiers = [[boxes[s.url.rsplit("/", 1)[1]][1] for s in tier.sponsors] for tier in event.sponsors]
        assert [len(t) for t in tiers] == [2, 3, 3] and sum(map(len, tiers)) == 8
        pitches = []
        for tier in tiers:
            centres = [((x0 + x1) / 2, (top + bottom) / 2) for x0, top, x1, bottom in tier]
            assert max(y for _, y in centres) - min(y for _, y in centres) < 0.5, centres  # one row, one centre line
            steps = [b[0] - a[0] for a, b in itertools.pairwise(centres)]
            assert max(steps) - min(steps) < 0.5, steps
            pitches.append(steps[0])
            assert all(x1 - x0 <= steps[0] - 4 * MM + 0.5 for x0, _, x1, _ in tier), (tier, steps)
        assert pitches[0] > pitches[1] > pitches[2], pitches
    # The raster logos are never stretched: the same resolution across and down.
    listing = subprocess.run(
        ["pdfimages", "-list", str(out / "book-ko-en.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    for cols in (line.split() for line in listing):
        assert abs(int(cols[12]) - int(cols[13])) <= 1, cols


def test_sponsor_rows_are_centred_and_the_logos_of_a_tier_weigh_the_same(org):
    """Every row of logos is centred on one axis (a short row too: the full rows span the text block), and
    within a tier each logo covers about the same area of ink: a 3:1 wordmark and
    a square emblem are sized to one area, not each to the full box."""
    from PIL import Image

    out, _ = org
    path = out / "book-ko-en.pdf"
    event = load(ORG).event
    boxes = logo_boxes(path)
    rows = defaultdict(list)
    for number, box in boxes.values():
        rows[(number, round((box[1] + box[3]) / 2))].append(box)  # a row's logos share their centre line
    middles = [  # halfway between the first logo's centre and the last's: the cells are equal
        (min(r[0] + r[2] for r in row) + max(r[0] + r[2] for r in row)) / 4 for row in rows.values()
    ]
    assert len(rows) == 3 and max(middles) - min(middles) < 1, middles  # one axis, the short rows too
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "144",
            "-png",
            "-f",
            str(boxes["hanbit"][0]),
            "-singlefile",
            str(path),
            str(out / "sponsors"),
        ],
        check=True,
    )
    image = Image.open(out / "sponsors.png").convert("L")
    scale = 144 / 72

    def ink(box) -> float:  # the area (pt²) of the ink's bounding box inside a logo box
        x0, top, x1, bottom = (round(v * scale) for v in box)
        found = image.crop((x0, top, x1, bottom)).point(lambda v: 255 if v < 235 else 0).getbbox()
        assert found, box
        return (found[2] - found[0]) * (found[3] - found[1]) / scale**2

    for tier in event.sponsors:
        areas = [ink(boxes[s.url.rsplit("/", 1)[1]][1]) for s in tier.sponsors]
        assert max(areas) / min(areas) < 1.3, (tier.id, [round(a) for a in areas])


def test_speakers_share_one_left_edge_with_or_without_a_photo(org):
    out, _ = org
    path = out / "book-ko-en.pdf"
    where = dest_pages(path)
    event = load(ORG).event
    speakers = [p for p in event.people.values() if p.bio]
    assert {bool(p.photo) for p in speakers} == {True, False}  # the fixture has both
    found = {}
    for page in range(where["speakers"], where["sponsors"]):
        edges = {}
        for x0, _top, _x1, _bottom, word in words(path, page):
            for p in speakers:
                if word == p.name.get("ko") or word == (p.name.get("en") or "").split()[0]:
                    edges.setdefault(p.id, x0)
        photos = {bool(event.people[pid].photo) for pid in edges}
        assert max(edges.values()) - min(edges.values()) < 0.5, (page, photos, edges)  # one edge on each page
        found |= edges
    assert set(found) == {p.id for p in speakers}


@pytest.mark.parametrize(
    "edition, lines",
    [
        ("ko+en", ["대전광역시장 한미래", "HAN Mirae, Mayor of Daejeon Metropolitan City"]),
        ("ko", ["대전광역시장 한미래"]),
        ("en", ["HAN Mirae, Mayor of Daejeon Metropolitan City"]),
    ],
)
def test_a_greeting_signs_off_in_the_languages_of_its_edition(org, edition, lines):
    out, _ = org
    path = out / BOOKS[edition]
    where = dest_pages(path)
    text = [norm(t) for t in pdftotext(path, where["greetings"], where["page-01-about"] - 1, raw=True).splitlines()]
    for line in lines:
        assert line in text, (line, text)
    if edition == "ko":
        assert not any("Mayor of Daejeon Metropolitan City" in t for t in text)


def test_speakers_follow_the_index_order_with_their_sessions_pages(org):
    out, _ = org
    path = out / "book-ko-en.pdf"
    where = dest_pages(path)
    text = norm(pdftotext(path, where["speakers"], where["sponsors"] - 1))
    index = norm(pdftotext(path, where["index"]))
    event = load(ORG).event
    speakers = [p for p in event.people.values() if p.bio]
    assert len(speakers) == 6
    order = sorted(speakers, key=lambda p: text.find(p.name.get("ko")))
    assert [index.find(p.name.get("ko")) for p in order] == sorted(index.find(p.name.get("ko")) for p in order)
    assert "한미래" not in text  # no bio: not a speaker
    for p in speakers:
        for s in event.sessions:
            if any(p.id in ids for ids in s.people.values()):
                assert f"{s.short.ko} {where['s-' + s.id]}" in text, (p.id, s.id)


def test_staff_are_listed_in_the_index_collation(org):
    """Names in the index's order (가나다, then by family name), and that one order everywhere:
    the reading order (poppler's, as copy and search use it), the drawing order and the rows
    as the eye reads them, left to right, top to bottom."""
    out, _ = org
    path = out / "book-ko.pdf"
    page = dest_pages(path)["staff"]
    committee = ["김하늘", "박도윤", "오세진", "이서연", "Tom", "Jane"]  # 가나다, then by family name
    volunteers = ["강민호", "남궁현", "백승우", "유지원", "정다은", "Maria", "Aiko"]
    names = committee + volunteers

    def order(text):
        return sorted(names, key=lambda n: text.index(n))

    reading = pdftotext(path, page, page)
    drawing = pdftotext(path, page, page, raw=True)
    content = PdfReader(path).pages[page - 1].extract_text()
    found = {w: (round(y0), x0) for x0, y0, _, _, w in words(path, page) if w in names}
    eye = sorted(names, key=lambda n: found[n])  # by line, then left to right
    assert order(reading) == order(drawing) == order(content) == eye == names, (reading, eye)
    rows = defaultdict(list)
    for n in names:
        rows[found[n][0]].append(n)
    assert max(len(r) for r in rows.values()) == 3  # set in columns, three to a row


def test_the_press_edition_separates_every_image_and_passes_preflight(org):
    out, manifest = org
    entry = next(e for e in manifest["outputs"] if e["kind"] == "press-book")
    report = (out / "press" / "book-ko-en.preflight.txt").read_text(encoding="utf-8")
    assert entry["preflight"] in ("pass", "warn") and "PASS  colour" in report and "FAIL" not in report
    listing = subprocess.run(
        ["pdfimages", "-list", str(out / entry["path"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    images = [line.split() for line in listing if line.split()[2] == "image"]
    assert len(images) >= 12 and all(cols[5] == "cmyk" for cols in images)
    assert not [n for n in manifest["notes"] if "cannot be converted" in n or "ppi" in n]


def test_an_svg_that_cannot_be_separated_is_named_with_what_to_supply(tmp_path):
    svg, why = cmyk_svg('<svg xmlns="http://www.w3.org/2000/svg"><image href="x.png"/></svg>', GS_CMYK)
    assert svg is None and "image" in why
    svg, why = cmyk_svg(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#FF0000" style="stroke: navy"/></svg>', GS_CMYK
    )
    assert "#FF0000" not in svg and "navy" not in svg and svg.count("device-cmyk(") == 3  # with the default black
    folder = copy(tmp_path)
    (folder / "logos" / "lantern.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<image href="data:," width="10" height="10"/></svg>'
    )
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["book"], editions=["ko"]))
    assert manifest["outputs"]
    from book.press.separation import PressImages

    images = PressImages(tmp_path / "cache", GS_CMYK, False, str(folder))
    images(str(folder / "logos" / "lantern.svg"), "logo")
    assert images.notes and "lantern.svg cannot be converted to CMYK" in images.notes[0]
    assert "CMYK PDF or EPS, or as a raster at 300 ppi" in images.notes[0]


def copy(tmp_path):
    folder = tmp_path / "organisers"
    shutil.copytree(ORG, folder)
    return folder


def findings(folder) -> list[tuple[str, int, str, str]]:
    return [(f.file.rsplit("/", 1)[-1], f.line, f.severity, f.message) for f in load(folder).findings.items]


def test_bad_organiser_data_gets_findings_at_its_place(tmp_path):
    folder = copy(tmp_path)
    page = folder / "pages" / "02-code-of-conduct.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("place: before-programme", "place: before-programm"), encoding="utf-8"
    )
    (folder / "pages" / "04-broken.md").write_text("---\ntitle: [unclosed\n---\ntext\n", encoding="utf-8")
    (folder / "pages" / "05-image.md").write_text(
        "---\ntitle: Map\nplace: closing\n---\n\n![map](missing.png)\n![x](../../../etc/passwd)\n", encoding="utf-8"
    )
    sponsors = folder / "sponsors.yaml"
    sponsors.write_text(
        sponsors.read_text(encoding="utf-8").replace(", logo: logos/northwind.svg", ""), encoding="utf-8"
    )
    people = folder / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "  affiliation: {ko: 포럼 조직위원장, en: Chair of the Organising Committee}\n",
            "  affiliation: {ko: 포럼 조직위원장, en: Chair of the Organising Committee}\n  photo: images/oh-sejin.png\n",
        ),
        encoding="utf-8",
    )
    greetings = folder / "greetings.yaml"
    greetings.write_text(
        greetings.read_text(encoding="utf-8").replace("images/oh-sejin.png", "images/nobody.png"), encoding="utf-8"
    )
    found = findings(folder)
    text = "\n".join(map(str, found))
    assert ("02-code-of-conduct.md", 3, "error", "unknown place `before-programm`") in found, text
    assert any(f[0] == "04-broken.md" and f[1] == 2 and f[3].startswith("the front matter is not YAML") for f in found)
    assert ("05-image.md", 6, "error", "image `missing.png` does not exist") in found, (
        text
    )  # named as the page names it
    assert any(f[0] == "05-image.md" and f[1] == 7 and "outside the event folder" in f[3] for f in found), text
    assert any(
        f[0] == "sponsors.yaml" and f[2] == "warning" and "Northwind Transit" in f[3] and "no logo" in f[3]
        for f in found
    ), text
    assert any(
        f[0] == "people.yaml" and f[2] == "warning" and "`oh-sejin` has a photo but no bio" in f[3] for f in found
    ), text
    assert any(f[0] == "greetings.yaml" and "portrait `images/nobody.png` does not exist" in f[3] for f in found), text
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "book"), "check", str(folder)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    "old, new, line, said",
    [
        ("cover_image: {file: images/key-visual.png}", "cover_image: {file: images/none.png}", 22, "does not exist"),
        ("cover_image: {file: images/key-visual.png}", "cover_image: {file: ../../etc/passwd}", 22, "outside"),
        ("cover_image: {file: images/key-visual.png}", "cover_image: images/key-visual.png", 22, "mapping"),
        ("cover_image: {file: images/key-visual.png}", "cover_image: {file: x.png, size: 3}", 22, "size"),
        ("logo: logos/daejeon.svg}", "logo: logos/none.svg}", 16, "does not exist"),
        ("logo: logos/daejeon.svg}", "logo: [a, b]}", 16, "hosts item logo"),
    ],
)
def test_a_bad_cover_image_or_host_logo_is_a_finding_at_its_place(tmp_path, old, new, line, said):
    folder = copy(tmp_path)
    event = folder / "event.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    found = [f for f in findings(folder) if f[0] == "event.yaml" and f[2] == "error"]
    assert any(f[1] == line and said in f[3] for f in found), found
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "book"), "check", str(folder)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout


def test_the_cover_shows_the_key_visual_and_the_back_cover_the_hosts_logos(org):
    """event.yaml's cover_image on the front cover of every edition (in CMYK in the
    press edition), and each host's logo on the press edition's back cover, over its name."""
    from PIL import Image

    out, _ = org
    for name in BOOKS.values():
        listing = subprocess.run(
            ["pdfimages", "-list", "-f", "1", "-l", "1", str(out / name)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert any(cols.split()[3:5] == ["1800", "900"] for cols in listing), (name, listing)
    press = out / "press" / "book-ko-en.pdf"
    listing = subprocess.run(
        ["pdfimages", "-list", "-f", "1", "-l", "1", str(press)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert [cols.split()[5] for cols in listing if cols.split()[3:5] == ["1800", "900"]] == ["cmyk"], listing
    last = len(PdfReader(press).pages)
    name = next(w for w in words(press, last) if w[4] == "대전광역시")
    subprocess.run(
        ["pdftoppm", "-r", "144", "-png", "-f", str(last), "-singlefile", str(press), str(out / "back")], check=True
    )
    image = Image.open(out / "back.png").convert("L")
    scale = 144 / 72
    x0, bottom = round(name[0] * scale), round(name[1] * scale)  # the logo stands over the name: white, 12 mm high
    above = image.crop((x0, bottom - round(14 * MM * scale), x0 + round(40 * MM * scale), bottom))
    white = above.point(lambda v: 255 if v > 240 else 0).histogram()[255]
    assert white > 0.3 * above.width * above.height, white


def test_a_sponsor_without_a_logo_is_printed_by_name(tmp_path):
    folder = copy(tmp_path)
    sponsors = folder / "sponsors.yaml"
    sponsors.write_text(
        sponsors.read_text(encoding="utf-8").replace(", logo: logos/northwind.svg", ""), encoding="utf-8"
    )
    build(folder, tmp_path / "out", BuildOptions.of(only=["book"], editions=["en"]))
    path = tmp_path / "out" / "organisers" / "book-en.pdf"
    boxes = logo_boxes(path)
    (x0, _, x1, _), saebom = boxes["northwind"][1], boxes["saebom"][1]
    pitch = (saebom[0] + saebom[2]) / 2 - (x0 + x1) / 2  # the name stands in the logo's box, the tier's width
    assert abs((x1 - x0) - (pitch - 4 * MM)) < 0.5, (x1 - x0, pitch)
    assert "Northwind Transit" in pdftotext(path, dest_pages(path)["sponsors"])


def test_low_resolution_images_are_named_with_their_ppi_and_portraits_may_be_grey(tmp_path):
    from PIL import Image

    folder = copy(tmp_path)
    with Image.open(folder / "images" / "kim-minji.png") as image:
        image.resize((120, 150)).save(folder / "images" / "kim-minji.png")
    (folder / "style.css").write_text(":root { --portrait-tone: grey; }\n", encoding="utf-8")
    manifest = build(folder, tmp_path / "out", BuildOptions.of(only=["book"], editions=["ko"]))
    notes = [n for n in manifest["notes"] if "kim-minji.png" in n]
    assert notes and "prints at 139 ppi" in notes[0] and "at least 260 pixels wide" in notes[0], manifest["notes"]
    listing = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "out" / "organisers" / "book-ko.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    colours = defaultdict(set)
    for line in listing:
        cols = line.split()
        if cols[2] == "image":  # not the soft masks of transparent PNGs
            colours[(cols[3], cols[4])].add(cols[5])
    assert colours[("420", "525")] == {"gray"} and colours[("300", "375")] == {"gray"}  # portraits and photos
    assert colours[("1200", "400")] == {"rgb"}  # a logo keeps its colours


def test_whrcf_says_why_it_prints_no_greeting():
    text = (ROOT / "data" / "whrcf2021" / "greetings.yaml").read_text(encoding="utf-8")
    assert "Human_Rights.php" in text and not load(ROOT / "data" / "whrcf2021").event.greetings
    assert not re.search(r"^\s*-", text, re.M)  # no greeting entry


USE_BOMB = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50">'
    '<defs><rect id="a0" width="1" height="1"/>'
    + "".join(f'<g id="a{i}">' + f'<use xlink:href="#a{i - 1}"/>' * 10 + "</g>" for i in range(1, 11))
    + '</defs><use xlink:href="#a10"/></svg>'
)


@pytest.mark.parametrize(
    "svg, said",
    [
        (USE_BOMB, "uses an element that itself uses others"),
        ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "declares a DOCTYPE or entities"),
        ("<svg><g>" * 3 + "not closed", "is not an SVG that can be read"),
    ],
)
def test_a_hostile_svg_logo_is_a_finding_at_its_place(tmp_path, svg, said):
    folder = copy(tmp_path)
    (folder / "logos" / "hanbit.svg").write_text(svg, encoding="utf-8")
    line = next(
        n for n, text in enumerate((folder / "sponsors.yaml").read_text().splitlines(), 1) if "hanbit.svg" in text
    )
    found = [f for f in findings(folder) if f[2] == "error"]
    assert [(f[0], f[1]) for f in found] == [("sponsors.yaml", line)] and said in found[0][3], found


def test_a_free_page_of_300000_paragraphs_is_a_finding_not_a_long_build(tmp_path):
    import time

    folder = copy(tmp_path)
    page = next((folder / "pages").glob("*.md"))
    head, _, _ = page.read_text(encoding="utf-8").partition("\n---\n")
    page.write_text(head + "\n---\n" + "a\n\n" * 300_000, encoding="utf-8")  # 900 KB, under the 1 MB limit
    started = time.monotonic()
    found = [f for f in findings(folder) if f[2] == "error"]
    assert time.monotonic() - started < 30
    assert found and found[0][0] == page.name and "paragraphs, more than a free page prints" in found[0][3], found


def test_an_image_with_a_huge_extra_chunk_is_refused_before_it_is_opened(tmp_path):
    import struct
    import zlib

    folder = copy(tmp_path)
    png = next((folder / "logos").glob("*.png"))
    data = png.read_bytes()
    body = b"\0" * (65 * 1024 * 1024)
    chunk = struct.pack(">I", len(body)) + b"zzZz" + body + struct.pack(">I", zlib.crc32(b"zzZz" + body))
    png.write_bytes(data[:33] + chunk + data[33:])  # after IHDR
    found = [f for f in findings(folder) if f[2] == "error"]
    assert found and f"image `{png.name}`" in found[0][3] and "more than an image a book prints" in found[0][3]
