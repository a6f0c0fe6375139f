"""The deadline rules: pure functions, no database."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from filings.deadlines import (
    REPORT_FORM_CHOICES,
    REPORT_FORMS,
    DeadlineInputError,
    NoticeDeadlines,
    add_months,
    compute_deadlines,
    deemed_filing_date,
    is_after_cutoff_on_deadline_day,
    is_federal_holiday,
    is_past_notice_deadline,
    next_business_day,
    roll_to_business_day,
)
from registrants.models import FilerStatus

D = date.fromisoformat
EASTERN = ZoneInfo("America/New_York")
SEEDED_CLOSURES = frozenset({D("2018-12-05"), D("2020-12-24"), D("2025-01-09")})


def deadlines(form_type, period_end, filer_status=None, closures=(), **extra) -> NoticeDeadlines:
    return compute_deadlines(
        form_type=form_type,
        period_end=D(period_end),
        filer_status=filer_status,
        closures=closures,
        **extra,
    )


def as_iso(result: NoticeDeadlines) -> tuple[str, str, str]:
    return (
        result.report_due.isoformat(),
        result.notice_due.isoformat(),
        result.grace_end.isoformat(),
    )


def test_the_form_table_has_the_seven_reports_with_their_edgar_types_and_grace_periods():
    assert {
        code: (form.edgar_type, form.grace_days, form.has_transition_report)
        for code, form in REPORT_FORMS.items()
    } == {
        "10-K": ("NT 10-K", 15, True),
        "20-F": ("NT 20-F", 15, True),
        "11-K": ("NT 11-K", 15, True),
        "10-Q": ("NT 10-Q", 5, True),
        "10-D": ("NT 10-D", 5, False),
        "N-CEN": ("NT-NCEN", 15, False),
        "N-CSR": ("NT-NCSR", 15, False),
    }
    assert REPORT_FORM_CHOICES[0] == ("10-K", "Form 10-K")


def case(form_type, period_end, filer_status, due, *, closures=(), **extra):
    """A row of the table: the inputs, then `due`: "report-due notice-due grace-end"."""
    words = [form_type, period_end, filer_status, *extra, "closures" if closures else None]
    name = " ".join(word for word in words if word)
    return pytest.param(
        form_type, period_end, filer_status, closures, extra, tuple(due.split()), id=name
    )


SEEDED = SEEDED_CLOSURES

DEADLINE_CASES = [
    # The seed notice: 2004 is a leap year, so 90 days after 31 December is 30 March.
    case("10-K", "2003-12-31", "non_accelerated", "2004-03-30 2004-03-31 2004-04-14"),
    case("10-K", "2024-12-31", "non_accelerated", "2025-03-31 2025-04-01 2025-04-15"),
    # The worked example: the 75th day is Sunday 14 June.
    case("10-K", "2026-03-31", "accelerated", "2026-06-15 2026-06-16 2026-06-30"),
    # 60 days is Sunday 1 March.
    case("10-K", "2025-12-31", "large_accelerated", "2026-03-02 2026-03-03 2026-03-17"),
    # A status other than (large) accelerated counts as "all others".
    case("10-K", "2025-12-31", "investment_company", "2026-03-31 2026-04-01 2026-04-15"),
    # Quarters ending 30 April: 40 days, then 45 days (Sunday 14 June; grace end Saturday).
    case("10-Q", "2026-04-30", "large_accelerated", "2026-06-09 2026-06-10 2026-06-15"),
    case("10-Q", "2026-04-30", "accelerated", "2026-06-09 2026-06-10 2026-06-15"),
    case("10-Q", "2026-04-30", "non_accelerated", "2026-06-15 2026-06-16 2026-06-22"),
    # Across the year end; the grace period ends on Martin Luther King Jr. Day.
    case("10-Q", "2025-11-30", "non_accelerated", "2026-01-14 2026-01-15 2026-01-20"),
    # Due on New Year's Eve; the notice skips New Year's Day.
    case("10-Q", "2025-11-21", "large_accelerated", "2025-12-31 2026-01-02 2026-01-05"),
    # Leap day, and the same count a year without one.
    case("10-K", "2023-12-01", "non_accelerated", "2024-02-29 2024-03-01 2024-03-15"),
    case("10-K", "2022-12-01", "non_accelerated", "2023-03-01 2023-03-02 2023-03-16"),
    # 20-F: four months, month-end aware; the filer status does not matter.
    case("20-F", "2025-12-31", None, "2026-04-30 2026-05-01 2026-05-15"),
    case("20-F", "2023-10-31", None, "2024-02-29 2024-03-01 2024-03-15"),
    case("20-F", "2024-10-31", None, "2025-02-28 2025-03-03 2025-03-17"),
    case("20-F", "2025-06-30", "large_accelerated", "2025-10-31 2025-11-03 2025-11-17"),
    # 11-K: 90 days, or 180 days for an ERISA plan under Rule 15d-21.
    case("11-K", "2025-12-31", None, "2026-03-31 2026-04-01 2026-04-15"),
    case("11-K", "2025-12-31", None, "2026-06-29 2026-06-30 2026-07-14", erisa=True),
    # 10-D: 15 days after a Juneteenth distribution is Saturday 4 July (observed Friday 3).
    case(
        "10-D",
        "2026-06-19",
        None,
        "2026-07-06 2026-07-07 2026-07-13",
        distribution_date=D("2026-06-19"),
    ),
    case("N-CEN", "2025-12-31", None, "2026-03-16 2026-03-17 2026-03-31"),
    # N-CSR: 10 days after the shareholder report is sent, else 70 days.
    case(
        "N-CSR",
        "2025-12-31",
        None,
        "2026-03-09 2026-03-10 2026-03-24",
        transmission_date=D("2026-02-27"),
    ),
    case("N-CSR", "2025-12-31", None, "2026-03-11 2026-03-12 2026-03-26"),
    # Due Thursday 18 June: the notice rolls past Juneteenth, and the grace period ends on
    # the observed Independence Day, Friday 3 July. In 2020, Juneteenth was a working day.
    case(
        "N-CSR",
        "2026-04-30",
        None,
        "2026-06-18 2026-06-22 2026-07-06",
        transmission_date=D("2026-06-08"),
    ),
    case(
        "N-CSR",
        "2020-04-30",
        None,
        "2020-06-18 2020-06-19 2020-07-06",
        transmission_date=D("2020-06-08"),
    ),
    # SEC closure days: the due date moves off 5 December 2018 and 9 January 2025; a notice
    # due the day after 23 December 2020 skips the closure, Christmas and the weekend.
    case(
        "10-Q",
        "2018-10-26",
        "large_accelerated",
        "2018-12-06 2018-12-07 2018-12-11",
        closures=SEEDED,
    ),
    case(
        "10-Q",
        "2020-11-13",
        "large_accelerated",
        "2020-12-23 2020-12-28 2020-12-28",
        closures=SEEDED,
    ),
    case("N-CEN", "2024-10-26", None, "2025-01-10 2025-01-13 2025-01-27", closures=SEEDED),
    case("N-CEN", "2024-10-26", None, "2025-01-09 2025-01-10 2025-01-24"),
]


@pytest.mark.parametrize(
    "form_type, period_end, filer_status, closures, extra, due", DEADLINE_CASES
)
def test_deadlines_follow_the_rules(form_type, period_end, filer_status, closures, extra, due):
    result = deadlines(form_type, period_end, filer_status, closures, **extra)
    assert as_iso(result) == due
    assert result.edgar_type == REPORT_FORMS[form_type].edgar_type
    assert result.grace_days == REPORT_FORMS[form_type].grace_days


def test_the_worked_example_as_json():
    result = deadlines("10-K", "2026-03-31", FilerStatus.ACCELERATED)
    assert result.as_json() == {
        "edgar_type": "NT 10-K",
        "report_due": "2026-06-15",
        "notice_due": "2026-06-16",
        "grace_days": 15,
        "grace_end": "2026-06-30",
    }


# (holiday or observed day, the business day a deadline on it moves to)
HOLIDAYS = [
    ("2026-01-01", "2026-01-02"),  # New Year's Day
    ("2021-12-31", "2022-01-03"),  # New Year's Day 2022, a Saturday, observed Friday
    ("2023-01-02", "2023-01-03"),  # New Year's Day 2023, a Sunday, observed Monday
    ("2026-01-19", "2026-01-20"),  # Martin Luther King Jr. Day
    ("2026-02-16", "2026-02-17"),  # Washington's Birthday
    ("2026-05-25", "2026-05-26"),  # Memorial Day
    ("2025-06-19", "2025-06-20"),  # Juneteenth
    ("2021-06-18", "2021-06-21"),  # Juneteenth 2021, a Saturday, observed Friday
    ("2022-06-20", "2022-06-21"),  # Juneteenth 2022, a Sunday, observed Monday
    ("2026-07-03", "2026-07-06"),  # Independence Day 2026, a Saturday, observed Friday
    ("2021-07-05", "2021-07-06"),  # Independence Day 2021, a Sunday, observed Monday
    ("2026-09-07", "2026-09-08"),  # Labor Day
    ("2026-10-12", "2026-10-13"),  # Columbus Day
    ("2026-11-11", "2026-11-12"),  # Veterans Day
    ("2023-11-10", "2023-11-13"),  # Veterans Day 2023, a Saturday, observed Friday
    ("2026-11-26", "2026-11-27"),  # Thanksgiving Day
    ("2026-12-25", "2026-12-28"),  # Christmas Day
    ("2022-12-26", "2022-12-27"),  # Christmas Day 2022, a Sunday, observed Monday
]


@pytest.mark.parametrize("holiday, next_day", HOLIDAYS)
def test_a_deadline_on_a_federal_holiday_moves_to_the_next_business_day(holiday, next_day):
    assert is_federal_holiday(D(holiday))
    assert roll_to_business_day(D(holiday), closures=()) == D(next_day)


@pytest.mark.parametrize(
    "working_day",
    [
        "2020-06-19",  # Juneteenth before the 2021 Act
        "2021-01-20",  # Inauguration Day: a DC-area day off, not a legal public holiday
        "2026-04-03",  # Good Friday: the exchanges close, the SEC does not
        "2026-11-27",  # the day after Thanksgiving
        "2025-12-24",  # Christmas Eve, unless entered as an SEC closure day
    ],
)
def test_days_that_are_not_federal_holidays_stay_business_days(working_day):
    assert not is_federal_holiday(D(working_day))
    assert roll_to_business_day(D(working_day), closures=()) == D(working_day)


@pytest.mark.parametrize(
    "closure_day, next_day",
    [("2018-12-05", "2018-12-06"), ("2020-12-24", "2020-12-28"), ("2025-01-09", "2025-01-10")],
)
def test_each_seeded_closure_day_is_skipped(closure_day, next_day):
    assert roll_to_business_day(D(closure_day), closures=SEEDED_CLOSURES) == D(next_day)
    assert roll_to_business_day(D(closure_day), closures=()) == D(closure_day)


def test_weekends_move_to_monday_and_the_next_business_day_is_strictly_after():
    assert roll_to_business_day(D("2026-06-13"), closures=()) == D("2026-06-15")
    assert roll_to_business_day(D("2026-06-14"), closures=()) == D("2026-06-15")
    assert next_business_day(D("2026-06-15"), closures=()) == D("2026-06-16")
    assert next_business_day(D("2026-06-12"), closures=()) == D("2026-06-15")


@pytest.mark.parametrize(
    "day, months, expected",
    [
        ("2025-12-31", 4, "2026-04-30"),
        ("2023-10-31", 4, "2024-02-29"),
        ("2024-10-31", 4, "2025-02-28"),
        ("2026-06-30", 4, "2026-10-31"),
        ("2026-01-15", 4, "2026-05-15"),
        ("2025-10-30", 4, "2026-02-28"),  # not a month end: the shorter month's last day
        ("2025-02-28", 3, "2025-05-31"),  # a month end stays one
        ("2024-02-28", 3, "2024-05-28"),  # not the month end in a leap year
        ("2025-06-30", 9, "2026-03-31"),  # across the year end
        ("2025-09-30", 3, "2025-12-31"),
    ],
)
def test_months_are_added_month_end_aware(day, months, expected):
    assert add_months(D(day), months) == D(expected)


BAD_INPUTS = [
    ({"form_type": "10-X"}, "does not cover Form '10-X'"),
    ({"form_type": "NT 10-K"}, "choose one of 10-K, 20-F, 11-K, 10-Q, 10-D, N-CEN, N-CSR"),
    ({"form_type": "10-D"}, "Form 10-D is due a number of days after the distribution date"),
    ({"form_type": "10-K", "filer_status": None}, "depends on the filer status"),
    ({"form_type": "10-Q", "filer_status": ""}, "depends on the filer status"),
    ({"form_type": "10-K", "erisa": True}, "applies to Form 11-K, not Form 10-K"),
    ({"form_type": "10-K", "distribution_date": D("2026-04-25")}, "does not apply to Form 10-K"),
    ({"form_type": "10-Q", "transmission_date": D("2026-05-01")}, "does not apply to Form 10-Q"),
    (
        {"form_type": "N-CSR", "transmission_date": D("2026-03-01")},
        "(2026-03-01) is before the period end (2026-03-31)",
    ),
]


@pytest.mark.parametrize("inputs, message", BAD_INPUTS)
def test_bad_inputs_raise_a_readable_error(inputs, message):
    arguments = {"period_end": D("2026-03-31"), "filer_status": "accelerated", "closures": ()}
    with pytest.raises(DeadlineInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compute_deadlines(**{**arguments, **inputs})


def test_a_deadline_input_error_is_a_value_error():
    assert issubclass(DeadlineInputError, ValueError)


def test_the_notice_is_late_only_after_the_notice_deadline():
    result = deadlines("10-K", "2026-03-31", "accelerated")
    assert not is_past_notice_deadline(deadlines=result, today=D("2026-06-15"))
    assert not is_past_notice_deadline(deadlines=result, today=D("2026-06-16"))
    assert is_past_notice_deadline(deadlines=result, today=D("2026-06-17"))


@pytest.mark.parametrize(
    "now, expected",
    [
        (datetime(2026, 6, 16, 17, 30, tzinfo=EASTERN), False),
        (datetime(2026, 6, 16, 17, 30, 1, tzinfo=EASTERN), True),
        (datetime(2026, 6, 16, 21, 59, tzinfo=EASTERN), True),
        (datetime(2026, 6, 15, 18, 0, tzinfo=EASTERN), False),  # the day before
        (datetime(2026, 6, 16, 21, 31, tzinfo=UTC), True),  # 5:31 p.m. daylight time
        (datetime(2026, 6, 16, 21, 29, tzinfo=UTC), False),
        (datetime(2026, 6, 17, 1, 0, tzinfo=UTC), True),  # 9 p.m. Eastern on the 16th
    ],
)
def test_after_five_thirty_eastern_on_the_deadline_day_is_too_late(now, expected):
    assert is_after_cutoff_on_deadline_day(now=now, deadline=D("2026-06-16")) is expected


def test_the_cutoff_uses_standard_time_in_winter():
    # 22:31 UTC in January is 5:31 p.m. Eastern standard time.
    assert is_after_cutoff_on_deadline_day(
        now=datetime(2026, 1, 15, 22, 31, tzinfo=UTC), deadline=D("2026-01-15")
    )
    assert not is_after_cutoff_on_deadline_day(
        now=datetime(2026, 1, 15, 21, 31, tzinfo=UTC), deadline=D("2026-01-15")
    )


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="aware"):
        is_after_cutoff_on_deadline_day(now=datetime(2026, 6, 16, 18, 0), deadline=D("2026-06-16"))


@pytest.mark.parametrize(
    "submitted_at, filed_on",
    [
        (datetime(2026, 6, 12, 17, 30, tzinfo=EASTERN), "2026-06-12"),  # Friday, in time
        (datetime(2026, 6, 12, 17, 31, tzinfo=EASTERN), "2026-06-15"),  # Friday evening
        (datetime(2026, 6, 13, 10, 0, tzinfo=EASTERN), "2026-06-15"),  # Saturday
        (datetime(2026, 6, 18, 18, 0, tzinfo=EASTERN), "2026-06-22"),  # before Juneteenth
        (datetime(2020, 12, 23, 19, 0, tzinfo=EASTERN), "2020-12-28"),  # before the closure
    ],
)
def test_a_submission_is_deemed_filed_on_a_business_day(submitted_at, filed_on):
    assert deemed_filing_date(submitted_at=submitted_at, closures=SEEDED_CLOSURES) == D(filed_on)
