"""A final notice's row never changes: not by a Save in the admin, not by deleting the people
named on it, not by a script. Its people's names survive their accounts."""

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from filings.models import Notice, NoticeIsFinal, NoticeSigner
from filings.services import notice_finalize
from registrants.roles import REGISTRANT_ADMINS
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def stored_row(notice: Notice) -> dict:
    """Every column of the notice as stored."""
    return Notice.objects.filter(pk=notice.pk).values().get()


@pytest.fixture
def finalizer(db) -> User:
    return make_user("fiona")


@pytest.fixture
def final_notice(seed_notice, finalizer) -> Notice:
    seed_notice.created_by = finalizer
    seed_notice.save()
    return notice_finalize(notice=seed_notice, user=finalizer)


@pytest.fixture
def superuser_client(admin_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def test_the_final_notice_names_the_people_who_made_it(final_notice):
    row = stored_row(final_notice)
    assert row["created_by_name"] == row["updated_by_name"] == row["finalized_by_name"] == "fiona"


def test_an_admin_save_changes_nothing_on_a_final_notice(superuser_client, final_notice):
    before = stored_row(final_notice)
    url = reverse("admin:filings_notice_change", args=[final_notice.pk])
    page = superuser_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = superuser_client.post(url, {"narrative": "Changed in the admin.", "_save": "Save"})
    assert response.status_code == 403
    assert stored_row(final_notice) == before


def test_deleting_a_user_leaves_a_final_notice_as_it_was(final_notice, finalizer, lexington):
    draft = Notice.objects.create(
        registrant=lexington, form_type="10-Q", filer_status="accelerated", updated_by=finalizer
    )
    before = stored_row(final_notice)
    finalizer.delete()
    assert stored_row(final_notice) == before
    assert Notice.objects.get(pk=final_notice.pk).finalized_by_name == "fiona"
    draft.refresh_from_db()
    assert draft.updated_by_id is None and draft.updated_by_name == "fiona"


def test_the_notice_pages_name_people_whose_accounts_are_gone(
    compliance_client, final_notice, finalizer
):
    finalizer.delete()
    page = compliance_client.get(reverse("filings:resume", args=[final_notice.pk]))
    assert ", by fiona." in page.content.decode()
    listing = compliance_client.get(reverse("filings:list"))
    assert " by fiona" in listing.content.decode()


def test_no_write_path_changes_a_final_notice(final_notice):
    before = stored_row(final_notice)
    stale = Notice.objects.get(pk=final_notice.pk)
    stale.narrative = "Changed by a script."
    with pytest.raises(NoticeIsFinal):
        stale.save()
    with pytest.raises(NoticeIsFinal):
        stale.delete()
    with pytest.raises(NoticeIsFinal):
        Notice.objects.filter(pk=final_notice.pk).update(narrative="Changed in bulk.")
    with pytest.raises(NoticeIsFinal):
        Notice.objects.all().delete()
    signer = final_notice.signers.get()
    signer.name = "Someone Else"
    with pytest.raises(NoticeIsFinal):
        signer.save()
    with pytest.raises(NoticeIsFinal):
        NoticeSigner(notice=final_notice, name="Added", title="Later").save()
    assert stored_row(final_notice) == before
    assert final_notice.signers.get().name != "Someone Else"


def test_a_notice_amended_by_a_final_notice_cannot_be_deleted(final_notice, lexington):
    original = Notice.objects.create(
        registrant=lexington, form_type="10-K", filer_status="accelerated"
    )
    before = stored_row(final_notice)
    # The final notice amends a draft, linked by a raw write: the final row cannot be saved.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Notice._meta.db_table} SET amends_id = %s WHERE id = %s",
            [original.pk, final_notice.pk],
        )
    before = {**before, "amends_id": original.pk}
    with pytest.raises(ProtectedError):
        original.delete()
    assert stored_row(final_notice) == before


def test_staff_without_delete_permission_cannot_delete_a_draft_in_the_admin(lexington):
    staff = make_user("sam", REGISTRANT_ADMINS)
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_notice", "change_notice"])
    )
    staff = User.objects.get(pk=staff.pk)
    assert not staff.has_perm("filings.delete_notice")
    draft = Notice.objects.create(
        registrant=lexington, form_type="10-Q", filer_status="accelerated"
    )
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    response = client.post(reverse("admin:filings_notice_delete", args=[draft.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Notice.objects.filter(pk=draft.pk).exists()


def test_delete_selected_in_the_admin_refuses_a_choice_holding_a_final_notice(
    superuser_client, final_notice, lexington
):
    draft = Notice.objects.create(
        registrant=lexington, form_type="10-Q", filer_status="accelerated"
    )
    chosen = {"action": "delete_selected", "_selected_action": [draft.pk, final_notice.pk]}
    url = reverse("admin:filings_notice_changelist")
    assert superuser_client.post(url, {**chosen, "post": "yes"}).status_code == 403
    assert Notice.objects.filter(pk=draft.pk).exists()
    chosen["_selected_action"] = [draft.pk]
    assert superuser_client.post(url, {**chosen, "post": "yes"}).status_code == 302
    assert not Notice.objects.filter(pk=draft.pk).exists()
