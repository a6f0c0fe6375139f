from pathlib import Path

from django.core.management.base import CommandError

from filings.edgar import EDGAR_FORMATS
from filings.management.base import OneLineErrorCommand
from filings.models import Notice, NoticeDocument
from filings.pdf import render_notice_pdf
from filings.services import notice_store_edgar_documents

FORMATS = ("pdf", *EDGAR_FORMATS)


class Command(OneLineErrorCommand):
    help = (
        "Render a notice to a file: python manage.py render_notice ID --format pdf|htm|txt "
        "--output FILE"
    )

    def add_arguments(self, parser):
        parser.add_argument("notice_id", help="the notice's id (shown in its address)")
        parser.add_argument(
            "--format",
            default="pdf",
            help="pdf (to sign), htm (EDGAR primary document) or txt (EDGAR ASCII document)",
        )
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument(
            "--conformed", action="store_true", help='PDF only: typed "/s/ Name" signatures'
        )
        parser.add_argument("--archival", action="store_true", help="PDF only: PDF/A-3b")

    def handle(self, *args, **options) -> None:
        output_format = options["format"]
        if output_format not in FORMATS:
            raise CommandError(
                f"Unknown format {output_format!r}: use one of {', '.join(FORMATS)}."
            )
        if output_format != "pdf" and (options["conformed"] or options["archival"]):
            raise CommandError(
                "--conformed and --archival are for --format pdf; the EDGAR documents always "
                'carry "/s/" signatures.'
            )
        notice_id = options["notice_id"]
        is_id = notice_id.isascii() and notice_id.isdecimal() and len(notice_id) <= 12
        notice = Notice.objects.filter(pk=int(notice_id)).first() if is_id else None
        if notice is None:
            raise CommandError(f"No notice with id {notice_id!r}.")
        if output_format == "pdf" and notice.is_final and not options["archival"]:
            # A final notice's documents are the stored bytes, whatever has changed since.
            kind = (
                NoticeDocument.Kind.PDF_CONFORMED
                if options["conformed"]
                else NoticeDocument.Kind.PDF
            )
            content = bytes(notice.documents.get(kind=kind).content)
        elif output_format == "pdf":
            content = render_notice_pdf(
                notice, conformed=options["conformed"], archival=options["archival"]
            )
        elif notice.is_final:
            notice = notice_store_edgar_documents(notice=notice)  # only if finalized before them
            kind = EDGAR_FORMATS[output_format].kind
            content = bytes(notice.documents.get(kind=kind).content)
        else:
            content = EDGAR_FORMATS[output_format].render(notice)
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stdout.write(f"Wrote {output} ({len(content):,} bytes).")
