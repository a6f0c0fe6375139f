"""What new users tripped over: a company created twice, a missing CIK found too late, an
area code typed as printed, a signer's title on two lines, errors that do not say enough."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from filings.document import notice_document
from filings.edgar import render_notice_htm, render_notice_txt
from filings.edgar_validator import validate_edgar_html
from filings.forms import NoticeStartForm
from filings.models import Notice
from registrants.models import Contact, Registrant, Signer
from tests import seed
from tests.conftest import make_registrant
from tests.test_edgar_documents import make_notice
from tests.test_registrant_pages import VALID_REGISTRANT
from tests.test_wizard import fill_parts_ii_to_iv, post_step, start_notice, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_too(registrant_admin) -> Client:
    """A registrant admin's own browser, beside the compliance user's `client`."""
    browser = Client()
    browser.force_login(registrant_admin)
    return browser


def test_a_cik_already_on_record_names_the_registrant_that_has_it(
    registrant_admin_client, lexington
):
    lexington.cik = "0001990101"
    lexington.save()
    response = registrant_admin_client.post(reverse("registrants:create"), VALID_REGISTRANT)
    assert response.status_code == 200
    assert (
        "Lexington Precision Corporation already has CIK 0001990101: a company is kept once."
        in response.content.decode()
    )
    assert Registrant.objects.count() == 1


def test_a_near_identical_name_is_saved_only_once_confirmed_as_another_company(
    registrant_admin_client, lexington
):
    typed = {**VALID_REGISTRANT, "name": "LEXINGTON PRECISION CORP."}
    page = registrant_admin_client.post(reverse("registrants:create"), typed).content.decode()
    assert "A registrant with nearly this name is on record: Lexington Precision" in page
    assert "It is another company: save it under this name anyway" in page
    assert Registrant.objects.count() == 1

    confirmed = {**typed, "another_company": "on"}
    response = registrant_admin_client.post(reverse("registrants:create"), confirmed)
    assert response.status_code == 302
    assert Registrant.objects.count() == 2


def test_editing_a_registrant_under_its_own_name_asks_nothing(registrant_admin_client, lexington):
    data = {**VALID_REGISTRANT, "name": lexington.name, "cik": ""}
    response = registrant_admin_client.post(reverse("registrants:edit", args=[lexington.pk]), data)
    assert response.status_code == 302


def test_choosers_tell_namesakes_apart_by_cik_or_city(lexington):
    make_registrant(name=lexington.name, cik="1990101", city="Boston", sec_file_number="0-1")
    form = NoticeStartForm()
    labels = sorted(label for value, label in form.fields["registrant"].choices if value)
    assert labels == [
        "Lexington Precision Corporation (CIK 0001990101)",
        f"Lexington Precision Corporation, New York, New York (#{lexington.pk})",
    ]


def test_the_review_page_says_a_cik_is_missing_and_who_can_add_it(
    compliance_client, admin_client_too, lexington
):
    notice = make_notice(lexington)
    url = step_url(notice, "review")
    staff_page = compliance_client.get(url).content.decode()
    assert "No CIK on record" in staff_page
    assert "Ask a registrant admin to add it" in staff_page
    # Said in the bar that stays in view, too, beside where the notice stands.
    bar = staff_page[staff_page.index('aria-label="Where the notice stands"') :]
    assert 'href="#missing-cik">No CIK on record: EDGAR needs it</a>' in bar.split("</div>")[0]
    admin_page = admin_client_too.get(url).content.decode()
    edit_link = reverse("registrants:edit", args=[lexington.pk]) + "#id_cik"
    assert f'href="{edit_link}">Add the CIK to the registrant record</a>' in admin_page

    lexington.cik = "12345"
    lexington.save()
    assert "No CIK on record" not in compliance_client.get(url).content.decode()


def test_an_area_code_typed_in_parentheses_is_stored_as_digits_and_printed_in_them(
    admin_client_too, compliance_client, lexington
):
    response = admin_client_too.post(
        reverse("registrants:person_create", args=[lexington.pk, "contacts"]),
        {"name": "Ann Lee", "area_code": "(212)", "phone_number": "555-0100", "email": ""},
    )
    assert response.status_code == 302
    assert Contact.objects.get(name="Ann Lee").area_code == "212"

    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    post_step(compliance_client, notice, "part-3", seed.PART_III, "part-4")
    post_step(
        compliance_client,
        notice,
        "part-4",
        {**seed.PART_IV, "contact_area_code": " (212) "},
        "signature",
    )
    notice.refresh_from_db()
    assert notice.contact_area_code == "212"
    assert notice_document(notice)["contact_area_code"] == "(212)"
    assert "(212)" in render_notice_txt(notice).decode()


def test_a_signers_title_may_take_a_second_line_everywhere_it_is_printed(
    admin_client_too, compliance_client, lexington
):
    title = "Chief Financial Officer\r\n(Principal Financial and Accounting Officer)"
    response = admin_client_too.post(
        reverse("registrants:person_create", args=[lexington.pk, "signers"]),
        {"name": "Ann Lee", "title": title, "is_executive_officer": "on"},
    )
    assert response.status_code == 302
    saved = Signer.objects.get(name="Ann Lee")
    assert saved.title == "Chief Financial Officer\n(Principal Financial and Accounting Officer)"
    assert (
        str(saved)
        == "Ann Lee, Chief Financial Officer (Principal Financial and Accounting Officer)"
    )

    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    fill_parts_ii_to_iv(compliance_client, notice)
    signer = notice.signers.get()
    post_step(
        compliance_client,
        notice,
        "signature",
        seed.signature_step(signer.pk, **{"signers-0-title": title}),
        "review",
    )
    review = compliance_client.get(step_url(notice, "review")).content.decode()
    assert "Chief Financial Officer<br>(Principal Financial and Accounting Officer)" in review
    htm = render_notice_htm(notice).decode()
    assert "Chief Financial Officer<br>(Principal Financial and Accounting Officer)" in htm
    assert validate_edgar_html(htm.encode()) == []
    lines = render_notice_txt(notice).decode().splitlines()
    officer = next(index for index, line in enumerate(lines) if "Chief Financial Officer" in line)
    # The second line starts a line of its own (and wraps in the narrow signature column).
    assert lines[officer + 1].strip().startswith("(Principal Financial and")


def test_a_title_on_three_lines_is_refused_beside_the_field(registrant_admin_client, lexington):
    response = registrant_admin_client.post(
        reverse("registrants:person_create", args=[lexington.pk, "signers"]),
        {"name": "Ann Lee", "title": "One\nTwo\nThree", "is_executive_officer": "on"},
    )
    assert "Enter this on one or two lines" in response.content.decode()
    assert not Signer.objects.filter(name="Ann Lee").exists()


def test_registrant_forms_leave_checking_to_the_server_and_mark_optional_fields(
    registrant_admin_client, lexington
):
    page = registrant_admin_client.get(reverse("registrants:create")).content.decode()
    assert "novalidate" in page
    assert "Former name (optional)" in page and "CIK (optional)" in page
    assert "Name as specified in charter (optional)" not in page

    failed = registrant_admin_client.post(
        reverse("registrants:create"), {**VALID_REGISTRANT, "name": "", "cusip": "123"}
    ).content.decode()
    assert "<title>Error: New registrant" in failed
    summary = failed[failed.index('id="error-summary"') :]
    # Page order, and the message itself as the link text.
    assert summary.index("Enter the name as specified in charter.") < summary.index("CUSIP")
    assert '<a href="#id_name" class="alert-link">Enter the name as specified in charter.</a>' in (
        summary
    )


def test_a_failed_step_has_error_in_its_title(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    page = post_step(
        compliance_client, notice, "part-1", {**seed.PART_I, "street": ""}
    ).content.decode()
    assert "<title>Error: Part I" in page


def test_start_notice_fills_in_the_report_and_ignores_what_is_not_an_answer(
    compliance_client, lexington
):
    url = reverse("filings:new")
    filled = compliance_client.get(
        url,
        {
            "registrant": lexington.pk,
            "form_type": "10-Q",
            "period_end": "2026-03-31",
            "filer_status": "accelerated",
        },
    ).context["form"]
    assert filled["form_type"].value() == "10-Q"
    assert filled["period_end"].value() == date(2026, 3, 31)
    assert filled["filer_status"].value() == "accelerated"
    forged = compliance_client.get(
        url, {"form_type": "10-X", "period_end": "2026-02-30", "filer_status": "<b>"}
    )
    assert forged.status_code == 200
    form = forged.context["form"]
    assert form["form_type"].value() is None and form["period_end"].value() is None


def test_start_notice_on_a_report_that_has_a_notice_links_to_it(
    compliance_client, lexington, colleague
):
    start = {"registrant": lexington.pk, "form_type": "10-Q", "period_end": "2026-03-31"}
    url = reverse("filings:new")
    assert "same-report-notices" not in compliance_client.get(url, start).content.decode()
    existing = start_notice(compliance_client, lexington, form_type="10-Q", period_end="2026-03-31")
    page = compliance_client.get(url, start).content.decode()
    assert "This report already has a notice:" in page
    assert f'href="{reverse("filings:resume", args=[existing.pk])}">NT 10-Q, period ended ' in page
    assert f"March 31, 2026 (#{existing.pk})</a>: draft, changed " in page
    # Not for another period, nor for a colleague of another team, who may not see it.
    other_period = {**start, "period_end": "2026-06-30"}
    assert "same-report-notices" not in compliance_client.get(url, other_period).content.decode()
    colleague_client = Client()
    colleague_client.force_login(colleague)
    response = colleague_client.get(url, start)
    assert response.status_code == 200
    assert "same-report-notices" not in response.content.decode()


def test_the_planned_filing_date_becomes_the_signature_date(compliance_client, lexington):
    compliance_client.post(
        reverse("filings:new"),
        seed.report_step(lexington.pk, planned_filing_date="2004-03-30"),
    )
    assert Notice.objects.get().signature_date == date(2004, 3, 30)


def test_a_wrong_two_factor_code_is_summarized_with_error_in_the_title(
    compliance_client, compliance_user
):
    compliance_client.get(reverse("two_factor"))
    page = compliance_client.post(reverse("two_factor"), {"otp_token": "000000"}).content.decode()
    assert "<title>Error: Two-factor sign-in" in page
    assert (
        '<a href="#id_otp_token" class="alert-link">That code does not match; enter the code the '
        "app shows now.</a>" in page
    )
