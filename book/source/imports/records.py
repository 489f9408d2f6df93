"""The programme this tool exported, read back from the records it writes into frab JSON.

``book export --format frab-json`` puts the whole programme (both languages,
the sessions without a time, what the schedule tool called each one) into
``conference.meta.programme-book``; reading it gives back the same model.
"""

from __future__ import annotations

from datetime import date

from ..model import Category, Person, Room, Session, Text
from .common import Programme


def from_records(p: Programme, recs: dict, name: str) -> Programme:
    """The programme this tool exported, from its records."""

    def text(d):
        return Text(**{k: v for k, v in (d or {}).items() if k in ("ko", "en")})

    p.listed |= {"rooms", "categories", "people"}  # in the exported event's own order
    try:
        for c in recs["categories"]:
            p.categories[c["id"]] = Category(
                c["id"],
                text(c["label"]),
                c.get("colour") or "",
                tuple(c["cmyk"]) if c.get("cmyk") else None,
                text(c.get("tag")),
                frozenset(k for k in ("colour", "cmyk", "tag") if c.get(k)),
            )
        for r in recs["rooms"]:
            p.rooms[r["id"]] = Room(r["id"], text(r["name"]))
        for x in recs["people"]:
            p.people[x["id"]] = Person(
                x["id"], text(x["name"]), text(x.get("affiliation")), source_id=x.get("source_id"), guid=x.get("guid")
            )
        for s in recs["sessions"]:
            p.sessions.append(
                Session(
                    id=s["id"],
                    category=s["category"],
                    short=text(s["short"]),
                    title=text(s["title"]),
                    date=date.fromisoformat(s["date"]),
                    end_date=date.fromisoformat(s["end_date"]) if s.get("end_date") else None,
                    start=s.get("start"),
                    end=s.get("end"),
                    room=s.get("room"),
                    description=text(s.get("description")),
                    people={r: tuple(i) for r, i in (s.get("people") or {}).items()},
                    online_url=s.get("online_url"),
                    language=s.get("language"),
                    source=(name, 1),
                    organisers=tuple(text(o) for o in s.get("organisers") or ()),
                    interpretation=tuple(s.get("interpretation") or ()),
                    subtitle=text(s.get("subtitle")),
                    full_description=text(s.get("full_description")),
                    kind=s.get("type"),
                    links=tuple((t, u) for t, u in s.get("links") or ()),
                    source_id=s.get("source_id"),
                    guid=s.get("guid"),
                    url=s.get("url"),
                )
            )
    except (KeyError, TypeError, ValueError) as exc:
        p.fail(
            f"{name}:1",
            f"the programme-book records in conference.meta are damaged ({exc.__class__.__name__}: {exc})",
            "export the schedule again",
        )
    return p
