"""The documents of a notice: every format of the registry (filings.formats) through one
download view, and the EDGAR filing summary."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from filings.access import get_notice_for_user
from filings.document import notice_exhibits
from filings.edgar_summary import edgar_filing_summary
from filings.formats import FORMATS


def notice_document_download(
    request: HttpRequest, notice_id: int, kind: str, exhibit: str = ""
) -> HttpResponse:
    """A document of the notice in one of the formats of filings.formats (the notice's own
    with no `exhibit`, an exhibit's with its key): a final notice's stored bytes, or a draft's
    rendered now (named and marked as a draft)."""
    notice = get_notice_for_user(request, notice_id, change=False)
    document_format = FORMATS.get(kind)
    if document_format is None:
        raise Http404("No such document format")
    if notice.is_final:
        stored = get_object_or_404(notice.documents, kind=kind, exhibit=exhibit)
        content, filename = bytes(stored.content), stored.filename
    else:
        exhibits = {item.key: item for item in notice_exhibits(notice, list(notice.signers.all()))}
        subject = exhibits.get(exhibit)
        if (exhibit and subject is None) or not document_format.applies_to(subject):
            raise Http404("The notice has no such document")
        try:
            content = document_format.content(notice, subject)
        except FileNotFoundError:
            raise Http404("The uploaded file is missing") from None
        filename = document_format.filename(notice, subject)
    response = HttpResponse(content, content_type=document_format.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def notice_edgar_summary(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Template filings/edgar_summary.html; context: edgar_filing_summary()."""
    notice = get_notice_for_user(request, notice_id, change=False)
    return render(request, "filings/edgar_summary.html", edgar_filing_summary(notice))
