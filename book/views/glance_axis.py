"""The glance's time axis: where each minute of a day falls on the page.

The axis starts at the day's first session and ends at its last. It is
piecewise linear: every stretch between two session boundaries gets the
scale's height for its length, and

- a stretch of an hour or more with no session (lunch, the night before a
  late film) is cut out and drawn as a break mark of ``BREAK_MM``;
- a stretch where sessions are too short for a line of text (five-minute
  lightning talks) is stretched until each of its sessions holds what it
  needs, so every cell shows its time, without enlarging the rest of the day.

Hour labels stand at whole hours outside the cuts, and the time a cut
resumes at is labelled too. ``windows`` splits an axis too tall for the page
into parts at boundaries no session crosses, each starting with a session;
``plan`` chooses the scale for a day's pages from ``SCALES``.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from . import i18n
from .glance_parts import CELL_PAD_MM, MM_PER_HOUR

BREAK_MM = 4.0  # the height a cut takes: its break mark
MIN_CUT = 60  # minutes with no session before they are cut
LABEL_GAP_MM = 3.0  # an hour label closer than this to the one above is left out


@dataclass(frozen=True)
class Axis:
    """Minutes to mm: ``times`` and ``mms`` are matching breakpoints; ``cuts`` the (start, end) minutes cut out."""

    times: tuple[int, ...]
    mms: tuple[float, ...]
    cuts: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.times[0]

    @property
    def end(self) -> int:
        return self.times[-1]

    @property
    def height_mm(self) -> float:
        return self.mms[-1] - self.mms[0]

    def mm(self, t: float) -> float:
        """The mm from the axis' top at minute ``t`` (clamped to the axis)."""
        t = min(max(t, self.times[0]), self.times[-1])
        i = min(bisect.bisect_right(self.times, t), len(self.times) - 1)
        t0, t1, y0, y1 = self.times[i - 1], self.times[i], self.mms[i - 1], self.mms[i]
        y = y0 if t1 == t0 else y0 + (y1 - y0) * (t - t0) / (t1 - t0)
        return y - self.mms[0]

    def part(self, t0: int, t1: int) -> Axis:
        """The axis between minutes ``t0`` and ``t1`` (both breakpoints)."""
        i, j = self.times.index(t0), len(self.times) - 1 - self.times[::-1].index(t1)
        cuts = tuple(c for c in self.cuts if t0 <= c[0] and c[1] <= t1)
        return Axis(self.times[i : j + 1], self.mms[i : j + 1], cuts)

    def labels(self) -> list[dict]:
        """The time labels: the start, whole hours outside the cuts, each cut's resume time; at their mm."""
        marks = {self.start, *(b for _a, b in self.cuts)}
        for h in range((self.start + 59) // 60 * 60, self.end + 1, 60):
            if not any(a < h < b for a, b in self.cuts):
                marks.add(h)
        out, last = [], None
        for t in sorted(marks):
            y = self.mm(t)
            if last is not None and y - last < LABEL_GAP_MM:
                continue
            out.append({"label": i18n.hm(t), "mm": y, "whole": t % 60 == 0})
            last = y
        return out

    def breaks(self) -> list[float]:
        """The mm of each break mark's top."""
        return [self.mm(a) for a, _b in self.cuts]


def build_axis(spans: list[tuple[int, int, float]], scale: float) -> Axis:
    """The axis for sessions given as (start, end, mm it needs), at ``scale`` mm per hour."""
    t0, t1 = min(s for s, _e, _n in spans), max(e for _s, e, _n in spans)
    times = sorted({t0, t1, *(t for s, e, _n in spans for t in (s, e))})
    covered = [any(s < b and e > a for s, e, _n in spans) for a, b in itertools.pairwise(times)]
    heights, cuts = [], []
    for (a, b), busy in zip(itertools.pairwise(times), covered, strict=True):
        if not busy and b - a >= MIN_CUT:
            heights.append(BREAK_MM)
            cuts.append((a, b))
        else:
            heights.append((b - a) / 60 * scale)
    fixed = {i for i, (a, b) in enumerate(itertools.pairwise(times)) if (a, b) in cuts}
    index = {t: i for i, t in enumerate(times)}
    # Stretch: a session whose stretches hold less than it needs scales them up, shortest sessions first.
    for _ in range(8):
        short = False
        for s, e, need in sorted(spans, key=lambda x: x[1] - x[0]):
            ids = [i for i in range(index[s], index[e]) if i not in fixed]
            have = sum(heights[i] for i in ids)
            if ids and have + 0.01 < need:
                short = True
                factor = need / have if have > 0 else None
                for i in ids:
                    heights[i] = heights[i] * factor if factor else need / len(ids)
        if not short:
            break
    mms = [0.0, *itertools.accumulate(heights)]
    return Axis(tuple(times), tuple(mms), tuple(cuts))


def windows(
    axis: Axis, spans: list[tuple[int, int, float]], room_mm: float, first_mm: float | None = None
) -> list[Axis]:
    """The axis in parts of at most ``room_mm`` (the first part: ``first_mm``, on a page that has
    less room), cut where no session crosses and a session starts, else at any boundary; one part when it fits."""
    full, room_mm = room_mm, first_mm if first_mm is not None else room_mm
    if axis.height_mm <= room_mm:
        return [axis]
    starts = {s for s, _e, _n in spans}
    clean = [t for t in axis.times[1:-1] if t in starts and not any(s < t < e for s, e, _n in spans)]
    anywhere = [t for t in axis.times[1:-1] if t in starts]
    parts, top = [], axis.start
    while axis.mm(axis.end) - axis.mm(top) > room_mm:
        fits = [t for t in clean if t > top and axis.mm(t) - axis.mm(top) <= room_mm]
        if not fits:
            fits = [t for t in anywhere if t > top and axis.mm(t) - axis.mm(top) <= room_mm]
        if not fits:  # a single stretch taller than the page: cut at the next boundary
            fits = [next(t for t in axis.times if t > top)]
        cut = max(fits)
        gap = next((a for a, b in axis.cuts if b == cut), cut)  # a part does not end on a break mark
        parts.append(axis.part(top, gap))
        top, room_mm = cut, full
    parts.append(axis.part(top, axis.end))
    return parts


def need(g, two_lines: bool) -> float:
    """The mm a cell needs: its time over a line of title, or one line set solid."""
    return 2 * g.line_mm + 2 * CELL_PAD_MM + 0.05 if two_lines else g.one_line_mm + 0.05


# (mm per hour, cells hold two lines): the first that sets each page's part of the day on one page wins.
# Two lines (the time over the title) at a smaller scale come before one line at a larger: the stretch
# gives short sessions their two lines where they are, and a long session is tall at any scale.
SCALES = tuple((mm, two) for two in (True, False) for mm in (MM_PER_HOUR, 12.0, 9.0, 7.0))


def plan(pages_of, room_mm, first_mm, g):
    """For each page's columns, its axis parts; the scale's description; and whether the day's two
    pages face each other as a spread on one axis (rooms or lanes split at the gutter). Two pages of
    columns make a spread at the roomiest scale one axis fits; else (and for one or three pages or
    more) each page's part of the day is set at the roomiest scale that fits it on one page, or at
    the one that takes fewest pages."""
    if len(pages_of) == 2:
        for scale, two in SCALES:
            spans = [(s.start, s.end, need(g, two)) for s in {s.id: s for _c, h in pages_of for s in h}.values()]
            axis = build_axis(spans, scale)
            if axis.height_mm <= first_mm:
                return [(cols, here, [axis]) for cols, here in pages_of], _how(scale, two), True
    best = None
    for scale, two in SCALES:
        parts = []
        for i, (cols, here) in enumerate(pages_of):
            spans = [(s.start, s.end, need(g, two)) for s in here]
            parts.append((cols, here, windows(build_axis(spans, scale), spans, room_mm, first_mm if i == 0 else None)))
        total = sum(len(w) for _c, _h, w in parts)
        if best is None or total < best[0]:
            best = (total, parts, _how(scale, two))
        if total == len(pages_of):
            break
    return best[1], best[2], False


def _how(scale: float, two: bool) -> str:
    return f"{scale:g} mm per hour, {'two lines' if two else 'one line'} a cell"
