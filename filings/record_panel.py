"""What the notice page shows of the filing records (template
filings/filing_records_panel.html): the notice's EDGAR filing and whether it was timely, the
late report's filing and its grace period, the forms to record them, and what a late report
costs the registrant."""

from django.contrib.auth.models import AbstractBaseUser

from filings.deadlines import NoticeDeadlines
from filings.lifecycle import FILE, REPORT
from filings.models import Notice, NoticeStatus
from filings.record_forms import FilingRecordForm, ReportRecordForm
from filings.selectors import (
    consequences_of_report,
    filing_records,
    sec_closure_days,
    today_eastern,
)


def records_panel_context(
    notice: Notice,
    deadlines: NoticeDeadlines | None,
    *,
    user: AbstractBaseUser,
    filing_form: FilingRecordForm | None = None,
    report_form: ReportRecordForm | None = None,
) -> dict:
    """The panel's context: `records` (selectors.FilingRecords), the forms the user may use
    now (`filing_form`, `report_form`, None when not offered), `record_errors` of a posted form
    the user may not use now (the notice moved on, or a forged post), and `consequences` of
    this notice's report when it is late."""
    today = today_eastern()
    records = filing_records(notice, deadlines, closures=sec_closure_days(), today=today)
    may_file = notice.status == FILE.from_status and user.has_perm(FILE.permission)
    may_report = (
        notice.status == NoticeStatus.FILED
        and records.report is None
        and not notice.is_amendment
        and user.has_perm(REPORT.permission)
    )
    record_errors = [
        error
        for form, offered in ((filing_form, may_file), (report_form, may_report))
        if form is not None and not offered
        for error in form.non_field_errors()
    ]
    return {
        "records": records,
        "record_errors": record_errors,
        "filing_form": (filing_form or FilingRecordForm()) if may_file else None,
        "report_form": (report_form or ReportRecordForm()) if may_report else None,
        "consequences": consequences_of_report(notice, records, today=today),
        "today": today,
    }
