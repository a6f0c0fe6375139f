"""The pages that list notices or registrants ask the database the same number of questions
with many notices as with a few: what grows is rows read, never queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.models import Notice
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
    assert len(page.context["notices"]) == 25
    assert page.context["page"].paginator.count == 500
