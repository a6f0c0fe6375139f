import hashlib

import pytest
from django.urls import reverse

from filings.demo import LEXINGTON_NOTICE
from filings.models import Notice
from tests import seed
from tests.lifecycle_pages import move_url, review_move, submit, submit_and_approve
from tests.test_pdf import pdf_text
from tests.test_wizard import step_url

pytestmark = pytest.mark.django_db


def test_the_review_offers_draft_pdfs_marked_draft(compliance_client, seed_notice):
    review = compliance_client.get(step_url(seed_notice, "review")).content.decode()
    pdf_url = reverse("filings:document", args=[seed_notice.pk, "pdf"])
    conformed_url = reverse("filings:document", args=[seed_notice.pk, "pdf-conformed"])
    assert f'href="{pdf_url}"' in review and f'href="{conformed_url}"' in review
    response = compliance_client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="nt10k-2003-12-31-draft.pdf"'
    assert "DRAFT" in pdf_text(response.content)


def test_approving_stores_the_pdf_and_the_notice_page_shows_its_hash(
    compliance_client, reviewer_client, seed_notice
):
    review = compliance_client.get(step_url(seed_notice, "review")).content.decode()
    assert "Submit for review" in review
    submitted = submit(compliance_client, seed_notice)
    assert submitted.url == reverse("filings:resume", args=[seed_notice.pk])
    assert not seed_notice.documents.exists()
    response = review_move(reviewer_client, seed_notice, "approve")
    assert response.url == reverse("filings:resume", args=[seed_notice.pk])
    page = reviewer_client.get(response.url)
    stored = seed_notice.documents.get(kind="pdf")
    assert stored.sha256 in page.content.decode()
    assert "The notice is approved and final" in page.content.decode()

    pdf_url = reverse("filings:document", args=[seed_notice.pk, "pdf"])
    first = compliance_client.get(pdf_url)
    second = compliance_client.get(pdf_url)
    assert first.content == second.content == bytes(stored.content)
    assert hashlib.sha256(first.content).hexdigest() == stored.sha256
    assert first["Content-Disposition"] == 'attachment; filename="nt10k-2003-12-31.pdf"'
    assert "DRAFT" not in pdf_text(first.content)
    conformed = compliance_client.get(
        reverse("filings:document", args=[seed_notice.pk, "pdf-conformed"])
    )
    assert "/s/ Warren Delano" in pdf_text(conformed.content)


def test_a_final_notice_can_no_longer_be_edited(compliance_client, reviewer_client, seed_notice):
    submit_and_approve(compliance_client, reviewer_client, seed_notice)
    response = compliance_client.post(
        step_url(seed_notice, "part-3"), {"narrative": "Changed afterwards.", "action": "next"}
    )
    assert response.url == reverse("filings:resume", args=[seed_notice.pk])
    seed_notice.refresh_from_db()
    assert seed_notice.narrative == LEXINGTON_NOTICE["narrative"]
    refused = reviewer_client.post(move_url(seed_notice, "approve"))
    assert refused.status_code == 400
    assert "This notice is approved now" in refused.content.decode()
    assert seed_notice.documents.count() == 4  # two PDFs, the .htm and the .txt


def test_a_notice_with_problems_is_not_submitted(compliance_client, seed_notice):
    seed_notice.signers.all().delete()
    response = compliance_client.post(move_url(seed_notice, "submit"))
    assert response.url == step_url(seed_notice, "review")
    review = compliance_client.get(response.url).content.decode()
    assert "Fix the problems listed on the review page first." in review
    assert "Submit for review" not in review
    seed_notice.refresh_from_db()
    assert not seed_notice.is_final


def test_moves_take_only_a_post_with_the_right_role(
    client, outsider, compliance_client, seed_notice
):
    url = move_url(seed_notice, "submit")
    assert compliance_client.get(url).status_code == 405
    compliance_client.logout()
    client.force_login(outsider)
    assert client.post(url).status_code == 403
    pdf_url = reverse("filings:document", args=[seed_notice.pk, "pdf"])
    assert client.get(pdf_url).status_code == 403
    seed_notice.refresh_from_db()
    assert not seed_notice.is_final


def test_start_an_amendment_prefills_the_report_and_the_link(
    compliance_client, reviewer_client, seed_notice
):
    submit_and_approve(compliance_client, reviewer_client, seed_notice)
    page = compliance_client.get(
        reverse("filings:new"),
        {"registrant": seed_notice.registrant_id, "amends": seed_notice.pk},
    )
    form = page.context["form"]
    assert form["is_amendment"].value() is True
    assert (
        form["amends"].value()
        == f"NT 10-K for the period ended December 31, 2003 (#{seed_notice.pk})"
    )
    data = seed.report_step(
        seed_notice.registrant_id, is_amendment="on", amends=str(seed_notice.pk)
    )
    compliance_client.post(reverse("filings:new"), data)
    amendment = Notice.objects.latest("pk")
    assert amendment.edgar_submission_type == "NT 10-K/A"
    assert amendment.amends == seed_notice
