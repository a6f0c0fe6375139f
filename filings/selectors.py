"""Reads for the deadlines: the SEC closure days from the database, handed to the pure rules."""

from datetime import date

from filings.deadlines import NoticeDeadlines, compute_deadlines
from filings.models import SecClosureDay


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

