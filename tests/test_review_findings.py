"""What a review of the merged wizard found, each kept from coming back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from filings.models import Notice
from tests import seed
from tests.conftest import TEAM, make_registrant
from tests.test_wizard import fill_parts_ii_to_iv, post_step, start_notice, step_url
from tests.test_wizard_colleagues import VERSION_FIELD, loaded_version, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def teammate(db):
    from tests.test_wizard_colleagues import make_user, team

    user = make_user("alex", "Compliance staff")
    user.groups.add(team(TEAM))
    return user


def test_step_1_of_a_registrant_without_series_saves_again_with_its_version(
    compliance_client, lexington
):
    notice = start_notice(compliance_client, lexington)
    version = loaded_version(compliance_client, notice, "report")
    data = {**seed.report_step(period_end="2003-09-30"), VERSION_FIELD: version}
    post_step(compliance_client, notice, "report", data, "part-1")
    notice.refresh_from_db()
    assert notice.period_end.isoformat() == "2003-09-30"


def test_a_page_that_failed_validation_still_checks_the_version_it_was_loaded_with(
    compliance_client, teammate, lexington
):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    mine = loaded_version(compliance_client, notice, "part-3")
    other = logged_in(teammate)
    theirs = loaded_version(other, notice, "part-3")
    saved = "The auditor needs two more weeks to finish the inventory count review."
    post_step(other, notice, "part-3", {"narrative": saved, VERSION_FIELD: theirs}, "part-4")

    failed = post_step(compliance_client, notice, "part-3", {"narrative": "", VERSION_FIELD: mine})
    assert failed.context["version"] == mine
    # Left and resumed later: still the version it was typed against.
    assert compliance_client.get(step_url(notice, "part-3")).context["version"] == mine

    response = post_step(
        compliance_client, notice, "part-3", {"narrative": "Mine.", VERSION_FIELD: mine}
    )
    assert response.status_code == 200
    assert response.context["changes"]["rows"][0]["saved"] == saved
    notice.refresh_from_db()
    assert notice.narrative == saved


def test_unsaved_changes_can_be_discarded(compliance_client, compliance_user, lexington):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", {**seed.PART_I, "street": ""})
    page = compliance_client.get(step_url(notice, "part-1")).content.decode()
    assert "Discard my unsaved changes" in page
    response = post_step(compliance_client, notice, "part-1", {"action": "discard"})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.pending_input_of(compliance_user) == {}


def test_part_i_offers_as_co_registrants_only_registrants_the_user_may_see(
    compliance_client, lexington
):
    make_registrant(name="Visible Fund Trust", cik="954321")
    hidden = make_registrant(name="Hidden Holdings, Inc.", cik="954322")
    hidden.assigned_teams.clear()
    notice = start_notice(compliance_client, lexington)
    offered = compliance_client.get(reverse("registrants:choose"), {"q": "95432", "active": "1"})
    assert offered.json()["suggestions"] == ["Visible Fund Trust (CIK 0000954321)"]
    post_step(
        compliance_client, notice, "part-1", {**seed.PART_I, "add_co_registrant_search": "954322"}
    )
    post_step(
        compliance_client,
        notice,
        "part-1",
        {**seed.PART_I, "add_co_registrant_search": "Visible Fund Trust (CIK 0000954321)"},
        "part-2",
    )
    notice.refresh_from_db()
    assert notice.co_registrant_ciks == ["0000954321"]
    page = compliance_client.get(step_url(notice, "part-1")).content.decode()
    assert "Visible Fund Trust" in page
    assert "Hidden Holdings" not in page


def test_a_reviewers_reason_is_refused_when_nothing_waits_for_it_and_goes_with_the_answers(
    compliance_client, seed_notice
):
    url = reverse("filings:restatement_review", args=[seed_notice.pk])
    compliance_client.post(url, {"reason": "Pre-approved."})
    seed_notice.refresh_from_db()
    assert seed_notice.restatement_review_reason == ""

    seed_notice.restatement_expected = True
    seed_notice.save()
    compliance_client.post(url, {"reason": "The audit committee has not concluded yet."})
    seed_notice.refresh_from_db()
    assert seed_notice.restatement_review_reason

    post_step(compliance_client, seed_notice, "part-3", {"narrative": f"{seed.NARRATIVE} More."})
    seed_notice.refresh_from_db()
    assert seed_notice.restatement_review_reason == ""
    assert seed_notice.restatement_reviewed_by is None


def test_a_signer_of_another_notice_is_a_page_error_not_a_server_error(
    compliance_client, lexington, seed_notice
):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    fill_parts_ii_to_iv(compliance_client, notice)
    other_signer = seed_notice.signers.get()
    data = seed.signature_step(other_signer.pk)
    response = post_step(compliance_client, notice, "signature", data)
    assert response.status_code == 200
    assert "no longer on the notice" in response.content.decode()
    other_signer.refresh_from_db()
    assert other_signer.notice_id == seed_notice.pk


def test_files_posted_under_other_names_are_not_kept(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    post_step(
        compliance_client,
        notice,
        "part-2",
        {"relief_claimed": "True", "zz": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert not Notice.objects.get(pk=notice.pk).pending_uploads.exists()
