"""Time zones as an event or a source names them: an IANA name that zoneinfo knows, checked
before it is used (a path, a list or a made-up name is refused, never looked up as a file)."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*")


def known_zone(value) -> str | None:
    """``value`` if it is a time zone zoneinfo knows by its IANA name (Europe/Berlin), else None."""
    if not isinstance(value, str) or len(value) > 64 or not ZONE_NAME.fullmatch(value):
        return None
    try:
        ZoneInfo(value)
    except (ValueError, OSError, LookupError):  # ZoneInfoNotFoundError is a KeyError
        return None
    return value
