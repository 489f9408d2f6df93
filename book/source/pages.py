"""The event's own pages: free pages in Markdown (``pages/*.md``) and greetings (``greetings.yaml``).

A free page is a Markdown file with a small YAML front matter::

    ---
    title: {ko: 행동 강령, en: Code of Conduct}
    place: before-programme     # opening | before-programme | after-programme | closing
    lang: ko                    # only when the page is in one language
    ---
    ::: ko
    한국어 본문 …
    ::: en
    English text …

Without ``lang`` the body is split at ``::: ko`` / ``::: en`` lines; a body
without them is in the language its script tells. Pages of one place follow
their file names. Images (``![map](venue.png)``) are files inside the event
folder, named relative to the page; nothing else is read.

A greeting names a person of people.yaml (``person:``) or gives ``name``,
and an ``office``, a ``portrait`` and an optional ``signature`` image, and
its text per language (Markdown).
"""

from __future__ import annotations

import difflib
import re

from .. import sandbox
from .files import check_image, check_svg, image_path, list_file
from .model import LANGS, PLACES, FreePage, Greeting, Text, language_of
from .reader import Reader
from .yamlsrc import LDict, LStr, YamlError, parse_yaml

MAX_PAGE_BYTES = sandbox.MB
MAX_PAGES = 60
MAX_BLOCKS = 2_000  # paragraphs, headings and list items of one free page: some 80 printed pages
LANG_MARK = re.compile(r"^:::\s*(ko|en)\s*$")
IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _body(r: Reader, text: str, first_line: int, lang: str | None) -> dict[str, str]:
    """The Markdown per language."""
    parts: dict[str, list[str]] = {}
    loose, loose_at, current = [], None, None
    for number, line in enumerate(text.split("\n"), start=first_line):
        m = LANG_MARK.match(line.strip())
        if m:
            if lang:
                r.err(
                    _at(line, number),
                    f"a `::: {m[1]}` line in a page whose front matter says `lang: {lang}`",
                    "remove the line, or remove `lang:` and mark each language",
                )
            if m[1] in parts:
                r.err(_at(line, number), f"the page has two `::: {m[1]}` parts", "join them into one")
            current = m[1]
            parts.setdefault(current, [])
        elif current:
            parts[current].append(line)
        else:
            loose.append(line)
            loose_at = loose_at or (number if line.strip() else None)
    loose_text = "\n".join(loose).strip()
    if lang:
        merged = "\n".join([loose_text, *("\n".join(v) for v in parts.values())]).strip()
        return {lang: merged} if merged else {}
    if not parts:
        return {language_of(loose_text): loose_text} if loose_text else {}
    if loose_text:
        r.err(
            _at(loose_text, loose_at or first_line),
            "text before the first `::: ko` / `::: en` line has no language",
            "move it under the language it is written in",
        )
    return {k: "\n".join(v).strip() for k, v in parts.items() if "\n".join(v).strip()}


def _at(value: str, line: int) -> LStr:
    s = LStr(value)
    s.pos = (line, 1)
    return s


def _images(r: Reader, folder, page_dir, text: str, first_line: int) -> dict[str, str]:
    out = {}
    for m in IMAGE.finditer(text):
        name = m[1]
        line = first_line + text.count("\n", 0, m.start())
        path = image_path(r, folder, _at(name, line), "image", base=page_dir)
        if path:
            (check_svg if path.suffix.lower() == ".svg" else check_image)(r, _at(name, line), path)
            out[name] = str(path)
    return out


def load_pages(folder, f, texts, langs) -> tuple[FreePage, ...]:
    pages_dir = folder / "pages"
    if not pages_dir.is_dir():
        return ()
    files = sorted(p for p in pages_dir.iterdir() if p.suffix.lower() == ".md")
    out = []
    for path in files[:MAX_PAGES]:
        r = Reader(path, f, texts, langs)
        try:
            raw = sandbox.read_bytes(path, [folder], MAX_PAGE_BYTES, single_link=True).decode("utf-8")
        except sandbox.Refused as exc:
            f.error(path, (1, 1), exc.reason, exc.hint)
            continue
        except UnicodeDecodeError as exc:
            f.error(path, (1, 1), f"{path.name} is not UTF-8 text (byte {exc.start})", "save it as UTF-8")
            continue
        lines = raw.replace("\r\n", "\n").split("\n")
        if not lines or lines[0].strip() != "---" or "---" not in [x.strip() for x in lines[1:]]:
            f.error(
                path,
                (1, 1),
                f"{path.name} has no front matter",
                "start the file with a `---` line, `title:` and `place:`, and a closing `---` line",
            )
            continue
        end = 1 + [x.strip() for x in lines[1:]].index("---")
        try:
            doc = parse_yaml("\n" + "\n".join(lines[1:end]), path)
        except YamlError as exc:
            f.error(exc.path, exc.pos, f"the front matter is not YAML: {exc.message}", exc.hint)
            continue
        m = r.mapping(doc, "the front matter") if doc is not None else None
        if m is None:
            if doc is None:
                f.error(path, (1, 1), "the front matter is empty", "give at least `title:` and `place:`")
            continue
        r.keys(m, ("title", "place", "lang"), ("title", "place"), "the front matter")
        title = r.text(m.get("title"), "page title", translated=False)
        place = r.string(m.get("place"), "place") if "place" in m else None
        if place and place not in PLACES:
            close = difflib.get_close_matches(place, PLACES, n=1)
            r.err(
                m["place"],
                f"unknown place `{place}`",
                (f"did you mean `{close[0]}`? " if close else "") + "use one of " + ", ".join(PLACES),
            )
            place = None
        lang = r.string(m.get("lang"), "lang") if "lang" in m else None
        if lang and lang not in LANGS:
            r.err(m["lang"], f"lang `{lang}` is not one of {', '.join(LANGS)}", "write ko or en, or leave it out")
            lang = None
        text = "\n".join(lines[end + 1 :])
        blocks = text.count("\n\n") + sum(1 for x in lines[end + 1 :] if x.lstrip().startswith(("- ", "* ", "#")))
        if blocks > MAX_BLOCKS:
            f.error(
                path,
                (end + 2, 1),
                f"{path.name} holds about {blocks:,} paragraphs, more than a free page prints ({MAX_BLOCKS:,})",
                "split it into several pages, or shorten it",
            )
            continue
        body = _body(r, text, end + 2, lang)
        if not body:
            f.warning(path, (end + 2, 1), f"{path.name} has no text", "write the page under its front matter")
        for value in body.values():
            texts.append(_source(value, path, end + 2))
        images = _images(r, folder.resolve(), path.resolve().parent, text, end + 2)
        if title and place:
            out.append(FreePage(path.stem, title, place, body, images, (str(path), 1)))
    if len(files) > MAX_PAGES:
        f.error(
            pages_dir,
            (1, 1),
            f"pages/ holds {len(files)} pages, more than {MAX_PAGES}",
            "a programme book needs a few; join or remove some",
        )
    return tuple(out)


def _source(text, path, line):
    from .reader import TextSource

    return TextSource(text, path, (line, 1), "prose")


def load_greetings(folder, f, texts, langs, people) -> tuple[Greeting, ...]:
    r, items = list_file(folder, "greetings.yaml", f, texts, langs, False)
    out = []
    for m in r.records(items, "a greeting", ("person", "name", "office", "portrait", "signature", "text"), ("text",)):
        pid = r.string(m["person"], "person") if "person" in m else None
        if pid and pid not in people:
            close = difflib.get_close_matches(pid, list(people), n=1)
            r.err(
                m["person"],
                f"unknown person `{pid}`",
                f"did you mean `{close[0]}`?" if close else "add them to people.yaml, or give `name:`",
            )
            pid = None
        name = (
            r.text(m["name"], "greeting name", translated=False)
            if "name" in m
            else (people[pid].name if pid else Text())
        )
        if not name:
            r.err(m, "a greeting needs `person:` (a people.yaml id) or `name:`", "add who gives the greeting")
        office = r.text(m["office"], "office") if "office" in m else (people[pid].affiliation if pid else Text())
        images = {}
        for key in ("portrait", "signature"):
            if key in m:
                path = image_path(r, folder, m[key], key)
                if path:
                    (check_svg if path.suffix.lower() == ".svg" else check_image)(r, m[key], path)
                images[key] = str(path) if path else None
        body = {}
        node = m.get("text")
        if isinstance(node, LDict):
            r.keys(node, LANGS, (), "greeting text")
            body = {lang: r.string(node[lang], f"greeting text ({lang})", "prose") for lang in LANGS if lang in node}
        elif node is not None:
            value = r.string(node, "greeting text", "prose")
            body = {language_of(value): value} if value else {}
        body = {k: v for k, v in body.items() if v}
        if name and body:
            out.append(Greeting(name, office, body, images.get("portrait"), images.get("signature"), pid))
    return tuple(out)
