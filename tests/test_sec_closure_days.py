import contextvars
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.models import Notice, NoticeDueDates, NoticeStatus, SecClosureDay
from filings.selectors import deadlines_of_notice, notice_deadlines, sec_closure_days
from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS
from tests import seed
from tests.notice_factory import make_notice

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:filings_secclosureday_changelist")
ADD = reverse("admin:filings_secclosureday_add")


def test_the_known_closure_days_are_seeded_with_their_reasons():
    seeded = dict(SecClosureDay.objects.values_list("date", "reason"))
    assert set(seeded) == {
        date(2018, 12, 5),
        date(2018, 12, 24),
        date(2019, 12, 24),
        date(2020, 12, 24),
        date(2025, 1, 9),
        date(2025, 12, 24),
        date(2025, 12, 26),
    }
    assert "George H. W. Bush" in seeded[date(2018, 12, 5)]
    assert "Executive Order 13960" in seeded[date(2020, 12, 24)]
    assert "Jimmy Carter" in seeded[date(2025, 1, 9)]
    assert "Executive Order 13854" in seeded[date(2018, 12, 24)]
    assert "Executive Order 13900" in seeded[date(2019, 12, 24)]


def test_unconfirmed_closures_are_not_seeded():
    # 2024-12-24 and Inauguration Day 2021 were not confirmed as EDGAR closures by a source.
    assert not SecClosureDay.objects.filter(
        date__in=[date(2024, 12, 24), date(2021, 1, 20)]
    ).exists()


def test_compliance_staff_read_closure_days_and_registrant_admins_keep_them():
    def codenames(role):
        return set(
            Group.objects.get(name=role)
            .permissions.filter(codename__endswith="secclosureday")
            .values_list("codename", flat=True)
        )

    assert codenames(COMPLIANCE_STAFF) == {"view_secclosureday"}
    assert codenames(REGISTRANT_ADMINS) == {
        "view_secclosureday",
        "add_secclosureday",
        "change_secclosureday",
        "delete_secclosureday",
    }


def test_deadlines_count_the_closure_days_in_the_database():
    before = notice_deadlines(
        form_type="10-K", period_end=date(2026, 3, 31), filer_status="accelerated"
    )
    assert before.report_due == date(2026, 6, 15)
    SecClosureDay.objects.create(date=date(2026, 6, 15), reason="Test closure")
    after = notice_deadlines(
        form_type="10-K", period_end=date(2026, 3, 31), filer_status="accelerated"
    )
    assert (after.report_due, after.notice_due) == (date(2026, 6, 16), date(2026, 6, 17))


def test_a_page_reads_the_closure_days_once(compliance_client, seed_notice):
    # The review page counts the notice's deadlines for two of its checks and for its panel.
    review = reverse("filings:step", args=[seed_notice.pk, "review"])
    with CaptureQueriesContext(connection) as captured:
        response = compliance_client.get(review)
    assert response.status_code == 200
    assert "Deadlines" in response.content.decode()
    reads = [query for query in captured if "filings_secclosureday" in query["sql"]]
    assert len(reads) == 1


def test_a_closure_day_saved_during_a_request_counts_at_once(lexington):
    # Inside a request the closure days are read once; a day saved meanwhile is counted at once,
    # by the page and by the notices' stored due dates. The signals are sent as Django's handler
    # sends them, without closing the test's connection (as the test client does).
    notice = make_notice(lexington, status=NoticeStatus.DRAFT)
    assert NoticeDueDates.objects.get(notice=notice).notice_due == date(2026, 4, 1)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        assert date(2026, 4, 1) not in sec_closure_days()
        with CaptureQueriesContext(connection) as captured:
            sec_closure_days()
        assert len(captured) == 0
        SecClosureDay.objects.create(date=date(2026, 4, 1), reason="Test closure")
        assert date(2026, 4, 1) in sec_closure_days()
        assert NoticeDueDates.objects.get(notice=notice).notice_due == date(2026, 4, 2)
        SecClosureDay.objects.get(date=date(2026, 4, 1)).delete()
        assert date(2026, 4, 1) not in sec_closure_days()
        assert NoticeDueDates.objects.get(notice=notice).notice_due == date(2026, 4, 1)
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    # Outside a request nothing is kept.
    SecClosureDay.objects.create(date=date(2026, 4, 1), reason="Test closure")
    with CaptureQueriesContext(connection) as captured:
        assert date(2026, 4, 1) in sec_closure_days()
    assert len(captured) == 1


def test_a_closure_day_saved_by_another_request_meanwhile_is_not_undone(
    compliance_client, seed_notice
):
    # A step's POST reads the closure days before it saves the notice; a closure day another
    # request saves in between must not be undone when this one writes the notice's due dates.
    due = deadlines_of_notice(seed_notice).notice_due

    def another_request_adds_a_closure_day(sender, instance, **kwargs):
        pre_save.disconnect(another_request_adds_a_closure_day, sender=Notice)
        # Another request runs in a context of its own: it does not empty this one's memo.
        contextvars.Context().run(SecClosureDay.objects.create, date=due, reason="Closed")

    pre_save.connect(another_request_adds_a_closure_day, sender=Notice)
    try:
        response = compliance_client.post(
            reverse("filings:step", args=[seed_notice.pk, "part-1"]), seed.PART_I
        )
    finally:
        pre_save.disconnect(another_request_adds_a_closure_day, sender=Notice)
    assert response.status_code == 302
    seed_notice.refresh_from_db()
    moved = deadlines_of_notice(seed_notice).notice_due
    assert moved != due
    assert NoticeDueDates.objects.get(notice=seed_notice).notice_due == moved


def test_a_registrant_admin_adds_a_closure_day_in_the_admin(client, registrant_admin):
    registrant_admin.is_staff = True
    registrant_admin.save()
    client.force_login(registrant_admin)
    listing = client.get(CHANGELIST).content.decode()
    assert "National day of mourning for President Jimmy Carter" in listing
    assert "Thursday" in listing  # the weekday column

    response = client.post(ADD, {"date": "2026-06-15", "reason": "Day of mourning"})
    assert response.status_code == 302
    assert SecClosureDay.objects.get(date=date(2026, 6, 15)).reason == "Day of mourning"

    duplicate = client.post(ADD, {"date": "2026-06-15", "reason": "Again"})
    assert duplicate.status_code == 200
    assert "already exists" in duplicate.content.decode()


def test_compliance_staff_in_the_admin_see_closure_days_but_cannot_add_them(
    client, compliance_user
):
    compliance_user.is_staff = True
    compliance_user.save()
    client.force_login(compliance_user)
    assert client.get(CHANGELIST).status_code == 200
    assert client.post(ADD, {"date": "2026-06-15", "reason": "Nope"}).status_code == 403
    assert not SecClosureDay.objects.filter(date=date(2026, 6, 15)).exists()
