"""Counts in the tool's messages: "1 page", "2 pages", "no page"."""

from __future__ import annotations

IRREGULAR = {"person": "people", "is": "are", "has": "have"}


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for one: ``count(1, "page")`` is "1 page"."""
    return f"{n} {noun if n == 1 else plural or IRREGULAR.get(noun) or noun + 's'}"
