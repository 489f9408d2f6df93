"""The WHRCF 2021 data: complete, consistent, and honest about the source."""

from datetime import date

from book.pipeline.check_event import load as load_event

from .conftest import EVENT


def test_all_37_sessions_load_without_findings():
    loaded = load_event(EVENT)
    assert [f.format() for f in loaded.findings.items] == []
    assert len(loaded.event.sessions) == 37
    assert len({s.id for s in loaded.event.sessions}) == 37


def test_every_session_has_both_languages_and_a_category():
    event = load_event(EVENT).event
    for s in event.sessions:
        assert s.short.ko and s.short.en, s.id
        assert s.title.ko and s.title.en, s.id
        assert s.category in event.categories, s.id


def test_categories_are_the_seven_of_the_programme():
    event = load_event(EVENT).event
    assert list(event.categories) == ["official", "plenary", "thematic", "special", "network", "training", "side"]


def test_resolved_discrepancies_are_in_the_data():
    event = load_event(EVENT).event
    by_id = {s.id: s for s in event.sessions}
    assert event.period == (date(2021, 10, 6), date(2021, 10, 10))  # not 2022
    assert by_id["closing"].date == date(2021, 10, 10)
    assert by_id["dark-tour"].start == 13 * 60 and by_id["dark-tour"].end == 16 * 60
    assert by_id["rights-economy"].end == 24 * 60  # 24:00 stays on its day
    assert by_id["exhibition"].date == date(2021, 10, 7) and by_id["exhibition"].end_date == date(2021, 10, 29)
    assert {s.date for s in event.sessions if s.category == "side" and s.date.day in (1, 5)} == {
        date(2021, 10, 1),
        date(2021, 10, 5),
    }


def test_discrepancy_record_names_each_resolution():
    text = (EVENT / "DISCREPANCIES.md").read_text(encoding="utf-8")
    for needle in ("2022", "10. 10.(토)", "10. 1.(목)", "(Mon)", "10. 7.(금)", "13:00~16:00", "16:00-17:30"):
        assert needle in text, needle


def test_no_weekday_is_typed_into_the_data():
    for path in EVENT.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for token in (
            "(월)",
            "(화)",
            "(수)",
            "(목)",
            "(금)",
            "(토)",
            "(일)",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "(Mon)",
            "(Tue)",
            "(Wed)",
            "(Thu)",
            "(Fri)",
            "(Sat)",
            "(Sun)",
        ):
            assert token not in text, f"{path.name} types a weekday: {token}"
