from pathlib import Path

from django.core.management.base import CommandError

from filings.formats import FORMATS
from filings.management.base import OneLineErrorCommand
from filings.models import Notice
from filings.pdf import render_notice_pdf

# The notice's own formats of the registry, by extension: pdf (to sign), htm, txt.
NOTICE_FORMATS = {
    document_format.extension: document_format
    for document_format in FORMATS.values()
    if not document_format.for_exhibit and not document_format.variant
}


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
        if output_format not in NOTICE_FORMATS:
            raise CommandError(
                f"Unknown format {output_format!r}: use one of {', '.join(NOTICE_FORMATS)}."
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
        document_format = NOTICE_FORMATS[output_format]
        if options["conformed"]:
            document_format = FORMATS["pdf-conformed"]
        if options["archival"]:
            # PDF/A is made on request only; it is not one of the stored documents.
            content = render_notice_pdf(notice, conformed=options["conformed"], archival=True)
        elif notice.is_final:
            # A final notice's documents are the stored bytes, whatever has changed since.
            stored = notice.documents.filter(kind=document_format.slug, exhibit="").first()
            if stored is None:
                raise CommandError(f"Notice {notice.pk} has no stored {document_format.name}.")
            content = bytes(stored.content)
        else:
            content = document_format.content(notice)
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stdout.write(f"Wrote {output} ({len(content):,} bytes).")
