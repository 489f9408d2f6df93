"""The concept note (``concept.yaml``): sections of paragraphs and lists per language.

The paragraphs of the two languages are kept aligned one to one, so the
book can pair them; a section with more blocks in one language is a warning.
"""

from __future__ import annotations

from .files import list_file
from .model import LANG_NAMES, LANGS, Block, ConceptSection
from .yamlsrc import LDict


def load_concept(folder, f, texts, langs) -> tuple[ConceptSection, ...]:
    r, items = list_file(folder, "concept.yaml", f, texts, langs, False)
    out = []
    for m in r.records(items, "a concept-note section", ("id", "heading", "ko", "en"), ("id", "heading")):
        ident = r.ident(m.get("id"), "section id") or "section"
        heading = r.text(m.get("heading"), "section heading", role="prose")
        blocks = {}
        for lang in LANGS:
            if lang not in m:
                if lang in langs:
                    r.err(
                        m,
                        f"concept-note section `{ident}` has no {LANG_NAMES[lang]} text (`{lang}`)",
                        f"add `{lang}:` with the paragraphs",
                    )
                continue
            lang_blocks = []
            for b in r.seq(m[lang], f"{ident}.{lang}"):
                if isinstance(b, LDict) and "list" not in b and len(b) == 1:
                    r.err(
                        b,
                        "this paragraph contains `: ` and YAML read it as a key",
                        "put the whole paragraph in double quotes",
                    )
                    continue
                if isinstance(b, LDict):
                    r.keys(b, ("list",), ("list",), "a list block")
                    entries = tuple(
                        x for x in (r.string(i, "list item", "prose") for i in r.seq(b.get("list"), "list")) if x
                    )
                    lang_blocks.append(Block(items=entries))
                else:
                    text = r.string(b, "paragraph", "prose")
                    if text:
                        lang_blocks.append(Block(text=text))
            blocks[lang] = tuple(lang_blocks)
        if "ko" in blocks and "en" in blocks and len(blocks["ko"]) != len(blocks["en"]):
            r.warn(
                m,
                f"concept-note section `{ident}` has {len(blocks['ko'])} Korean and {len(blocks['en'])} English blocks",
                "keep the paragraphs aligned one to one so the pairs line up",
            )
        out.append(ConceptSection(ident, heading, blocks))
    return tuple(out)
