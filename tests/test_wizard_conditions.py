"""Fields that depend on an answer: required when shown, discarded when hidden."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings.uploads import MAX_UPLOAD_BYTES
from tests import seed
from tests.conftest import make_registrant
from tests.test_wizard import post_step, start_notice, step_url, walk_to_review

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name: str = "statement.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def notice(compliance_client, lexington):
    return start_notice(compliance_client, lexington)


def test_transition_report_needs_its_period_end_and_decision_date(compliance_client, notice):
    data = seed.report_step(is_transition_report="on")
    response = post_step(compliance_client, notice, "report", data)
    errors = response.context["form"].errors
    assert errors["transition_period_end"] == ["Enter the transition period end date."]
    assert "Rules 13a-10 and 15d-10" in errors["transition_decision_date"][0]
    post_step(
        compliance_client,
        notice,
        "report",
        {
            **data,
            "transition_period_end": "2003-09-30",
            "transition_decision_date": "2003-11-14",
        },
        "part-1",
    )
    notice.refresh_from_db()
    assert notice.is_transition_report and str(notice.transition_period_end) == "2003-09-30"
    assert str(notice.transition_decision_date) == "2003-11-14"


def test_the_decision_date_is_discarded_without_a_transition_box(compliance_client, notice):
    data = seed.report_step(transition_decision_date="2003-11-14")
    post_step(compliance_client, notice, "report", data, "part-1")
    notice.refresh_from_db()
    assert notice.transition_decision_date is None


def test_transition_box_is_discarded_for_forms_without_one(compliance_client, notice):
    data = seed.report_step(
        form_type="N-CEN", is_transition_report="on", transition_period_end="2003-09-30"
    )
    post_step(compliance_client, notice, "report", data, "part-1")
    notice.refresh_from_db()
    assert notice.is_transition_report is False
    assert notice.transition_period_end is None
    assert notice.edgar_submission_type == "NT-NCEN"


def test_portion_needs_the_items(compliance_client, notice):
    response = post_step(compliance_client, notice, "report", seed.report_step(is_portion="on"))
    assert list(response.context["form"].errors) == ["portion_items"]


def test_form_10d_needs_the_distribution_date(compliance_client, notice):
    response = post_step(compliance_client, notice, "report", seed.report_step(form_type="10-D"))
    assert response.context["form"].errors == {
        "distribution_date": ["Enter the distribution date: the Form 10-D due date counts from it."]
    }
    post_step(
        compliance_client,
        notice,
        "report",
        seed.report_step(form_type="10-D", distribution_date="2004-01-25"),
        "part-1",
    )


def test_erisa_answer_is_kept_only_for_form_11k(compliance_client, notice):
    post_step(
        compliance_client,
        notice,
        "report",
        seed.report_step(form_type="11-K", is_erisa_plan="on"),
        "part-1",
    )
    notice.refresh_from_db()
    assert notice.is_erisa_plan is True
    post_step(
        compliance_client,
        notice,
        "report",
        seed.report_step(form_type="10-Q", is_erisa_plan="on"),
        "part-1",
    )
    notice.refresh_from_db()
    assert notice.is_erisa_plan is False


def test_an_amendment_links_to_a_notice_of_the_same_registrant_only(compliance_client, lexington):
    original = walk_to_review(compliance_client, lexington)
    other_registrant = make_registrant(name="Other Corp")
    other = start_notice(compliance_client, other_registrant)
    amendment = start_notice(compliance_client, lexington)
    forged = seed.report_step(is_amendment="on", amends=str(other.pk))
    response = post_step(compliance_client, amendment, "report", forged)
    assert "amends" in response.context["form"].errors
    post_step(
        compliance_client,
        amendment,
        "report",
        seed.report_step(is_amendment="on", amends=str(original.pk)),
        "part-1",
    )
    amendment.refresh_from_db()
    assert amendment.amends == original
    assert amendment.edgar_submission_type == "NT 10-K/A"


def test_no_relief_discards_the_third_party_answers(compliance_client, notice):
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    post_step(
        compliance_client,
        notice,
        "part-2",
        {"relief_claimed": "False", "third_party_cause": "True", "action": "next"},
        "part-3",
    )
    notice.refresh_from_db()
    assert notice.relief_claimed is False
    assert notice.third_party_cause is None


def test_a_third_party_cause_needs_the_text_of_its_statement_and_takes_a_pdf_copy(
    compliance_client, notice
):
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    data = {
        "relief_claimed": "True",
        "third_party_cause": "True",
        "third_party_statement_text": "  ",
        "action": "next",
    }
    response = post_step(compliance_client, notice, "part-2", data)
    assert response.context["form"].errors == {
        "third_party_statement_text": [
            "Enter the text of the third party's signed statement required by Rule 12b-25(c); "
            "it is filed as Exhibit 99."
        ]
    }
    data["third_party_statement_text"] = "We cannot complete the audit by the due date."
    post_step(
        compliance_client, notice, "part-2", {**data, "third_party_statement": pdf()}, "part-3"
    )
    notice.refresh_from_db()
    assert notice.third_party_statement_text == "We cannot complete the audit by the due date."
    assert notice.third_party_statement.name == f"notices/{notice.pk}/statement.pdf"
    download = compliance_client.get(f"/notices/{notice.pk}/documents/exhibit-pdf/statement/")
    assert download["Content-Type"] == "application/pdf"
    assert download.content == PDF_BYTES


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("statement.docx"), "Upload a PDF file (its name ends in .pdf)."),
        (pdf("statement.pdf", b"PK\x03\x04 not a pdf"), "This file is not a PDF"),
        (
            pdf("statement.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES),
            "This file is larger than 10 MB",
        ),
    ],
)
def test_uploads_that_are_not_small_pdfs_get_a_field_error(
    compliance_client, notice, upload, message
):
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    data = {
        "relief_claimed": "True",
        "third_party_cause": "True",
        "third_party_statement_text": "The auditor's statement.",
        "third_party_statement": upload,
    }
    response = post_step(compliance_client, notice, "part-2", data)
    assert response.status_code == 200
    [error] = response.context["form"].errors["third_party_statement"]
    assert error.startswith(message)
    notice.refresh_from_db()
    assert notice.relief_claimed is None and not notice.third_party_statement


def _to_part_iv(client, notice):
    post_step(client, notice, "part-1", seed.PART_I, "part-2")
    post_step(client, notice, "part-2", seed.PART_II, "part-3")
    post_step(client, notice, "part-3", seed.PART_III, "part-4")


def test_part_iv_answers_need_their_details(compliance_client, notice):
    _to_part_iv(compliance_client, notice)
    data = {
        **seed.PART_IV,
        "other_reports_filed": "False",
        "significant_change_explanation": "",
    }
    response = post_step(compliance_client, notice, "part-4", data)
    assert set(response.context["form"].errors) == {
        "reports_not_filed",
        "significant_change_explanation",
    }


def test_a_no_on_part_iv_3_discards_the_explanation(compliance_client, notice):
    _to_part_iv(compliance_client, notice)
    post_step(
        compliance_client,
        notice,
        "part-4",
        {**seed.PART_IV, "significant_change": "False"},
        "signature",
    )
    notice.refresh_from_db()
    assert notice.significant_change is False
    assert notice.significant_change_explanation == ""


def _to_signature(client, notice):
    _to_part_iv(client, notice)
    post_step(client, notice, "part-4", seed.PART_IV, "signature")
    return notice.signers.get()


def test_a_signer_who_is_not_an_executive_officer_needs_evidence_of_authority(
    compliance_client, notice
):
    signer = _to_signature(compliance_client, notice)
    data = seed.signature_step(
        signer.pk,
        **{
            "signers-1-name": "Dennis Welhouse",
            "signers-1-title": "Attorney-in-fact",
            "signers-1-is_executive_officer": "",
        },
    )
    response = post_step(compliance_client, notice, "signature", data)
    [row_errors] = [errors for errors in response.context["form"].formset.errors if errors]
    assert row_errors == {
        "evidence_of_authority_text": [
            "A signer who is not an executive officer needs evidence of authority: enter its text; "
            "it is filed as Exhibit 24."
        ]
    }
    data["signers-1-evidence_of_authority_text"] = "Power of attorney of March 1, 2004."
    post_step(compliance_client, notice, "signature", data, "review")
    added = notice.signers.get(name="Dennis Welhouse")
    assert added.evidence_of_authority_text == "Power of attorney of March 1, 2004."
    assert not added.evidence_of_authority  # the PDF copy is optional


def test_removing_every_signer_is_refused(compliance_client, notice):
    signer = _to_signature(compliance_client, notice)
    data = seed.signature_step(signer.pk, **{"signers-0-DELETE": "on"})
    response = post_step(compliance_client, notice, "signature", data)
    assert response.status_code == 200
    assert "Add at least one signer." in response.content.decode()
    assert notice.signers.count() == 1


def test_the_review_lists_blocking_problems_with_links_to_fix_them(compliance_client, notice):
    signer = _to_signature(compliance_client, notice)
    post_step(compliance_client, notice, "signature", seed.signature_step(signer.pk), "review")
    # Changed outside the wizard (in the admin): a signer who is not an executive officer and
    # has no evidence of authority.
    signer.is_executive_officer = False
    signer.save()
    review = compliance_client.get(step_url(notice, "review"))
    [entry] = review.context["blocking"]
    assert entry["problem"].message == (
        "Warren Delano: A signer who is not an executive officer needs evidence of authority: "
        "enter its text; it is filed as Exhibit 24."
    )
    assert entry["url"] == step_url(notice, "signature") + "?return=review#div_id_signers"
    assert f'href="{entry["url"]}"' in review.content.decode()
