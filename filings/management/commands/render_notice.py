from pathlib import Path

from django.core.management.base import CommandError

from filings.management.base import OneLineErrorCommand
from filings.models import Notice, NoticeDocument
from filings.pdf import render_notice_pdf

FORMATS = ("pdf",)


class Command(OneLineErrorCommand):
    help = "Render a notice to a file: python manage.py render_notice ID --format pdf --output FILE"

    def add_arguments(self, parser):
        parser.add_argument("notice_id", help="the notice's id (shown in its address)")
        parser.add_argument("--format", default="pdf", help=f"one of: {', '.join(FORMATS)}")
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument("--conformed", action="store_true", help='typed "/s/ Name" signatures')
        parser.add_argument("--archival", action="store_true", help="PDF/A-3b")

    def handle(self, *args, **options) -> None:
        if options["format"] not in FORMATS:
            raise CommandError(
                f"Unknown format {options['format']!r}: use one of {', '.join(FORMATS)}."
            )
        notice_id = options["notice_id"]
        is_id = notice_id.isascii() and notice_id.isdecimal() and len(notice_id) <= 12
        notice = Notice.objects.filter(pk=int(notice_id)).first() if is_id else None
        if notice is None:
            raise CommandError(f"No notice with id {notice_id!r}.")
        if notice.is_final and not options["archival"]:
            # A final notice's documents are the stored bytes, whatever has changed since.
            kind = (
                NoticeDocument.Kind.PDF_CONFORMED
                if options["conformed"]
                else NoticeDocument.Kind.PDF
            )
            content = bytes(notice.documents.get(kind=kind).content)
        else:
            content = render_notice_pdf(
                notice, conformed=options["conformed"], archival=options["archival"]
            )
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stdout.write(f"Wrote {output} ({len(content):,} bytes).")
