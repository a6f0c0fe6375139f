"""Notices made directly in a state of the lifecycle, for tests of what comes after it (the
moves themselves are tested through the pages)."""

from datetime import date, datetime

from filings.deadlines import EASTERN
from filings.lifecycle import notice_record_filing
from filings.models import Notice, NoticeStatus
from registrants.models import FilerStatus


def make_notice(registrant, *, status=NoticeStatus.SIGNED, **fields) -> Notice:
    """A notice in `status`. Default: a non-accelerated filer's 10-K for 2025, due Tuesday
    31 March 2026; the notice is due Wednesday 1 April 2026 (daylight time), the grace period
    ends Wednesday 15 April 2026."""
    values = {
        "form_type": "10-K",
        "filer_status": FilerStatus.NON_ACCELERATED,
        "period_end": date(2025, 12, 31),
        "relief_claimed": True,
        "registrant_name": registrant.name,
        **fields,
    }
    return Notice.objects.create(registrant=registrant, status=status, **values)


def make_late_transition_report(registrant) -> Notice:
    """A notice for a transition report's 10-K due long after its period: 90 days after the
    decision to change the fiscal year (3 March 2025), Monday 2 June 2025, for a transition
    period ended 30 June 2024."""
    return make_notice(
        registrant,
        period_end=date(2024, 6, 30),
        is_transition_report=True,
        transition_period_end=date(2024, 6, 30),
        transition_decision_date=date(2025, 3, 3),
    )


def eastern(year, month, day, hour, minute, second=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=EASTERN)


def file_notice(notice: Notice, user, accepted_at: datetime, accession: str) -> Notice:
    """Record the EDGAR filing of a signed notice; the notice, filed."""
    notice_record_filing(
        notice=notice, user=user, accession_number=accession, accepted_at=accepted_at
    )
    notice.refresh_from_db()
    return notice
