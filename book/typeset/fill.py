"""Page fill at the end of a programme day: no page a session pushed over, none under a third full.

A day group is laid out as a part of its own (book/typeset/engine.py), so
it ends wherever its sessions end. When its last page holds little (nothing
starts there below the top third, :func:`ends_short`), :func:`settle` lays
it out again: first set closer (``tight``: half the space between
sessions), kept when that saves the page; then, when the last page is still
short, with a new page forced at the session (or the day head) of the page
before that leaves the last page a third full (``break_before``), kept when
the page count holds and the last page is no longer short. Each try is one
more layout of that day only, and only for a day that ends short and is at
most ``MAX_PAGES`` pages long: a try lays the whole day out again, which for
a congress day of 80 pages costs seconds (the 1,000-session book took 85
instead of 68 s with three tries), until a long day is laid out in smaller parts.
"""

from __future__ import annotations

MAX_PAGES = 16  # the longest day part that is laid out again to even its end


def ends_short(pages) -> bool:
    """Whether a day part's last page holds little: it is not its only page,
    and nothing starts there below the top third."""
    if len(pages) < 2:
        return False
    last, before = pages[-1], set(pages[-2].anchors)
    starts = [box[1] for anchor, box in last.anchors.items() if anchor not in before]  # (x1, y1, x2, y2)
    return len(starts) <= 2 and all(y < last.height / 3 for y in starts)


def evening_break(pages) -> str | None:
    """The anchor on the next-to-last page where a new page would leave the last
    page a third full: a session's, or its day head's when it opens a day."""
    before, last = pages[-2], pages[-1]
    boxes = list(last.anchors.values())
    held = max((b[3] for b in boxes), default=0) - min((b[1] for b in boxes), default=0)
    bottom = max((b[3] for b in before.anchors.values()), default=0)
    want = last.height / 3 - held  # the height to bring over
    started = set(pages[-3].anchors) if len(pages) > 2 else set()  # a box split over pages is on each
    candidates = sorted(
        (box[1], anchor)
        for anchor, box in before.anchors.items()
        if anchor.startswith(("s-", "day-")) and anchor not in started
    )
    fitting = [(y, a) for y, a in candidates if bottom - y >= want and y > before.height / 3]
    if not fitting:
        return None
    y, anchor = fitting[-1]  # the latest that brings enough over
    heads = [a for yy, a in candidates if a.startswith("day-") and 0 <= y - yy < 40]  # its day's head goes with it
    return heads[0] if heads else anchor


def settle(pages, relayout) -> tuple[list, dict]:
    """The day's pages and the options they were laid out with ({} as first laid
    out); ``relayout(**options)`` lays the day out again with ``tight`` or
    ``break_before`` and gives the document (its ``pages``)."""
    options: dict = {}
    if len(pages) > MAX_PAGES or not ends_short(pages):
        return pages, options
    closer = relayout(tight=True).pages
    if len(closer) < len(pages):  # it saved the page
        pages, options = closer, {"tight": True}
    anchor = evening_break(pages) if ends_short(pages) else None
    if anchor is not None:
        evened = relayout(**options, break_before=anchor).pages
        if len(evened) == len(pages) and not ends_short(evened):
            pages, options = evened, {**options, "break_before": anchor}
    return pages, options
