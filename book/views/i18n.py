"""Dates, weekdays, times and interface labels, per language.

Dates and weekday names come from CLDR through Babel, never from typed-in
tables. Interface labels ("Contents", "목차"…) live in ``templates/labels.yaml``
so a designer or translator can change the wording without touching code.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton

from ..paths import LABELS
from ..source.yamlsrc import load_yaml

LOCALES = {"ko": "ko_KR", "en": "en_GB"}
# CLDR puts thin and narrow no-break spaces around dashes and in times; the
# CJK fonts have neither, so they would pull in a fallback font.
_SPACES = str.maketrans({"\u2009": " ", "\u202f": "\u00a0"})


RANGE = "–"  # one range mark for dates and times, in both languages, closed: 7–10 Oct, 13:00–15:00


def _clean(text: str) -> str:
    """CLDR's text as the book sets it: no thin spaces, one closed range mark,
    and no space before a Korean weekday's bracket (7일(목))."""
    text = text.translate(_SPACES)
    text = text.replace(" – ", RANGE).replace("~", RANGE).replace(" - ", RANGE)
    return text.replace(" (", "(")


def date_long(d: date, lang: str) -> str:
    """2021년 10월 10일 일요일 / Sunday, 10 October 2021"""
    return _clean(format_date(d, "full", locale=LOCALES[lang]))


def date_day(d: date, lang: str) -> str:
    """10월 10일 일요일 / Sunday 10 October"""
    return _clean(format_skeleton("MMMMEEEEd", d, locale=LOCALES[lang]))


def date_short(d: date, lang: str) -> str:
    """10월 10일(일) / Sun 10 Oct"""
    return _clean(format_skeleton("MMMEd", d, locale=LOCALES[lang]))


def date_range(start: date, end: date, lang: str) -> str:
    """2021년 10월 6일–10일 / 6–10 Oct 2021"""
    if start == end:
        return _clean(format_skeleton("yMMMd", start, locale=LOCALES[lang]))
    return _clean(format_interval(start, end, "yMMMd", locale=LOCALES[lang]))


def day_range(start: date, end: date, lang: str) -> str:
    """10월 7일(목)–29일(금) / Thu 7 Oct–Fri 29 Oct"""
    return _clean(format_interval(start, end, "MMMEd", locale=LOCALES[lang]))


def as_of(when: datetime, lang: str) -> str:
    """10월 5일 18:30 기준 / as of 5 Oct 18:30"""
    day = _clean(format_skeleton("MMMd", when.date(), locale=LOCALES[lang]))
    return labels(lang)["as_of"].format(when=f"{day} {when:%H:%M}")


def tab_label(d: date, lang: str) -> str:
    """A fore-edge tab: the day of the month over the weekday (8 / 금, 8 / Fri)."""
    return f"{d.day}\n{_clean(format_date(d, 'EEE', locale=LOCALES[lang]))}"


def language_name(code: str, lang: str) -> str:
    """'en' as 영어 / English, from CLDR; an unknown code is shown as given."""
    try:
        return Locale.parse(code).get_display_name(LOCALES[lang]) or code
    except (ValueError, UnknownLocaleError):
        return code


def hm(minutes: int, end: bool = False) -> str:
    """Minutes after midnight as the clock shows them: the night after the date is its own
    hours again (1470 is 00:30), but an ``end`` at midnight stays 24:00."""
    if minutes >= 1440 and not (end and minutes == 1440):
        minutes -= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def time_range(start: int | None, end: int | None) -> str:
    if start is None:
        return ""
    return f"{hm(start)}{RANGE}{hm(end, end=True)}" if end is not None else hm(start)


def zone_abbreviation(d: date, tz: str) -> str:
    """KST, CEST: the zone's abbreviation on that date."""
    return datetime.combine(d, time(12), tzinfo=ZoneInfo(tz)).tzname() or tz


def zones_note(d: date, tz: str, other: str, lang: str) -> str:
    """Both zones, named in the language: 한국 시간(KST), 중부유럽 시간(CEST) / Korean Time (KST), …"""
    from babel.dates import get_timezone, get_timezone_name

    def name(zone: str) -> str:
        try:
            return get_timezone_name(get_timezone(zone), "long", locale=LOCALES[lang])
        except (LookupError, ValueError):
            return zone

    space = "" if lang == "ko" else " "
    return ", ".join(f"{name(z)}{space}({zone_abbreviation(d, z)})" for z in (tz, other))


def other_zone_range(d: date, start: int | None, end: int | None, tz: str, other: str) -> str:
    """The same time range in another zone, e.g. '03:00–05:00 CEST'."""
    if start is None or end is None:
        return ""
    base = datetime.combine(d, time(0), tzinfo=ZoneInfo(tz))
    try:
        a = (base + timedelta(minutes=start)).astimezone(ZoneInfo(other))
        b = (base + timedelta(minutes=end)).astimezone(ZoneInfo(other))
    except OverflowError:  # past year 9999; the data checks refuse such dates
        return ""
    shift = (a.date() - d).days
    mark = f" ({'+' if shift > 0 else '−'}{abs(shift)}d)" if shift else ""
    return f"{a:%H:%M}–{b:%H:%M} {a.tzname()}{mark}"


@cache
def _labels() -> dict:
    return load_yaml(LABELS, [LABELS.parent], area="the templates folder") or {}


def labels(lang: str) -> dict[str, str]:
    """All interface labels in one language."""
    return {key: str(value.get(lang) or value.get("en")) for key, value in _labels().items()}
