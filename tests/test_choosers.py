"""Choosers: a registrant or the notice being amended is typed, with suggestions from a small
JSON view that shows only what the user may see, and works as a plain text box without
JavaScript."""

import pytest
from django.urls import reverse

from filings.models import Notice
from registrants.selectors import registrant_label
from tests import seed

pytestmark = pytest.mark.django_db


def suggestions(client, name: str, **params) -> list[str]:
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response.json()["suggestions"]


def test_registrant_suggestions_show_only_registrants_the_user_may_see(
    client, compliance_user, colleague, lexington
):
    client.force_login(compliance_user)
    assert suggestions(client, "registrants:choose", q="lexing") == [
        f"Lexington Precision Corporation, New York, New York (#{lexington.pk})"
    ]
    assert suggestions(client, "registrants:choose", q="0-3252") == [
        f"Lexington Precision Corporation, New York, New York (#{lexington.pk})"
    ]
    client.force_login(colleague)
    assert suggestions(client, "registrants:choose", q="lexing") == []


def test_a_registrant_typed_without_javascript_starts_the_notice(compliance_client, lexington):
    data = seed.report_step(action="exit")
    data["registrant_search"] = "0-3252"
    response = compliance_client.post(reverse("filings:new"), data)
    assert response.status_code == 302
    assert Notice.objects.get().registrant == lexington


def test_a_registrant_typed_that_matches_nothing_is_an_error_beside_the_field(
    compliance_client, lexington
):
    data = {**seed.report_step(), "registrant_search": "Nobody Inc."}
    page = compliance_client.post(reverse("filings:new"), data)
    assert page.status_code == 200
    assert "No registrant matches “Nobody Inc.”" in page.content.decode()
    assert not Notice.objects.exists()


def test_the_notice_being_amended_is_suggested_from_the_registrants_notices(
    compliance_client, colleague, client, seed_notice
):
    expected = [f"NT 10-K for the period ended December 31, 2003 (#{seed_notice.pk})"]
    assert (
        suggestions(
            compliance_client,
            "filings:choose",
            registrant_search=registrant_label(seed_notice.registrant),
            q="2003",
        )
        == expected
    )
    client.force_login(colleague)
    assert suggestions(client, "filings:choose", registrant=seed_notice.registrant_id) == []
