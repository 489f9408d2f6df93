"""The clash checks (book/source/checks.py) against the plain pairwise definition, and at scale."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from book.errors import Findings
from book.source.checks import check_clashes
from book.source.model import ALL_ROOMS, Session, Text


def make(i, day, start, length, room, people=()):
    return Session(
        id=f"s{i}",
        category="talk",
        short=Text(en="t"),
        title=Text(en="t"),
        date=date(2021, 10, 7 + day),
        start=start,
        end=start + length,
        room=room,
        people={"speaker": tuple(people)} if people else {},
        source=("sessions.yaml", i + 1),
    )


sessions = st.lists(
    st.tuples(
        st.integers(0, 1),
        st.integers(0, 20).map(lambda x: x * 30),
        st.integers(1, 6).map(lambda x: x * 15),
        st.sampled_from(["a", "b", ALL_ROOMS, None]),
        st.lists(st.sampled_from(["kim", "lee"]), max_size=2),
    ),
    max_size=25,
).map(lambda rows: [make(i, *row) for i, row in enumerate(rows)])


def overlap(a, b):
    return a.date == b.date and a.start < b.end and b.start < a.end


def flagged(findings, severity, needle):
    """The sessions named second in each finding: the one placed at its line."""
    return sorted(f.line - 1 for f in findings.items if f.severity == severity and needle in f.message)


@settings(max_examples=300, deadline=None)
@given(sessions)
def test_each_session_that_overlaps_another_is_named_once(programme):
    f = Findings(Path("."))
    check_clashes(f, programme)
    # The pairwise definition: a session is named when it overlaps one that comes before it
    # (by start, then end, then the order of the file).
    order = sorted(range(len(programme)), key=lambda i: (programme[i].date, programme[i].start, programme[i].end, i))
    rank = {i: n for n, i in enumerate(order)}

    def named(related):
        return sorted(
            i
            for i, s in enumerate(programme)
            if any(rank[j] < rank[i] and overlap(programme[j], s) and related(programme[j], s) for j in order)
        )

    def same_room(a, b):
        return a.room not in (None, ALL_ROOMS) and a.room == b.room

    assert flagged(f, "warning", "in room") == named(same_room)

    def people(s):
        return {p for ids in s.people.values() for p in ids}

    booked = sorted(
        i
        for i, s in enumerate(programme)
        for pid in people(s)
        if any(rank[j] < rank[i] and overlap(programme[j], s) and pid in people(programme[j]) for j in order)
    )
    assert flagged(f, "warning", "is booked in") == booked
    every = [s for s in programme if s.room == ALL_ROOMS]
    in_rooms = [s for s in programme if s.room not in (None, ALL_ROOMS)]
    assert len([x for x in f.items if "for every room" in x.message]) == sum(
        any(overlap(a, s) for a in every) for s in in_rooms
    )


def test_three_thousand_sessions_in_one_room_at_once_are_2999_findings():
    programme = [make(i, 0, 540, 60, "hall") for i in range(3_000)]
    f = Findings(Path("."))
    check_clashes(f, programme)
    assert len(f.items) == 2_999
    assert f.items[0].message.startswith("sessions `s0` and `s1` are in room `hall` at overlapping times")
