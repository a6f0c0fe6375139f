"""Deadlines of a late periodic report: when the report is due, when its Form 12b-25 notice is
due, and when the Rule 12b-25(b) grace period ends.

Pure rules: no database, no clock. SEC closure days and "today" or "now" come in as arguments,
so the same functions serve the notice wizard, the review page, the dashboard and the
`deadlines` command. The figures that can change live in one table, `REPORT_FORMS`.
"""

import calendar
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

# SEC deadlines run on Eastern time (Exchange Act Rule 0-2, Regulation S-T Rule 13).
EASTERN = ZoneInfo("America/New_York")

# Filer status codes, the values of registrants.models.FilerStatus (not imported: this module
# stays free of the ORM). Any other status (non-accelerated, foreign private issuer,
# investment company...) counts as "all others" in the due-date tables; only Forms 10-K and
# 10-Q have due dates that depend on the status.
LARGE_ACCELERATED = "large_accelerated"
ACCELERATED = "accelerated"
ALL_OTHERS = "all_others"

# Rule 30e-1: a fund sends its shareholder report within 60 days of the period end.
SHAREHOLDER_REPORT_DAYS = 60

# What a due date is counted from.
PERIOD_END = "period_end"
DISTRIBUTION_DATE = "distribution_date"
TRANSMISSION_DATE = "transmission_date"


@dataclass(frozen=True)
class DueRule:
    """How the prescribed due date of a report is counted.

    `days_by_status` gives calendar days after the anchor date per filer status class
    (`LARGE_ACCELERATED`, `ACCELERATED`, `ALL_OTHERS`); `months` counts whole months instead.
    `erisa_days` replaces the days for plans filing under Rule 15d-21. When the anchor is an
    optional date that was not given, `days_after_period_end_otherwise` applies instead.
    """

    days_by_status: dict[str, int] = field(default_factory=dict)
    months: int = 0
    counted_from: str = PERIOD_END
    anchor_required: bool = True
    days_after_period_end_otherwise: int | None = None
    erisa_days: int | None = None
    # Form N-CEN of a unit investment trust: counted from the calendar year end instead.
    uit_calendar_year: bool = False

    @classmethod
    def days(cls, days: int, **options) -> "DueRule":
        """The same number of days whatever the filer status."""
        return cls(days_by_status={ALL_OTHERS: days}, **options)


@dataclass(frozen=True)
class TransitionRule:
    """How the due date of a transition report (a fiscal year change) is counted: the form's
    own period after the close of the transition period or after the date of the decision to
    change the fiscal year, whichever is later. `source` cites the rule; `confirmed` is False
    where the source could not be checked (FORM_12B25.md: keep such facts in data)."""

    source: str
    confirmed: bool = True


# Rules 13a-10(b) and 15d-10(b): "after either the close of the transition period or the date
# of the determination to change the fiscal closing date, whichever is later".
LATER_OF_TRANSITION_END_AND_DECISION = TransitionRule("Rules 13a-10(b) and 15d-10(b)")
# Form 20-F General Instruction A(c) refers transition reports to Rules 13a-10 and 15d-10; the
# timing of paragraph (g) for foreign private issuers is read here as the same "later of" rule
# with the form's four months. Unconfirmed: the text of Rule 13a-10(g) could not be checked.
FOREIGN_PRIVATE_ISSUER_TRANSITION = TransitionRule(
    "Rule 13a-10(g); Form 20-F General Instruction A(c)", confirmed=False
)


@dataclass(frozen=True)
class ReportForm:
    """A periodic report that Form 12b-25 covers."""

    code: str
    edgar_type: str  # EDGAR submission type of the notice; an amendment adds "/A"
    grace_days: int  # Rule 12b-25(b)(2)(ii), calendar days after the prescribed due date
    transition: TransitionRule | None  # the cover has a "Transition Report on Form ..." box
    due: DueRule

    @property
    def has_transition_report(self) -> bool:
        return self.transition is not None

    @property
    def label(self) -> str:
        return f"Form {self.code}"


# One row per box in "(Check one)" on the cover of Form 12b-25, in the form's order.
REPORT_FORMS: dict[str, ReportForm] = {
    form.code: form
    for form in [
        ReportForm(
            "10-K",
            "NT 10-K",
            15,
            LATER_OF_TRANSITION_END_AND_DECISION,
            DueRule(days_by_status={LARGE_ACCELERATED: 60, ACCELERATED: 75, ALL_OTHERS: 90}),
        ),
        # "Within four months after the end of the fiscal year" (Form 20-F, General
        # Instruction A(b)).
        ReportForm("20-F", "NT 20-F", 15, FOREIGN_PRIVATE_ISSUER_TRANSITION, DueRule(months=4)),
        # Rule 15d-21 lets plans subject to ERISA file within 180 days of the plan year end.
        ReportForm(
            "11-K",
            "NT 11-K",
            15,
            LATER_OF_TRANSITION_END_AND_DECISION,
            DueRule.days(90, erisa_days=180),
        ),
        ReportForm(
            "10-Q",
            "NT 10-Q",
            5,
            LATER_OF_TRANSITION_END_AND_DECISION,
            DueRule(days_by_status={LARGE_ACCELERATED: 40, ACCELERATED: 40, ALL_OTHERS: 45}),
        ),
        ReportForm("10-D", "NT 10-D", 5, None, DueRule.days(15, counted_from=DISTRIBUTION_DATE)),
        # Rule 30a-1: 75 days after the fiscal year end; a unit investment trust counts from the
        # end of the calendar year (Form N-CEN General Instruction A).
        ReportForm("N-CEN", "NT-NCEN", 15, None, DueRule.days(75, uit_calendar_year=True)),
        # Rule 30b2-1: 10 days after the shareholder report is sent, which Rule 30e-1 requires
        # within 60 days of the period end; 70 days is the latest it can be.
        ReportForm(
            "N-CSR",
            "NT-NCSR",
            15,
            None,
            DueRule.days(
                10,
                counted_from=TRANSMISSION_DATE,
                anchor_required=False,
                days_after_period_end_otherwise=SHAREHOLDER_REPORT_DAYS + 10,
            ),
        ),
    ]
}

# For a model field: `form_type = models.CharField(choices=REPORT_FORM_CHOICES, ...)`.
REPORT_FORM_CHOICES = [(form.code, form.label) for form in REPORT_FORMS.values()]

ANCHOR_NAMES = {
    DISTRIBUTION_DATE: "distribution date",
    TRANSMISSION_DATE: "date the shareholder report was sent",
}

# Regulation S-T Rule 13(a)(2): a filing whose transmission starts after 5:30 p.m. Eastern is
# deemed filed on the next business day.
EDGAR_SAME_DAY_CUTOFF = time(17, 30)


class DeadlineInputError(ValueError):
    """The facts given cannot produce a deadline; the message says why, for the user."""


@dataclass(frozen=True)
class NoticeDeadlines:
    """The dates that matter for one late report.

    `report_due`: the prescribed due date, already moved to a business day (Rule 0-3).
    `notice_due`: the last day to file Form 12b-25, one business day after `report_due`
    (Rule 12b-25(a)).
    `grace_end`: the last day on which the report, filed with relief claimed under
    Rule 12b-25(b), is deemed filed on time.
    """

    edgar_type: str
    report_due: date
    notice_due: date
    grace_days: int
    grace_end: date
    # Counted without the date the report is due from (an N-CSR without its transmission
    # date): the latest the report can be due, not its due date.
    latest_possible: bool = False

    def as_json(self) -> dict[str, str | int]:
        """The deadlines with ISO dates, for JSON."""
        return {
            "edgar_type": self.edgar_type,
            "report_due": self.report_due.isoformat(),
            "notice_due": self.notice_due.isoformat(),
            "grace_days": self.grace_days,
            "grace_end": self.grace_end.isoformat(),
        }


# Holidays ---------------------------------------------------------------------------------


@cache
def _federal_holidays(year: int) -> frozenset[date]:
    # The legal public holidays of 5 U.S.C. 6103(a), with the observed days federal offices
    # close instead (a Saturday holiday on the Friday before, a Sunday one on the Monday
    # after; Juneteenth from 2021). These are the "holidays" of Exchange Act Rule 0-3 and the
    # "federal holidays" on which EDGAR does not accept filings (Rule 0-2(c)).
    #
    # Deliberately left out: Inauguration Day (5 U.S.C. 6103(c) gives federal employees around
    # Washington the day off for pay and leave purposes only; it is not a legal public
    # holiday), and the library's "government" category, which adds executive order closures
    # such as Christmas Eve. A day the SEC actually closed is an SEC closure day, kept by
    # admins in the database and passed in as `closures`.
    return frozenset(holidays.US(years=year))


def is_federal_holiday(day: date) -> bool:
    return day in _federal_holidays(day.year)


def is_business_day(day: date, closures: Collection[date]) -> bool:
    """True when `day` is a weekday that is neither a federal holiday nor an SEC closure day."""
    return day.weekday() < 5 and not is_federal_holiday(day) and day not in closures


def roll_to_business_day(day: date, closures: Collection[date]) -> date:
    """`day` itself when it is a business day, otherwise the next business day (Rule 0-3:
    a deadline on a Saturday, Sunday or holiday moves to the first business day after it)."""
    while not is_business_day(day, closures):
        day += timedelta(days=1)
    return day


def next_business_day(day: date, closures: Collection[date]) -> date:
    """The first business day strictly after `day`."""
    return roll_to_business_day(day + timedelta(days=1), closures)


def business_days_after(start: date, end: date, closures: Collection[date]) -> int:
    """The business days after `start` up to and including `end` (0 when `end` <= `start`):
    from today to a deadline, 1 on the business day before it and 0 on the day itself; from a
    deadline to a filing, the business days late. A weekend or holiday counts the same as the
    business day before it."""
    if end <= start:
        return 0
    # Counted by weeks rather than day by day: the dashboard counts from today to every
    # deadline it lists, some years away. Five weekdays a whole week, the days left over one
    # by one, then the weekday holidays and closure days in between taken away.
    weeks, left_over = divmod((end - start).days, 7)
    weekdays = weeks * 5 + sum(
        (start + timedelta(days=weeks * 7 + offset)).weekday() < 5
        for offset in range(1, left_over + 1)
    )
    days_off = {
        day
        for year in range(start.year, end.year + 1)
        for day in _federal_holidays(year)
        if day.year == year  # as is_federal_holiday reads them
    } | set(closures)
    return weekdays - sum(start < day <= end and day.weekday() < 5 for day in days_off)


# Dates ------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later. A month's last day gives the last day of the later month
    (31 October + 4 months is 28 or 29 February; 30 June + 4 months is 31 October); another
    day that the later month lacks gives that month's last day."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return date(year, month, last_day)
    return date(year, month, min(day.day, last_day))


def _status_class(filer_status: str) -> str:
    return filer_status if filer_status in (LARGE_ACCELERATED, ACCELERATED) else ALL_OTHERS


def report_form(form_type: str) -> ReportForm:
    """The table row for a form code such as "10-K"; an unknown code is a DeadlineInputError."""
    try:
        return REPORT_FORMS[form_type]
    except KeyError:
        known = ", ".join(REPORT_FORMS)
        raise DeadlineInputError(
            f"Form 12b-25 does not cover Form {form_type!r}; choose one of {known}."
        ) from None


def _unrolled_due_date(
    form: ReportForm,
    *,
    period_end: date,
    filer_status: str | None,
    anchors: dict[str, date | None],
    erisa: bool,
    transition: bool,
    decision_date: date | None,
    unit_investment_trust: bool,
) -> date:
    rule = form.due
    if transition and form.transition is None:
        raise DeadlineInputError(f"Form {form.code} has no transition report.")
    if decision_date is not None and not transition:
        raise DeadlineInputError(
            "A date of the decision to change the fiscal year applies only to a transition report."
        )
    for name, value in anchors.items():
        if value is not None and name != rule.counted_from:
            raise DeadlineInputError(
                f"A {ANCHOR_NAMES[name]} does not apply to Form {form.code}; leave it out."
            )
    if erisa and rule.erisa_days is None:
        raise DeadlineInputError(
            f"The ERISA plan due date (Rule 15d-21) applies to Form 11-K, not Form {form.code}."
        )

    anchor = period_end
    if transition and decision_date is not None:
        # Rules 13a-10(b) and 15d-10(b): from the close of the transition period or the
        # decision to change the fiscal year, whichever is later.
        anchor = max(period_end, decision_date)
    if unit_investment_trust and rule.uit_calendar_year:
        # Form N-CEN of a unit investment trust: 75 days after the calendar year end.
        anchor = date(period_end.year, 12, 31)
    if rule.counted_from != PERIOD_END:
        anchor = anchors[rule.counted_from]
        if anchor is None:
            if rule.anchor_required:
                name = ANCHOR_NAMES[rule.counted_from]
                raise DeadlineInputError(
                    f"Form {form.code} is due a number of days after the {name}; give that date."
                )
            return period_end + timedelta(days=rule.days_after_period_end_otherwise)
        if anchor < period_end:
            raise DeadlineInputError(
                f"The {ANCHOR_NAMES[rule.counted_from]} ({anchor.isoformat()}) is before the "
                f"period end ({period_end.isoformat()})."
            )

    if rule.months:
        return add_months(anchor, rule.months)
    if erisa:
        return anchor + timedelta(days=rule.erisa_days)
    if len(rule.days_by_status) > 1 and not filer_status:
        raise DeadlineInputError(
            f"The due date of Form {form.code} depends on the filer status; give it."
        )
    status_class = _status_class(filer_status) if filer_status else ALL_OTHERS
    days = rule.days_by_status.get(status_class, rule.days_by_status[ALL_OTHERS])
    return anchor + timedelta(days=days)


def compute_deadlines(
    *,
    form_type: str,
    period_end: date,
    filer_status: str | None,
    closures: Collection[date],
    distribution_date: date | None = None,
    transmission_date: date | None = None,
    erisa: bool = False,
    transition: bool = False,
    decision_date: date | None = None,
    unit_investment_trust: bool = False,
) -> NoticeDeadlines:
    """The deadlines of the report `form_type` for the period ending `period_end`.

    `filer_status` is a `registrants.models.FilerStatus` value; only large accelerated and
    accelerated filers have their own due dates (10-K, 10-Q), anything else counts as "all
    others", and it may be None for forms whose due date does not depend on it.
    `closures` are SEC closure days, treated like holidays. `distribution_date` is required for
    Form 10-D; `transmission_date` (the day the shareholder report was sent) is optional for
    Form N-CSR; `erisa` selects the Rule 15d-21 due date of Form 11-K.

    With `transition`, the report is a transition report and `period_end` is the end of the
    transition period; `decision_date`, when given, is the date of the decision to change the
    fiscal year, and the report's days count from the later of the two (the form's
    `TransitionRule`). `unit_investment_trust` counts Form N-CEN from the calendar year end of
    `period_end`'s year; other forms ignore it.

    Returns a `NoticeDeadlines`: the due date moved to a business day under Rule 0-3; the
    notice deadline one business day after it (Rule 12b-25(a)); the grace period end that
    many calendar days after the moved due date, itself moved to a business day (Rules
    12b-25(b) and 0-3). Raises `DeadlineInputError` when the inputs do not fit the form.
    """
    form = report_form(form_type)
    anchors = {DISTRIBUTION_DATE: distribution_date, TRANSMISSION_DATE: transmission_date}
    try:
        due = _unrolled_due_date(
            form,
            period_end=period_end,
            filer_status=filer_status,
            anchors=anchors,
            erisa=erisa,
            transition=transition,
            decision_date=decision_date,
            unit_investment_trust=unit_investment_trust,
        )
        report_due = roll_to_business_day(due, closures)
        return NoticeDeadlines(
            edgar_type=form.edgar_type,
            report_due=report_due,
            notice_due=next_business_day(report_due, closures),
            grace_days=form.grace_days,
            grace_end=roll_to_business_day(report_due + timedelta(days=form.grace_days), closures),
            latest_possible=anchors.get(form.due.counted_from, period_end) is None,
        )
    except OverflowError:
        raise DeadlineInputError("The deadlines of a period that late cannot be counted.") from None


# For the review page ----------------------------------------------------------------------


def is_past_notice_deadline(*, deadlines: NoticeDeadlines, today: date) -> bool:
    """True when `today` is after the last day to file the notice: filed now, Form 12b-25
    is itself late under Rule 12b-25(a) and cannot earn the Rule 12b-25(b) relief."""
    return today > deadlines.notice_due


def is_after_cutoff_on_deadline_day(*, now: datetime, deadline: date) -> bool:
    """True when `now` (an aware datetime, read in Eastern time) falls on `deadline` after
    5:30 p.m.: a submission started then is deemed filed on the next business day
    (Regulation S-T Rule 13(a)(2)), so it misses the deadline although EDGAR accepts it
    until 10 p.m."""
    if now.tzinfo is None:
        raise ValueError("`now` must be an aware datetime.")
    eastern = now.astimezone(EASTERN)
    return eastern.date() == deadline and eastern.time() > EDGAR_SAME_DAY_CUTOFF


def deemed_filing_date(*, submitted_at: datetime, closures: Collection[date]) -> date:
    """The date on which a submission started at `submitted_at` (an aware datetime) counts as
    filed: that day when it is a business day and the time is 5:30 p.m. Eastern or earlier,
    otherwise the next business day (Regulation S-T Rule 13(a)(2))."""
    if submitted_at.tzinfo is None:
        raise ValueError("`submitted_at` must be an aware datetime.")
    eastern = submitted_at.astimezone(EASTERN)
    day = eastern.date()
    if eastern.time() > EDGAR_SAME_DAY_CUTOFF:
        return next_business_day(day, closures)
    return roll_to_business_day(day, closures)


# Moving a date to a business day (Rule 0-3) never adds more than this many days in a row: a
# weekend next to a holiday and an SEC closure day or two (24 to 26 December 2025).
LONGEST_ROLL_DAYS = 7


def days_to_grace_end_at_most(form_type: str) -> int:
    """The most calendar days from the date a report's deadlines are counted from (its period
    end, transition period end, date of the decision to change the fiscal year, distribution
    date or shareholder report date) to the end of its grace period, every move to a business
    day included. A bound for narrowing a search by those dates, not a deadline."""
    form = REPORT_FORMS[form_type]
    rule = form.due
    days = max(
        [
            *rule.days_by_status.values(),
            rule.erisa_days or 0,
            rule.days_after_period_end_otherwise or 0,
            rule.months * 31,
        ]
    )
    if rule.uit_calendar_year:
        days += 366  # counted from the end of the calendar year the period ends in
    # The due date, the notice deadline (one business day later) and the grace period end
    # are each moved to a business day.
    return days + form.grace_days + 1 + 3 * LONGEST_ROLL_DAYS
