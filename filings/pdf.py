"""The notice as a PDF ready to sign, rendered by WeasyPrint.

The renderer only ever reads the project's own static files (fonts and the print stylesheet):
every other URL is refused, so nothing in a notice can make it fetch from the network or the
file system. All renders share one font configuration, so memory stays flat."""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from filings.document import notice_document
from filings.models import Notice

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()
TEMPLATE = "filings/pdf/notice.html"
FONT_CONFIG = FontConfiguration()


class StaticFilesOnlyFetcher(URLFetcher):
    """Serve file:// URLs inside the project's static folder; refuse everything else."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise ValueError(f"Refused to fetch {url!r}: only the project's static files are used")
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(STATIC_DIR) or not path.is_file():
            raise ValueError(f"Refused to read {path}: not one of the project's static files")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )


def notice_pdf_html(notice: Notice, *, conformed: bool = False) -> str:
    """The HTML the PDF is rendered from."""
    context = {**notice_document(notice), "conformed": conformed, "edition": settings.FORM_EDITION}
    return render_to_string(TEMPLATE, context)


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    """Render HTML written for the notice (fonts and stylesheet under static/) to PDF bytes;
    `archival` makes a PDF/A-3b file."""
    document = HTML(
        string=html,
        base_url=STATIC_DIR.as_uri() + "/",
        url_fetcher=StaticFilesOnlyFetcher(fail_on_errors=False),
    )
    return document.write_pdf(font_config=FONT_CONFIG, pdf_variant="pdf/a-3b" if archival else None)


def render_notice_pdf(notice: Notice, *, conformed: bool = False, archival: bool = False) -> bytes:
    """The notice as PDF bytes: with blank signature lines for each signer to sign, or with
    typed conformed signatures ("/s/ Name") for the copy that accompanies the EDGAR filing."""
    return html_to_pdf(notice_pdf_html(notice, conformed=conformed), archival=archival)
