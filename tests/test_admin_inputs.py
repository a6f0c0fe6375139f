"""Odd query strings and forms sent to the Django admin get a page, never a 500 (on PostgreSQL
too, where a NUL character cannot reach a query)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

NUL = "a%00b"
ODD_KEYS = ["abc", "-1", "1.5", "99999999999999999999999", NUL]


@pytest.fixture
def superuser_client(admin_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def test_odd_keys_in_an_autocomplete_field_leave_it_empty(superuser_client, lexington):
    for key in ODD_KEYS:
        for url in [
            f"/admin/filings/notice/add/?registrant={key}&amends={key}",
            f"/admin/registrants/contact/add/?registrant={key}",
        ]:
            response = superuser_client.get(url)
            assert response.status_code in {200, 400}, (url, response.status_code)
    page = superuser_client.get(f"/admin/filings/notice/add/?registrant={lexington.pk}")
    assert "Lexington Precision Corporation" in page.content.decode()


def test_a_form_sent_back_with_an_odd_key_shows_the_error(superuser_client):
    response = superuser_client.post("/admin/registrants/contact/add/", {"registrant": "abc"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["registrant"]


def test_a_nul_character_in_the_admin_is_a_bad_request(superuser_client):
    for url in [
        f"/admin/filings/notice/?status={NUL}",
        f"/admin/registrants/registrant/?q={NUL}",
        f"/admin/autocomplete/?app_label=filings&model_name=notice&field_name=amends&term={NUL}",
    ]:
        response = superuser_client.get(url)
        assert response.status_code == 400, url
        assert "A NUL character" in response.content.decode()
    assert superuser_client.get("/admin/filings/notice/?status=draft").status_code == 200


def test_a_date_drill_down_past_any_calendar_is_an_incorrect_lookup(superuser_client):
    for query in ["date__year=99999999999", "date__year=2020&date__month=99999999999"]:
        response = superuser_client.get(f"/admin/filings/secclosureday/?{query}")
        assert response.status_code == 302
        assert response.url.endswith("?e=1")
