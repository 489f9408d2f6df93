"""sessions.yaml: the programme's sessions, each checked and its references resolved.

Dates and times (a night session counts on past 24:00, book/source/model.py),
the category, room and people it names (the nearest known id suggested for a
typo), its language as a code, and what the schedule tool it came from calls
it (``source_id``, ``guid``, ``url``), kept so an export gives them back.
"""

from __future__ import annotations

import difflib

from .files import list_file, unique
from .model import ALL_ROOMS, LANGS, LANGUAGE_CODE, LONGEST, NIGHT, ROLES, Session, Text
from .reader import Reader

SESSION_KEYS = (
    "id",
    "category",
    "short",
    "title",
    "description",
    "date",
    "end_date",
    "start",
    "end",
    "room",
    "people",
    "organisers",
    "online_url",
    "interpretation",
    "language",
    "subtitle",
    "full_description",
    "type",
    "links",
    "source_id",
    "guid",
    "url",
)


def load_sessions(folder, f, texts, langs, categories, rooms, people, prange):
    r, items = list_file(folder, "sessions.yaml", f, texts, langs, True)
    out, seen = [], {}
    for m in r.records(items, "a session", SESSION_KEYS, ("id", "category", "title", "date")):
        ident = r.ident(m.get("id"), "session id")
        cat = r.string(m.get("category"), "category") if "category" in m else None
        if cat and categories and cat not in categories and "categories.yaml" not in f.unreadable:
            close = difflib.get_close_matches(cat, list(categories), n=1)
            r.err(
                m["category"],
                f"unknown category `{cat}`",
                f"did you mean `{close[0]}`?" if close else "define it in categories.yaml",
            )
        title = r.text(m.get("title"), "title")
        short = r.text(m["short"], "short name") if "short" in m else title
        desc = r.text(m.get("description"), "description") if "description" in m else Text()
        day = r.date(m["date"], "date") if "date" in m else None
        end_date = r.date(m["end_date"], "end_date") if "end_date" in m else None
        start = r.time(m["start"], "start") if "start" in m else None
        end = r.time(m["end"], "end") if "end" in m else None
        if start is not None and start >= NIGHT:
            r.err(m["start"], f"a session cannot start at {m['start']}", "give it the date it starts on")
            start = None
        if end_date is None and ("start" in m) != ("end" in m):
            r.err(m, "a session with a start needs an end, and the other way round", "add the missing time")
        if start is not None and end is not None and end_date is None:
            if end <= start:
                r.err(
                    m["end"],
                    f"the session ends ({m['end']}) before it starts ({m['start']})",
                    "check the times; one that runs past midnight ends after 24:00 (00:30 is 24:30)",
                )
            elif end - start > LONGEST:
                r.err(
                    m["end"],
                    f"the session lasts more than a day ({m['start']} to {m['end']})",
                    "give a multi-day item an end_date",
                )
        if day and end_date and end_date < day:
            r.err(m["end_date"], f"end_date {end_date} is before the date {day}", "check the dates")
        for d, key in ((day, "date"), (end_date, "end_date")):
            if d and not (prange[0] <= d <= prange[1]):
                r.err(
                    m[key],
                    f"{key} {d} is outside the event's programme range ({prange[0]} to {prange[1]})",
                    "fix the date, or widen period / programme_range in event.yaml",
                )
        room = r.string(m.get("room"), "room") if "room" in m else None
        if room and room not in rooms and room != ALL_ROOMS and "rooms.yaml" not in f.unreadable:
            close = difflib.get_close_matches(room, list(rooms), n=1)
            r.err(
                m["room"],
                f"unknown room `{room}`",
                f"did you mean `{close[0]}`?" if close else "define it in rooms.yaml",
            )
        roles = {}
        if "people" in m and r.mapping(m["people"], "people") is not None:
            r.keys(m["people"], ROLES, (), "people")
            for role in ROLES:
                ids = []
                for pid_node in r.seq(m["people"].get(role), role):
                    pid = r.string(pid_node, f"{role} id")
                    if pid and pid not in people and "people.yaml" not in f.unreadable:
                        close = difflib.get_close_matches(pid, list(people), n=1)
                        r.err(
                            pid_node,
                            f"unknown person `{pid}`",
                            f"did you mean `{close[0]}`?" if close else "add them to people.yaml",
                        )
                    elif pid:
                        ids.append(pid)
                if ids:
                    roles[role] = tuple(ids)
        organisers = tuple(r.text(o, "organiser", translated=False) for o in r.seq(m.get("organisers"), "organisers"))
        url = r.url(m["online_url"], "online_url") if "online_url" in m else None
        interp = tuple(str(x) for x in r.seq(m.get("interpretation"), "interpretation"))
        language = r.string(m["language"], "language") if "language" in m else None
        if language and not LANGUAGE_CODE.match(language):
            r.err(
                m["language"],
                f"language `{language[:40]}` is not a language code",
                "give the language the session is held in as a code: ko, en, de, pt-BR",
            )
            language = None
        subtitle = r.text(m["subtitle"], "subtitle", translated=False) if "subtitle" in m else Text()
        full = (
            r.text(m["full_description"], "full_description", translated=False) if "full_description" in m else Text()
        )
        kind = r.string(m["type"], "type") if "type" in m else None
        links = tuple(_link(r, x) for x in r.seq(m.get("links"), "links"))
        ids = {k: r.string(m[k], k) for k in ("source_id", "guid") if k in m}
        page = r.url(m["url"], "url") if "url" in m else None
        given = [lang for lang in LANGS if title.get(lang, fallback=False)]
        language = language or (given[0] if len(given) == 1 else None)
        if not unique(r, seen, ident, m, "session") or day is None or cat is None:
            continue
        out.append(
            Session(
                id=ident,
                category=cat,
                short=short,
                title=title,
                date=day,
                end_date=end_date,
                start=start,
                end=end,
                room=room,
                description=desc,
                people=roles,
                organisers=organisers,
                online_url=url,
                interpretation=interp,
                language=language,
                source=(str(r.path), m.pos[0]),
                subtitle=subtitle,
                full_description=full,
                kind=kind,
                links=tuple(x for x in links if x),
                source_id=ids.get("source_id"),
                guid=ids.get("guid"),
                url=page,
            )
        )
    return tuple(out)


def _link(r: Reader, node) -> tuple[str, str] | None:
    """A link as ``{title: …, url: …}``."""
    if r.mapping(node, "a link") is None:
        return None
    r.keys(node, ("title", "url"), ("url",), "a link")
    url = r.url(node.get("url"), "link url") if "url" in node else None
    title = r.string(node["title"], "link title") if "title" in node else ""
    return (title or "", url) if url else None
