import hashlib
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from filings.edgar import render_notice_htm, render_notice_txt
from filings.edgar_validator import validate_edgar_html
from filings.models import Notice
from tests.lifecycle_pages import submit_and_approve
from tests.test_edgar_documents import AUDITOR_STATEMENT, PDF_BYTES, make_notice, visible_text
from tests.test_wizard import step_url

pytestmark = pytest.mark.django_db


def change_behind_the_apps_back(notice: Notice) -> None:
    """A raw write to the row, as the app itself refuses to change a final notice."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Notice._meta.db_table} SET narrative = %s WHERE id = %s",
            ["Changed behind the app's back.", notice.pk],
        )


HTM = "text/html; charset=us-ascii"
TXT = "text/plain; charset=us-ascii"


@pytest.fixture
def notice(lexington) -> Notice:
    return make_notice(lexington)


def edgar_url(notice: Notice, extension: str, exhibit: str = "") -> str:
    kind = f"exhibit-{extension}" if exhibit else extension
    return reverse("filings:document", args=[notice.pk, kind, *([exhibit] if exhibit else [])])


def summary_url(notice: Notice) -> str:
    return reverse("filings:edgar_summary", args=[notice.pk])


def finalize(client, notice: Notice) -> Notice:
    """Submit the notice from the review page, and approve it as a reviewer."""
    return submit_and_approve(client, None, notice)


def test_the_review_offers_the_edgar_drafts_named_and_marked_as_drafts(compliance_client, notice):
    review = compliance_client.get(step_url(notice, "review")).content.decode()
    for url in (edgar_url(notice, "htm"), edgar_url(notice, "txt"), summary_url(notice)):
        assert f'href="{url}"' in review

    htm = compliance_client.get(edgar_url(notice, "htm"))
    assert htm["Content-Type"] == HTM
    assert htm["Content-Disposition"] == 'attachment; filename="nt10k-2003-12-31-draft.htm"'
    assert "DRAFT \u2014 NOT FOR FILING" in visible_text(htm.content)
    assert validate_edgar_html(htm.content) == []

    txt = compliance_client.get(edgar_url(notice, "txt"))
    assert txt["Content-Type"] == TXT
    assert txt["Content-Disposition"] == 'attachment; filename="nt10k-2003-12-31-draft.txt"'
    assert txt.content.decode("ascii").lstrip().startswith("DRAFT -- NOT FOR FILING")


def test_finalizing_stores_the_edgar_documents_and_downloads_serve_those_bytes(
    compliance_client, notice
):
    finalize(compliance_client, notice)
    for extension, content_type in (("htm", HTM), ("txt", TXT)):
        stored = notice.documents.get(kind=extension)
        assert stored.filename == f"nt10k-2003-12-31.{extension}"
        assert stored.content_type == content_type
        assert stored.sha256 == hashlib.sha256(bytes(stored.content)).hexdigest()
        response = compliance_client.get(edgar_url(notice, extension))
        assert response.content == bytes(stored.content)
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{stored.filename}"'
        assert b"DRAFT" not in response.content

    # Whatever happens to the row afterwards, the download is what was stored.
    change_behind_the_apps_back(notice)
    again = compliance_client.get(edgar_url(notice, "htm"))
    assert again.content == bytes(notice.documents.get(kind="htm").content)
    assert b"Changed behind" not in again.content


def test_the_notice_page_lists_every_stored_document_with_its_download(compliance_client, notice):
    finalize(compliance_client, notice)
    page = compliance_client.get(reverse("filings:resume", args=[notice.pk])).content.decode()
    for document in notice.documents.all():
        assert f'<a href="{document.get_absolute_url()}">{document.filename}</a>' in page
        assert document.sha256 in page
    assert f'href="{summary_url(notice)}"' in page
    assert page.count("EDGAR document (") == 2
    documents = page.split('id="documents-heading"')[1].split("</section>")[0]
    assert documents.count("<tr>") == 1 + 4  # the header, the two PDFs, the .htm and the .txt


def with_third_party_statement(notice: Notice) -> Notice:
    Notice.objects.filter(pk=notice.pk).update(
        third_party_cause=True, third_party_statement_text=AUDITOR_STATEMENT
    )
    notice.refresh_from_db()
    notice.third_party_statement.save("auditor letter.pdf", ContentFile(PDF_BYTES))
    return notice


def test_the_summary_of_a_final_notice_lists_the_header_and_every_file(compliance_client, notice):
    notice = with_third_party_statement(notice)
    notice.registrant.cik = "58411"
    notice.registrant.save()
    contact = notice.registrant.default_contact
    contact.email = "wdelano@example.com"
    contact.save()
    finalize(compliance_client, notice)

    page = compliance_client.get(summary_url(notice)).content.decode()
    for label, value in [
        ("Submission type", "NT 10-K"),
        ("Filer CIK", "0000058411"),
        ("Period", "12-31-2003"),
        ("File number", "0-3252"),
        ("Contact name", "Warren Delano"),
        ("Contact phone", "212 319-4657"),
        ("Notification e-mail", "wdelano@example.com"),
    ]:
        assert f'<dt class="col-sm-3">{label}</dt>' in page
        assert f'<code class="fs-6">{value}</code>' in page
        assert f'data-copy="{value}"' in page
    assert "Never stored here" in page and "Co-registrants" in page
    stored = {(document.kind, document.exhibit): document for document in notice.documents.all()}
    assert set(stored) == {
        ("pdf", ""),
        ("pdf-conformed", ""),
        ("htm", ""),
        ("txt", ""),
        ("exhibit-htm", "statement"),
        ("exhibit-txt", "statement"),
        ("exhibit-pdf", "statement"),
    }
    for document in stored.values():
        assert document.filename in page and document.sha256 in page
    assert bytes(stored["exhibit-pdf", "statement"].content) == PDF_BYTES
    assert "nt10k-2003-12-31-ex99.htm" in page and "nt10k-2003-12-31-ex99.txt" in page
    type_cell = '<td data-label="EDGAR document type"><code>{}</code>'
    assert page.count(type_cell.format("EX-99")) == 3  # .htm, .txt and the unofficial PDF
    assert page.count(type_cell.format("NT 10-K")) == 3
    assert "Rule 302(b) authentication document" in page and "five years" in page
    assert "draft" not in page.lower()


def test_the_summary_of_an_investment_company_notice_asks_for_series_and_classes(
    compliance_client, lexington
):
    page = compliance_client.get(summary_url(make_notice(lexington, form_type="N-CSR")))
    assert "Series and classes" in page.content.decode()
    page = compliance_client.get(summary_url(make_notice(lexington)))
    assert "Series and classes" not in page.content.decode()


def test_the_summary_of_a_draft_amendment_shows_the_amendment_type_and_draft_files(
    compliance_client, lexington
):
    notice = make_notice(lexington, is_amendment=True)
    response = compliance_client.get(summary_url(notice))
    page = response.content.decode()
    assert '<code class="fs-6">NT 10-K/A</code>' in page
    assert "This notice is a <strong>draft</strong>" in page
    assert "None on record" in page  # the seed registrant has no CIK
    assert "nt10ka-2003-12-31-draft.htm" in page and "nt10ka-2003-12-31-draft.txt" in page
    assert "nt10ka-2003-12-31-conformed-draft.pdf" in page
    assert "stored when finalized" in page
    assert "instead of the HTML document" in page


def test_an_exhibit_downloads_under_the_name_it_is_filed_as(compliance_client, notice):
    notice = with_third_party_statement(notice)
    response = compliance_client.get(edgar_url(notice, "pdf", "statement"))
    assert response["Content-Disposition"] == (
        'attachment; filename="nt10k-2003-12-31-ex99-draft.pdf"'
    )
    assert response.content == PDF_BYTES
    htm = compliance_client.get(edgar_url(notice, "htm", "statement"))
    assert htm["Content-Type"] == HTM
    assert validate_edgar_html(htm.content) == []
    assert "We, the independent auditors" in visible_text(htm.content)
    assert compliance_client.get(edgar_url(notice, "pdf", "signer-1")).status_code == 404


def test_a_notice_finalized_before_the_edgar_documents_gets_them_from_the_migration(
    compliance_client, notice
):
    finalize(compliance_client, notice)
    pdf = notice.documents.get(kind="pdf")
    notice.documents.filter(kind__in=["htm", "txt"]).delete()
    # Pages only read what is stored: nothing is written on a GET.
    assert compliance_client.get(edgar_url(notice, "htm")).status_code == 404
    compliance_client.get(summary_url(notice))
    assert notice.documents.count() == 2
    store_missing_documents = import_module(
        "filings.migrations.0025_store_missing_documents"
    ).store_missing_documents
    store_missing_documents(apps, None)
    assert bytes(notice.documents.get(kind="htm").content) == render_notice_htm(notice)
    assert notice.documents.count() == 4
    assert notice.documents.get(kind="pdf").sha256 == pdf.sha256


@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
def test_only_a_role_that_may_see_notices_gets_the_edgar_documents(
    client, outsider, compliance_client, notice, final
):
    if final:
        finalize(compliance_client, notice)
    urls = [edgar_url(notice, "htm"), edgar_url(notice, "txt"), summary_url(notice)]
    for url in urls:
        assert compliance_client.get(url).status_code == 200
    compliance_client.logout()
    for url in urls:
        assert client.get(url).url.startswith(reverse("login"))
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 403


def test_an_unknown_document_format_or_exhibit_is_not_found(compliance_client, notice):
    for args in [("html",), ("htm", "statement"), ("exhibit-htm",), ("exhibit-htm", "x")]:
        url = reverse("filings:document", args=[notice.pk, *args])
        assert compliance_client.get(url).status_code == 404


def test_render_notice_writes_a_final_notices_stored_edgar_documents(
    compliance_client, notice, tmp_path
):
    finalize(compliance_client, notice)
    change_behind_the_apps_back(notice)
    for extension in ("htm", "txt"):
        output = tmp_path / f"notice.{extension}"
        call_command(
            "render_notice", str(notice.pk), "--format", extension, "--output", str(output)
        )
        assert output.read_bytes() == bytes(notice.documents.get(kind=extension).content)


def test_render_notice_reports_a_document_a_final_notice_lacks(compliance_client, notice, tmp_path):
    finalize(compliance_client, notice)
    notice.documents.filter(kind="htm").delete()
    output = tmp_path / "notice.htm"
    with pytest.raises(CommandError) as error:
        call_command("render_notice", str(notice.pk), "--format", "htm", "--output", str(output))
    assert str(error.value) == f"Notice {notice.pk} has no stored EDGAR document (HTML)."
    assert not output.exists()


def test_render_notice_writes_the_edgar_documents(notice, tmp_path, capsys):
    htm = tmp_path / "notice.htm"
    call_command("render_notice", str(notice.pk), "--format", "htm", "--output", str(htm))
    assert validate_edgar_html(htm.read_bytes()) == []
    assert htm.read_bytes() == render_notice_htm(notice)
    txt = tmp_path / "notice.txt"
    call_command("render_notice", str(notice.pk), "--format", "txt", "--output", str(txt))
    assert txt.read_bytes() == render_notice_txt(notice)
    assert f"Wrote {txt} (" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "html"], "Unknown format 'html': use one of pdf, htm, txt."),
        (
            ["--format", "htm", "--archival"],
            "--conformed and --archival are for --format pdf; the EDGAR documents always carry "
            '"/s/" signatures.',
        ),
    ],
)
def test_render_notice_reports_a_bad_format_in_one_line(notice, tmp_path, arguments, message):
    output = tmp_path / "notice.out"
    with pytest.raises(CommandError) as error:
        call_command("render_notice", str(notice.pk), *arguments, "--output", str(output))
    assert str(error.value) == message
    assert not output.exists()


def test_the_demo_notice_has_its_edgar_documents(settings):
    settings.DEBUG = True
    call_command("load_demo")
    notice = Notice.objects.get(registrant__name="Lexington Precision Corporation")
    assert {"htm", "txt"} <= set(notice.documents.values_list("kind", flat=True))


def test_the_summary_of_a_notice_in_review_leads_back_to_its_notice_page(
    compliance_client, lexington
):
    notice = make_notice(lexington, status="in_review")
    page = compliance_client.get(summary_url(notice)).content.decode()
    assert "This notice is <strong>in review</strong>" in page
    notice_page = reverse("filings:resume", args=[notice.pk])
    assert (
        f'<a class="btn btn-outline-secondary" href="{notice_page}">Back to the notice</a>' in page
    )
    assert step_url(notice, "review") not in page
    assert compliance_client.get(notice_page).status_code == 200
