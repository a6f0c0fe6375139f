"""The audit trail: every change to notices, their signers, registrants, their people and SEC
closure days is kept with who and when, shown in words on the pages, and cannot be edited."""

import datetime
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.models import Notice, NoticeSigner, SecClosureDay
from registrants.demo import DEMO_REGISTRANTS
from registrants.models import Contact, Registrant
from tests import seed
from tests.lifecycle_pages import finalize

pytestmark = pytest.mark.django_db


def review_url(notice: Notice) -> str:
    return reverse("filings:step", args=[notice.pk, "review"])


def history_of(response) -> list[str]:
    return [entry.summary for entry in response.context["history"]]


def test_a_changed_narrative_shows_on_the_review_page_with_its_difference(
    compliance_client, seed_notice
):
    changed = seed.NARRATIVE.replace("senior lenders", "senior lenders and bondholders")
    compliance_client.post(
        reverse("filings:step", args=[seed_notice.pk, "part-3"]),
        {**seed.PART_III, "narrative": changed},
    )
    response = compliance_client.get(review_url(seed_notice))
    [latest, *_] = response.context["history"]
    assert latest.summary == "Narrative changed by casey"
    [change] = latest.changes
    assert ("added", "and bondholders ") in change.words or ("added", "and") in change.words
    page = response.content.decode()
    assert "Narrative changed by casey, " in page
    assert "<ins>" in page and "bondholders" in page


def test_a_step_that_does_not_validate_leaves_no_history(compliance_client, seed_notice):
    before = seed_notice.history.count()
    compliance_client.post(
        reverse("filings:step", args=[seed_notice.pk, "part-4"]),
        {**seed.PART_IV, "contact_area_code": "not a number"},
    )
    seed_notice.refresh_from_db()
    assert seed_notice.pending_input  # what was typed is kept...
    assert seed_notice.history.count() == before  # ...as bookkeeping, not as a change


def test_a_resaved_step_with_nothing_changed_is_not_listed(compliance_client, seed_notice):
    compliance_client.post(reverse("filings:step", args=[seed_notice.pk, "part-3"]), seed.PART_III)
    assert "Narrative changed by casey" not in history_of(
        compliance_client.get(review_url(seed_notice))
    )


def test_a_notice_changed_hundreds_of_times_lists_its_newest_200_changes(
    compliance_client, seed_notice
):
    for version in range(1, 206):
        seed_notice.narrative = f"{seed.NARRATIVE} Version {version}."
        seed_notice.save()
    with CaptureQueriesContext(connection) as queries:
        history = compliance_client.get(review_url(seed_notice)).context["history"]
    assert len(history) == 200
    versions = [entry.changes[0].new.rsplit(" ", 1)[-1] for entry in history]
    assert versions[0] == "205." and versions[-1] == "6."
    # Only the rows shown and the one the oldest is compared with are read.
    [read] = [
        query["sql"] for query in queries if 'FROM "filings_historicalnotice"' in query["sql"]
    ]
    assert read.endswith("LIMIT 201")


def test_signer_changes_are_listed_on_the_notice(compliance_client, seed_notice):
    signer = seed_notice.signers.get()
    compliance_client.post(
        reverse("filings:step", args=[seed_notice.pk, "signature"]),
        seed.signature_step(signer.pk, **{"signers-0-title": "Chief Financial Officer"}),
    )
    summaries = history_of(compliance_client.get(review_url(seed_notice)))
    assert "Signer Warren Delano: title changed by casey" in summaries


def test_the_final_notice_page_shows_who_finalized_it(compliance_client, seed_notice):
    finalize(compliance_client, seed_notice)
    response = compliance_client.get(reverse("filings:resume", args=[seed_notice.pk]))
    [latest, *_] = response.context["history"]
    assert latest.who == "riley"
    changes = {change.label: change for change in latest.changes}
    assert (changes["Status"].old, changes["Status"].new) == ("In review", "Approved")
    assert changes["Finalized by"].new == "riley"
    # Written as the pages write a moment: "December 7, 2026, 7:49 a.m.".
    assert re.fullmatch(
        r"[A-Z][a-z]+ \d{1,2}, \d{4}, \d{1,2}:\d{2} [ap]\.m\.", changes["Finalized at"].new
    )


def test_a_changed_date_is_written_as_the_pages_write_dates(compliance_client, seed_notice):
    seed_notice.period_end = datetime.date(2004, 3, 31)
    seed_notice.save()
    response = compliance_client.get(review_url(seed_notice))
    [latest, *_] = response.context["history"]
    changes = {change.label: change for change in latest.changes}
    assert (changes["For period ended"].old, changes["For period ended"].new) == (
        "December 31, 2003",
        "March 31, 2004",
    )


def test_registrant_changes_show_on_its_page_with_field_names(client, registrant_admin, lexington):
    client.force_login(registrant_admin)
    fields = {**DEMO_REGISTRANTS[0]["registrant"], "former_name": "Lexington Rubber Co."}
    fields.update(country="United States", is_active="on")
    response = client.post(reverse("registrants:edit", args=[lexington.pk]), fields)
    assert response.status_code == 302
    client.post(
        reverse("registrants:person_create", args=[lexington.pk, "contacts"]),
        {"name": "Ann Lee", "area_code": "212", "phone_number": "555-0100", "email": ""},
    )
    signer = lexington.signers.get()
    client.post(
        reverse("registrants:person_edit", args=[lexington.pk, "signers", signer.pk]),
        {"name": signer.name, "title": "Chairman", "is_executive_officer": "on"},
    )
    page = client.get(reverse("registrants:detail", args=[lexington.pk]))
    summaries = history_of(page)
    assert "Former name changed by robin" in summaries
    assert "Contact Ann Lee added by robin" in summaries
    assert f"Signer {signer.name}: title changed by robin" in summaries
    assert "Lexington Rubber Co." in page.content.decode()


def test_assigning_staff_to_a_registrant_is_history(
    client, registrant_admin, compliance_user, colleague, lexington
):
    client.force_login(registrant_admin)
    lexington.assigned_users.add(colleague)
    compliance_user.assigned_registrants.add(lexington)  # from the user's side too
    lexington.assigned_users.remove(colleague)
    compliance_user.assigned_registrants.clear()
    entries = client.get(reverse("registrants:detail", args=[lexington.pk])).context["history"]
    changes = [(c.label, c.old, c.new) for entry in entries for c in entry.changes]
    assert ("Assigned staff", "(none)", "cameron") in changes
    assert ("Assigned staff", "cameron, casey", "casey") in changes
    assert ("Assigned staff", "casey", "(none)") in changes


def test_a_removed_contact_stays_in_the_history(client, registrant_admin, lexington):
    client.force_login(registrant_admin)
    contact = lexington.contacts.get()
    client.post(reverse("registrants:person_delete", args=[lexington.pk, "contacts", contact.pk]))
    assert not Contact.objects.exists()
    summaries = history_of(client.get(reverse("registrants:detail", args=[lexington.pk])))
    assert "Contact Warren Delano removed by robin" in summaries


def test_history_keeps_the_name_of_a_deleted_user(
    client, compliance_user, registrant_admin, seed_notice
):
    client.force_login(compliance_user)
    client.post(
        reverse("filings:step", args=[seed_notice.pk, "part-3"]),
        {**seed.PART_III, "narrative": seed.NARRATIVE + " More."},
    )
    compliance_user.delete()
    client.force_login(registrant_admin)
    assert "Narrative changed by casey" in history_of(client.get(review_url(seed_notice)))


def test_sec_closure_day_changes_are_kept_and_shown_in_the_admin(admin_client):
    day = SecClosureDay.objects.create(date=datetime.date(2031, 1, 2), reason="Mourning")
    url = reverse("admin:filings_secclosureday_change", args=[day.pk])
    admin_client.post(url, {"date": "2031-01-02", "reason": "National day of mourning"})
    record = day.history.first()
    assert record.history_user_name == "admin"
    assert record.reason == "National day of mourning"
    page = admin_client.get(url).content.decode()
    assert "Reason changed by admin" in page
    assert admin_client.get(reverse("admin:filings_secclosureday_add")).status_code == 200


@pytest.mark.parametrize(
    "model", [Notice, NoticeSigner, Registrant, Contact, SecClosureDay], ids=lambda m: m.__name__
)
def test_history_cannot_be_edited_or_deleted_in_the_admin(admin_client, model):
    historical = model.history.model
    assert historical not in admin.site._registry
    opts = historical._meta
    response = admin_client.get(f"/admin/{opts.app_label}/{opts.model_name}/")
    assert response.status_code == 404
