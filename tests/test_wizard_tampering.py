"""Bad input and forged requests: a 4xx or a field error, never a 500, and no saved data
changes."""

import pytest
from django.urls import reverse

from filings.models import Notice
from tests import seed
from tests.conftest import make_registrant
from tests.test_wizard import fill_parts_ii_to_iv, post_step, start_notice, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(compliance_client, lexington):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    return notice


def saved(notice: Notice) -> dict:
    row = Notice.objects.filter(pk=notice.pk).values().get()
    row.pop("pending_input")
    row.pop("updated_at")
    return row


def test_an_unknown_step_is_not_found(compliance_client, notice):
    assert compliance_client.get(f"/notices/{notice.pk}/part-9/").status_code == 404
    assert compliance_client.post(f"/notices/{notice.pk}/part-9/", seed.PART_I).status_code == 404


def test_a_notice_that_does_not_exist_is_not_found(compliance_client, notice):
    for url in ["/notices/999999/", "/notices/999999/part-1/", "/notices/999999/review/"]:
        assert compliance_client.get(url).status_code == 404


def test_an_invalid_choice_value_is_a_field_error(compliance_client, notice):
    before = saved(notice)
    response = post_step(
        compliance_client, notice, "report", seed.report_step(form_type="10-X", filer_status="huge")
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"form_type", "filer_status"}
    assert saved(notice) == before


def test_a_forged_yes_no_value_is_a_field_error(compliance_client, notice):
    before = saved(notice)
    response = post_step(compliance_client, notice, "part-2", {"relief_claimed": "maybe"})
    assert "relief_claimed" in response.context["form"].errors
    assert saved(notice) == before


def test_a_forged_post_missing_fields_changes_nothing(compliance_client, notice):
    before = saved(notice)
    response = post_step(compliance_client, notice, "part-1", {"registrant_name": ""})
    assert response.status_code == 200
    assert {"registrant_name", "street", "city_state_zip"} <= set(response.context["form"].errors)
    assert saved(notice) == before


def test_a_forged_registrant_on_a_later_step_is_ignored(compliance_client, notice):
    other = make_registrant(name="Other Corp")
    post_step(
        compliance_client,
        notice,
        "report",
        {**seed.report_step(), "registrant": str(other.pk)},
        "part-1",
    )
    notice.refresh_from_db()
    assert notice.registrant.name == "Lexington Precision Corporation"


def test_a_new_notice_for_an_inactive_or_missing_registrant_is_refused(compliance_client):
    dormant = make_registrant(name="Dormant Corp", is_active=False)
    for registrant_id in [dormant.pk, 999999, "abc"]:
        response = compliance_client.post(
            reverse("filings:new"), seed.report_step(**{"registrant": str(registrant_id)})
        )
        assert response.status_code == 200
        assert "registrant" in response.context["form"].errors
    assert not Notice.objects.exists()


def test_a_forged_signer_count_is_a_form_error_not_a_crash(compliance_client, notice):
    response = post_step(
        compliance_client,
        notice,
        "signature",
        {"signers-TOTAL_FORMS": "5000", "signers-INITIAL_FORMS": "0"},
    )
    # The signature step is not reachable yet, so the user is sent to the first incomplete one.
    assert response.status_code == 302
    fill_parts_ii_to_iv(compliance_client, notice)
    response = post_step(
        compliance_client,
        notice,
        "signature",
        {"signers-TOTAL_FORMS": "5000", "signers-INITIAL_FORMS": "0", "action": "next"},
    )
    assert response.status_code == 200
    assert notice.signers.count() == 1


def test_a_user_without_a_role_cannot_open_or_change_notices(client, outsider, notice):
    client.logout()
    client.force_login(outsider)
    for url in [
        reverse("filings:list"),
        reverse("filings:new"),
        reverse("filings:resume", args=[notice.pk]),
        step_url(notice, "part-1"),
        step_url(notice, "review"),
        f"/notices/{notice.pk}/documents/pdf/",
        f"/notices/{notice.pk}/documents/exhibit-pdf/statement/",
    ]:
        assert client.get(url).status_code == 403, url
    before = saved(notice)
    assert client.post(step_url(notice, "part-1"), seed.PART_I).status_code == 403
    assert saved(notice) == before


def test_anonymous_users_are_sent_to_login_from_every_notice_page(client, notice):
    client.logout()
    for url in [reverse("filings:list"), step_url(notice, "part-1"), step_url(notice, "review")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_a_missing_file_is_not_found(compliance_client, notice):
    url = f"/notices/{notice.pk}/documents/exhibit-pdf/statement/"
    assert compliance_client.get(url).status_code == 404
    signer = notice.signers.get()
    url = f"/notices/{notice.pk}/documents/exhibit-pdf/signer-{signer.pk}/"
    assert compliance_client.get(url).status_code == 404
