"""Hostile or unlucky input: odd query strings, NUL characters, forged posts, stale tabs and
expired sessions. Never a 500, never lost or overwritten work."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from filings.forms import PartIIIForm
from filings.models import Notice
from filings.rules import warnings
from filings.services import notice_save_step
from tests import seed
from tests.conftest import expire_session
from tests.test_wizard import fill_parts_ii_to_iv, post_step, start_notice, step_url, walk_to_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(compliance_client, lexington) -> Notice:
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    return notice


@pytest.mark.parametrize("value", ["\u00b2", "99999999999999999999", "-1", "1.5", "abc"])
def test_odd_ids_in_the_query_string_are_ignored(compliance_client, notice, value):
    for url in [reverse("filings:list"), reverse("filings:new")]:
        for name in ["registrant", "amends", "form_type", "status", "page"]:
            assert compliance_client.get(url, {name: value}).status_code == 200, (url, name)


def test_a_nul_character_is_a_field_error_and_is_not_stored(compliance_client, notice):
    post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    response = post_step(compliance_client, notice, "part-3", {"narrative": "a\x00b"})
    assert response.status_code == 200
    assert "narrative" in response.context["form"].errors
    notice.refresh_from_db()
    assert notice.pending_input_of(notice.updated_by)["part-3"] == {"narrative": ["ab"]}
    assert compliance_client.get(reverse("filings:list"), {"q": "a\x00b"}).status_code == 200


def test_a_forged_post_leaving_out_a_field_changes_nothing(compliance_client, notice):
    notice.former_name = "Lexington Corp"
    notice.save()
    forged = {key: value for key, value in seed.PART_I.items() if key != "former_name"}
    response = post_step(compliance_client, notice, "part-1", forged)
    assert response.status_code == 200
    assert response.context["form"].errors["former_name"][0].startswith("This answer was missing")
    notice.refresh_from_db()
    assert notice.former_name == "Lexington Corp"


def test_only_the_steps_own_fields_are_kept_from_a_failed_post(compliance_client, notice):
    post_step(
        compliance_client,
        notice,
        "part-1",
        {**seed.PART_I, "street": "", "junk": "x" * 100_000, "saved_steps": "all"},
    )
    notice.refresh_from_db()
    assert set(notice.pending_input_of(notice.updated_by)["part-1"]) == set(seed.PART_I) - {
        "action"
    }


def test_a_forged_signer_count_cannot_lock_the_notice(compliance_client, notice):
    fill_parts_ii_to_iv(compliance_client, notice)
    signer = notice.signers.get()
    forged = seed.signature_step(signer.pk, **{"signers-TOTAL_FORMS": "5000"})
    assert post_step(compliance_client, notice, "signature", forged).status_code == 200
    notice.refresh_from_db()
    # The rows as typed (the signer and the blank extra row), not the forged count.
    assert notice.pending_input_of(notice.updated_by)["signature"]["signers-TOTAL_FORMS"] == ["2"]
    page = compliance_client.get(step_url(notice, "signature"))
    assert len(page.context["form"].formset.forms) == 2
    post_step(compliance_client, notice, "signature", seed.signature_step(signer.pk), "review")


def test_a_stale_tab_saving_one_step_does_not_undo_another(
    compliance_client, notice, compliance_user
):
    post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    stale = Notice.objects.get(pk=notice.pk)  # the other tab, loaded before Part IV changed
    post_step(compliance_client, notice, "part-3", seed.PART_III, "part-4")
    post_step(compliance_client, notice, "part-4", {**seed.PART_IV, "contact_name": "Jane Roe"})
    form = PartIIIForm({"narrative": seed.NARRATIVE + " Updated."}, instance=stale)
    assert form.is_valid()
    notice_save_step(notice=stale, step_slug="part-3", answers=form.answers(), user=compliance_user)
    notice.refresh_from_db()
    assert notice.contact_name == "Jane Roe"
    assert notice.narrative.endswith("Updated.")
    assert "part-4" in notice.saved_steps


def test_two_tabs_posting_after_the_session_expired_both_keep_their_text(
    client, compliance_user, lexington
):
    client.force_login(compliance_user)
    first = start_notice(client, lexington)
    second = start_notice(client, lexington, period_end="2004-12-31")
    expire_session(client)
    client.post(step_url(first, "part-1"), {**seed.PART_I, "former_name": "From tab one"})
    client.post(step_url(second, "part-1"), {**seed.PART_I, "former_name": "From tab two"})
    client.post(reverse("filings:new"), seed.report_step(lexington.pk, period_end="2005-06-30"))
    client.force_login(compliance_user)
    one = client.get(step_url(first, "part-1")).context["form"]
    two = client.get(step_url(second, "part-1")).context["form"]
    new = client.get(reverse("filings:new")).context["form"]
    assert one["former_name"].value() == "From tab one"
    assert two["former_name"].value() == "From tab two"
    assert new["period_end"].value() == "2005-06-30"


def test_a_stored_file_is_linked_only_through_the_checked_download(compliance_client, notice):
    statement = SimpleUploadedFile("statement.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    data = {
        "relief_claimed": "True",
        "third_party_cause": "True",
        "third_party_statement_text": "The auditor's statement.",
        "third_party_statement": statement,
    }
    post_step(compliance_client, notice, "part-2", data, "part-3")
    page = compliance_client.get(step_url(notice, "part-2")).content.decode()
    assert "/media/" not in page
    assert reverse("filings:document", args=[notice.pk, "exhibit-pdf", "statement"]) in page


def test_error_summary_links_reach_radio_questions_and_signer_rows(compliance_client, notice):
    response = post_step(compliance_client, notice, "part-2", {"relief_claimed": "True"})
    page = response.content.decode()
    assert 'href="#id_third_party_cause_0"' in page and 'id="id_third_party_cause_0"' in page
    assert "Say whether someone other than the registrant is the cause." in page
    fill_parts_ii_to_iv(compliance_client, notice)
    signer = notice.signers.get()
    response = post_step(
        compliance_client,
        notice,
        "signature",
        seed.signature_step(signer.pk, **{"signers-0-name": ""}),
    )
    page = response.content.decode()
    assert 'href="#id_signers-0-name"' in page
    assert ">Signer 1: Enter the signer&#x27;s name.</a>" in page


def test_copying_skips_drafts_whose_parts_iii_and_iv_were_never_filled(
    compliance_client, lexington
):
    walk_to_review(compliance_client, lexington)
    start_notice(compliance_client, lexington, period_end="2004-03-31")  # abandoned after step 1
    copy = start_notice(compliance_client, lexington, period_end="2004-06-30", copy_previous="on")
    assert copy.narrative == seed.NARRATIVE


def test_an_expected_restatement_with_no_change_in_part_iv_3_is_a_warning(
    compliance_client, lexington
):
    notice = walk_to_review(compliance_client, lexington)
    notice.refresh_from_db()
    notice.narrative += " The registrant expects a correction of prior period financial statements."
    notice.restatement_expected = True
    notice.significant_change = False
    messages = [warning.message for warning in warnings(notice)]
    assert any("Part IV(3) says no significant change" in message for message in messages)
    assert any("\u201ccorrection\u201d" in message for message in messages)
