import gc
import hashlib
import http.server
import io
import re
import sys
import threading

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from filings.demo import ATTACHMENT, NARRATIVE
from filings.lifecycle import notice_submit
from filings.models import NoticeSigner
from filings.pdf import StaticFilesOnlyFetcher, html_to_pdf, notice_pdf_html, render_notice_pdf
from filings.services import NoticeNotReady, notice_finalize
from tests import seed

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The PDF's text with runs of white space folded, as a reader would see it."""
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_seed_pdf_carries_every_fact_of_the_seed(seed_notice):
    text = pdf_text(render_notice_pdf(seed_notice))
    for fact in [
        *seed.SEED_FACTS,
        "GENERAL INSTRUCTIONS",
        "FORM 12b-25",
        "NOTIFICATION OF LATE FILING",
        "OMB Number: 3235-0058",
    ]:
        assert fact in text, fact
    assert folded(NARRATIVE) in text
    assert folded(ATTACHMENT) in text


def test_both_yes_answers_of_the_seed_are_marked(seed_notice):
    """Each "Yes" of Part IV(2) and (3) follows a drawn box with a mark in it."""
    html = notice_pdf_html(seed_notice)
    marks = re.findall(r'<span class="box">(<svg.*?</svg>)?</span>\s*(Yes|No)', html)
    assert [(bool(mark), answer) for mark, answer in marks] == [
        (True, "Yes"),
        (False, "No"),
        (True, "Yes"),
        (False, "No"),
    ]
    assert pdf_text(render_notice_pdf(seed_notice)).count("Yes") == 2


def test_every_page_has_page_x_of_y_and_the_edition(seed_notice):
    reader = PdfReader(io.BytesIO(render_notice_pdf(seed_notice)))
    total = len(reader.pages)
    assert total == 4  # form, form continued, general instructions, attachment
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert "SEC 1344" in text


def test_a_draft_is_marked_draft_and_a_final_copy_is_not(seed_notice):
    assert "DRAFT" in pdf_text(render_notice_pdf(seed_notice))
    final = notice_finalize(notice=seed_notice, user=None)
    assert "DRAFT" not in pdf_text(render_notice_pdf(final))


def test_a_notice_in_review_is_still_marked_draft(seed_notice, compliance_user):
    # Named "-draft" and not yet approved: nobody should sign or file this copy.
    in_review = notice_submit(notice=seed_notice, user=compliance_user)
    assert "DRAFT" in pdf_text(render_notice_pdf(in_review))


def test_signing_copy_has_blank_lines_and_conformed_copy_has_typed_signatures(seed_notice):
    assert "/s/" not in pdf_text(render_notice_pdf(seed_notice))
    assert "/s/ Warren Delano" in pdf_text(render_notice_pdf(seed_notice, conformed=True))


def test_each_signer_gets_a_signature_block(seed_notice):
    NoticeSigner.objects.create(notice=seed_notice, name="Michael A. Lubin", title="Chairman")
    text = pdf_text(render_notice_pdf(seed_notice, conformed=True))
    assert "/s/ Warren Delano" in text and "/s/ Michael A. Lubin" in text
    assert text.count("By:") == 2 and text.count("Date:") == 2


def test_pdf_metadata_names_the_notice(seed_notice):
    reader = PdfReader(io.BytesIO(render_notice_pdf(seed_notice)))
    assert reader.metadata.title == "Form 12b-25 – NT 10-K – Lexington Precision Corporation"
    assert reader.metadata.author == "Lexington Precision Corporation"
    assert reader.metadata.subject == "NT 10-K for the period ended December 31, 2003"


def test_the_archival_variant_is_pdf_a(seed_notice, monkeypatch):
    leaked = []
    monkeypatch.setattr(sys, "unraisablehook", leaked.append)
    content = render_notice_pdf(seed_notice, archival=True)
    gc.collect()
    # WeasyPrint 70 leaves its sRGB profile open when it writes PDF/A; that leak alone is let go.
    assert all("sRGB2014.icc" in str(unraisable.exc_value) for unraisable in leaked)
    reader = PdfReader(io.BytesIO(content))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert 'pdfaid:part="3" pdfaid:conformance="B"' in xmp.rdf_root.toxml()
    assert "/OutputIntents" in reader.trailer["/Root"]


def test_fonts_are_the_shipped_ones(seed_notice):
    reader = PdfReader(io.BytesIO(render_notice_pdf(seed_notice)))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    # Embedded under the @font-face family of static/css/notice-pdf.css, not a system font.
    assert {font.split("+", 1)[1] for font in fonts} == {
        "Form-Serif",
        "Form-Serif-Bold",
        "Form-Serif-Italic",
    }


def test_a_long_narrative_flows_onto_following_pages(seed_notice):
    paragraph = "The audit of the inventory reserves requires further work. " * 40
    seed_notice.narrative = "\n\n".join([paragraph.strip()] * 12 + ["The last sentence."])
    content = render_notice_pdf(seed_notice)
    assert len(PdfReader(io.BytesIO(content)).pages) >= 6
    assert "The last sentence." in pdf_text(content)


def test_without_an_explanation_there_is_no_attachment_page(seed_notice):
    seed_notice.significant_change = False
    seed_notice.significant_change_explanation = ""
    text = pdf_text(render_notice_pdf(seed_notice))
    assert "ATTACHMENT TO FORM 12b-25" not in text


class CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    CountingHandler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_user_text_that_looks_like_html_fetches_nothing_and_prints_as_text(
    seed_notice, local_server
):
    hostile = (
        f'<img src="{local_server}/pixel.png"> '
        f'<link rel="stylesheet" href="{local_server}/evil.css"> '
        '<a href="file:///etc/passwd">passwd</a> '
        f"<style>@import url({local_server}/import.css);</style>"
    )
    seed_notice.narrative = hostile
    seed_notice.registrant_name = f'Evil <img src="{local_server}/name.png">'
    content = render_notice_pdf(seed_notice)
    assert CountingHandler.requests == []
    text = pdf_text(content)
    assert f'<img src="{local_server}/pixel.png">' in text
    assert '<a href="file:///etc/passwd">passwd</a>' in text
    assert b"root:x:0:0" not in content
    assert len(PdfReader(io.BytesIO(content)).pages[0].images) == 0


def test_the_fetcher_refuses_anything_but_the_projects_static_files(local_server, settings):
    fetcher = StaticFilesOnlyFetcher()
    for url in [f"{local_server}/x.png", "file:///etc/passwd", "data:text/plain,hi"]:
        with pytest.raises(ValueError, match="Refused"):
            fetcher.fetch(url)
    static = settings.BASE_DIR / "static"
    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch((static / ".." / "manage.py").as_uri())
    font = fetcher.fetch((static / "fonts" / "LiberationSerif-Regular.ttf").as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"
    assert CountingHandler.requests == []


def test_finalizing_stores_each_pdf_once_with_its_sha256(seed_notice):
    notice_finalize(notice=seed_notice, user=None)
    documents = {document.kind: document for document in seed_notice.documents.all()}
    assert set(documents) == {"pdf", "pdf-conformed", "htm", "txt"}
    for document in documents.values():
        assert document.sha256 == hashlib.sha256(bytes(document.content)).hexdigest()
    assert documents["pdf"].filename == "nt10k-2003-12-31.pdf"
    assert documents["pdf-conformed"].filename == "nt10k-2003-12-31-conformed.pdf"
    with pytest.raises(NoticeNotReady, match="already final"):
        notice_finalize(notice=seed_notice, user=None)


def test_a_notice_with_blocking_problems_cannot_be_finalized(seed_notice):
    seed_notice.narrative = ""
    seed_notice.save()
    with pytest.raises(NoticeNotReady):
        notice_finalize(notice=seed_notice, user=None)
    seed_notice.refresh_from_db()
    assert not seed_notice.is_final and not seed_notice.documents.exists()


def test_render_notice_writes_the_pdf(seed_notice, tmp_path, capsys):
    output = tmp_path / "notice.pdf"
    call_command("render_notice", str(seed_notice.pk), "--format", "pdf", "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF-")
    call_command("render_notice", str(seed_notice.pk), "--conformed", "--output", str(output))
    assert "/s/ Warren Delano" in pdf_text(output.read_bytes())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["999999"], "No notice with id '999999'."),
        (["abc"], "No notice with id 'abc'."),
        (["\u00b2"], "No notice with id '\u00b2'."),
        (["1", "--format", "docx"], "Unknown format 'docx': use one of pdf, htm, txt."),
    ],
)
def test_render_notice_reports_a_bad_argument_in_one_line(
    seed_notice, tmp_path, arguments, message
):
    with pytest.raises(CommandError) as error:
        call_command("render_notice", *arguments, "--output", str(tmp_path / "x.pdf"))
    assert str(error.value) == message
    assert not (tmp_path / "x.pdf").exists()


def test_the_renderer_itself_refuses_every_outside_resource(local_server, weasyprint_warnings):
    """Raw HTML, as if escaping had failed: the fetcher still lets nothing in."""
    html = f"""<!doctype html><html><head>
      <link rel="stylesheet" href="{local_server}/evil.css">
      <style>@import url({local_server}/import.css);</style></head><body>
      <img src="{local_server}/pixel.png"> <img src="file:///etc/passwd">
      <object data="{local_server}/object.pdf"></object>
      <svg><image href="{local_server}/svg.png" width="10" height="10"/></svg>
      <a rel="attachment" href="file:///etc/passwd">passwd</a>
      <p>Body text</p></body></html>"""
    content = html_to_pdf(html)
    assert CountingHandler.requests == []
    assert b"root:x:0:0" not in content
    assert "Body text" in pdf_text(content)
    refused = [record.getMessage() for record in weasyprint_warnings]
    assert refused and all("Refused" in message for message in refused), refused
    weasyprint_warnings.clear()


def test_exhibits_are_named_in_the_pdf_as_on_edgar(seed_notice):
    seed_notice.third_party_cause = True
    seed_notice.third_party_statement_text = "We cannot finish the audit in time."
    NoticeSigner.objects.create(
        notice=seed_notice,
        name="Dennis Welhouse",
        title="Attorney-in-fact",
        is_executive_officer=False,
        evidence_of_authority_text="Power of attorney.",
    )
    text = pdf_text(render_notice_pdf(seed_notice))
    assert "The statement required by Rule 12b-25(c) is filed as Exhibit 99." in text
    assert re.search(
        r"Evidence of authority to sign of Dennis Welhouse is filed as\s+Exhibit 24\.", text
    ), text
