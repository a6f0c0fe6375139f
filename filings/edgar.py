"""The notice as EDGAR documents (FORM_12B25.md section 5): the HTML primary document and its
ASCII version, both drawn from notice_document() like the review page and the PDF; and the
filing summary for whoever submits the notice on EDGAR."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models.functions import Length
from django.template.loader import render_to_string
from django.urls import reverse

from filings.document import document_filename, long_date, notice_document
from filings.edgar_ascii import notice_ascii
from filings.edgar_text import character_references
from filings.models import Notice, NoticeDocument

HTM_TEMPLATE = "filings/edgar/notice.htm"
HTM_CONTENT_TYPE = "text/html; charset=us-ascii"
TXT_CONTENT_TYPE = "text/plain; charset=us-ascii"
INSTEAD_OF_PRIMARY = "Instead of the primary document"


def notice_htm(notice: Notice) -> str:
    """The HTML primary document. User text is escaped by the template, then every non-ASCII
    character of the whole document becomes a character reference."""
    context = {**notice_document(notice), "edition": settings.FORM_EDITION}
    return character_references(render_to_string(HTM_TEMPLATE, context))


def render_notice_htm(notice: Notice) -> bytes:
    return notice_htm(notice).encode("ascii")


def render_notice_txt(notice: Notice) -> bytes:
    document = {**notice_document(notice), "edition": settings.FORM_EDITION}
    return notice_ascii(document).encode("ascii")


@dataclass(frozen=True)
class EdgarFormat:
    extension: str
    kind: str  # NoticeDocument.Kind of the stored copy
    content_type: str
    render: Callable[[Notice], bytes]


EDGAR_FORMATS = {
    edgar_format.extension: edgar_format
    for edgar_format in [
        EdgarFormat("htm", NoticeDocument.Kind.HTM, HTM_CONTENT_TYPE, render_notice_htm),
        EdgarFormat("txt", NoticeDocument.Kind.TXT, TXT_CONTENT_TYPE, render_notice_txt),
    ]
}


@dataclass(frozen=True)
class FilingFile:
    """A file of the EDGAR submission, as the filing summary lists it."""

    role: str
    edgar_type: str
    filename: str
    sha256: str  # empty when the file is not there yet (a draft's PDFs, a missing upload)
    size: int | None
    download_url: str
    note: str = ""


def _stored_file(role, edgar_type, document: NoticeDocument | None, note="") -> FilingFile:
    if document is None:
        return FilingFile(role, edgar_type, "", "", None, "", "Not stored.")
    return FilingFile(
        role,
        edgar_type,
        document.filename,
        document.sha256,
        document.size,
        document.get_absolute_url(),
        note,
    )


def _rendered_file(
    notice: Notice, role: str, edgar_type: str, extension: str, note: str = ""
) -> FilingFile:
    content = EDGAR_FORMATS[extension].render(notice)
    return FilingFile(
        role,
        edgar_type,
        document_filename(notice, extension),
        hashlib.sha256(content).hexdigest(),
        len(content),
        reverse("filings:edgar_document", args=[notice.pk, extension]),
        note,
    )


def _draft_pdf(notice: Notice, role: str, edgar_type: str, variant: str) -> FilingFile:
    url = reverse("filings:pdf", args=[notice.pk])
    return FilingFile(
        role,
        edgar_type,
        document_filename(notice, "pdf", variant=variant),
        "",
        None,
        f"{url}?variant={variant}" if variant else url,
        "Stored with its SHA-256 when the notice is finalized.",
    )


def _exhibit_file(exhibit) -> FilingFile:
    try:
        with exhibit.file.open("rb") as handle:
            sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
        size = exhibit.file.size
    except FileNotFoundError:
        return FilingFile(
            f"Exhibit {exhibit.number}",
            exhibit.edgar_type,
            exhibit.filename,
            "",
            None,
            "",
            "The uploaded file is missing; upload it again.",
        )
    return FilingFile(
        f"Exhibit {exhibit.number}",
        exhibit.edgar_type,
        exhibit.filename,
        sha256,
        size,
        exhibit.download_url,
        exhibit.description,
    )


def edgar_filing_summary(notice: Notice) -> dict:
    """What whoever submits the notice on EDGAR enters and uploads: submission type, CIK,
    period, and each file with its SHA-256. A final notice lists its stored documents; a draft
    lists documents rendered now (marked draft), and its PDFs without hashes."""
    document = notice_document(notice)
    submission_type = notice.edgar_submission_type
    if notice.is_final:
        documents = notice.documents.defer("content").annotate(size=Length("content"))
        stored = {stored_document.kind: stored_document for stored_document in documents}
        primary = _stored_file("Primary document", submission_type, stored.get("htm"))
        ascii_version = _stored_file(
            "ASCII version", submission_type, stored.get("txt"), INSTEAD_OF_PRIMARY
        )
        unofficial = _stored_file(
            "Unofficial PDF copy", submission_type, stored.get("pdf-conformed")
        )
        authentication = _stored_file("PDF to sign", "", stored.get("pdf"))
    else:
        primary = _rendered_file(notice, "Primary document", submission_type, "htm")
        ascii_version = _rendered_file(
            notice, "ASCII version", submission_type, "txt", INSTEAD_OF_PRIMARY
        )
        unofficial = _draft_pdf(notice, "Unofficial PDF copy", submission_type, "conformed")
        authentication = _draft_pdf(notice, "PDF to sign", "", "")
    exhibit_files = [_exhibit_file(exhibit) for exhibit in document["exhibits"]]
    return {
        **document,
        "submission_type": submission_type,
        "cik": notice.registrant.cik.zfill(10) if notice.registrant.cik else "",
        "period_end": long_date(notice.period_end),
        # As EDGARLink Online asks for the period of report.
        "period_end_edgar": f"{notice.period_end:%m-%d-%Y}" if notice.period_end else "",
        "files": [primary, ascii_version, *exhibit_files, unofficial],
        "exhibit_files": exhibit_files,
        "authentication_document": authentication,
    }
