"""The registry of the documents a notice is made into: the PDF to sign, the PDF with conformed
signatures, the EDGAR documents and each exhibit's documents. Each format says what it is
called, its content type, how its file is named, how it is rendered, and whether finalizing
stores it. Finalizing, the download view, render_notice, the review page, the notice page and
the filing summary all read this one list: adding a format is adding an entry here (and, for a
new layout, its template)."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models.functions import Length
from django.urls import reverse

from filings.document import Exhibit, document_filename
from filings.edgar import (
    render_exhibit_htm,
    render_exhibit_pdf,
    render_exhibit_txt,
    render_notice_htm,
    render_notice_txt,
)
from filings.models import Notice
from filings.pdf import render_notice_pdf

PDF = "application/pdf"
HTM = "text/html; charset=us-ascii"
TXT = "text/plain; charset=us-ascii"


class FilingRole:
    """What a document is to the EDGAR submission (Filer Manual Vol. II 5.1 and 5.2)."""

    OFFICIAL = "official"  # the HTML document filed
    ASCII = "ascii"  # the ASCII document filed instead of the HTML one
    UNOFFICIAL = "unofficial"  # a PDF riding along as an unofficial copy (5.2.4)
    AUTHENTICATION = "authentication"  # signed and kept for five years, never filed (Rule 302(b))


@dataclass(frozen=True)
class DocumentFormat:
    slug: str  # in addresses, and the kind of the stored NoticeDocument
    name: str
    extension: str
    content_type: str
    filing_role: str
    # render(notice) for the notice's own formats, render(notice, exhibit) for an exhibit's.
    render: Callable[..., bytes]
    variant: str = ""  # the part of the file name that tells variants apart
    for_exhibit: bool = False
    stored_at_finalization: bool = True

    def applies_to(self, exhibit: Exhibit | None) -> bool:
        """Whether the notice (exhibit None) or the exhibit has a document of this format: an
        exhibit's uploaded PDF only when one was uploaded."""
        if self.for_exhibit != (exhibit is not None):
            return False
        return exhibit is None or self.filing_role != FilingRole.UNOFFICIAL or bool(exhibit.upload)

    def filename(self, notice: Notice, exhibit: Exhibit | None = None) -> str:
        """EDGAR's rule for file names (Filer Manual Vol. II 5.1.1): see document_filename()."""
        variant = exhibit.variant if exhibit else self.variant
        return document_filename(notice, self.extension, variant=variant)

    def content(self, notice: Notice, exhibit: Exhibit | None = None) -> bytes:
        return self.render(notice, exhibit) if self.for_exhibit else self.render(notice)


FORMATS: dict[str, DocumentFormat] = {
    document_format.slug: document_format
    for document_format in [
        DocumentFormat(
            "pdf",
            "PDF to sign",
            "pdf",
            PDF,
            FilingRole.AUTHENTICATION,
            lambda notice: render_notice_pdf(notice),
        ),
        DocumentFormat(
            "pdf-conformed",
            "PDF with conformed signatures",
            "pdf",
            PDF,
            FilingRole.UNOFFICIAL,
            lambda notice: render_notice_pdf(notice, conformed=True),
            variant="conformed",
        ),
        DocumentFormat(
            "htm", "EDGAR document (HTML)", "htm", HTM, FilingRole.OFFICIAL, render_notice_htm
        ),
        DocumentFormat(
            "txt", "EDGAR document (ASCII)", "txt", TXT, FilingRole.ASCII, render_notice_txt
        ),
        DocumentFormat(
            "exhibit-htm",
            "Exhibit (HTML)",
            "htm",
            HTM,
            FilingRole.OFFICIAL,
            render_exhibit_htm,
            for_exhibit=True,
        ),
        DocumentFormat(
            "exhibit-txt",
            "Exhibit (ASCII)",
            "txt",
            TXT,
            FilingRole.ASCII,
            render_exhibit_txt,
            for_exhibit=True,
        ),
        DocumentFormat(
            "exhibit-pdf",
            "Exhibit as uploaded (PDF)",
            "pdf",
            PDF,
            FilingRole.UNOFFICIAL,
            render_exhibit_pdf,
            for_exhibit=True,
        ),
    ]
}


def notice_formats(
    exhibits: list[Exhibit],
) -> Iterator[tuple[DocumentFormat, Exhibit | None]]:
    """Every document of the notice: its own formats, then each exhibit's."""
    for exhibit in [None, *exhibits]:
        for document_format in FORMATS.values():
            if document_format.applies_to(exhibit):
                yield document_format, exhibit


@dataclass(frozen=True)
class NoticeFile:
    """A document of the notice as the pages list it: rendered on download for a draft, the
    stored bytes (with their SHA-256 and size) for a final notice."""

    format: DocumentFormat
    exhibit: Exhibit | None
    filename: str
    url: str
    sha256: str = ""
    size: int | None = None

    @property
    def name(self) -> str:
        if self.exhibit is None:
            return self.format.name
        return f"{self.format.name}: Exhibit {self.exhibit.number}, {self.exhibit.description}"


def document_url(notice: Notice, document_format: DocumentFormat, exhibit: Exhibit | None) -> str:
    args = [notice.pk, document_format.slug, *([exhibit.key] if exhibit else [])]
    return reverse("filings:document", args=args)


def notice_files(notice: Notice, exhibits: list[Exhibit]) -> list[NoticeFile]:
    """The notice's documents in registry order. A final notice lists what was stored when it
    was finalized, whatever has changed since."""
    if not notice.is_final:
        return [
            NoticeFile(
                document_format,
                exhibit,
                document_format.filename(notice, exhibit),
                document_url(notice, document_format, exhibit),
            )
            for document_format, exhibit in notice_formats(exhibits)
        ]
    by_key = {exhibit.key: exhibit for exhibit in exhibits}
    stored = notice.documents.defer("content").annotate(size=Length("content"))
    files = [
        NoticeFile(
            FORMATS[document.kind],
            by_key.get(document.exhibit),
            document.filename,
            document.get_absolute_url(),
            document.sha256,
            document.size,
        )
        for document in stored
        if document.kind in FORMATS
    ]
    order = {slug: index for index, slug in enumerate(FORMATS)}
    exhibit_order = {exhibit.key: index for index, exhibit in enumerate(exhibits, start=1)}
    return sorted(
        files,
        key=lambda file: (
            exhibit_order.get(file.exhibit.key, 0) if file.exhibit else 0,
            order[file.format.slug],
        ),
    )
