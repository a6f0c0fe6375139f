"""The notice and its exhibits as EDGAR documents (EDGAR Filer Manual Vol. II 5.2): HTML
documents (5.2.2) and ASCII documents (5.2.1), drawn from notice_document() like the review
page and the PDF."""

from django.conf import settings
from django.template.loader import render_to_string

from filings.document import Exhibit, notice_document
from filings.edgar_ascii import exhibit_ascii, notice_ascii
from filings.edgar_text import character_references
from filings.models import Notice

NOTICE_TEMPLATE = "filings/edgar/notice.htm"
EXHIBIT_TEMPLATE = "filings/edgar/exhibit.htm"


def _document(notice: Notice) -> dict:
    return {**notice_document(notice), "edition": settings.FORM_EDITION}


def _htm(template: str, context: dict) -> bytes:
    """User text is escaped by the template, then every character outside EDGAR's set
    becomes a decimal character reference."""
    return character_references(render_to_string(template, context)).encode("ascii")


def render_notice_htm(notice: Notice) -> bytes:
    """The HTML primary document."""
    return _htm(NOTICE_TEMPLATE, _document(notice))


def render_notice_txt(notice: Notice) -> bytes:
    """The ASCII version of the primary document."""
    return notice_ascii(_document(notice)).encode("ascii")


def render_exhibit_htm(notice: Notice, exhibit: Exhibit) -> bytes:
    """An exhibit's typed text as an HTML document of its own EDGAR type."""
    return _htm(EXHIBIT_TEMPLATE, {**_document(notice), "exhibit": exhibit})


def render_exhibit_txt(notice: Notice, exhibit: Exhibit) -> bytes:
    """An exhibit's typed text as an ASCII document of its own EDGAR type."""
    return exhibit_ascii(_document(notice), exhibit).encode("ascii")


def render_exhibit_pdf(notice: Notice, exhibit: Exhibit) -> bytes:
    """The PDF uploaded for an exhibit, as it was uploaded: the unofficial copy."""
    with exhibit.upload.open("rb") as upload:
        return upload.read()
