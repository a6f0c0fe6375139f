import re
from datetime import date, datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from filings import deadline_views
from filings.deadlines import EASTERN
from filings.models import SecClosureDay
from filings.selectors import registrants_fingerprint
from registrants.models import FilerStatus
from registrants.roles import REVIEWERS
from tests.conftest import make_registrant

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 1)


@pytest.fixture
def today(monkeypatch):
    """The dashboard's today is TODAY, and its now 9 a.m. Eastern on that day."""
    monkeypatch.setattr(deadline_views, "_today", lambda: TODAY)
    monkeypatch.setattr(deadline_views, "_now", lambda: datetime(2026, 4, 1, 9, tzinfo=EASTERN))
    return TODAY


@pytest.fixture
def registrants(lexington):
    """Registrants whose reports fall around 1 April 2026 in each state."""
    return {
        # 10-K due 31 March: overdue on 1 April, the notice deadline.
        "lexington": lexington,
        # 10-K due 2 March, grace period over on 17 March; 10-Q due 11 May.
        "harborview": make_registrant(
            name="Harborview Analytics, Inc.",
            sec_file_number="001-38412",
            filer_status=FilerStatus.LARGE_ACCELERATED,
        ),
        # Fiscal year ends 30 June: third-quarter 10-Q due 11 May.
        "cedar": make_registrant(
            name="Cedar Ridge Bancorp",
            sec_file_number="000-51234",
            fiscal_year_end_month=6,
            fiscal_year_end_day=30,
            filer_status=FilerStatus.ACCELERATED,
        ),
        # A 52-53 week year ending 28 December: 10-K due 30 March, grace period until 14 April.
        "dune": make_registrant(
            name="Dune Outfitters Inc.",
            sec_file_number="000-40001",
            fiscal_year_end_month=12,
            fiscal_year_end_day=28,
        ),
        "dormant": make_registrant(
            name="Dormant Holdings", sec_file_number="000-40002", is_active=False
        ),
    }


def rows(response) -> list[tuple[str, str, str]]:
    return [
        (registrant.name, report.form_type, report.period_end.isoformat())
        for registrant, report in response.context["upcoming"]
    ]


def test_the_dashboard_lists_coming_reports_of_active_registrants_by_due_date(
    compliance_client, registrants, today
):
    response = compliance_client.get(reverse("home"))
    assert response.status_code == 200
    assert rows(response) == [
        ("Dune Outfitters Inc.", "10-K", "2025-12-28"),
        ("Lexington Precision Corporation", "10-K", "2025-12-31"),
        ("Cedar Ridge Bancorp", "10-Q", "2026-03-31"),
        ("Harborview Analytics, Inc.", "10-Q", "2026-03-31"),
        ("Dune Outfitters Inc.", "10-Q", "2026-03-28"),
        ("Lexington Precision Corporation", "10-Q", "2026-03-31"),
    ]
    assert "Dormant Holdings" not in response.content.decode()


def test_the_coming_reports_stop_at_the_soonest_and_say_how_many_there_are(
    compliance_client, registrants, today, monkeypatch
):
    monkeypatch.setattr(deadline_views, "DASHBOARD_MAX_REPORTS", 4)
    response = compliance_client.get(reverse("home"))
    assert rows(response) == [
        ("Dune Outfitters Inc.", "10-K", "2025-12-28"),
        ("Lexington Precision Corporation", "10-K", "2025-12-31"),
        ("Cedar Ridge Bancorp", "10-Q", "2026-03-31"),
        ("Harborview Analytics, Inc.", "10-Q", "2026-03-31"),
    ]
    page = response.content.decode()
    assert (
        "These are the 4 reports due soonest, to "
        '<time datetime="2026-05-11">May 11, 2026</time>, of 6.' in page
    )
    assert f'<a href="{reverse("registrants:list")}">Each registrant\'s page</a>' in page


def test_all_coming_reports_shown_need_no_word_on_the_others(compliance_client, registrants, today):
    assert 'id="upcoming-more"' not in compliance_client.get(reverse("home")).content.decode()


def table_row(page: str, text: str) -> str:
    """The HTML of the first table row containing `text`."""
    [row, *_] = [row for row in re.findall(r"<tr.*?</tr>", page, re.S) if text in row]
    return row


def test_overdue_and_grace_period_rows_stand_out_in_words_and_colour(
    compliance_client, registrants, today
):
    page = compliance_client.get(reverse("home")).content.decode()
    overdue = table_row(page, "Lexington Precision Corporation")
    assert 'class="table-danger"' in overdue
    assert "Overdue" in overdue
    assert "1 day past due." in overdue
    assert "<br>Form 12b-25: Due today: 8 h 30 min left before 5:30 p.m. Eastern" in overdue
    assert "Tue, March 31, 2026" in overdue and "NT 10-K" in overdue

    grace = table_row(page, "Dune Outfitters Inc.")
    assert 'class="table-warning"' in grace
    assert "Grace period" in grace
    assert "2 days past due." in grace
    assert "<br>Grace period: 9 business days left: due Tuesday, April 14" in grace

    coming = table_row(page, "Cedar Ridge Bancorp")
    assert 'class="urgency-later"' in coming
    assert "28 business days left: due Monday, May 11" in coming
    assert "Mon, May 11, 2026" in coming


def test_the_dashboard_is_an_accessible_table(compliance_client, registrants, today):
    page = compliance_client.get(reverse("home")).content.decode()
    assert "<h1" in page and 'id="upcoming-heading"' in page
    assert "<caption" in page
    # Seven columns and the one of the "Start notice" buttons.
    assert page.count('<th scope="col">') == 8
    assert f'<a href="{registrants["cedar"].get_absolute_url()}">Cedar Ridge Bancorp</a>' in page
    assert (
        'class="nav-link active" aria-current="page"\n                 href="/">Dashboard</a>'
        in page
    )
    assert f'href="{reverse("deadlines:calendar")}"' in page


def test_a_closure_day_in_the_database_moves_the_dashboard_dates(
    compliance_client, registrants, today
):
    SecClosureDay.objects.create(date=date(2026, 3, 31), reason="Test closure")
    page = compliance_client.get(reverse("home")).content.decode()
    lexington = table_row(page, "Lexington Precision Corporation")
    assert "Due today" in lexington
    assert "Wed, April 1, 2026" in lexington


def test_the_dashboard_says_when_nothing_is_due(compliance_client, today):
    page = compliance_client.get(reverse("home")).content.decode()
    assert "No report of an active registrant is due in the next 60 days" in page


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


def test_users_without_a_role_may_not_see_the_dashboard(client, outsider, registrants):
    client.force_login(outsider)
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "Lexington" not in response.content.decode()


def test_logging_in_leads_to_the_dashboard(client, compliance_user, today):
    response = client.post(
        reverse("login"), {"username": "casey", "password": "correct-horse-battery"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Coming report deadlines" in response.content.decode()


def test_the_cached_table_offers_start_notice_only_while_the_user_may_start_one(
    client, reviewer, compliance_user, registrants, today
):
    """The coming deadlines' table is cached (filings.selectors.user_cache_key) apart
    for users who may start a notice and users who may not."""
    client.force_login(compliance_user)
    assert "Start notice" in client.get(reverse("home")).content.decode()
    compliance_user.groups.set([reviewer.groups.get(name=REVIEWERS)])
    compliance_user.groups.add(*reviewer.groups.exclude(name=REVIEWERS))
    page = client.get(reverse("home")).content.decode()
    assert "Cedar Ridge Bancorp" in page
    assert "Start notice" not in page


@pytest.mark.parametrize(
    ("now", "level", "words"),
    [
        # The Wednesday before Thanksgiving: Friday is the next business day.
        (
            datetime(2026, 11, 25, 10, tzinfo=EASTERN),
            "next_business_day",
            "Due the next business day, Friday, November 27 (Thanksgiving Day in between), "
            "5:30 p.m. Eastern",
        ),
        (
            datetime(2026, 11, 27, 10, tzinfo=EASTERN),
            "today",
            "Due today: 7 h 30 min left before 5:30 p.m. Eastern",
        ),
        (
            datetime(2026, 11, 23, 10, tzinfo=EASTERN),
            "soon",
            "3 business days left: due Friday, November 27",
        ),
    ],
)
def test_a_coming_report_due_today_or_the_next_business_day_stands_out(
    compliance_client, monkeypatch, now, level, words
):
    # A fiscal year ending 29 August: the non-accelerated filer's 10-K is due 90 days later,
    # on Friday 27 November 2026.
    make_registrant(name="Autumn Year Corp.", fiscal_year_end_month=8, fiscal_year_end_day=29)
    monkeypatch.setattr(deadline_views, "_today", lambda: now.date())
    monkeypatch.setattr(deadline_views, "_now", lambda: now)
    page = compliance_client.get(reverse("home")).content.decode()
    row = table_row(page, "Annual report")
    assert "Autumn Year Corp." in row
    assert f'class="urgency-{level}"' in row
    assert words in row


def test_the_fingerprint_of_what_a_user_may_see_changes_with_each_of_its_facts(
    compliance_user, lexington
):
    def fingerprint(closures=frozenset()) -> str:
        # As on each page: the user read afresh (its teams are read once per user object).
        user = type(compliance_user).objects.get(pk=compliance_user.pk)
        return registrants_fingerprint(user, closures=closures)

    seen = [fingerprint()]

    def changed() -> None:
        seen.append(fingerprint())
        assert seen[-1] not in seen[:-1]

    assert fingerprint() == seen[0]
    other = make_registrant(name="Other Corp", sec_file_number="000-40009")
    changed()
    other.assigned_users.add(compliance_user)
    changed()
    team = Group.objects.create(name="Team Nine")
    compliance_user.groups.add(team)
    changed()
    lexington.assigned_teams.add(team)
    changed()
    other.name = "Other Corporation"
    other.save()
    changed()
    other.assigned_users.remove(compliance_user)
    changed()
    other.delete()
    changed()
    seen.append(fingerprint(frozenset({date(2026, 12, 24)})))
    assert seen[-1] not in seen[:-1]
