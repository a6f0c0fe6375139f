"""Which periodic reports a registrant owes, and when: the calendar behind the dashboard and the
iCalendar downloads. Pure: the fiscal year end, filer status, today and the SEC closure days
come in as arguments."""

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from filings.deadlines import NoticeDeadlines, add_months, compute_deadlines


@dataclass(frozen=True)
class PeriodicReport:
    """A report owed for the period ending `months_after_fiscal_year_end` months after a
    fiscal year end (0: the fiscal year end itself)."""

    form_type: str
    months_after_fiscal_year_end: int
    description: str


OPERATING_COMPANY_REPORTS = (
    PeriodicReport("10-K", 0, "Annual report"),
    PeriodicReport("10-Q", 3, "First-quarter report"),
    PeriodicReport("10-Q", 6, "Second-quarter report"),
    PeriodicReport("10-Q", 9, "Third-quarter report"),
)

# Keys are the registrants.models.FilerStatus values.
PERIODIC_REPORTS: dict[str, tuple[PeriodicReport, ...]] = {
    "large_accelerated": OPERATING_COMPANY_REPORTS,
    "accelerated": OPERATING_COMPANY_REPORTS,
    "non_accelerated": OPERATING_COMPANY_REPORTS,
    "investment_company": (
        PeriodicReport("N-CEN", 0, "Annual census report"),
        PeriodicReport("N-CSR", 0, "Annual shareholder report"),
        PeriodicReport("N-CSR", 6, "Semi-annual shareholder report"),
    ),
    # Form 10-D follows each distribution date, which registrant records do not hold.
    "asset_backed_issuer": (PeriodicReport("10-K", 0, "Annual report"),),
    "foreign_private_issuer": (PeriodicReport("20-F", 0, "Annual report"),),
}


class ReportStatus(StrEnum):
    DUE = "due"  # the report's due date has not passed
    OVERDUE = "overdue"  # the due date has passed; Form 12b-25 is due by the notice deadline
    GRACE_PERIOD = "grace_period"  # the notice deadline has passed; the grace period runs


@dataclass(frozen=True)
class UpcomingReport:
    form_type: str
    description: str
    period_end: date
    deadlines: NoticeDeadlines
    status: ReportStatus
    days_left: int  # days from today to the report's due date; negative once it has passed

    @property
    def days_past_due(self) -> int:
        return -self.days_left


def fiscal_year_end(year: int, month: int, day: int) -> date:
    """The fiscal year end falling in `year`; 29 February is the 28th in other years."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _status(deadlines: NoticeDeadlines, today: date) -> ReportStatus:
    if today <= deadlines.report_due:
        return ReportStatus.DUE
    if today <= deadlines.notice_due:
        return ReportStatus.OVERDUE
    return ReportStatus.GRACE_PERIOD


def upcoming_reports(
    *,
    fiscal_year_end_month: int,
    fiscal_year_end_day: int,
    filer_status: str,
    today: date,
    closures: Collection[date],
    horizon_days: int,
    unit_investment_trust: bool = False,
) -> list[UpcomingReport]:
    """See `_upcoming_reports`; registrants with the same fiscal year end and filer status owe
    the same reports, so each combination is worked out once."""
    return list(
        _upcoming_reports(
            fiscal_year_end_month=fiscal_year_end_month,
            fiscal_year_end_day=fiscal_year_end_day,
            filer_status=filer_status,
            today=today,
            closures=frozenset(closures),
            horizon_days=horizon_days,
            unit_investment_trust=unit_investment_trust,
        )
    )


@lru_cache(maxsize=4096)
def _upcoming_reports(
    *,
    fiscal_year_end_month: int,
    fiscal_year_end_day: int,
    filer_status: str,
    today: date,
    closures: frozenset[date],
    horizon_days: int,
    unit_investment_trust: bool,
) -> tuple[UpcomingReport, ...]:
    """The reports of a registrant whose due date falls within `horizon_days` after `today`,
    and those whose due date has passed but whose grace period has not ended by `today`,
    sorted by due date.

    Which reports a registrant owes follows from its filer status (`PERIODIC_REPORTS`):
    operating companies a 10-K after each fiscal year end and a 10-Q after each of the first
    three quarters (ending 3, 6 and 9 months after the previous fiscal year end, month-end
    aware); investment companies an N-CEN and an N-CSR after the fiscal year end and an N-CSR
    after the half year (without a transmission date, so the latest possible due date, 70
    days), a unit investment trust its N-CEN after the calendar year end; asset-backed issuers
    the 10-K only; foreign private issuers the 20-F. Reports whose grace period has ended are
    left out: nothing under Rule 12b-25 can be done about them any more.
    """
    periodic_reports = PERIODIC_REPORTS[filer_status]
    last_day = today + timedelta(days=horizon_days)
    reports = []
    # From last year's fiscal year end (the latest deadline of a fiscal year, the grace period
    # end of its third quarter, comes less than 11 months after it) to the last one the
    # horizon reaches.
    for year in range(today.year - 1, last_day.year + 1):
        year_end = fiscal_year_end(year, fiscal_year_end_month, fiscal_year_end_day)
        for periodic_report in periodic_reports:
            period_end = add_months(year_end, periodic_report.months_after_fiscal_year_end)
            deadlines = compute_deadlines(
                form_type=periodic_report.form_type,
                period_end=period_end,
                filer_status=filer_status,
                closures=closures,
                unit_investment_trust=unit_investment_trust,
            )
            if deadlines.grace_end < today or deadlines.report_due > last_day:
                continue
            reports.append(
                UpcomingReport(
                    form_type=periodic_report.form_type,
                    description=periodic_report.description,
                    period_end=period_end,
                    deadlines=deadlines,
                    status=_status(deadlines, today),
                    days_left=(deadlines.report_due - today).days,
                )
            )
    reports.sort(key=lambda report: (report.deadlines.report_due, report.period_end))
    return tuple(reports)
