from datetime import UTC, datetime

import pytest
from django.urls import reverse

from filings import selectors
from filings.models import Notice
from tests import seed
from tests.conftest import make_registrant
from tests.test_wizard import start_notice, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(compliance_client, lexington):
    other = make_registrant(name="Harborview Analytics, Inc.", sec_file_number="001-38412")
    return [
        start_notice(compliance_client, lexington),
        start_notice(compliance_client, other, form_type="10-Q", period_end="2026-03-31"),
    ]


def listed(client, **filters) -> list[Notice]:
    return list(client.get(reverse("filings:list"), filters).context["page"].object_list)


def test_notices_are_listed_most_recently_changed_first_with_who_changed_them(
    compliance_client, notices
):
    first, second = notices
    assert listed(compliance_client) == [second, first]
    # Changing the older notice brings it to the top.
    compliance_client.post(step_url(first, "part-1"), {**seed.PART_I, "former_name": "Changed"})
    assert listed(compliance_client) == [first, second]
    page = compliance_client.get(reverse("filings:list")).content.decode()
    assert "by casey" in page
    assert "NT 10-Q" in page and "NT 10-K" in page


def test_notices_filter_by_registrant_form_type_status_and_search(
    compliance_client, notices, lexington
):
    first, second = notices
    assert listed(compliance_client, registrant=lexington.pk) == [first]
    assert listed(compliance_client, form_type="10-Q") == [second]
    assert listed(compliance_client, status="draft") == [second, first]
    assert listed(compliance_client, q="harborview") == [second]
    assert listed(compliance_client, form_type="bogus", registrant="abc") == [second, first]


@pytest.mark.parametrize("ids_max", [0, 1, 2])
def test_a_search_naming_more_registrants_than_it_passes_as_values_finds_the_same(
    compliance_client, notices, monkeypatch, ids_max
):
    # Past selectors.SEARCH_IDS_MAX matching registrants the search is a subquery.
    monkeypatch.setattr(selectors, "SEARCH_IDS_MAX", ids_max)
    first, second = notices
    assert listed(compliance_client, q="harborview") == [second]
    assert listed(compliance_client, q="o") == [second, first]  # both names hold an "o"
    assert listed(compliance_client, q="nobody") == []


def test_a_notice_without_a_name_of_its_own_is_listed_by_its_registrants_name(
    compliance_client, notices, django_assert_num_queries
):
    first, second = notices
    url = reverse("filings:list")
    compliance_client.get(url)  # the session and the count settle
    with django_assert_num_queries(4):  # session, user with permissions, count, page
        page = compliance_client.get(url).content.decode()
    assert "Lexington Precision Corporation" in page
    Notice.objects.filter(pk=first.pk).update(registrant_name="")
    with django_assert_num_queries(5):  # and the one registrant's name
        page = compliance_client.get(url).content.decode()
    assert f'{first.pk}/">Lexington Precision Corporation</a>' in page
    assert f'{second.pk}/">Harborview Analytics, Inc.</a>' in page


def test_a_registrants_page_lists_its_notices(compliance_client, notices, lexington):
    page = compliance_client.get(reverse("registrants:detail", args=[lexington.pk]))
    [row] = page.context["notice_rows"]
    assert row.url == reverse("filings:resume", args=[notices[0].pk])
    assert f'<a href="{row.url}">Lexington Precision Corporation</a>' in page.content.decode()


def test_a_row_of_the_notice_table_writes_out_each_cell(compliance_client, lexington):
    # An amendment without a period yet, last changed by a user whose name needs escaping.
    notice = Notice.objects.create(
        registrant=lexington,
        registrant_name=lexington.name,
        form_type="10-Q",
        is_amendment=True,
        status="in_review",
        updated_by_name="<b>robin</b>",
    )
    Notice.objects.filter(pk=notice.pk).update(updated_at=datetime(2026, 4, 30, 19, 5, tzinfo=UTC))
    page = compliance_client.get(reverse("filings:list"))
    [row] = page.context["notice_rows"]
    assert (row.edgar_type, row.period_end, row.status) == ("NT 10-Q/A", "\u2014", "In review")
    # 19:05 UTC is 3:05 p.m. in New York, the pages' time zone.
    assert row.changed == "April 30, 2026, 3:05 p.m. by <b>robin</b>"
    html = page.content.decode()
    assert "April 30, 2026, 3:05 p.m. by &lt;b&gt;robin&lt;/b&gt;</td>" in html
    assert '<td data-label="Period ended">\u2014</td>' in html


def test_a_long_list_counts_up_to_its_cap_and_its_last_page_is_the_deepest(
    compliance_client, lexington, monkeypatch
):
    from filings import wizard_views
    from tests.test_query_counts import add_notices

    monkeypatch.setattr(wizard_views, "NOTICE_LIST_MAX_ROWS", 60)
    add_notices(lexington, 70)
    page = compliance_client.get(reverse("filings:list"), {"page": "99"})
    assert page.context["page"].number == 3
    assert len(page.context["page"].object_list) == 10
    assert "More than 60 notices" in page.content.decode()


def counted(client, **filters) -> int:
    return client.get(reverse("filings:list"), filters).context["page"].paginator.count


def test_the_count_is_kept_until_a_notice_changes(compliance_client, notices, lexington):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert counted(compliance_client) == 2
    assert counted(compliance_client, form_type="10-Q") == 1
    # Asked again, the count comes from the cache.
    with CaptureQueriesContext(connection) as captured:
        assert counted(compliance_client) == 2
    assert not [query for query in captured if "COUNT(" in query["sql"].upper()]
    # A notice started, or one deleted, counts at once.
    start_notice(compliance_client, lexington, form_type="10-Q", period_end="2026-06-30")
    assert counted(compliance_client) == 3
    assert counted(compliance_client, form_type="10-Q") == 2
    notices[0].delete()
    assert counted(compliance_client) == 2


def test_the_count_follows_whom_the_user_may_see(compliance_client, notices, lexington):
    from tests.conftest import OTHER_TEAM, TEAM, team

    harborview = notices[1].registrant
    harborview.assigned_teams.set([team(OTHER_TEAM)])
    assert counted(compliance_client) == 1
    harborview.assigned_teams.add(team(TEAM))
    assert counted(compliance_client) == 2
    lexington.assigned_teams.clear()
    assert counted(compliance_client) == 1
