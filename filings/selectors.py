"""Reads for the deadlines: the SEC closure days from the database, handed to the pure rules."""

from collections.abc import Iterable
from datetime import date

from filings.deadlines import NoticeDeadlines, compute_deadlines
from filings.models import SecClosureDay
from filings.schedule import UpcomingReport, upcoming_reports
from registrants.models import Registrant


def sec_closure_days() -> frozenset[date]:
    return frozenset(SecClosureDay.objects.values_list("date", flat=True))


def notice_deadlines(
    *,
    form_type: str,
    period_end: date,
    filer_status: str | None,
    distribution_date: date | None = None,
    transmission_date: date | None = None,
    erisa: bool = False,
) -> NoticeDeadlines:
    """`filings.deadlines.compute_deadlines` with the SEC closure days kept in the database."""
    return compute_deadlines(
        form_type=form_type,
        period_end=period_end,
        filer_status=filer_status,
        closures=sec_closure_days(),
        distribution_date=distribution_date,
        transmission_date=transmission_date,
        erisa=erisa,
    )


def registrant_upcoming_reports(
    *, registrants: Iterable[Registrant], today: date, horizon_days: int
) -> list[tuple[Registrant, UpcomingReport]]:
    """For each of `registrants` (an iterable of Registrant), its reports due within
    `horizon_days` of `today` or still in their grace period (see
    `filings.schedule.upcoming_reports`), as (registrant, report) pairs sorted by due date,
    then registrant name."""
    closures = sec_closure_days()
    rows = [
        (registrant, report)
        for registrant in registrants
        for report in upcoming_reports(
            fiscal_year_end_month=registrant.fiscal_year_end_month,
            fiscal_year_end_day=registrant.fiscal_year_end_day,
            filer_status=registrant.filer_status,
            today=today,
            closures=closures,
            horizon_days=horizon_days,
        )
    ]
    rows.sort(key=lambda row: (row[1].deadlines.report_due, row[0].name, row[1].period_end))
    return rows
