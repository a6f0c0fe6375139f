"""Two teammates on the same notice, and inputs that used to break a draft."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from filings.models import Notice
from tests import seed
from tests.conftest import TEAM, make_user, team
from tests.test_wizard import fill_parts_ii_to_iv, post_step, start_notice, step_url

pytestmark = pytest.mark.django_db

VERSION_FIELD = "answers_version"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def loaded_version(client: Client, notice: Notice, slug: str) -> str:
    """The version of the answers a step page was loaded with, as the page posts it back."""
    return client.get(step_url(notice, slug)).context["version"]


@pytest.fixture
def teammate(db) -> User:
    """Compliance staff on the same team as compliance_user."""
    user = make_user("alex", "Compliance staff")
    user.groups.add(team(TEAM))
    return user


@pytest.fixture
def notice_at_part_iii(compliance_client, lexington) -> Notice:
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    post_step(compliance_client, notice, "part-3", seed.PART_III, "part-4")
    return notice


def test_a_save_from_a_page_loaded_before_a_teammates_save_is_refused_and_shows_both(
    compliance_client, compliance_user, teammate, notice_at_part_iii
):
    notice = notice_at_part_iii
    other = logged_in(teammate)
    mine = loaded_version(compliance_client, notice, "part-3")
    theirs = loaded_version(other, notice, "part-3")
    saved_by_teammate = "The auditor needs two more weeks to finish the inventory count review."
    post_step(
        other, notice, "part-3", {"narrative": saved_by_teammate, VERSION_FIELD: theirs}, "part-4"
    )

    typed_by_me = "Our new ERP system delayed the closing of the books by several days."
    response = post_step(
        compliance_client, notice, "part-3", {"narrative": typed_by_me, VERSION_FIELD: mine}
    )

    assert response.status_code == 200
    notice.refresh_from_db()
    assert notice.narrative == saved_by_teammate
    [row] = response.context["changes"]["rows"]
    assert (row["label"], row["saved"], row["typed"]) == (
        "Narrative",
        saved_by_teammate,
        typed_by_me,
    )
    page = response.content.decode()
    assert "Someone else saved this page after you opened it" in page
    assert "Saved by alex" in page
    # The form holds what I typed, and the page now carries the saved version: saving again
    # (after merging) goes through.
    assert response.context["form"]["narrative"].value() == typed_by_me
    assert notice.pending_input_of(compliance_user)["part-3"]["narrative"] == [typed_by_me]
    merged = f"{saved_by_teammate} {typed_by_me}"
    post_step(
        compliance_client,
        notice,
        "part-3",
        {"narrative": merged, VERSION_FIELD: response.context["version"]},
        "part-4",
    )
    notice.refresh_from_db()
    assert notice.narrative == merged


def test_teammates_saving_different_steps_do_not_conflict(
    compliance_client, teammate, notice_at_part_iii
):
    notice = notice_at_part_iii
    other = logged_in(teammate)
    part_iii = loaded_version(compliance_client, notice, "part-3")
    part_iv = loaded_version(other, notice, "part-4")
    post_step(other, notice, "part-4", {**seed.PART_IV, VERSION_FIELD: part_iv}, "signature")
    narrative = f"{seed.NARRATIVE} Added later."
    post_step(
        compliance_client,
        notice,
        "part-3",
        {"narrative": narrative, VERSION_FIELD: part_iii},
        "part-4",
    )
    notice.refresh_from_db()
    assert notice.narrative == narrative
    assert notice.contact_name == seed.PART_IV["contact_name"]


def test_a_stale_signature_page_is_refused_when_a_teammate_changed_the_signers(
    compliance_client, teammate, lexington
):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    fill_parts_ii_to_iv(compliance_client, notice)
    signer = notice.signers.get()
    other = logged_in(teammate)
    mine = loaded_version(compliance_client, notice, "signature")
    theirs = loaded_version(other, notice, "signature")
    renamed = seed.signature_step(signer.pk, **{"signers-0-title": "Chief Executive Officer"})
    post_step(other, notice, "signature", {**renamed, VERSION_FIELD: theirs}, "review")

    response = post_step(
        compliance_client,
        notice,
        "signature",
        {**seed.signature_step(signer.pk), VERSION_FIELD: mine},
    )

    assert response.status_code == 200
    signer.refresh_from_db()
    assert signer.title == "Chief Executive Officer"
    [row] = response.context["changes"]["rows"]
    assert row["label"] == "Signers"
    assert "Chief Executive Officer" in row["saved"]


@pytest.mark.parametrize("form_type", [{"form_type": ""}, {}], ids=["empty", "missing"])
def test_a_report_step_without_a_report_keeps_the_draft_usable(
    compliance_client, lexington, form_type
):
    notice = start_notice(compliance_client, lexington)
    data = {key: value for key, value in seed.report_step().items() if key != "form_type"}
    response = post_step(compliance_client, notice, "report", {**data, **form_type})

    assert response.status_code == 200
    assert "Choose the report that is late." in response.content.decode()
    notice.refresh_from_db()
    assert notice.form_type == seed.report_step()["form_type"]
    # The kept input shows again on every visit, and the user can fix it.
    for slug in ["report", "part-1"]:
        assert compliance_client.get(step_url(notice, slug), follow=True).status_code == 200
    assert compliance_client.get(step_url(notice, "report")).context["form"].errors
    post_step(compliance_client, notice, "report", seed.report_step(), "part-1")


def test_an_evidence_upload_with_another_error_on_the_page_shows_the_page_again(
    compliance_client, lexington, media_root
):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    fill_parts_ii_to_iv(compliance_client, notice)
    data = seed.signature_step(
        notice.signers.get().pk,
        **{
            "signers-0-is_executive_officer": "",
            "signers-0-evidence_of_authority_text": "Power of attorney granted to Warren Delano.",
            "signers-0-evidence_of_authority": SimpleUploadedFile(
                "authority.pdf", b"%PDF-1.4\n%%EOF\n"
            ),
            "signature_date": "not a date",
        },
    )
    data.pop("signers-0-is_executive_officer")
    response = post_step(compliance_client, notice, "signature", data)

    assert response.status_code == 200
    assert "enter a full date, with month, day and year" in response.content.decode()
    assert not notice.signers.filter(evidence_of_authority__gt="").exists()
    # The upload is kept: the page says so, and fixing the date saves it without choosing the
    # file again.
    assert "authority.pdf" in response.content.decode()
    data.pop("signers-0-evidence_of_authority")
    post_step(
        compliance_client, notice, "signature", {**data, "signature_date": "2026-03-31"}, "review"
    )
    signer = notice.signers.get()
    assert signer.evidence_of_authority.name.endswith("authority.pdf")
    with signer.evidence_of_authority.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4\n%%EOF\n"
    assert not notice.pending_uploads.exists()


def test_a_kept_upload_is_only_for_the_user_who_chose_it(
    compliance_client, teammate, lexington, media_root
):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    statement = SimpleUploadedFile("auditor.pdf", b"%PDF-1.4\n%%EOF\n")
    # Relief claimed because of the auditor, with the statement, but the cause left unanswered.
    post_step(
        compliance_client,
        notice,
        "part-2",
        {"relief_claimed": "True", "third_party_statement": statement},
    )
    assert notice.pending_uploads.get().filename == "auditor.pdf"
    page = logged_in(teammate).get(step_url(notice, "part-2"))
    assert "auditor.pdf" not in page.content.decode()
