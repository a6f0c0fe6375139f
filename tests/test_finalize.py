import hashlib

import pytest
from django.urls import reverse

from filings.demo import LEXINGTON_NOTICE, LEXINGTON_SIGNER
from filings.models import Notice, NoticeSigner
from tests import seed
from tests.test_pdf import pdf_text
from tests.test_wizard import step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete_notice(lexington) -> Notice:
    notice = Notice.objects.create(registrant=lexington, **LEXINGTON_NOTICE)
    NoticeSigner.objects.create(notice=notice, **LEXINGTON_SIGNER)
    return notice


def test_the_review_offers_draft_pdfs_marked_draft(compliance_client, complete_notice):
    review = compliance_client.get(step_url(complete_notice, "review")).content.decode()
    pdf_url = reverse("filings:pdf", args=[complete_notice.pk])
    assert f'href="{pdf_url}"' in review and f'href="{pdf_url}?variant=conformed"' in review
    response = compliance_client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="nt10k-2003-12-31-draft.pdf"'
    assert "DRAFT" in pdf_text(response.content)


def test_finalizing_from_the_review_stores_the_pdf_and_shows_its_hash(
    compliance_client, complete_notice
):
    review = compliance_client.get(step_url(complete_notice, "review")).content.decode()
    assert "Finalize the notice" in review
    response = compliance_client.post(reverse("filings:finalize", args=[complete_notice.pk]))
    assert response.url == reverse("filings:resume", args=[complete_notice.pk])
    page = compliance_client.get(response.url)
    stored = complete_notice.documents.get(kind="pdf")
    assert stored.sha256 in page.content.decode()
    assert "The notice is final" in page.content.decode()

    first = compliance_client.get(reverse("filings:pdf", args=[complete_notice.pk]))
    second = compliance_client.get(reverse("filings:pdf", args=[complete_notice.pk]))
    assert first.content == second.content == bytes(stored.content)
    assert hashlib.sha256(first.content).hexdigest() == stored.sha256
    assert first["Content-Disposition"] == 'attachment; filename="nt10k-2003-12-31.pdf"'
    assert "DRAFT" not in pdf_text(first.content)
    conformed = compliance_client.get(
        reverse("filings:pdf", args=[complete_notice.pk]), {"variant": "conformed"}
    )
    assert "/s/ Warren Delano" in pdf_text(conformed.content)


def test_a_final_notice_can_no_longer_be_edited(compliance_client, complete_notice):
    compliance_client.post(reverse("filings:finalize", args=[complete_notice.pk]))
    response = compliance_client.post(
        step_url(complete_notice, "part-3"), {"narrative": "Changed afterwards.", "action": "next"}
    )
    assert response.url == reverse("filings:resume", args=[complete_notice.pk])
    complete_notice.refresh_from_db()
    assert complete_notice.narrative == LEXINGTON_NOTICE["narrative"]
    again = compliance_client.post(reverse("filings:finalize", args=[complete_notice.pk]))
    assert again.url == step_url(complete_notice, "review")
    assert complete_notice.documents.count() == 4  # two PDFs, the .htm and the .txt


def test_a_notice_with_problems_is_not_finalized(compliance_client, complete_notice):
    complete_notice.signers.all().delete()
    response = compliance_client.post(reverse("filings:finalize", args=[complete_notice.pk]))
    assert response.url == step_url(complete_notice, "review")
    review = compliance_client.get(response.url).content.decode()
    assert "Fix the problems listed on the review page first." in review
    assert "Finalize the notice" not in review
    complete_notice.refresh_from_db()
    assert not complete_notice.is_final


def test_finalize_takes_only_a_post_with_the_right_role(
    client, outsider, compliance_client, complete_notice
):
    url = reverse("filings:finalize", args=[complete_notice.pk])
    assert compliance_client.get(url).status_code == 405
    compliance_client.logout()
    client.force_login(outsider)
    assert client.post(url).status_code == 403
    assert client.get(reverse("filings:pdf", args=[complete_notice.pk])).status_code == 403
    complete_notice.refresh_from_db()
    assert not complete_notice.is_final


def test_start_an_amendment_prefills_the_report_and_the_link(compliance_client, complete_notice):
    compliance_client.post(reverse("filings:finalize", args=[complete_notice.pk]))
    page = compliance_client.get(
        reverse("filings:new"),
        {"registrant": complete_notice.registrant_id, "amends": complete_notice.pk},
    )
    form = page.context["form"]
    assert form["is_amendment"].value() is True
    assert form["amends"].value() == complete_notice.pk
    data = seed.report_step(
        complete_notice.registrant_id, is_amendment="on", amends=str(complete_notice.pk)
    )
    compliance_client.post(reverse("filings:new"), data)
    amendment = Notice.objects.latest("pk")
    assert amendment.edgar_submission_type == "NT 10-K/A"
    assert amendment.amends == complete_notice
