"""Second review: final notices stay final, dates stay in range, amendments have no deadline of
their own, and what is kept for later is bounded."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from filings import deadline_views
from filings.deadlines import DeadlineInputError, compute_deadlines
from filings.forms import PartIIIForm
from filings.middleware import KEPT_CHARACTERS_PER_PAGE
from filings.models import InputKeptThroughLogin, Notice
from filings.services import (
    KEPT_PAGES_PER_USER,
    NoticeIsFinal,
    notice_finalize,
    notice_save_step,
)
from tests import seed
from tests.conftest import expire_session
from tests.test_wizard import fill_parts_ii_to_iv, post_step, start_notice, step_url

pytestmark = pytest.mark.django_db


def test_a_far_future_date_is_a_field_error_and_breaks_no_page(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    response = post_step(
        compliance_client, notice, "report", seed.report_step(period_end="9999-12-01")
    )
    assert response.context["form"].errors == {
        "period_end": ["Enter a date between 1934 and 2099."]
    }
    notice.refresh_from_db()
    assert notice.period_end == date(2003, 12, 31)
    preview = compliance_client.get(
        reverse("deadlines:preview"), {"form_type": "10-K", "period_end": "9999-12-01"}
    )
    assert preview.status_code == 200
    assert compliance_client.get(reverse("home")).status_code == 200


def test_deadlines_of_a_period_too_late_to_count_are_an_input_error():
    with pytest.raises(DeadlineInputError):
        compute_deadlines(
            form_type="10-K", period_end=date(9999, 12, 1), filer_status="accelerated", closures=()
        )


def test_a_step_saved_from_a_stale_tab_cannot_change_a_final_notice(seed_notice, compliance_user):
    stale = Notice.objects.get(pk=seed_notice.pk)
    notice_finalize(notice=seed_notice, user=compliance_user)
    form = PartIIIForm({"narrative": "Changed after finalizing, from another tab."}, instance=stale)
    assert form.is_valid()
    with pytest.raises(NoticeIsFinal):
        notice_save_step(
            notice=stale, step_slug="part-3", answers=form.answers(), user=compliance_user
        )
    seed_notice.refresh_from_db()
    assert seed_notice.narrative == seed.NARRATIVE


def test_submitting_refuses_a_notice_changed_since_its_review(compliance_client, seed_notice):
    review = compliance_client.get(step_url(seed_notice, "review"))
    version = review.context["version"]
    post_step(compliance_client, seed_notice, "part-3", {"narrative": seed.NARRATIVE + " More."})
    response = compliance_client.post(
        reverse("filings:move", args=[seed_notice.pk, "submit"]), {"version": version}
    )
    assert response.url == step_url(seed_notice, "review")
    seed_notice.refresh_from_db()
    assert seed_notice.status == "draft"


def test_the_admin_shows_a_final_notice_read_only(client, seed_notice, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(superuser)
    notice_finalize(notice=seed_notice, user=superuser)
    url = reverse("admin:filings_notice_change", args=[seed_notice.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="narrative"' not in page.content.decode()
    client.post(url, {"narrative": "Edited in the admin.", "status": "draft"})
    seed_notice.refresh_from_db()
    assert seed_notice.is_final and seed_notice.narrative == seed.NARRATIVE


def test_drafts_and_amendments_are_not_listed_as_waiting_for_their_report(
    compliance_client, seed_notice, monkeypatch
):
    seed_notice.period_end = date(2026, 3, 31)
    seed_notice.filer_status = "accelerated"
    seed_notice.save()
    amendment = Notice.objects.get(pk=seed_notice.pk)
    amendment.pk = None
    amendment.is_amendment = True
    amendment.amends = seed_notice
    amendment.save()
    monkeypatch.setattr(deadline_views, "_today", lambda: date(2026, 6, 20))
    response = compliance_client.get(reverse("home"))
    sections = response.context["sections"]
    assert sections["awaiting_report"].rows == []
    drafts = {row.notice: row.urgency for row in sections["drafts"].rows}
    assert drafts[amendment] is None
    assert "Amendment: no deadline of its own" in response.content.decode()
    review = compliance_client.get(step_url(amendment, "review"))
    assert review.context["timing_warnings"] == []


def test_a_broken_signer_count_is_kept_rebuilt_from_the_notice(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    fill_parts_ii_to_iv(compliance_client, notice)
    signer = notice.signers.get()
    broken = seed.signature_step(signer.pk, **{"signers-INITIAL_FORMS": "7", "signature_date": ""})
    del broken["signers-TOTAL_FORMS"]
    assert post_step(compliance_client, notice, "signature", broken).status_code == 200
    notice.refresh_from_db()
    kept = notice.pending_input_of(notice.updated_by)["signature"]
    assert kept["signers-TOTAL_FORMS"] == ["2"] and kept["signers-INITIAL_FORMS"] == ["1"]
    page = compliance_client.get(step_url(notice, "signature"))
    assert len(page.context["form"].formset.forms) == 2
    post_step(compliance_client, notice, "signature", seed.signature_step(signer.pk), "review")


def test_input_kept_through_an_expired_session_is_bounded(client, compliance_user, lexington):
    client.force_login(compliance_user)
    notices = [start_notice(client, lexington, period_end=f"20{10 + n}-12-31") for n in range(7)]
    expire_session(client)
    for notice in notices:
        client.post(step_url(notice, "part-1"), {**seed.PART_I, "former_name": f"Tab {notice.pk}"})
    huge = {**seed.PART_I, "former_name": "x" * (KEPT_CHARACTERS_PER_PAGE + 1)}
    client.post(step_url(notices[0], "part-3"), huge)
    kept = InputKeptThroughLogin.objects.filter(user=compliance_user)
    assert sorted(kept.values_list("path", flat=True)) == sorted(
        step_url(notice, "part-1") for notice in notices[-KEPT_PAGES_PER_USER:]
    )


def test_load_demo_finalizes_the_seed_notice_once(settings):
    settings.DEBUG = True
    call_command("load_demo")
    notice = Notice.objects.get(registrant__name="Lexington Precision Corporation")
    first = dict(notice.documents.values_list("kind", "sha256"))
    assert notice.is_final and set(first) == {"pdf", "pdf-conformed", "htm", "txt"}
    call_command("load_demo")
    assert dict(notice.documents.values_list("kind", "sha256")) == first


def test_render_notice_writes_a_final_notices_stored_bytes(seed_notice, tmp_path, settings):
    final = notice_finalize(notice=seed_notice, user=None)
    settings.FORM_EDITION = {"code": "SEC 1344 (99-99)", "omb_expires": ""}
    output = tmp_path / "final.pdf"
    call_command("render_notice", str(final.pk), "--output", str(output))
    assert output.read_bytes() == bytes(final.documents.get(kind="pdf").content)
