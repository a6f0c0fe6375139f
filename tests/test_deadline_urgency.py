"""How urgent a deadline is, in business days and in hours before 5:30 p.m. Eastern."""

from datetime import UTC, date, datetime

import pytest

from filings.deadlines import EASTERN, UrgencyLevel, deadline_urgency


def eastern(*args) -> datetime:
    return datetime(*args, tzinfo=EASTERN)


@pytest.mark.parametrize(
    ("deadline", "now", "level", "words"),
    [
        (
            date(2026, 6, 16),
            eastern(2026, 6, 16, 9, 0),
            UrgencyLevel.TODAY,
            "today, 8 hours 30 minutes left before 5:30 p.m. Eastern",
        ),
        (
            date(2026, 6, 16),
            eastern(2026, 6, 16, 14, 30),
            UrgencyLevel.TODAY,
            "today, 3 hours left before 5:30 p.m. Eastern",
        ),
        (
            date(2026, 6, 16),
            eastern(2026, 6, 16, 17, 29, 30),
            UrgencyLevel.TODAY,
            "today, 0 minutes left before 5:30 p.m. Eastern",
        ),
        (
            date(2026, 6, 16),
            eastern(2026, 6, 16, 17, 31),
            UrgencyLevel.PASSED,
            "passed today at 5:30 p.m. Eastern",
        ),
        (date(2026, 6, 16), eastern(2026, 6, 17, 8, 0), UrgencyLevel.PASSED, "passed 1 day ago"),
        (date(2026, 6, 16), eastern(2026, 6, 26, 8, 0), UrgencyLevel.PASSED, "passed 10 days ago"),
        (
            date(2026, 6, 17),
            eastern(2026, 6, 16, 18, 0),
            UrgencyLevel.NEXT_BUSINESS_DAY,
            "next business day, Wednesday, June 17",
        ),
        # Juneteenth, Friday 19 June, is not counted.
        (
            date(2026, 6, 22),
            eastern(2026, 6, 16, 12, 0),
            UrgencyLevel.LATER,
            "3 business days left, by Monday, June 22",
        ),
    ],
)
def test_the_words_say_how_much_time_is_left(deadline, now, level, words):
    urgency = deadline_urgency(deadline=deadline, now=now, closures=())
    assert (urgency.level, urgency.words) == (level, words)


def test_a_deadline_after_thanksgiving_is_the_next_business_day_not_two_days_away():
    # Wednesday 25 November 2026; Thursday 26 is Thanksgiving.
    urgency = deadline_urgency(
        deadline=date(2026, 11, 27), now=eastern(2026, 11, 25, 10, 0), closures=()
    )
    assert urgency.level == UrgencyLevel.NEXT_BUSINESS_DAY
    assert urgency.words == "next business day, Friday, November 27"
    assert urgency.business_days_left == 1


def test_a_monday_deadline_seen_on_friday_is_the_next_business_day():
    urgency = deadline_urgency(
        deadline=date(2026, 6, 22), now=eastern(2026, 6, 19, 16, 0), closures=()
    )
    assert urgency.level == UrgencyLevel.NEXT_BUSINESS_DAY


def test_sec_closure_days_are_not_counted_as_business_days():
    # Tuesday 23 to Monday 29 December 2025: Christmas Eve and 26 December were closure days.
    now = eastern(2025, 12, 23, 12, 0)
    without = deadline_urgency(deadline=date(2025, 12, 29), now=now, closures=())
    with_closures = deadline_urgency(
        deadline=date(2025, 12, 29),
        now=now,
        closures={date(2025, 12, 24), date(2025, 12, 26)},
    )
    assert without.words == "3 business days left, by Monday, December 29"
    assert with_closures.words == "next business day, Monday, December 29"


def test_the_day_is_read_in_eastern_time():
    # 02:00 UTC on 17 June is still 16 June, 10 p.m., in New York: past the cut-off that day.
    urgency = deadline_urgency(
        deadline=date(2026, 6, 16), now=datetime(2026, 6, 17, 2, 0, tzinfo=UTC), closures=()
    )
    assert urgency.words == "passed today at 5:30 p.m. Eastern"


def test_sorting_by_time_left_puts_what_is_due_first_first():
    now = eastern(2026, 11, 25, 10, 0)
    deadlines = [date(2026, 12, 15), date(2026, 11, 27), date(2026, 11, 2), date(2026, 11, 25)]
    urgencies = sorted(
        (deadline_urgency(deadline=deadline, now=now, closures=()) for deadline in deadlines),
        key=lambda urgency: urgency.seconds_left,
    )
    assert [urgency.level for urgency in urgencies] == [
        UrgencyLevel.PASSED,
        UrgencyLevel.TODAY,
        UrgencyLevel.NEXT_BUSINESS_DAY,
        UrgencyLevel.LATER,
    ]
    assert urgencies[0].words == "passed 23 days ago"
    assert urgencies[-1].business_days_left == 13


def test_a_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        deadline_urgency(deadline=date(2026, 6, 16), now=datetime(2026, 6, 16, 9), closures=())
