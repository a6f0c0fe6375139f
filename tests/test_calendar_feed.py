import gzip
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from filings import deadline_views
from filings.models import SecClosureDay
from filings.selectors import registrant_upcoming_reports, soonest_upcoming_reports
from registrants.models import FilerStatus, Registrant
from tests.conftest import TEAM, make_registrant, team

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    day = date(2026, 4, 1)
    monkeypatch.setattr(deadline_views, "_today", lambda: day)
    return day


def events(response) -> dict[str, tuple[date, date, str]]:
    """The events of an .ics response by UID: (start, end, summary)."""
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    feed = Calendar.from_ical(response.content)
    found = {}
    for event in feed.walk("VEVENT"):
        uid = str(event["uid"])
        assert uid not in found, f"duplicate UID {uid}"
        found[uid] = (event.decoded("dtstart"), event.decoded("dtend"), str(event["summary"]))
    return found


def test_the_calendar_has_each_deadline_as_an_all_day_event(compliance_client, lexington, today):
    response = compliance_client.get(reverse("deadlines:calendar"))
    assert response["Content-Disposition"] == 'attachment; filename="deadlines.ics"'
    found = events(response)
    prefix = f"registrant-{lexington.pk}-10-K-20251231"
    assert found[f"{prefix}-report-due@late-filing"] == (
        date(2026, 3, 31),
        date(2026, 4, 1),
        "Form 10-K due: Lexington Precision Corporation",
    )
    assert found[f"{prefix}-notice-due@late-filing"] == (
        date(2026, 4, 1),
        date(2026, 4, 2),
        "Form 12b-25 (NT 10-K) deadline: Lexington Precision Corporation",
    )
    assert found[f"{prefix}-grace-end@late-filing"][:2] == (date(2026, 4, 15), date(2026, 4, 16))
    # A year ahead: the 10-Ks for 2025 (due 31 March 2026) and 2026 (due 31 March 2027) and
    # the three quarters of 2026, three events each.
    assert len(found) == 5 * 3
    feed = Calendar.from_ical(response.content)
    [event, *_] = feed.walk("VEVENT")
    assert "Form 12b-25 (NT 10-K) due: Wednesday, April 1, 2026." in str(event["description"])


def test_the_calendar_covers_active_registrants_only(compliance_client, lexington, today):
    dormant = make_registrant(name="Dormant Holdings", sec_file_number="000-4", is_active=False)
    found = events(compliance_client.get(reverse("deadlines:calendar")))
    assert not [uid for uid in found if uid.startswith(f"registrant-{dormant.pk}-")]
    assert [uid for uid in found if uid.startswith(f"registrant-{lexington.pk}-")]


def test_event_uids_stay_the_same_from_one_download_to_the_next(
    compliance_client, lexington, monkeypatch
):
    monkeypatch.setattr(deadline_views, "_today", lambda: date(2026, 4, 1))
    first = events(compliance_client.get(reverse("deadlines:calendar")))
    monkeypatch.setattr(deadline_views, "_today", lambda: date(2026, 4, 1) + timedelta(days=10))
    later = events(compliance_client.get(reverse("deadlines:calendar")))
    shared = set(first) & set(later)
    assert f"registrant-{lexington.pk}-10-Q-20260331-report-due@late-filing" in shared
    assert all(first[uid] == later[uid] for uid in shared)


def test_a_registrant_calendar_has_that_registrant_only(compliance_client, lexington, today):
    other = make_registrant(
        name="Meridian Tax-Exempt Income Fund",
        sec_file_number="811-09876",
        fiscal_year_end_month=10,
        fiscal_year_end_day=31,
        filer_status=FilerStatus.INVESTMENT_COMPANY,
    )
    url = reverse("deadlines:registrant_calendar", args=[other.pk])
    response = compliance_client.get(url)
    assert response["Content-Disposition"] == (
        'attachment; filename="deadlines-meridian-tax-exempt-income-fund.ics"'
    )
    found = events(response)
    assert found
    assert all(uid.startswith(f"registrant-{other.pk}-N-C") for uid in found)
    assert found[f"registrant-{other.pk}-N-CSR-20260430-report-due@late-filing"][0] == date(
        2026, 7, 9
    )


def test_the_registrant_page_links_to_its_calendar(compliance_client, lexington):
    page = compliance_client.get(lexington.get_absolute_url()).content.decode()
    assert f'href="{reverse("deadlines:registrant_calendar", args=[lexington.pk])}"' in page


def test_an_unknown_registrant_calendar_is_not_found(compliance_client, today):
    url = reverse("deadlines:registrant_calendar", args=[999999])
    assert compliance_client.get(url).status_code == 404


def test_calendars_need_a_login_and_a_role(client, outsider, lexington):
    urls = [
        reverse("deadlines:calendar"),
        reverse("deadlines:registrant_calendar", args=[lexington.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(f"{reverse('login')}?next=")
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 403


def test_a_registrant_name_with_a_line_break_stays_on_one_line_in_the_calendar(
    compliance_client, lexington, today
):
    # Saved without validation, as an older record or a raw database write could hold it.
    Registrant.objects.filter(pk=lexington.pk).update(name="Lexington\r\nPrecision\x0bCorp")
    for url in [
        reverse("deadlines:calendar"),
        reverse("deadlines:registrant_calendar", args=[lexington.pk]),
    ]:
        response = compliance_client.get(url)
        assert response.status_code == 200
        summaries = {summary for _, _, summary in events(response).values()}
        assert "Form 10-K due: Lexington Precision Corp" in summaries
    feed = Calendar.from_ical(response.content)
    assert str(feed["x-wr-calname"]) == "Deadlines: Lexington Precision Corp"


def test_the_soonest_reports_of_many_registrants_are_the_first_of_all_their_reports():
    """Registrants of four fiscal year ends and three filer statuses, their names mixed across
    the groups, so that reports due the same day interleave by name where a limit cuts."""
    fiscal_year_ends = [(12, 31), (3, 31), (6, 30), (9, 30)]
    statuses = [FilerStatus.LARGE_ACCELERATED, FilerStatus.ACCELERATED, FilerStatus.NON_ACCELERATED]
    for number in range(36):
        month, day = fiscal_year_ends[number % 4]
        make_registrant(
            name=f"Registrant {35 - number:02d}",
            fiscal_year_end_month=month,
            fiscal_year_end_day=day,
            filer_status=statuses[number % 3],
            cik=None,
            sec_file_number=f"001-{40000 + number}",
        )
    registrants = Registrant.objects.all()
    today = date(2026, 12, 7)
    everything = registrant_upcoming_reports(registrants=registrants, today=today, horizon_days=365)

    def described(rows):
        return [
            (registrant.name, report.form_type, report.period_end) for registrant, report in rows
        ]

    for limit in (1, 9, 10, 50, 77, len(everything), len(everything) + 5):
        rows, total = soonest_upcoming_reports(
            registrants=registrants, today=today, horizon_days=365, limit=limit
        )
        assert total == len(everything)
        assert described(rows) == described(everything[:limit]), limit


# The calendar of all registrants and the dashboard's coming reports are kept in the cache
# (filings.selectors.user_cache_key): each change they are worked out from shows at once.


def coming_reports(client) -> list[tuple[str, date]]:
    """The dashboard's coming reports: (form, period end)."""
    rows = client.get(reverse("home")).context["upcoming"]
    return [(report.form_type, report.period_end) for _, report in rows]


def lexington_uids(response, lexington) -> set[str]:
    return {uid for uid in events(response) if uid.startswith(f"registrant-{lexington.pk}-")}


def test_the_cached_calendar_is_sent_gzipped_to_clients_that_accept_it(
    compliance_client, lexington, today
):
    url = reverse("deadlines:calendar")
    plain = compliance_client.get(url)
    gzipped = compliance_client.get(url, headers={"accept-encoding": "gzip, deflate"})
    assert "Content-Encoding" not in plain
    assert gzipped["Content-Encoding"] == "gzip"
    assert gzipped["Vary"] == plain["Vary"] == "Accept-Encoding, Cookie"
    assert gzip.decompress(gzipped.content) == plain.content
    assert lexington_uids(plain, lexington)


def test_the_cached_calendar_and_coming_reports_follow_each_change(
    compliance_client, lexington, today
):
    url = reverse("deadlines:calendar")
    assert f"registrant-{lexington.pk}-10-K-20251231-report-due@late-filing" in events(
        compliance_client.get(url)
    )
    first_quarter = ("10-Q", date(2026, 3, 31))
    assert first_quarter in coming_reports(compliance_client)

    # A fiscal year end changed: the reports move.
    lexington.fiscal_year_end_month, lexington.fiscal_year_end_day = 3, 31
    lexington.save()
    uids = lexington_uids(compliance_client.get(url), lexington)
    assert f"registrant-{lexington.pk}-10-K-20260331-report-due@late-filing" in uids
    assert f"registrant-{lexington.pk}-10-K-20251231-report-due@late-filing" not in uids
    # The end of the fiscal year is no first quarter's.
    assert first_quarter not in coming_reports(compliance_client)

    # An SEC closure day on the notice deadline moves it a day.
    notice_due = f"registrant-{lexington.pk}-10-K-20260331-notice-due@late-filing"
    before = events(compliance_client.get(url))[notice_due][0]
    SecClosureDay.objects.create(date=before, reason="A day of mourning")
    assert events(compliance_client.get(url))[notice_due][0] > before

    # Another registrant assigned to the team, then this one taken off it.
    other = make_registrant(name="Harborview Analytics, Inc.", sec_file_number="001-38412")
    assert {uid.split("-")[1] for uid in events(compliance_client.get(url))} == {
        str(lexington.pk),
        str(other.pk),
    }
    lexington.assigned_teams.clear()
    assert not lexington_uids(compliance_client.get(url), lexington)
    assert lexington not in [
        row[0] for row in compliance_client.get(reverse("home")).context["upcoming"]
    ]


def test_a_colleague_never_gets_the_calendar_cached_for_another_team(
    compliance_client, colleague, lexington, today
):
    url = reverse("deadlines:calendar")
    assert lexington_uids(compliance_client.get(url), lexington)
    compliance_client.get(reverse("home"))
    client = Client()
    client.force_login(colleague)
    assert not lexington_uids(client.get(url), lexington)
    assert client.get(reverse("home")).context["upcoming"] == []
    # Joining the team of Lexington: the colleague's calendar and dashboard now have it.
    colleague.groups.add(team(TEAM))
    assert lexington_uids(client.get(url), lexington)
    assert lexington in [row[0] for row in client.get(reverse("home")).context["upcoming"]]
    # Lexington assigned to the colleague alone, off the team: still theirs, no longer the
    # compliance user's.
    lexington.assigned_teams.clear()
    lexington.assigned_users.add(colleague)
    colleague.groups.remove(team(TEAM))
    assert lexington_uids(client.get(url), lexington)
    assert not lexington_uids(compliance_client.get(url), lexington)
