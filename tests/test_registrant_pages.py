import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registrants.models import Contact, Registrant, Series, ShareClass
from tests.conftest import make_registrant

pytestmark = pytest.mark.django_db

VALID_REGISTRANT = {
    "name": "Harborview Analytics, Inc.",
    "former_name": "",
    "street": "200 Seaport Boulevard",
    "city": "Boston",
    "state": "MA",
    "postal_code": "02210",
    "country": "United States",
    "cik": "1990101",
    "sec_file_number": "001-38412",
    "cusip": "41238A105",
    "fiscal_year_end_month": "12",
    "fiscal_year_end_day": "31",
    "filer_status": "large_accelerated",
    "is_active": "on",
}


def page_urls(registrant: Registrant) -> list[str]:
    contact = registrant.default_contact
    return [
        reverse("home"),
        reverse("registrants:list"),
        reverse("registrants:create"),
        reverse("registrants:detail", args=[registrant.pk]),
        reverse("registrants:edit", args=[registrant.pk]),
        reverse("registrants:person_create", args=[registrant.pk, "contacts"]),
        reverse("registrants:person_edit", args=[registrant.pk, "contacts", contact.pk]),
    ]


def test_anonymous_users_are_sent_to_the_login_page(client, lexington):
    for url in page_urls(lexington):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url


def test_login_page_is_open_and_logs_a_user_in(client, compliance_user):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(
        reverse("login"), {"username": "casey", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.get(reverse("registrants:list")).status_code == 200


def test_compliance_staff_can_read_registrants(compliance_client, lexington):
    response = compliance_client.get(reverse("registrants:detail", args=[lexington.pk]))
    assert response.status_code == 200
    assert b"Warren Delano" in response.content
    assert b"(212) 319-4657" in response.content


def test_compliance_staff_see_no_edit_actions(compliance_client, lexington):
    listing = compliance_client.get(reverse("registrants:list")).content.decode()
    detail = compliance_client.get(reverse("registrants:detail", args=[lexington.pk])).content
    assert "New registrant" not in listing
    assert ">Admin<" not in listing
    assert b"Edit registrant" not in detail
    assert b"Add contact" not in detail
    assert b"Remove" not in detail


def test_compliance_staff_cannot_edit_registrants_or_people(compliance_client, lexington):
    contact = lexington.default_contact
    forbidden = [
        ("get", reverse("registrants:create")),
        ("post", reverse("registrants:create")),
        ("post", reverse("registrants:edit", args=[lexington.pk])),
        ("post", reverse("registrants:person_create", args=[lexington.pk, "signers"])),
        ("post", reverse("registrants:person_edit", args=[lexington.pk, "contacts", contact.pk])),
        ("post", reverse("registrants:person_delete", args=[lexington.pk, "contacts", contact.pk])),
    ]
    for method, url in forbidden:
        response = getattr(compliance_client, method)(url, VALID_REGISTRANT)
        assert response.status_code == 403, url
        assert b"You do not have permission" in response.content
    lexington.refresh_from_db()
    assert lexington.name == "Lexington Precision Corporation"
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_users_without_a_role_cannot_read_registrants(client, outsider, lexington):
    client.force_login(outsider)
    assert client.get(reverse("registrants:list")).status_code == 403
    assert client.get(reverse("registrants:detail", args=[lexington.pk])).status_code == 403


def test_registrant_admin_creates_a_registrant(registrant_admin_client):
    response = registrant_admin_client.post(reverse("registrants:create"), VALID_REGISTRANT)
    registrant = Registrant.objects.get(name="Harborview Analytics, Inc.")
    assert response.status_code == 302
    assert response.url == registrant.get_absolute_url()
    assert registrant.cik == "0001990101"
    page = registrant_admin_client.get(response.url).content.decode()
    assert "Registrant Harborview Analytics, Inc. created." in page


def test_registrant_admin_edits_a_registrant(registrant_admin_client, lexington):
    form = {**VALID_REGISTRANT, "name": "Lexington Precision Corp."}
    response = registrant_admin_client.post(reverse("registrants:edit", args=[lexington.pk]), form)
    assert response.status_code == 302
    lexington.refresh_from_db()
    assert lexington.name == "Lexington Precision Corp."


def test_registrant_admin_records_the_fund_type_and_the_exchange(
    registrant_admin_client, lexington
):
    form = {**VALID_REGISTRANT, "investment_company_type": "closed_end", "exchange": "nyse"}
    url = reverse("registrants:edit", args=[lexington.pk])
    assert registrant_admin_client.post(url, form).status_code == 302
    lexington.refresh_from_db()
    assert (lexington.investment_company_type, lexington.exchange) == ("closed_end", "nyse")
    page = registrant_admin_client.get(lexington.get_absolute_url()).content.decode()
    assert "Closed-end management company (Form N-2)" in page
    assert "New York Stock Exchange" in page
    forged = registrant_admin_client.post(url, {**form, "exchange": "moon"})
    assert "exchange" in forged.context["form"].errors


def test_a_registrants_page_lists_its_series_and_classes(compliance_client, lexington):
    series = Series.objects.create(registrant=lexington, identifier="S000012345", name="Growth")
    ShareClass.objects.create(series=series, identifier="C000034567", name="Class A")
    page = compliance_client.get(lexington.get_absolute_url()).content.decode()
    assert "S000012345" in page and "C000034567" in page and "Class A" in page


def test_bad_cusip_is_reported_next_to_the_field_and_nothing_is_saved(
    registrant_admin_client, lexington
):
    form = {**VALID_REGISTRANT, "name": "Renamed", "cusip": "313586108"}
    response = registrant_admin_client.post(reverse("registrants:edit", args=[lexington.pk]), form)
    assert response.status_code == 200
    assert response.context["form"].errors["cusip"] == [
        "This CUSIP's check digit does not match; check for a mistyped character."
    ]
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert 'href="#id_cusip"' in page
    assert 'value="Renamed"' in page  # what was typed is kept on the page
    lexington.refresh_from_db()
    assert lexington.name == "Lexington Precision Corporation"


def test_forged_post_with_an_invalid_choice_gets_a_field_error(registrant_admin_client):
    form = {**VALID_REGISTRANT, "filer_status": "mega_filer", "fiscal_year_end_month": "13"}
    response = registrant_admin_client.post(reverse("registrants:create"), form)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"filer_status", "fiscal_year_end_month"}
    assert not Registrant.objects.exists()


def test_forged_post_missing_fields_gets_field_errors(registrant_admin_client):
    response = registrant_admin_client.post(reverse("registrants:create"), {"name": "Only"})
    assert response.status_code == 200
    assert "street" in response.context["form"].errors
    assert not Registrant.objects.exists()


def test_registrant_admin_adds_a_contact_and_makes_it_default(registrant_admin_client, lexington):
    url = reverse("registrants:person_create", args=[lexington.pk, "contacts"])
    response = registrant_admin_client.post(
        url,
        {
            "name": "Jane Roe",
            "area_code": "212",
            "phone_number": "555-0100",
            "email": "jane@example.com",
            "make_default": "on",
        },
    )
    assert response.status_code == 302
    lexington.refresh_from_db()
    assert lexington.default_contact.name == "Jane Roe"


def test_bad_phone_number_is_reported_and_nothing_is_saved(registrant_admin_client, lexington):
    url = reverse("registrants:person_create", args=[lexington.pk, "contacts"])
    response = registrant_admin_client.post(
        url, {"name": "Jane Roe", "area_code": "2x2", "phone_number": "call me"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"area_code", "phone_number"}
    assert lexington.contacts.count() == 1


def test_registrant_admin_edits_and_removes_a_signer(registrant_admin_client, lexington):
    signer = lexington.default_signer
    edit_url = reverse("registrants:person_edit", args=[lexington.pk, "signers", signer.pk])
    registrant_admin_client.post(
        edit_url, {"name": "Warren Delano", "title": "President", "is_executive_officer": "on"}
    )
    signer.refresh_from_db()
    assert signer.title == "President"
    delete_url = reverse("registrants:person_delete", args=[lexington.pk, "signers", signer.pk])
    assert registrant_admin_client.get(delete_url).status_code == 405
    assert registrant_admin_client.post(delete_url).status_code == 302
    assert not lexington.signers.exists()


def test_another_registrants_person_is_not_found(registrant_admin_client, lexington):
    other = make_registrant(name="Other Corp")
    contact = lexington.default_contact
    for url in [
        reverse("registrants:person_edit", args=[other.pk, "contacts", contact.pk]),
        reverse("registrants:person_delete", args=[other.pk, "contacts", contact.pk]),
    ]:
        assert registrant_admin_client.post(url).status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_unknown_registrant_or_kind_of_person_is_not_found(registrant_admin_client, lexington):
    assert registrant_admin_client.get("/registrants/999999/").status_code == 404
    assert (
        registrant_admin_client.get(f"/registrants/{lexington.pk}/auditors/new/").status_code == 404
    )


def test_search_finds_registrants_by_name_cik_and_file_number(compliance_client, lexington):
    make_registrant(name="Harborview Analytics, Inc.", cik="1990101", sec_file_number="001-38412")
    url = reverse("registrants:list")

    def names(query):
        page = compliance_client.get(url, {"q": query}).context["page"]
        return [registrant.name for registrant in page.object_list]

    assert names("harbor") == ["Harborview Analytics, Inc."]
    assert names("1990101") == ["Harborview Analytics, Inc."]
    assert names("0001990101") == ["Harborview Analytics, Inc."]
    assert names("0-3252") == ["Lexington Precision Corporation"]
    assert names("no such company") == []


def test_inactive_registrants_are_listed_only_on_request(compliance_client, lexington):
    make_registrant(name="Dormant Holdings", is_active=False)
    url = reverse("registrants:list")
    active = compliance_client.get(url).context["page"].object_list
    everyone = compliance_client.get(url, {"status": "all"}).context["page"].object_list
    assert [r.name for r in active] == ["Lexington Precision Corporation"]
    assert len(everyone) == 2


def test_the_registrant_lists_count_is_kept_until_a_registrant_or_assignment_changes(
    compliance_client, lexington
):
    url = reverse("registrants:list")

    def count() -> int:
        return compliance_client.get(url).context["page"].paginator.count

    assert count() == 1
    with CaptureQueriesContext(connection) as asked:
        assert compliance_client.get(url).status_code == 200
    assert not [query for query in asked if "COUNT(" in query["sql"]]
    other = make_registrant(name="Harborview Analytics, Inc.")
    assert count() == 2
    other.is_active = False
    other.save()
    assert count() == 1
    lexington.assigned_teams.clear()  # no longer the user's team's
    assert count() == 0
    everyone = compliance_client.get(url, {"status": "all"}).context["page"]
    assert [registrant.name for registrant in everyone.object_list] == [other.name]
    assert everyone.paginator.count == 1


def test_a_row_of_the_registrant_list_writes_out_each_cell(compliance_client, lexington):
    make_registrant(name="New <Fund>", cik="", sec_file_number="", is_active=False)
    response = compliance_client.get(reverse("registrants:list"), {"status": "all"})
    first, second = response.context["registrant_rows"]
    assert lexington.cik is None  # the seed's registrant predates CIKs on Form 12b-25
    assert (first.name, first.cik, first.sec_file_number) == (lexington.name, "\u2014", "0-3252")
    assert (first.filer_status, first.fiscal_year_end) == (
        lexington.get_filer_status_display(),
        "December 31",
    )
    assert first.url == reverse("registrants:detail", args=[lexington.pk])
    assert (second.cik, second.sec_file_number, second.is_active) == ("\u2014", "\u2014", False)
    html = response.content.decode()
    assert f'<a href="{second.url}">New &lt;Fund&gt;</a> <span class="badge' in html


def test_registrant_list_is_paginated_and_keeps_the_search(compliance_client):
    for number in range(30):
        make_registrant(name=f"Fund {number:02d}", sec_file_number=f"811-{number + 1000}")
    response = compliance_client.get(reverse("registrants:list"), {"q": "Fund", "page": "2"})
    page = response.context["page"]
    assert page.number == 2
    assert len(page.object_list) == 5
    assert 'href="?q=Fund&amp;page=1"' in response.content.decode()
    assert compliance_client.get(reverse("registrants:list"), {"page": "abc"}).status_code == 200


@pytest.mark.parametrize("field", ["name", "former_name", "street", "city", "country"])
def test_a_line_break_in_a_one_line_field_is_an_error_next_to_it(
    registrant_admin_client, lexington, field
):
    form = {**VALID_REGISTRANT, field: "Harborview\nAnalytics"}
    response = registrant_admin_client.post(reverse("registrants:edit", args=[lexington.pk]), form)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        "Enter this on one line, without line breaks or control characters."
    ]
    lexington.refresh_from_db()
    assert lexington.name == "Lexington Precision Corporation"
