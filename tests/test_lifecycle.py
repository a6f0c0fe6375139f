"""The filing lifecycle's moves (filings.lifecycle): each move, and each refusal, through the
services and through the pages."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from filings.lifecycle import MoveRefused, notice_approve, notice_return, notice_submit
from filings.models import (
    Notice,
    NoticeEvent,
    NoticeInReview,
    NoticeIsFinal,
    NoticeSigner,
    NoticeStatus,
)
from filings.services import notice_save_step
from tests import seed
from tests.conftest import PASSWORD
from tests.lifecycle_pages import move_url, review_move, submit
from tests.test_wizard import post_step, step_url

pytestmark = pytest.mark.django_db


def in_review(notice: Notice, user) -> Notice:
    return notice_submit(notice=notice, user=user)


def test_submitting_puts_a_complete_draft_in_review_with_its_event(
    compliance_client, compliance_user, seed_notice
):
    response = submit(compliance_client, seed_notice, comment="Ready; Part III is new.")
    assert response.url == reverse("filings:resume", args=[seed_notice.pk])
    seed_notice.refresh_from_db()
    assert seed_notice.status == NoticeStatus.IN_REVIEW
    [event] = seed_notice.events.all()
    assert (event.action, event.from_status, event.to_status) == ("submitted", "draft", "in_review")
    assert event.user == compliance_user and event.user_name == "casey"
    assert event.comment == "Ready; Part III is new."
    page = compliance_client.get(response.url).content.decode()
    assert "In review: nobody can change it" in page
    assert "Ready; Part III is new." in page  # the timeline


def test_submitting_is_refused_in_the_wrong_state_without_the_permission_or_when_stale(
    compliance_user, reviewer, seed_notice
):
    with pytest.raises(MoveRefused, match="permission"):
        notice_submit(notice=seed_notice, user=reviewer)
    with pytest.raises(MoveRefused, match="changed after you opened"):
        notice_submit(notice=seed_notice, user=compliance_user, seen_version="stale")
    in_review(seed_notice, compliance_user)
    with pytest.raises(MoveRefused, match="in review now"):
        notice_submit(notice=seed_notice, user=compliance_user)
    assert seed_notice.events.count() == 1


def test_a_notice_in_review_is_not_edited_by_the_wizard_or_a_service(
    compliance_client, compliance_user, seed_notice
):
    in_review(seed_notice, compliance_user)
    response = post_step(compliance_client, seed_notice, "part-3", {"narrative": "Changed."})
    assert response.url == reverse("filings:resume", args=[seed_notice.pk])
    opened = compliance_client.get(step_url(seed_notice, "part-3"), follow=True)
    assert "in review and cannot be changed" in opened.content.decode()
    with pytest.raises(NoticeInReview):
        notice_save_step(
            notice=seed_notice,
            step_slug="part-3",
            answers={"narrative": "Changed by a script."},
            user=compliance_user,
        )
    seed_notice.refresh_from_db()
    assert seed_notice.narrative == seed.NARRATIVE


def test_a_reviewer_sends_it_back_with_a_comment_the_preparer_sees_on_that_step(
    compliance_client, compliance_user, reviewer, reviewer_client, seed_notice
):
    in_review(seed_notice, compliance_user)
    response = review_move(
        reviewer_client, seed_notice, "return", comment="Say why the audit is late.", step="part-3"
    )
    assert response.status_code == 302
    seed_notice.refresh_from_db()
    assert seed_notice.status == NoticeStatus.DRAFT
    event = seed_notice.events.last()
    assert (event.action, event.step, event.user) == ("returned", "part-3", reviewer)
    part_3 = compliance_client.get(step_url(seed_notice, "part-3")).content.decode()
    assert "Say why the audit is late." in part_3 and "Sent back by riley" in part_3
    part_4 = compliance_client.get(step_url(seed_notice, "part-4")).content.decode()
    assert "Say why the audit is late." not in part_4
    review = compliance_client.get(step_url(seed_notice, "review")).content.decode()
    assert "Say why the audit is late." in review
    # Fixed and submitted again: the comment is history, on the timeline only.
    post_step(compliance_client, seed_notice, "part-3", {"narrative": seed.NARRATIVE + " More."})
    submit(compliance_client, seed_notice)
    seed_notice.refresh_from_db()
    assert seed_notice.status == NoticeStatus.IN_REVIEW


def test_sending_back_needs_a_comment_the_permission_and_a_notice_in_review(
    compliance_client, compliance_user, reviewer, reviewer_client, seed_notice
):
    with pytest.raises(MoveRefused, match="draft now"):
        notice_return(notice=seed_notice, user=reviewer, comment="Too early.")
    in_review(seed_notice, compliance_user)
    page = reviewer_client.post(move_url(seed_notice, "return"), {"comment": "  ", "step": ""})
    assert page.status_code == 400
    html = page.content.decode()
    assert "Say what must change before sending the notice back." in html
    assert 'aria-invalid="true"' in html
    with pytest.raises(MoveRefused, match="permission"):
        notice_return(notice=seed_notice, user=compliance_user, comment="I changed my mind.")
    refused = compliance_client.post(move_url(seed_notice, "return"), {"comment": "Mine."})
    assert refused.status_code == 400
    assert "You do not have the permission to send back to draft." in refused.content.decode()
    seed_notice.refresh_from_db()
    assert seed_notice.status == NoticeStatus.IN_REVIEW


def test_approving_stores_the_documents_and_locks_the_notice(
    compliance_user, reviewer, seed_notice
):
    in_review(seed_notice, compliance_user)
    approved = notice_approve(notice=seed_notice, user=reviewer, comment="Counsel agrees.")
    assert approved.status == NoticeStatus.APPROVED and approved.is_final
    assert approved.documents.filter(kind="pdf").exists()
    assert approved.finalized_by == reviewer
    assert [event.action for event in approved.events.all()] == ["submitted", "approved"]
    with pytest.raises(MoveRefused, match="approved now"):
        notice_approve(notice=approved, user=reviewer)


def test_the_person_who_last_changed_the_content_cannot_approve_it(
    client, registrant_admin, seed_notice, settings
):
    client.force_login(registrant_admin)
    post_step(client, seed_notice, "part-3", {"narrative": seed.NARRATIVE + " Robin's words."})
    in_review(seed_notice, registrant_admin)
    page = client.get(reverse("filings:resume", args=[seed_notice.pk])).content.decode()
    assert "someone else must approve it" in page
    # The bar that stays in view offers only sending back to this reviewer.
    bar = page[page.index('aria-label="Approve or send back"') :].split("</div>", 1)[0]
    assert ">Send back to draft: write why</a>" in bar and ">Approve</button>" not in bar
    refused = review_move(client, seed_notice, "approve")
    assert refused.status_code == 400
    assert "segregation of duties" in refused.content.decode()
    seed_notice.refresh_from_db()
    assert seed_notice.status == NoticeStatus.IN_REVIEW
    settings.SEGREGATION_OF_DUTIES = False
    assert notice_approve(notice=seed_notice, user=registrant_admin).is_final


def test_approving_needs_the_permission_and_the_version_the_reviewer_read(
    compliance_user, reviewer, seed_notice
):
    in_review(seed_notice, compliance_user)
    with pytest.raises(MoveRefused, match="permission"):
        notice_approve(notice=seed_notice, user=compliance_user)
    with pytest.raises(MoveRefused, match="changed after you opened"):
        notice_approve(notice=seed_notice, user=reviewer, seen_version="read-before-a-change")
    seed_notice.refresh_from_db()
    assert seed_notice.status == NoticeStatus.IN_REVIEW and not seed_notice.documents.exists()


def test_nothing_edits_an_approved_notice_by_any_path(
    client, compliance_client, compliance_user, reviewer, seed_notice, django_user_model
):
    in_review(seed_notice, compliance_user)
    notice_approve(notice=seed_notice, user=reviewer)
    seed_notice.refresh_from_db()
    seed_notice.narrative = "Changed by a script."
    with pytest.raises(NoticeIsFinal):
        seed_notice.save()
    with pytest.raises(NoticeIsFinal):
        Notice.objects.filter(pk=seed_notice.pk).update(narrative="Changed in bulk.")
    # The status moves only forward, and nothing else with it.
    seed_notice.refresh_from_db()
    seed_notice.status = NoticeStatus.DRAFT
    with pytest.raises(NoticeIsFinal):
        seed_notice.save(update_fields=["status"])
    seed_notice.refresh_from_db()
    seed_notice.status, seed_notice.narrative = NoticeStatus.SIGNED, "Sneaked in."
    with pytest.raises(NoticeIsFinal):
        seed_notice.save(update_fields=["status", "narrative"])
    signer = seed_notice.signers.get()
    title = signer.title
    signer.title = "Changed"
    with pytest.raises(NoticeIsFinal):
        signer.save()
    with pytest.raises(NoticeIsFinal):
        notice_save_step(
            notice=seed_notice, step_slug="part-3", answers={"narrative": "x"}, user=compliance_user
        )
    post_step(compliance_client, seed_notice, "part-3", {"narrative": "Changed in the wizard."})
    superuser = django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(superuser)
    client.post(
        reverse("admin:filings_notice_change", args=[seed_notice.pk]),
        {"narrative": "Edited in the admin.", "status": "draft"},
    )
    seed_notice.refresh_from_db()
    assert seed_notice.status == NoticeStatus.APPROVED
    assert seed_notice.narrative == seed.NARRATIVE
    assert NoticeSigner.objects.get(pk=signer.pk).title == title


def test_the_timeline_is_never_rewritten(compliance_user, seed_notice):
    in_review(seed_notice, compliance_user)
    event = seed_notice.events.get()
    event.comment = "Rewritten."
    with pytest.raises(NoticeIsFinal):
        event.save()
    with pytest.raises(NoticeIsFinal):
        event.delete()
    with pytest.raises(NoticeIsFinal):
        NoticeEvent.objects.filter(pk=event.pk).update(comment="Rewritten.")
    with pytest.raises(NoticeIsFinal):
        NoticeEvent.objects.filter(pk=event.pk).delete()
    assert NoticeEvent.objects.get(pk=event.pk).comment == ""


def test_a_reviewer_opening_a_notice_sees_its_page_and_the_moves_they_may_make(
    reviewer_client, compliance_user, seed_notice
):
    draft = reviewer_client.get(reverse("filings:resume", args=[seed_notice.pk]))
    assert draft.status_code == 200 and "A draft, being prepared." in draft.content.decode()
    assert "Approve" not in draft.content.decode()
    seed_notice.relief_claimed = False
    seed_notice.save()
    in_review(seed_notice, compliance_user)
    page = reviewer_client.get(reverse("filings:resume", args=[seed_notice.pk])).content.decode()
    assert ">Approve</button>" in page and ">Send back to draft</button>" in page
    # And in the bar that stays in view, before the notice.
    bar = page[page.index('aria-label="Approve or send back"') :].split("</div>", 1)[0]
    assert 'form="review-actions"' in bar and ">Approve</button>" in bar
    assert 'href="#id_comment" data-focus-control>Send back to draft: write why</a>' in bar
    assert "1 warning the preparer saw" in page
    assert "Part II is unchecked: no relief under Rule 12b-25(b) is claimed" in page


@pytest.mark.parametrize(
    "data",
    [
        {"comment": "x" * 5000},
        {"comment": "Fine.", "step": "no-such-step"},
        {"comment": "\x00", "version": "\x00"},
        {"comment": ["a", "b"], "step": ["part-3", "part-4"]},
    ],
    ids=["too-long", "forged-step", "nul", "repeated"],
)
def test_forged_move_forms_get_a_page_not_a_500(
    reviewer_client, compliance_user, seed_notice, data
):
    in_review(seed_notice, compliance_user)
    for move in ("return", "approve"):
        assert reviewer_client.post(move_url(seed_notice, move), data).status_code in {302, 400}
    assert reviewer_client.post(move_url(seed_notice, "no-such-move"), data).status_code == 404
    seed_notice.refresh_from_db()
    assert seed_notice.status in {NoticeStatus.IN_REVIEW, NoticeStatus.DRAFT}


def test_final_notices_of_before_the_lifecycle_become_approved_with_an_event(seed_notice):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Notice._meta.db_table} SET status = 'final', finalized_by_name = 'fiona' "
            "WHERE id = %s",
            [seed_notice.pk],
        )
    migration = import_module("filings.migrations.0017_lifecycle")
    migration.final_becomes_approved(apps, None)
    seed_notice.refresh_from_db()
    assert seed_notice.status == NoticeStatus.APPROVED
    [event] = seed_notice.events.all()
    assert (event.action, event.to_status, event.user_name) == ("approved", "approved", "fiona")
