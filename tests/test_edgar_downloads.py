import hashlib
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from filings.edgar import render_notice_htm, render_notice_txt
from filings.edgar_validator import validate_edgar_html
from filings.models import Notice, NoticeDocument
from tests.test_edgar_documents import PDF_BYTES, make_notice, visible_text
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


def edgar_url(notice: Notice, extension: str) -> str:
    return reverse("filings:edgar_document", args=[notice.pk, extension])


def summary_url(notice: Notice) -> str:
    return reverse("filings:edgar_summary", args=[notice.pk])


def finalize(client, notice: Notice) -> Notice:
    """Press "Finalize the notice" on the review page, posting the form's hidden fields as the
    page has them."""
    review = client.get(step_url(notice, "review")).content.decode()
    form = re.search(r'<form method="post" action="[^"]*/finalize/".*?</form>', review, re.S)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[0]))
    client.post(reverse("filings:finalize", args=[notice.pk]), hidden)
    notice.refresh_from_db()
    assert notice.is_final
    return notice


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


def test_the_summary_of_a_final_notice_lists_the_files_with_their_hashes(compliance_client, notice):
    Notice.objects.filter(pk=notice.pk).update(third_party_cause=True)
    notice.refresh_from_db()
    notice.third_party_statement.save("auditor letter.pdf", ContentFile(PDF_BYTES))
    notice.registrant.cik = "58411"
    notice.registrant.save()
    finalize(compliance_client, notice)

    page = compliance_client.get(summary_url(notice)).content.decode()
    assert '<code class="fs-6">NT 10-K</code>' in page
    assert '<code class="fs-6">0000058411</code>' in page
    assert "December 31, 2003 (<code>12-31-2003</code>)" in page
    stored = {document.kind: document for document in notice.documents.all()}
    for kind in ("htm", "txt", "pdf-conformed", "pdf"):
        assert stored[kind].filename in page and stored[kind].sha256 in page
    assert "nt10k-2003-12-31-ex99.pdf" in page
    assert hashlib.sha256(PDF_BYTES).hexdigest() in page
    assert "<code>EX-99</code>" in page
    assert "Rule 302(b) authentication document" in page and "five years" in page
    assert "draft" not in page.lower()


def test_the_summary_of_a_draft_amendment_shows_the_amendment_type_and_draft_files(
    compliance_client, lexington
):
    notice = make_notice(lexington, is_amendment=True)
    response = compliance_client.get(summary_url(notice))
    page = response.content.decode()
    assert '<code class="fs-6">NT 10-K/A</code> (an amended notice)' in page
    assert "This notice is a <strong>draft</strong>" in page
    assert "None on record." in page  # the seed registrant has no CIK
    htm = render_notice_htm(notice)
    assert "nt10ka-2003-12-31-draft.htm" in page
    assert hashlib.sha256(htm).hexdigest() in page
    assert hashlib.sha256(render_notice_txt(notice)).hexdigest() in page
    assert "nt10ka-2003-12-31-conformed-draft.pdf" in page
    assert "Stored with its SHA-256 when the notice is finalized." in page
    assert "Instead of the primary document" in page


def test_an_exhibit_downloads_under_the_name_it_is_filed_as(compliance_client, notice):
    Notice.objects.filter(pk=notice.pk).update(third_party_cause=True)
    notice.refresh_from_db()
    notice.third_party_statement.save("auditor letter.pdf", ContentFile(PDF_BYTES))
    response = compliance_client.get(reverse("filings:third_party_statement", args=[notice.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="nt10k-2003-12-31-ex99.pdf"'
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_notice_finalized_before_the_edgar_documents_gets_them_once(compliance_client, notice):
    finalize(compliance_client, notice)
    notice.documents.filter(kind__in=["htm", "txt"]).delete()
    compliance_client.get(reverse("filings:resume", args=[notice.pk]))
    stored = notice.documents.get(kind="htm")
    assert bytes(stored.content) == render_notice_htm(notice)
    compliance_client.get(summary_url(notice))
    compliance_client.get(edgar_url(notice, "txt"))
    assert notice.documents.count() == 4
    assert notice.documents.get(kind="htm").pk == stored.pk


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


def test_an_unknown_document_format_is_not_found(compliance_client, notice):
    assert compliance_client.get(edgar_url(notice, "pdf")).status_code == 404
    assert compliance_client.get(edgar_url(notice, "html")).status_code == 404


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
    kinds = set(notice.documents.values_list("kind", flat=True))
    assert {NoticeDocument.Kind.HTM, NoticeDocument.Kind.TXT} <= kinds
    # A demo notice finalized before the EDGAR documents existed gets them on the next load.
    notice.documents.filter(kind__in=["htm", "txt"]).delete()
    pdf = notice.documents.get(kind="pdf")
    call_command("load_demo")
    assert notice.documents.count() == 4
    assert notice.documents.get(kind="pdf").sha256 == pdf.sha256
