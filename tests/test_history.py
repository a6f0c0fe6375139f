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
from registrants.history import BATCHES_MAX, HISTORY_PANEL_ENTRIES, ROWS_PER_ENTRY
from registrants.models import Contact, Registrant
from tests import seed
from tests.lifecycle_pages import finalize

pytestmark = pytest.mark.django_db


def review_url(notice: Notice) -> str:
    return reverse("filings:step", args=[notice.pk, "review"])


def history_of(response) -> list[str]:
    return [entry.summary for entry in response.context["history"].entries]


def test_a_changed_narrative_shows_on_the_review_page_with_its_difference(
    compliance_client, seed_notice
):
    changed = seed.NARRATIVE.replace("senior lenders", "senior lenders and bondholders")
    compliance_client.post(
        reverse("filings:step", args=[seed_notice.pk, "part-3"]),
        {**seed.PART_III, "narrative": changed},
    )
    response = compliance_client.get(review_url(seed_notice))
    [latest, *_] = response.context["history"].entries
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


def test_a_resaved_step_with_nothing_changed_writes_no_history_row(compliance_client, seed_notice):
    """Next on a page as it was saves only the wizard's bookkeeping: no row for the notice,
    none for its signers; a change writes one."""
    rows = (seed_notice.history.count(), NoticeSigner.history.count())
    compliance_client.post(reverse("filings:step", args=[seed_notice.pk, "part-3"]), seed.PART_III)
    signature = reverse("filings:step", args=[seed_notice.pk, "signature"])
    signer = seed_notice.signers.get()
    response = compliance_client.post(signature, seed.signature_step(signer.pk))
    assert response.status_code == 302
    assert (seed_notice.history.count(), NoticeSigner.history.count()) == rows
    compliance_client.post(
        reverse("filings:step", args=[seed_notice.pk, "part-3"]),
        {**seed.PART_III, "narrative": f"{seed.NARRATIVE} Changed."},
    )
    assert seed_notice.history.count() == rows[0] + 1


def change_narrative(notice: Notice, versions: range) -> None:
    """Save the notice once for each version, its narrative ending "Version N."."""
    for version in versions:
        notice.narrative = f"{seed.NARRATIVE} Version {version}."
        notice.save()


def history_link(notice: Notice) -> str:
    return f'<a href="{reverse("filings:history", args=[notice.pk])}">See the full history</a>'


def versions_shown(entries) -> list[str]:
    return [entry.changes[0].new.rsplit(" ", 1)[-1] for entry in entries]


def test_a_notice_changed_hundreds_of_times_shows_its_newest_changes_and_a_link_to_the_rest(
    compliance_client, seed_notice
):
    change_narrative(seed_notice, range(1, 206))
    with CaptureQueriesContext(connection) as queries:
        response = compliance_client.get(review_url(seed_notice))
    history = response.context["history"]
    assert len(history.entries) == HISTORY_PANEL_ENTRIES
    assert versions_shown(history.entries) == [f"{version}." for version in range(205, 195, -1)]
    assert history.older == history.entries[-1].when
    assert history_link(seed_notice) in response.content.decode()
    # One batch of rows is read, a few for each entry shown, not the whole history.
    [read] = [
        query["sql"] for query in queries if 'FROM "filings_historicalnotice"' in query["sql"]
    ]
    assert read.endswith(f"LIMIT {ROWS_PER_ENTRY * HISTORY_PANEL_ENTRIES + 1}")


def test_a_panel_with_the_whole_history_has_no_link_to_it(compliance_client, seed_notice):
    change_narrative(seed_notice, range(1, HISTORY_PANEL_ENTRIES - 1))
    response = compliance_client.get(review_url(seed_notice))
    # The changes, the signer added and the notice created.
    assert len(response.context["history"].entries) == HISTORY_PANEL_ENTRIES
    assert response.context["history"].older is None
    assert "See the full history" not in response.content.decode()


def test_the_review_page_asks_as_many_queries_at_300_changes_as_at_20(
    compliance_client, seed_notice
):
    change_narrative(seed_notice, range(1, 21))
    with CaptureQueriesContext(connection) as at_20:
        compliance_client.get(review_url(seed_notice))
    change_narrative(seed_notice, range(21, 301))
    with CaptureQueriesContext(connection) as at_300:
        response = compliance_client.get(review_url(seed_notice))
    assert versions_shown(response.context["history"].entries)[0] == "300."
    assert len(at_300) == len(at_20)


def test_changes_before_dozens_of_saves_that_changed_nothing_are_on_the_panel(
    compliance_client, seed_notice
):
    """More rows are read, batch after batch, when the first ones changed nothing."""
    change_narrative(seed_notice, range(1, 4))
    for _ in range(60):
        seed_notice.save()
    response = compliance_client.get(review_url(seed_notice))
    history = response.context["history"]
    summaries = [entry.summary for entry in history.entries]
    assert summaries == [
        "Narrative changed by the system",
        "Narrative changed by the system",
        "Narrative changed by the system",
        "Signer Warren Delano added by the system",
        "Notice created by the system",
    ]
    assert versions_shown(history.entries[:3]) == ["3.", "2.", "1."]
    assert history.older is None
    assert "See the full history" not in response.content.decode()


def test_a_draft_saved_hundreds_of_times_without_a_change_reads_a_bounded_part_of_its_history(
    compliance_client, seed_notice
):
    change_narrative(seed_notice, range(1, 4))
    for _ in range(1000):
        seed_notice.save()
    with CaptureQueriesContext(connection) as queries:
        response = compliance_client.get(review_url(seed_notice))
    reads = [
        int(re.search(r"LIMIT (\d+)$", query["sql"])[1])
        for query in queries
        if 'FROM "filings_historicalnotice"' in query["sql"]
    ]
    first_batch = ROWS_PER_ENTRY * HISTORY_PANEL_ENTRIES + 1
    assert reads == [first_batch * 2**batch for batch in range(BATCHES_MAX)]
    assert response.context["history"].entries == []
    page = response.content.decode()
    assert "Nothing changed in the latest saves." in page
    assert history_link(seed_notice) in page


def test_a_signer_change_far_back_among_another_signers_changes_keeps_its_difference(
    compliance_client, seed_notice
):
    """A change whose previous row of the same signer lies beyond the rows read (here behind
    200 changes of another signer) is compared with that row, not dropped for want of it."""
    warren = seed_notice.signers.get()
    ann = NoticeSigner.objects.create(notice=seed_notice, name="Ann Lee", title="Treasurer")
    for number in range(200):
        warren.title = f"Director {number}"
        warren.save()
    ann.title = "Chief Financial Officer"
    ann.save()
    for number in range(5):
        warren.title = f"President {number}"
        warren.save()
    history = compliance_client.get(review_url(seed_notice)).context["history"]
    [*_, ann_changed] = history.entries[: 5 + 1]
    assert ann_changed.summary == "Signer Ann Lee: title changed by the system"
    [change] = ann_changed.changes
    assert (change.old, change.new) == ("Treasurer", "Chief Financial Officer")
    assert len(history.entries) == HISTORY_PANEL_ENTRIES


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
    [latest, *_] = response.context["history"].entries
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
    [latest, *_] = response.context["history"].entries
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
    page = client.get(reverse("registrants:detail", args=[lexington.pk]))
    entries = page.context["history"].entries
    changes = [(c.label, c.old, c.new) for entry in entries for c in entry.changes]
    assert ("Assigned staff", "(none)", "cameron") in changes
    assert ("Assigned staff", "cameron, casey", "casey") in changes
    assert ("Assigned staff", "casey", "(none)") in changes


def test_a_deleted_users_assignment_is_shown_by_the_users_id(
    client, registrant_admin, colleague, lexington
):
    """Deleting a user drops their assignments without a change of the registrant's own; its
    next save shows the assignment gone, the user named by id, not "(none)" on both sides."""
    client.force_login(registrant_admin)
    lexington.assigned_users.add(colleague)
    colleague_id = colleague.pk
    colleague.delete()
    lexington.save()
    page = client.get(reverse("registrants:detail", args=[lexington.pk]))
    changes = [
        (c.label, c.old, c.new) for entry in page.context["history"].entries for c in entry.changes
    ]
    assert changes[0] == ("Assigned staff", f"(deleted, id {colleague_id})", "(none)")


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
