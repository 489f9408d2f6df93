"""One session from a source into the programme: placed on its day, checked, defaults named.

Every format reads its own layout and hands each session to :func:`session`,
which decides what the model cannot take as it is: a night that runs past
midnight counts on from its day (:func:`timed`), a missing length gets
:data:`DEFAULT_MINUTES`, a duplicate id is renamed, a timed session of over a
day becomes a multi-day item, an address that is not a web address is left
out. Each of these is a warning at the source's line; what makes a book wrong
is a problem, and the import stops.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..model import LANGUAGE_CODE, LONGEST, NIGHT, Session, Text, language_of
from ..reader import MAX_URL, URL_RE
from .common import MAX_SESSIONS, Programme, in_language


def web_addresses(p: Programme, where: str, ident: str, found) -> list[str | None]:
    """Each of ``found`` when it is a web address a page can print; else None, and a warning (real
    exports carry ``http://`` with nothing after it, or a page's path alone)."""
    out, bad = [], []
    for value in found:
        value = (value or "").strip()
        if value and (len(value) > MAX_URL or not URL_RE.match(value)):
            bad.append(f"`{value[:80]}`")
            value = ""
        out.append(value or None)
    if bad:
        p.warn(
            where,
            f"session `{ident}` links to {', '.join(bad[:3])}{' …' if len(bad) > 3 else ''}, "
            f"{'which is not a web address' if len(bad) == 1 else f'{len(bad)} that are not web addresses'}: left out",
            "give links as full https:// addresses",
        )
    return out


DEFAULT_MINUTES = 30  # the length a session gets when its source gives none (named in a warning)


def timed(start: datetime, end: datetime, day: date | None = None) -> tuple[date, int, int]:
    """(the day it belongs to, start, end) in minutes after that day's midnight, as the clock
    reads them: a session that runs into the night counts on past 24:00 (00:30 is 1470), and one
    the source places on the day before (frab's day runs until its ``day_change``) starts past 24:00."""
    day = day or start.date()
    offset = (start.date() - day).days * 1440
    s = offset + start.hour * 60 + start.minute
    e = (end.date() - day).days * 1440 + end.hour * 60 + end.minute
    if not 0 <= s < NIGHT - 60 or not 0 <= offset <= 1440 or e > NIGHT:  # not this day's night: its own date
        return timed(start, end)
    return day, s, e


def session(
    p: Programme,
    where: str,
    *,
    ident: str,
    title: str,
    language: str | None,
    start: datetime,
    end: datetime,
    room: str | None,
    category: str,
    people: dict,
    description: str = "",
    online_url: str | None = None,
    line: int = 0,
    end_at: str | None = None,
    day: date | None = None,
    whole_days: bool = False,
    **kept,
) -> None:
    """Add one session, checked; ``start`` and ``end`` are in the event's zone, ``day`` the
    programme day the source files it under (else the date it starts on). ``end_at`` is where
    the end is written, when not at ``where`` (a sheet's end cell); ``kept`` are the Session
    fields the source gives as they are (subtitle, kind, links, source_id, guid, url)."""
    if len(p.sessions) >= MAX_SESSIONS:
        if not any(x.message.startswith("more than") for x in p.problems):
            p.fail(where, f"more than {MAX_SESSIONS:,} sessions, more than any programme book holds", "split the event")
        return
    if not title or not title.strip():
        p.fail(where, f"session `{ident}` has no title", "give every session a title")
        return
    if end < start:
        p.fail(
            end_at or where,
            f"session `{ident}` ends ({end:%H:%M}) before it starts ({start:%H:%M})",
            "check the duration or the end time",
        )
        return
    if end == start and not whole_days:
        p.warn(
            end_at or where,
            f"session `{ident}` has no length (it ends as it starts, at {start:%H:%M}): given {DEFAULT_MINUTES} minutes",
            "give it its end or duration",
        )
        end = start + timedelta(minutes=DEFAULT_MINUTES)
    if ident in p.ids:
        n = 2
        while f"{ident}-{n}" in p.ids:
            n += 1
        p.warn(
            where, f"the id `{ident}` is given twice: this session is imported as `{ident}-{n}`", "give each its own id"
        )
        kept.setdefault("source_id", ident)
        ident = f"{ident}-{n}"
    p.ids.add(ident)
    if kept.get("links") or kept.get("url") or online_url:
        links = kept.get("links", ())
        *addresses, kept_url, online_url = web_addresses(
            p, where, ident, [u for _, u in links] + [kept.get("url"), online_url]
        )
        kept["links"] = tuple((t, u) for (t, _), u in zip(links, addresses, strict=True) if u)
        kept["url"] = kept_url
    lang = language if language and LANGUAGE_CODE.match(language) else None
    title_text = in_language(title, lang)
    common = dict(
        id=ident,
        category=category,
        short=title_text,
        title=title_text,
        room=room,
        description=in_language(description, lang or language_of(title)) if description else Text(),
        people={role: tuple(ids) for role, ids in people.items() if ids},
        online_url=online_url,
        language=lang or language_of(title),
        source=(where, line),
        **kept,
    )
    if whole_days:  # an item of whole days (an exhibition), from ``start`` to the midnight ``end``
        last = (end - timedelta(minutes=1)).date()
        p.sessions.append(Session(date=start.date(), end_date=last if last != start.date() else None, **common))
        return
    if end - start > timedelta(minutes=LONGEST):
        p.warn(
            where,
            f"session `{ident}` lasts more than a day ({start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M}): "
            "imported as a multi-day item, without times",
            "give it the times of each day, if it has them",
        )
        last = (end - timedelta(minutes=1)).date()
        p.sessions.append(Session(date=start.date(), end_date=last if last != start.date() else None, **common))
        return
    on, s, e = timed(start, end, day)
    p.sessions.append(Session(date=on, start=s, end=e, **common))
