"""Which time zone an imported programme is printed in, decided once per source.

A source's own word wins: the zone it names (``time_zone_name``,
``X-WR-TIMEZONE``, an event's ``TZID``). Then the zone given to the import
(``--timezone``, or the zone of the event folder it updates). Then the offset
its times carry (``+01:00``; ``Z`` is UTC), so that a 15:30 talk in Berlin
stays 15:30 and is never moved to Seoul. A source that says nothing is read
as Asia/Seoul. Every choice but the first two is a warning that names the
zone used, and a zone given but not used is said too.

Some tools mark local times as UTC (``Z``). :func:`suspect_fake_utc` says so
when it shows: frab's own ``start`` (the clock time on the day) differs from
the ``Z`` time read in the zone, or most sessions would start in the small
hours. ``--times-are-local`` then reads the times as the zone's own.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta
from functools import lru_cache

from .common import Programme, zone_of

DEFAULT = "Asia/Seoul"
ISO_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")


def offsets_in(moments) -> list[timedelta | None]:
    """The UTC offset of each ISO 8601 date and time in ``moments`` (None for a local time)."""
    found = []
    for text in moments:
        m = ISO_MOMENT.match(str(text).strip())
        if m:
            try:
                found.append(datetime.fromisoformat(m[0].replace("Z", "+00:00")).utcoffset())
            except ValueError:
                continue
    return found


def choose(p: Programme, where: str, named, given: str | None, offsets) -> str:
    """The zone the programme ``p`` is printed in (see the module's docstring); ``where``
    is the source line a warning points at."""
    if named not in (None, ""):
        zone = zone_of(p, where, named, None)
        if zone is not None:
            if given and given != zone:
                p.warn(
                    where,
                    f"the file names its time zone, {zone}: the zone given ({given}) is not used",
                    "leave out --timezone for a file that names its zone",
                )
            return zone
    if given:
        return given
    counted = Counter(o for o in offsets if o is not None)
    if counted:
        offset = counted.most_common(1)[0][0]
        zone = offset_zone(offset)
        p.warn(
            where,
            f"the file names no time zone; its times carry the offset {_hhmm(offset)}, so they are printed"
            f" as {zone}" + (f" ({len(counted)} offsets differ: the most common is used)" if len(counted) > 1 else ""),
            "give --timezone with the event's zone (such as Europe/Berlin) to print them under its name",
        )
        return zone
    p.warn(
        where,
        f"the file names no time zone and its times carry no offset: they are read as {DEFAULT}",
        "give --timezone with the event's zone (such as Europe/Berlin) if it is elsewhere",
    )
    return DEFAULT


def _hhmm(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign, minutes = ("-" if minutes < 0 else "+"), abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=64)
def offset_zone(offset: timedelta) -> str:
    """A zone that is always at ``offset``: UTC, ``Etc/GMT-1`` for +01:00 (the sign is POSIX's),
    or for an offset of part of an hour the first zone of the database at it."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    if minutes % 60 == 0 and -12 * 60 <= minutes <= 14 * 60:
        return f"Etc/GMT{-minutes // 60:+d}"
    from zoneinfo import ZoneInfo, available_timezones

    moment = datetime(2020, 1, 15, 12)
    for name in sorted(available_timezones()):
        if (
            "/" in name
            and not name.startswith(("Etc/", "SystemV/", "US/"))
            and ZoneInfo(name).utcoffset(moment) == offset
        ):
            return name
    return "UTC"


NIGHT_HOURS = 7 * 60  # a session starting before 07:00 is a night one


def suspect_fake_utc(p: Programme, where: str, offsets, clocks: list[tuple[int, int]]) -> None:
    """A warning when the source's ``Z`` times look like local times marked UTC: ``clocks`` are
    (the clock time the source also writes, or -1, the time read in the zone), in minutes."""
    if p.local or not offsets or any(o for o in offsets if o is not None) or p.timezone == "UTC":
        return
    told = [(c, t) for c, t in clocks if c >= 0]
    differ = sum(1 for c, t in told if c != t % 1440)
    night = sum(1 for _, t in clocks if t % 1440 < NIGHT_HOURS)
    if (told and differ > len(told) / 2) or (clocks and night > len(clocks) / 2):
        why = (
            f"{differ} of {len(told)} events give a start on the day that is not their Z time in {p.timezone}"
            if told and differ > len(told) / 2
            else f"{night} of {len(clocks)} sessions would start before 07:00 in {p.timezone}"
        )
        p.warn(
            where,
            f"the times are marked UTC (Z) but look like local times: {why}",
            f"if they are local, import again with --timezone {p.timezone} --times-are-local",
        )
