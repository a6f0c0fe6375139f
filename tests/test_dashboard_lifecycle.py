"""The dashboard follows the lifecycle: what waits for review, signatures, filing and the late
report, the drafts, and the stale ones apart; each list soonest due first, with the urgency in
business days and hours. Today is Wednesday 25 November 2026, 10 a.m. Eastern, the day before
Thanksgiving."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings import deadline_views
from filings.due_dates import dashboard_lists_version
from filings.lifecycle import notice_record_report
from filings.models import Notice, NoticeStatus
from filings.selectors import DASHBOARD_CAP
from filings.urgency import NEXT_BUSINESS_DAY, PASSED, SOON, TODAY, urgency
from registrants.models import FilerStatus, Registrant
from registrants.roles import COMPLIANCE_STAFF, REVIEWERS
from tests.conftest import NOW, make_registrant, make_user
from tests.notice_factory import eastern, file_notice, make_notice

pytestmark = pytest.mark.django_db


# 10-Q periods of a non-accelerated filer (45 days) and their notice deadlines:
DUE_TODAY = date(2026, 10, 10)  # report due Tue 24 Nov, notice due Wed 25 Nov (today)
DUE_FRIDAY = date(2026, 10, 11)  # report due Wed 25 Nov, notice due Fri 27 Nov (Thanksgiving)
PASSED_6_DAYS = date(2026, 9, 30)  # report due Mon 16 Nov, notice due Tue 17 Nov
NEXT_YEAR_10K = date(2026, 12, 31)  # 10-K due Wed 31 Mar 2027, notice due Thu 1 Apr 2027
STALE = date(2026, 3, 31)  # notice due Mon 18 May 2026: more than 30 days ago
ANCIENT = date(2023, 12, 31)  # before the window: stale without counting


def q(registrant, period_end, **fields):
    return make_notice(registrant, form_type="10-Q", period_end=period_end, **fields)


@pytest.fixture
def notices(lexington, compliance_user):
    filed_today = file_notice(
        q(lexington, DUE_TODAY),
        compliance_user,
        eastern(2026, 11, 25, 9, 0),
        "0000000001-26-000001",
    )
    unfiled_report = file_notice(
        q(lexington, PASSED_6_DAYS),
        compliance_user,
        eastern(2026, 11, 17, 12, 0),
        "0000000001-26-000002",
    )
    on_time = file_notice(
        make_notice(lexington, period_end=date(2025, 12, 31)),
        compliance_user,
        eastern(2026, 4, 1, 12, 0),
        "0000000001-26-000003",
    )
    notice_record_report(
        notice=on_time,
        user=compliance_user,
        accession_number="0000000001-26-000004",
        filed_on=date(2026, 4, 14),
    )
    return {
        "review_friday": q(lexington, DUE_FRIDAY, status=NoticeStatus.IN_REVIEW),
        "review_today": q(lexington, DUE_TODAY, status=NoticeStatus.IN_REVIEW),
        "approved_overdue": q(lexington, PASSED_6_DAYS, status=NoticeStatus.APPROVED),
        "signed_friday": q(lexington, DUE_FRIDAY),
        "signed_today": q(lexington, DUE_TODAY),
        "filed_today": filed_today,
        "unfiled_report": unfiled_report,
        "on_time": on_time,
        "draft_later": make_notice(lexington, period_end=NEXT_YEAR_10K, status=NoticeStatus.DRAFT),
        "draft_friday": q(lexington, DUE_FRIDAY, status=NoticeStatus.DRAFT),
        "draft_stale": q(lexington, STALE, status=NoticeStatus.DRAFT),
        "draft_ancient": make_notice(lexington, period_end=ANCIENT, status=NoticeStatus.DRAFT),
        "draft_empty": make_notice(lexington, period_end=None, status=NoticeStatus.DRAFT),
    }


def listed(response, key):
    return [row.notice for row in response.context["sections"][key].rows]


def test_each_list_holds_its_state_soonest_due_first(registrant_admin_client, notices, now):
    response = registrant_admin_client.get(reverse("home"))
    n = notices
    assert listed(response, "review") == [n["review_today"], n["review_friday"]]
    assert listed(response, "approved") == [n["approved_overdue"]]
    assert listed(response, "signed") == [n["signed_today"], n["signed_friday"]]
    assert listed(response, "awaiting_report") == [n["filed_today"]]
    assert listed(response, "late_reports") == [n["unfiled_report"]]
    # The empty draft has no deadline yet: it comes last.
    assert listed(response, "drafts") == [n["draft_friday"], n["draft_later"], n["draft_empty"]]
    assert listed(response, "stale") == [n["draft_stale"], n["draft_ancient"]]


def test_the_review_list_is_only_for_those_who_may_review(compliance_client, notices, now):
    response = compliance_client.get(reverse("home"))
    assert "review" not in response.context["sections"]
    assert "Waiting for my review" not in response.content.decode()


def row_of(page: str, notice) -> str:
    [row] = [
        row
        for row in re.findall(r"<tr.*?</tr>", page, re.S)
        if f'href="/notices/{notice.pk}/"' in row
    ]
    return row


def test_urgency_in_words_and_colour(registrant_admin_client, notices, now):
    page = registrant_admin_client.get(reverse("home")).content.decode()
    today = row_of(page, notices["signed_today"])
    assert (
        "urgency-today" in today and "Due today: 7 h 30 min left before 5:30 p.m. Eastern" in today
    )
    friday = row_of(page, notices["signed_friday"])
    assert "urgency-next_business_day" in friday
    assert "Due the next business day, Friday, November 27 (Thanksgiving Day in between)" in friday
    overdue = row_of(page, notices["approved_overdue"])
    assert "urgency-passed" in overdue
    assert "Overdue" in overdue and "the deadline passed 6 business days ago" in overdue
    awaiting = row_of(page, notices["filed_today"])
    # Grace period: report due Tue 24 Nov + 5 days = Sun 29 Nov, rolled to Mon 30 Nov; two
    # business days after today (Friday 27 and Monday 30; Thursday is Thanksgiving).
    assert "2 business days left: due Monday, November 30" in awaiting
    assert "(grace period, Rule 12b-25(b))" in awaiting
    assert "Overdue" not in awaiting
    late = row_of(page, notices["unfiled_report"])
    assert "Late report" in late and "Form 10-Q not filed yet" in late


def test_filed_and_abandoned_notices_are_never_overdue(registrant_admin_client, notices, now):
    page = registrant_admin_client.get(reverse("home")).content.decode()
    assert f'href="/notices/{notices["on_time"].pk}/"' not in page
    stale = page[page.index("<details") : page.index("</details>")]
    assert "Overdue" not in stale
    assert "Deadline passed long ago" in stale
    overdue_rows = [row for row in re.findall(r"<tr.*?</tr>", page, re.S) if "Overdue" in row]
    # Only the approved notice, six business days past its deadline.
    assert overdue_rows == [row_of(page, notices["approved_overdue"])]


def test_the_lists_write_dates_the_one_way_the_pages_do(registrant_admin_client, notices, now):
    page = registrant_admin_client.get(reverse("home")).content.decode()
    friday = row_of(page, notices["signed_friday"])
    assert "NT 10-Q, period ended October 11, 2026" in friday
    assert ">Fri, November 27, 2026</time>" in friday
    # Not the other style ("11 Oct 2026", "Fri 27 Nov 2026") anywhere in the lists.
    lists = page[: page.index('id="upcoming-heading"')]
    assert not re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b", lists)


def test_a_late_notice_gives_no_grace_and_is_marked_late(
    registrant_admin_client, lexington, compliance_user, now
):
    # A 10-Q due Mon 23 Nov: the notice was due Tue 24 Nov; accepted that day at 17:30:01 it
    # is deemed filed Wed 25 Nov, one business day late. No grace period: the report (due
    # 23 Nov, not filed) is late.
    notice = file_notice(
        q(lexington, date(2026, 10, 9)),
        compliance_user,
        eastern(2026, 11, 24, 17, 30, 1),
        "0000000001-26-000011",
    )
    response = registrant_admin_client.get(reverse("home"))
    assert listed(response, "late_reports") == [notice]
    row = row_of(response.content.decode(), notice)
    assert "Form 12b-25 filed 1 business day after the deadline" in row
    assert "no grace period" in row
    # What it costs the registrant, as on the registrant page: the 10-Q's due date, Monday
    # 23 November 2026, counts in Form S-3's look-back until 1 December 2027.
    assert (
        "<strong>Form S-3 not available until December 1, 2027</strong>, and not before the "
        "report is filed" in row
    )
    assert "<strong>Not a timely filer until December 1, 2027</strong>" in row


def test_each_list_is_capped_with_a_link_to_all(registrant_admin_client, lexington, now):
    for day in range(DASHBOARD_CAP + 2):
        q(lexington, date(2026, 10, 1 + day), status=NoticeStatus.APPROVED)
    response = registrant_admin_client.get(reverse("home"))
    section = response.context["sections"]["approved"]
    assert len(section.rows) == DASHBOARD_CAP and section.more
    assert f'href="{reverse("filings:list")}?status=approved"' in response.content.decode()


def make_many(registrant, count: int) -> None:
    statuses = [
        NoticeStatus.DRAFT,
        NoticeStatus.IN_REVIEW,
        NoticeStatus.APPROVED,
        NoticeStatus.SIGNED,
    ]
    for index in range(count):
        q(registrant, date(2026, 9, 1 + index % 28), status=statuses[index % len(statuses)])


def test_the_dashboard_makes_as_many_queries_for_30_notices_as_for_3(
    registrant_admin_client, lexington, compliance_user, now, django_assert_num_queries
):
    make_many(lexington, 3)
    file_notice(
        q(lexington, DUE_TODAY),
        compliance_user,
        eastern(2026, 11, 25, 9, 0),
        "0000000001-26-000020",
    )
    cache.clear()  # both counts start from an empty cache
    with CaptureQueriesContext(connection) as few:
        registrant_admin_client.get(reverse("home"))
    make_many(lexington, 27)
    file_notice(
        q(lexington, DUE_TODAY),
        compliance_user,
        eastern(2026, 11, 25, 9, 1),
        "0000000001-26-000021",
    )
    cache.clear()
    with django_assert_num_queries(len(few.captured_queries)):
        response = registrant_admin_client.get(reverse("home"))
    assert sum(len(section.rows) for section in response.context["sections"].values()) > 10


def test_another_teams_notices_stay_off_the_dashboard(client, colleague, notices, now):
    client.force_login(colleague)
    response = client.get(reverse("home"))
    assert all(not section.rows for section in response.context["sections"].values())


# The urgency wording, alone ----------------------------------------------------------------


def test_urgency_counts_business_days_across_thanksgiving():
    assert urgency(deadline=date(2026, 11, 27), now=NOW, closures=()).level == NEXT_BUSINESS_DAY
    monday = urgency(deadline=date(2026, 11, 30), now=NOW, closures=())
    assert (monday.level, monday.business_days) == (SOON, 2)


def test_urgency_on_the_deadline_day_counts_hours_to_5_30_pm():
    before = urgency(deadline=date(2026, 11, 25), now=eastern(2026, 11, 25, 17, 29), closures=())
    assert (before.level, before.words) == (TODAY, "Due today: 1 min left before 5:30 p.m. Eastern")
    after = urgency(deadline=date(2026, 11, 25), now=eastern(2026, 11, 25, 17, 30, 1), closures=())
    assert (after.level, after.words) == (PASSED, "Overdue: 5:30 p.m. Eastern passed today")


def test_urgency_names_an_sec_closure_day_in_between():
    # Tuesday 1 December made a closure day: from Monday 30 November, Wednesday is next.
    result = urgency(
        deadline=date(2026, 12, 2), now=eastern(2026, 11, 30, 9, 0), closures={date(2026, 12, 1)}
    )
    assert result.level == NEXT_BUSINESS_DAY
    assert "(an SEC closure day in between)" in result.words


def test_urgency_needs_an_aware_now():
    from datetime import datetime

    with pytest.raises(ValueError):
        urgency(deadline=date(2026, 11, 25), now=datetime(2026, 11, 25, 9), closures=())


def section_html(response, key: str) -> str:
    """The HTML of one list of the dashboard, as sent ("" when the page has no such list)."""
    start = f'<section class="mb-4 dashboard-section" aria-labelledby="{key}-heading"'
    page = response.content.decode()
    return page.split(start)[1].split("</section>")[0] if start in page else ""


def links(response, key: str) -> list[str]:
    return re.findall(r'href="(/notices/\d+/)"', section_html(response, key))


def link(notice) -> str:
    return f"/notices/{notice.pk}/"


def test_the_lists_kept_in_the_cache_follow_each_change_at_once(
    registrant_admin_client, notices, lexington, compliance_user, now, monkeypatch
):
    """The lists and their HTML are kept in the cache (filings.deadline_views.dashboard): a
    second page reads no notice, and every change shows on the next page."""
    n = notices
    home = reverse("home")
    first = registrant_admin_client.get(home)
    with CaptureQueriesContext(connection) as again:
        second = registrant_admin_client.get(home)
    assert not [query for query in again.captured_queries if "filings_notice" in query["sql"]]
    assert (
        links(second, "signed")
        == links(first, "signed")
        == [
            link(n["signed_today"]),
            link(n["signed_friday"]),
        ]
    )

    draft = n["draft_friday"]
    draft.status = NoticeStatus.IN_REVIEW
    draft.save()
    response = registrant_admin_client.get(home)
    assert link(draft) in links(response, "review")
    assert link(draft) not in links(response, "drafts")

    n["draft_later"].delete()
    assert link(n["draft_later"]) not in links(registrant_admin_client.get(home), "drafts")

    notice_record_report(
        notice=n["filed_today"],
        user=compliance_user,
        accession_number="0000000001-26-000030",
        filed_on=date(2026, 11, 25),
    )
    assert "No filed notice is waiting for its report." in section_html(
        registrant_admin_client.get(home), "awaiting_report"
    )

    # The hours left before 5:30 p.m. Eastern count from now on every page.
    page = registrant_admin_client.get(home).content.decode()
    assert "7 h 30 min left" in row_of(page, n["signed_today"])
    monkeypatch.setattr(deadline_views, "_now", lambda: eastern(2026, 11, 25, 15, 15))
    page = registrant_admin_client.get(home).content.decode()
    assert "2 h 15 min left" in row_of(page, n["signed_today"])

    lexington.is_active = False
    lexington.save(update_fields=["is_active"])
    response = registrant_admin_client.get(home)
    assert all(not section.rows for section in response.context["sections"].values())
    assert all(not links(response, key) for key in response.context["sections"])


def test_the_lists_are_read_again_once_a_write_commits(
    lexington, django_capture_on_commit_callbacks
):
    """A page read while a write's transaction is open keeps the lists from before it under
    the version of that moment: the version is replaced again after the commit."""
    notice = q(lexington, DUE_FRIDAY, status=NoticeStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        notice.save()
        during = dashboard_lists_version()
    assert dashboard_lists_version() != during


def test_notices_written_in_bulk_show_once_the_index_is_refreshed(
    registrant_admin_client, lexington, now
):
    home = reverse("home")
    assert links(registrant_admin_client.get(home), "drafts") == []
    [notice] = Notice.objects.bulk_create(
        [
            Notice(
                registrant=lexington,
                registrant_name=lexington.name,
                status=NoticeStatus.DRAFT,
                form_type="10-Q",
                filer_status=FilerStatus.NON_ACCELERATED,
                period_end=DUE_FRIDAY,
            )
        ]
    )
    call_command("refresh_due_dates", stdout=StringIO())
    assert links(registrant_admin_client.get(home), "drafts") == [link(notice)]


def test_a_superuser_no_longer_one_sees_only_their_teams_notices(client, lexington, now):
    """Whether the user sees every registrant is part of what the lists are kept under."""
    draft = q(lexington, DUE_FRIDAY, status=NoticeStatus.DRAFT)
    chief = make_user("morgan", REVIEWERS)
    chief.is_superuser = True
    chief.save()
    client.force_login(chief)
    assert links(client.get(reverse("home")), "drafts") == [link(draft)]
    chief.is_superuser = False
    chief.save()
    assert links(client.get(reverse("home")), "drafts") == []


def test_assignments_swapped_for_others_change_what_the_lists_are_kept_under(client, now):
    """Two registrants taken off a user and two others given, whose ids add up the same: the
    user's lists are read again."""
    first, second, third, fourth = (
        make_registrant(name=f"Registrant {number}", cik=f"90000000{number:02d}")
        for number in range(1, 5)
    )
    assert first.pk + fourth.pk == second.pk + third.pk
    for registrant in (first, second, third, fourth):
        registrant.assigned_teams.clear()
    draft = q(first, DUE_FRIDAY, status=NoticeStatus.DRAFT)
    user = make_user("dana", COMPLIANCE_STAFF)
    assigned = Registrant.assigned_users.through
    # Written as a script would, without a registrant being saved.
    assigned.objects.bulk_create([assigned(user=user, registrant=r) for r in (first, fourth)])
    client.force_login(user)
    assert links(client.get(reverse("home")), "drafts") == [link(draft)]
    assigned.objects.filter(user=user).delete()
    assigned.objects.bulk_create([assigned(user=user, registrant=r) for r in (second, third)])
    assert links(client.get(reverse("home")), "drafts") == []
