"""Translations added by hand (``translations.yaml``), laid over the sessions.

An imported programme comes in the languages its source has; an editor adds
the other language here, keyed by session id, and ``book import`` never
writes this file, so the work survives every re-import::

    keynote:
      title: {en: The Future of Cities}
      short: {en: Keynote}
      description: {en: A look at what cities can do.}

A language given here wins over the session's own text in that language.
"""

from __future__ import annotations

from dataclasses import replace

from .files import read_file
from .model import LANGS, Text
from .reader import Reader

FIELDS = ("title", "short", "description")


def apply_translations(folder, f, texts, langs, sessions: tuple) -> tuple:
    path, doc = read_file(folder, "translations.yaml", f, required=False)
    if doc is None:
        return sessions
    r = Reader(path, f, texts, langs)
    m = r.mapping(doc, "translations.yaml")
    if m is None:
        return sessions
    by_id = {s.id: i for i, s in enumerate(sessions)}
    out = list(sessions)
    for ident, node in m.items():
        if ident not in by_id:
            r.warn(node, f"translations for `{ident}`, which is not a session", "check the id in sessions.yaml")
            continue
        fields = r.mapping(node, f"translations of `{ident}`")
        if fields is None:
            continue
        r.keys(fields, FIELDS, (), f"translations of `{ident}`")
        s = out[by_id[ident]]
        changes = {}
        for key in FIELDS:
            if key in fields:
                given = r.text(fields[key], f"{key} of `{ident}`", translated=False)
                own = getattr(s, key)
                changes[key] = Text(**{lang: given.get(lang, False) or own.get(lang, False) for lang in LANGS})
        if "title" in changes and "short" not in changes and s.short == s.title:
            changes["short"] = changes["title"]
        out[by_id[ident]] = replace(s, **changes)  # still given in its language: the badge stays
    return tuple(out)
