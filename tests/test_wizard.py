import pytest
from django.urls import reverse

from filings.models import Notice
from tests import seed
from tests.conftest import expire_session

pytestmark = pytest.mark.django_db


def step_url(notice: Notice, slug: str) -> str:
    return reverse("filings:step", args=[notice.pk, slug])


def start_notice(client, registrant, **overrides) -> Notice:
    response = client.post(reverse("filings:new"), seed.report_step(registrant.pk, **overrides))
    notice = Notice.objects.latest("pk")
    assert response.status_code == 302, response.context["error_summary"]
    assert response.url == step_url(notice, "part-1")
    return notice


def post_step(client, notice: Notice, slug: str, data: dict, expect_next: str | None = None):
    response = client.post(step_url(notice, slug), data)
    if expect_next is not None:
        assert response.status_code == 302, response.context["error_summary"]
        assert response.url == step_url(notice, expect_next)
    return response


def fill_parts_ii_to_iv(client, notice: Notice) -> None:
    """From Part II (Part I saved) to the signature step, with the seed's answers."""
    post_step(client, notice, "part-2", seed.PART_II, "part-3")
    post_step(client, notice, "part-3", seed.PART_III, "part-4")
    post_step(client, notice, "part-4", seed.PART_IV, "signature")


def walk_to_review(client, registrant) -> Notice:
    notice = start_notice(client, registrant)
    post_step(client, notice, "part-1", seed.PART_I, "part-2")
    fill_parts_ii_to_iv(client, notice)
    signer = notice.signers.get()
    post_step(client, notice, "signature", seed.signature_step(signer.pk), "review")
    return notice


def test_the_seed_notice_walks_every_step_to_a_review_with_every_fact(compliance_client, lexington):
    notice = walk_to_review(compliance_client, lexington)
    response = compliance_client.get(step_url(notice, "review"))
    assert response.status_code == 200
    page = response.content.decode()
    for fact in seed.SEED_FACTS:
        assert fact in page, fact
    document = response.context
    assert document["narrative"] == seed.NARRATIVE
    assert document["significant_change_explanation"] == seed.ATTACHMENT
    assert document["other_reports_filed"] is True and document["significant_change"] is True
    assert [box.label for box in document["form_boxes"] if box.checked] == ["Form 10-K"]
    assert document["part_ii_checked"] is True
    assert response.context["blocking"] == []
    notice.refresh_from_db()
    assert notice.edgar_submission_type == "NT 10-K"
    assert notice.updated_by.username == "casey"


def test_part_i_contact_and_signer_are_copied_from_the_registrant(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    assert notice.registrant_name == "Lexington Precision Corporation"
    assert notice.city_state_zip == "New York, New York 10017"
    assert notice.sec_file_number == "0-3252"
    assert notice.filer_status == "non_accelerated"
    assert (notice.contact_name, notice.contact_area_code, notice.contact_phone) == (
        "Warren Delano",
        "212",
        "319-4657",
    )
    assert notice.signers.get().title == "President, Co-Principal Executive Officer"


def test_editing_the_registrant_later_does_not_change_the_notice(
    registrant_admin_client, compliance_client, lexington
):
    notice = start_notice(compliance_client, lexington)
    lexington.street = "40 East 52nd Street"
    lexington.save()
    notice.refresh_from_db()
    assert notice.street == "767 Third Avenue"


def test_a_later_step_sends_the_user_back_to_the_first_incomplete_one(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    response = compliance_client.get(step_url(notice, "part-4"))
    assert response.status_code == 302
    assert response.url == step_url(notice, "part-1")
    response = compliance_client.get(step_url(notice, "review"))
    assert response.url == step_url(notice, "part-1")


def test_resuming_lands_on_the_first_incomplete_step(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    response = compliance_client.get(reverse("filings:resume", args=[notice.pk]))
    assert response.url == step_url(notice, "part-3")


def test_a_draft_survives_logout_and_resumes_where_it_stopped(client, compliance_user, lexington):
    client.force_login(compliance_user)
    notice = start_notice(client, lexington)
    post_step(client, notice, "part-1", seed.PART_I, "part-2")
    client.post(step_url(notice, "part-2"), {**seed.PART_II, "action": "exit"})
    client.post(reverse("logout"))
    client.force_login(compliance_user)
    response = client.get(reverse("filings:resume", args=[notice.pk]))
    assert response.url == step_url(notice, "part-3")
    notice.refresh_from_db()
    assert notice.relief_claimed is True


def test_back_keeps_what_was_typed_even_when_invalid(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    post_step(compliance_client, notice, "part-3", seed.PART_III, "part-4")
    typed = {**seed.PART_IV, "contact_area_code": "2x2", "action": "back"}
    response = post_step(compliance_client, notice, "part-4", typed, "part-3")
    notice.refresh_from_db()
    assert notice.contact_area_code == "212"  # the saved value is untouched
    page = compliance_client.get(step_url(notice, "part-4"))
    assert page.context["form"]["contact_area_code"].value() == "2x2"
    assert "contact_area_code" in page.context["form"].errors
    assert response.status_code == 302


def test_back_saves_a_valid_page(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    post_step(
        compliance_client,
        notice,
        "part-1",
        {**seed.PART_I, "former_name": "Lexington Corp", "action": "back"},
        "report",
    )
    notice.refresh_from_db()
    assert notice.former_name == "Lexington Corp"


def test_an_invalid_next_shows_errors_and_keeps_the_input_for_later(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    response = post_step(
        compliance_client, notice, "part-1", {**seed.PART_I, "cusip": "313586108", "street": ""}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"cusip", "street"}
    assert 'id="error-summary"' in response.content.decode()
    notice.refresh_from_db()
    assert notice.street == "767 Third Avenue"
    assert notice.pending_input_of(notice.updated_by)["part-1"]["cusip"] == ["313586108"]
    # Coming back later (another machine: nothing in the session) shows the same input.
    compliance_client.logout()
    compliance_client.force_login(notice.created_by)
    again = compliance_client.get(step_url(notice, "part-1"))
    assert again.context["form"]["cusip"].value() == "313586108"


def test_two_drafts_in_two_tabs_do_not_interfere(compliance_client, lexington):
    first = start_notice(compliance_client, lexington)
    second = start_notice(compliance_client, lexington, form_type="10-Q", period_end="2004-03-31")
    post_step(compliance_client, first, "part-1", seed.PART_I, "part-2")
    post_step(
        compliance_client, second, "part-1", {**seed.PART_I, "former_name": "Second tab"}, "part-2"
    )
    post_step(compliance_client, first, "part-2", seed.PART_II, "part-3")
    post_step(
        compliance_client, second, "part-2", {"relief_claimed": "False", "action": "next"}, "part-3"
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.form_type, first.former_name, first.relief_claimed) == ("10-K", "", True)
    assert (second.form_type, second.former_name, second.relief_claimed) == (
        "10-Q",
        "Second tab",
        False,
    )


def test_a_post_after_the_session_expired_keeps_the_typed_text_through_login(
    client, compliance_user, lexington
):
    client.force_login(compliance_user)
    notice = start_notice(client, lexington)
    post_step(client, notice, "part-1", seed.PART_I, "part-2")
    post_step(client, notice, "part-2", seed.PART_II, "part-3")
    expire_session(client)

    response = client.post(step_url(notice, "part-3"), seed.PART_III)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={step_url(notice, 'part-3')}"
    login = client.post(
        response.url,
        {
            "username": "casey",
            "password": "correct-horse-battery",
            "next": step_url(notice, "part-3"),
        },
    )
    assert login.url == step_url(notice, "part-3")
    page = client.get(login.url)
    assert page.context["form"]["narrative"].value() == seed.NARRATIVE
    assert "You were signed out before this page was saved" in page.content.decode()
    notice.refresh_from_db()
    assert notice.narrative == ""  # restored on the page, saved only when the user says so


def test_start_from_a_previous_notice_copies_parts_iii_and_iv(compliance_client, lexington):
    walk_to_review(compliance_client, lexington)
    copy = start_notice(
        compliance_client, lexington, form_type="10-Q", period_end="2004-03-31", copy_previous="on"
    )
    assert copy.narrative == seed.NARRATIVE
    assert copy.significant_change_explanation == seed.ATTACHMENT
    assert copy.other_reports_filed is True
    assert copy.relief_claimed is None  # Part II is answered afresh


def test_edit_link_on_review_returns_to_review_after_saving(compliance_client, lexington):
    notice = walk_to_review(compliance_client, lexington)
    review = compliance_client.get(step_url(notice, "review"))
    edit_url = review.context["edit_urls"]["part_3"]
    assert edit_url == step_url(notice, "part-3") + "?return=review"
    response = compliance_client.post(
        edit_url, {"narrative": seed.NARRATIVE + " Updated.", "action": "next"}
    )
    assert response.url == step_url(notice, "review")
