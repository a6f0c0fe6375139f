"""Recording the notice's EDGAR filing and the late report's filing, from the notice page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from filings.access import get_notice_for_user
from filings.lifecycle import MoveRefused, RecordRefused, notice_record_filing, notice_record_report
from filings.lifecycle_views import notice_page
from filings.record_forms import FilingRecordForm, ReportRecordForm


def _refused(form, refusal: MoveRefused) -> None:
    field = form.FIELD_OF.get(refusal.field) if isinstance(refusal, RecordRefused) else None
    form.add_error(field, str(refusal))


@require_POST
def notice_record_filing_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Record the notice's EDGAR filing (FilingRecordForm); the notice moves to filed. A
    refusal shows the notice page with the error beside the field and what was typed kept."""
    notice = get_notice_for_user(request, notice_id, change=False)
    form = FilingRecordForm(request.POST)
    if form.is_valid():
        try:
            notice_record_filing(
                notice=notice,
                user=request.user,
                accession_number=form.cleaned_data["accession_number"],
                accepted_at=form.accepted_at(),
            )
        except MoveRefused as refusal:
            _refused(form, refusal)
        else:
            messages.success(request, "The EDGAR filing is recorded; the notice is filed.")
            return redirect("filings:resume", notice.pk)
    notice.refresh_from_db()
    return notice_page(request, notice, records_forms={"filing_form": form}, status=400)


@require_POST
def notice_record_report_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Record the late report's filing (ReportRecordForm) on a filed notice."""
    notice = get_notice_for_user(request, notice_id, change=False)
    form = ReportRecordForm(request.POST)
    if form.is_valid():
        try:
            notice_record_report(
                notice=notice,
                user=request.user,
                accession_number=form.cleaned_data["accession_number"],
                filed_on=form.cleaned_data["filed_on"],
            )
        except MoveRefused as refusal:
            _refused(form, refusal)
        else:
            messages.success(request, "The report's filing is recorded.")
            return redirect("filings:resume", notice.pk)
    notice.refresh_from_db()
    return notice_page(request, notice, records_forms={"report_form": form}, status=400)
