"""The pages that list notices or registrants ask the database the same number of questions
with many notices as with a few: what grows is rows read, never queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.benchmark_data import seed_notices
from filings.deadline_views import DASHBOARD_MAX_REPORTS
from filings.models import Notice
from registrants.models import Registrant
from registrants.selectors import registrants_matching
from tests.conftest import make_registrant

pytestmark = pytest.mark.django_db


def add_notices(registrant, count: int) -> None:
    Notice.objects.bulk_create(
        Notice(
            registrant=registrant,
            form_type="10-Q",
            filer_status="non_accelerated",
            registrant_name=registrant.name,
            narrative="The audit is not finished.",
        )
        for _ in range(count)
    )


def queries_of(client, url: str, params: dict) -> int:
    # The coming reports (dashboard, calendar) are cached until the registrants change: every
    # count here is of a page worked out afresh.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


PAGES = [
    ("filings:list", {}),
    ("filings:list", {"page": "3"}),
    ("filings:list", {"q": "Lexington"}),
    ("filings:list", {"q": "0-3252"}),
    ("filings:list", {"form_type": "10-Q"}),
    ("filings:list", {"status": "draft"}),
    ("registrants:list", {}),
    ("registrants:choose", {"q": "Lex"}),
    ("filings:new", {}),
    ("filings:choose", {"q": "10-Q"}),
    ("deadlines:calendar", {}),
]


@pytest.mark.parametrize(("name", "params"), PAGES)
def test_a_list_asks_as_many_queries_at_500_notices_as_at_100(
    compliance_client, lexington, name, params, django_assert_num_queries
):
    other = make_registrant(name="Harborview Analytics, Inc.", sec_file_number="001-38412")
    add_notices(lexington, 60)
    add_notices(other, 40)
    params = {**params}
    if name == "filings:choose":
        params["registrant"] = lexington.pk
    url = reverse(name)
    compliance_client.get(url, params)  # sessions and caches settle
    few = queries_of(compliance_client, url, params)
    add_notices(lexington, 250)
    add_notices(other, 150)
    for number in range(10):
        make_registrant(name=f"Registrant {number}", sec_file_number=f"001-{50000 + number}")
    cache.clear()
    with django_assert_num_queries(few):
        assert compliance_client.get(url, params).status_code == 200


def test_a_registrants_page_asks_as_many_queries_at_500_notices_as_at_100(
    compliance_client, lexington, django_assert_num_queries
):
    add_notices(lexington, 100)
    url = reverse("registrants:detail", args=[lexington.pk])
    compliance_client.get(url)
    few = queries_of(compliance_client, url, {"page": "2"})
    add_notices(lexington, 400)
    with django_assert_num_queries(few):
        page = compliance_client.get(url, {"page": "2"})
    assert len(page.context["notice_rows"]) == 25
    assert page.context["page"].paginator.count == 500


def make_fiscal_year(number: int) -> None:
    """A registrant whose fiscal year ends in the month `number` names (whatever the day, some
    of them owe reports in the next 60 days)."""
    make_registrant(
        name=f"Registrant {number}",
        sec_file_number=f"001-{50000 + number}",
        fiscal_year_end_month=number % 12 + 1,
        fiscal_year_end_day=28,
    )


def test_the_dashboard_asks_as_many_queries_at_2000_notices_as_at_100(
    registrant_admin_client, lexington, django_assert_num_queries
):
    """Notices of every state over ten years with their filing records, as the benchmark
    seeds them, of twenty registrants: the dashboard reads a few rows of each list and the
    soonest coming reports, whatever their numbers."""
    for number in range(20):
        make_fiscal_year(number)
    seed_notices(100, lambda *args: None)
    url = reverse("home")
    registrant_admin_client.get(url)
    few = queries_of(registrant_admin_client, url, {})
    seed_notices(2000, lambda *args: None)
    for number in range(20, 80):
        make_fiscal_year(number)
    cache.clear()
    with django_assert_num_queries(few):
        page = registrant_admin_client.get(url)
    sections = page.context["sections"].values()
    assert sum(len(section.rows) for section in sections) >= 50
    assert len(page.context["upcoming"]) == DASHBOARD_MAX_REPORTS < page.context["upcoming_total"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
@pytest.mark.parametrize("column", ["name", "former_name", "sec_file_number"])
def test_the_registrant_search_reads_its_trigram_index_on_postgresql(column, lexington):
    """registrants_matching's `icontains` is served by the GIN indexes of migration
    registrants 0009: the index's expression is the one Django writes for the search."""
    found = registrants_matching(Registrant.objects.order_by(), "xingto").values("pk")
    with connection.cursor() as cursor:
        # A handful of rows is cheaper to scan: make the planner say whether it could use it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = found.explain()
    assert f"registrant_{column}_trgm_idx" in plan
