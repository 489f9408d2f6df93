"""Write an imported programme into an event folder, keeping the hand work, and say what changed.

The import owns four files and writes them whole: ``sessions.yaml``,
``people.yaml``, ``rooms.yaml`` and ``categories.yaml``. It never writes
what exists only in the folder: ``event.yaml`` (made once, when the folder
is new), the concept note, ``style.css``, the organiser's pages, and
``translations.yaml``, where an editor adds the language a source lacks.
From the files it owns it keeps, for ids the source still has, what the
source cannot say: a category's colour, tag and labels, a person's other-
language name, bio, photo and ``sort_as``, a room's other-language name.

The update is made in a copy of the folder, checked as ``book check``
would, and only then put in the folder's place, so an import either
completes or leaves the folder exactly as it was. What changed (sessions
added, removed, moved, retitled; people added, removed) is returned and
written beside the data, in ``import-report.txt``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import yaml

from ... import sandbox
from ...errors import BuildError
from ...wording import count
from ..model import Text, language_of
from .common import Programme, slug
from .report import changes, next_steps
from .swap import leftovers, swap

OWNED = ("categories.yaml", "rooms.yaml", "people.yaml", "sessions.yaml")
REPORT = "import-report.txt"


class _Dumper(yaml.SafeDumper):
    """Every value written out in full: a record that shares a list with another is not
    written as an anchor and an alias (``&id001``), which a hand editor cannot follow."""

    def ignore_aliases(self, data) -> bool:
        return True


def _yaml(records) -> str:
    return yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def _text(t: Text):
    """Plain text when one language, and its script tells which; else a mapping per language."""
    d = {k: v for k, v in (("ko", t.ko), ("en", t.en)) if v}
    if len(d) == 1 and language_of(next(iter(d.values()))) == next(iter(d)):
        return next(iter(d.values()))
    return d


def _merged(new: Text, old: Text | None) -> Text:
    if old is None:
        return new
    return Text(ko=new.ko or old.ko, en=new.en or old.en)


def _hm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def records(p: Programme, old) -> dict[str, list]:
    """The four files' records: the source's, with what only the folder knows kept."""
    cats, rooms, people = [], [], []
    used = {s.category for s in p.sessions}
    for ident, c in p.categories.items():
        if ident not in used:
            continue
        was = old.categories.get(ident) if old else None
        rec = {"id": ident, "label": _text(_merged(c.label, was.label if was else None))}
        styled = was if was and was.given else c  # what the user wrote wins; a default is never written
        if "tag" in styled.given and styled.tag and styled.tag != c.label:
            rec["tag"] = _text(styled.tag)
        if "colour" in styled.given and styled.colour:
            rec["colour"] = styled.colour
        if "cmyk" in styled.given and styled.cmyk:
            rec["cmyk"] = [round(x, 2) for x in styled.cmyk]
        cats.append(rec)
    in_use = {s.room for s in p.sessions}
    for ident, r in p.rooms.items():
        if ident not in in_use:
            continue
        was = old.rooms.get(ident) if old else None
        rooms.append({"id": ident, "name": _text(_merged(r.name, was.name if was else None))})
    for ident, person in p.people.items():
        was = old.people.get(ident) if old else None
        rec = {"id": ident, "name": _text(_merged(person.name, was.name if was else None))}
        aff = _merged(person.affiliation, was.affiliation if was else None)
        if aff:
            rec["affiliation"] = _text(aff)
        rec.update({k: getattr(person, k) for k in ("source_id", "guid") if getattr(person, k)})
        if was:
            rec.update(
                {
                    k: v
                    for k, v in (
                        ("country", _text(was.country) if was.country else None),
                        ("sort_as", was.sort_as),
                        ("bio", _text(was.bio) if was.bio else None),
                        ("photo", os.path.relpath(was.photo, old.folder) if was.photo else None),
                    )
                    if v
                }
            )
        people.append(rec)
    sessions = []
    for s in sorted(p.sessions, key=lambda s: (s.date, s.start if s.start is not None else -1, s.room or "", s.id)):
        rec = {"id": s.id, "category": s.category, "title": _text(s.title)}
        if s.short != s.title:
            rec["short"] = _text(s.short)
        rec["date"] = s.date
        if s.end_date:
            rec["end_date"] = s.end_date
        if s.start is not None:
            rec.update({"start": _hm(s.start), "end": _hm(s.end)})
        if s.room:
            rec["room"] = s.room
        if s.language:
            rec["language"] = s.language
        if s.description:
            rec["description"] = _text(s.description)
        if s.people:
            rec["people"] = {role: list(ids) for role, ids in s.people.items()}
        for key in ("organisers", "interpretation"):
            if getattr(s, key):
                rec[key] = [_text(o) if isinstance(o, Text) else o for o in getattr(s, key)]
        if s.online_url:
            rec["online_url"] = s.online_url
        rec.update(_kept(s))
        sessions.append(rec)
    return {"categories.yaml": cats, "rooms.yaml": rooms, "people.yaml": people, "sessions.yaml": sessions}


def _kept(s) -> dict:
    """What the schedule tool says of a session beyond the book's fields, as sessions.yaml writes it."""
    rec = {"subtitle": _text(s.subtitle) if s.subtitle else None, "type": s.kind}
    rec["full_description"] = _text(s.full_description) if s.full_description else None
    rec["links"] = [{"title": t, "url": u} if t else {"url": u} for t, u in s.links] or None
    rec.update({"source_id": s.source_id, "guid": s.guid, "url": s.url})
    return {k: v for k, v in rec.items() if v}


def _event_yaml(p: Programme, folder: Path) -> str:
    period = p.period
    langs = [lang for lang in ("ko", "en") if any(s.title.get(lang, fallback=False) for s in p.sessions)]
    doc = {
        "id": slug(folder.name) or "event",
        "name": _text(p.name) if p.name else folder.name,
        "timezone": p.timezone,
        "languages": langs or ["en"],
        "period": {"start": period[0], "end": period[1]},
    }
    doc.update({k: _text(v) for k, v in (("venue", p.venue), ("city", p.city)) if v})
    return (
        "# Made by `book import`; the import never writes this file again. Add the venue, hosts,\n"
        "# the book's settings and the rest here (see the README).\n" + _yaml(doc)
    )


def import_into(p: Programme, folder: Path, source: str, when: str, warn=lambda line: None) -> list[str]:
    """Write the programme into ``folder`` (made when absent); return the change report's lines.
    ``warn`` is given each warning `book check` has for the result, placed in the source."""
    from ...pipeline.check_event import check

    folder = Path(folder)
    said = []
    if folder.is_symlink():  # follow it: the folder the link names is the event folder
        real = sandbox.resolved(folder)
        if real.is_symlink() or (not real.is_dir() and os.path.lexists(real)):
            raise BuildError(f"{folder} is a link that loops or names no folder; give the event folder itself")
        said.append(f"{folder} is a link to {real}: importing into {real}")
        folder = real
    sandbox.writable_folder(folder, "--into")
    if not folder.parent.is_dir():
        folder.parent.mkdir(parents=True)
        said.append(f"made the folder {folder.parent}")
    for left in leftovers(folder):
        said.append(f"an import that was stopped left a copy of the folder at {left}; look at it, then remove it")
    old = None
    if (folder / "event.yaml").exists():
        loaded, _, findings = check(folder)
        if loaded.event is None or any(f.severity == "error" for f in findings):
            raise BuildError(f"{folder} does not pass `book check` now; fix it before importing into it", findings)
        old = loaded.event
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.import-", dir=folder.parent))
    try:
        target = work / folder.name
        if folder.exists():
            shutil.copytree(folder, target, symlinks=True)
        else:
            target.mkdir()
            (target / "event.yaml").write_text(_event_yaml(p, folder), encoding="utf-8")
        header = (
            f"# Written by `book import` from {source} on {when}. Edits here are replaced on the next\n"
            "# import: add translations in translations.yaml, colours and tags in categories.yaml.\n"
        )
        for name, recs in records(p, old).items():
            (target / name).write_text(
                header + (_yaml(recs) if recs else "[]\n"),
                encoding="utf-8",
            )
        report = changes(old, p) + (next_steps(p, folder) if old is None else [])
        (target / REPORT).write_text(f"import from {source} on {when}\n" + "\n".join(report) + "\n", encoding="utf-8")
        loaded, _, findings = check(target)
        errors = [f for f in findings if f.severity == "error"]
        if loaded.event is None or errors:
            raise BuildError(
                f"the imported programme does not pass `book check`; {folder} is unchanged",
                [_in_source(f, target, folder, p) for f in errors],
            )
        placed = [_in_source(f, target, folder, p) for f in findings if f.severity == "warning"]
        inside = [Path(f.file).resolve().is_relative_to(folder.resolve()) for f in placed]
        for f in (f for f, there in zip(placed, inside, strict=True) if not there):
            warn(f.format())
        if rest := sum(inside):
            warn(f"note: `book check {folder}` has {count(rest, 'more warning')} about the folder as written")
        swap(target, folder)
        return said + report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _session_id(part: str, ids) -> str | None:
    """The session id a message's quoted ``part`` names: the id itself, or a long one shown cut short ("…")."""
    if part in ids:
        return part
    if part.endswith("…"):
        return next((k for k in ids if k.startswith(part[:-1])), None)
    return None


def _in_source(finding, target: Path, folder: Path, p: Programme):
    """A finding on a file the import would have written, placed at the source's session instead."""
    where = {s.id: s.source[0] for s in p.sessions}
    named = [k for k in (_session_id(part, where) for part in finding.message.split("`")[1::2]) if k]
    if named:
        import re

        place = where[named[-1]]  # a clash names the earlier session, then the one placed at its line
        m = re.match(r"^(.+?):(?:[^!:]*!)?[A-Z]*(\d+)", place)
        return replace(finding, file=m[1] if m else place, line=int(m[2]) if m else 1, column=1)
    inside = Path(finding.file).relative_to(target) if Path(finding.file).is_relative_to(target) else None
    if inside is None:
        return finding
    return replace(finding, file=str(folder / inside), message=f"as the import would write it: {finding.message}")
