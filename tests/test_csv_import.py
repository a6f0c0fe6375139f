import os
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registrants.models import Registrant
from registrants.roles import REGISTRANT_ADMINS
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

HEADER = (
    "id,name,former_name,street,city,state,postal_code,country,cik,sec_file_number,cusip,"
    "fiscal_year_end_month,fiscal_year_end_day,filer_status,is_active\n"
)
GOOD_ROWS = (
    ",Harborview Analytics Inc.,,200 Seaport Boulevard,Boston,MA,02210,United States,1990101,"
    "001-38412,41238A105,12,31,large_accelerated,1\n"
    ",Meridian Tax-Exempt Income Fund,,One Liberty Plaza,New York,NY,10006,United States,,"
    "811-09876,,10,31,investment_company,1\n"
)
# Row 2 has a CUSIP whose check digit is wrong; row 3 a CIK of 11 digits.
BAD_ROWS = (
    ",Cedar Ridge Bancorp,,45 Main Street,Harrisonburg,VA,22801,United States,1990202,"
    "000-51234,15073K204,6,30,accelerated,1\n"
    ",Broken CUSIP Corp,,1 Elm Street,Dover,DE,19901,United States,,"
    "001-12227,313586108,12,31,non_accelerated,1\n"
    ",Long CIK Corp,,2 Elm Street,Dover,DE,19901,United States,12345678901,"
    "0-3252,,12,31,non_accelerated,1\n"
)


@pytest.fixture
def staff_client(client, registrant_admin):
    registrant_admin.is_staff = True
    registrant_admin.save()
    client.force_login(registrant_admin)
    return client


def upload(staff_client, content: str):
    return staff_client.post(
        reverse("admin:registrants_registrant_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("registrants.csv", content.encode(), "text/csv"),
        },
    )


def test_a_good_csv_file_is_previewed_then_imported(staff_client):
    preview = upload(staff_client, HEADER + GOOD_ROWS)
    assert preview.status_code == 200
    assert not Registrant.objects.exists()  # nothing is written before confirmation
    confirm = preview.context["confirm_form"]
    response = staff_client.post(
        reverse("admin:registrants_registrant_process_import"), confirm.initial
    )
    assert response.status_code == 302
    harborview = Registrant.objects.get(name="Harborview Analytics Inc.")
    assert harborview.cik == "0001990101"
    fund = Registrant.objects.get(name="Meridian Tax-Exempt Income Fund")
    assert fund.cik is None
    assert fund.filer_status == "investment_company"


def test_a_csv_file_with_bad_rows_names_row_and_field_and_imports_nothing(staff_client):
    response = upload(staff_client, HEADER + BAD_ROWS)
    page = response.content.decode()
    assert "Some rows failed to validate" in page
    invalid = {row.number: row for row in response.context["result"].invalid_rows}
    assert set(invalid) == {2, 3}
    assert "cusip" in invalid[2].field_specific_errors
    assert "cik" in invalid[3].field_specific_errors
    assert "This CUSIP&#x27;s check digit does not match" in page
    assert "confirm_form" not in response.context
    assert not Registrant.objects.exists()


def test_a_row_updates_the_registrant_named_by_its_id(staff_client, lexington):
    row = (
        f"{lexington.pk},Lexington Precision Corporation,,767 Third Avenue,New York,New York,"
        "10017,United States,,0-3252,,12,31,accelerated,1\n"
    )
    preview = upload(staff_client, HEADER + row)
    staff_client.post(
        reverse("admin:registrants_registrant_process_import"),
        preview.context["confirm_form"].initial,
    )
    lexington.refresh_from_db()
    assert lexington.filer_status == "accelerated"
    assert Registrant.objects.count() == 1


def test_registrants_export_as_csv(staff_client, lexington):
    url = reverse("admin:registrants_registrant_export")
    form = staff_client.get(url).context["form"]
    # Submit the export form as offered: every column ticked, CSV chosen.
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    response = staff_client.post(url, {**data, "format": "0", "resource": "0"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert body.splitlines()[0].startswith("id,name,former_name,street")
    assert "Lexington Precision Corporation,,767 Third Avenue" in body


def test_compliance_staff_cannot_import(client, compliance_user):
    compliance_user.is_staff = True
    compliance_user.save()
    client.force_login(compliance_user)
    response = client.get(reverse("admin:registrants_registrant_import"))
    assert response.status_code == 403


@pytest.mark.parametrize("forged_id", ["-1", "0", "99999999999999999999", "abc", "1.5"])
def test_a_row_whose_id_names_no_registrant_is_an_error_and_imports_nothing(
    staff_client, forged_id
):
    row = GOOD_ROWS.splitlines()[0]
    response = upload(staff_client, f"{HEADER}{forged_id}{row}\n")
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert not Registrant.objects.exists()
    assert staff_client.get(reverse("admin:registrants_registrant_changelist")).status_code == 200


def confirm_data(staff_client) -> dict:
    return dict(upload(staff_client, HEADER + GOOD_ROWS).context["confirm_form"].initial)


@pytest.mark.parametrize(
    "forged",
    [{"format": "x"}, {"format": "7"}, {"format": ""}, {"resource": "x"}, {"resource": "3"}],
)
def test_a_forged_format_on_the_confirm_step_is_an_error_and_imports_nothing(staff_client, forged):
    data = {**confirm_data(staff_client), **forged}
    response = staff_client.post(reverse("admin:registrants_registrant_process_import"), data)
    assert response.status_code == 200
    assert response.context["errors"]
    assert not Registrant.objects.exists()


def test_the_confirm_step_of_an_import_done_already_asks_for_the_file_again(staff_client):
    data = confirm_data(staff_client)
    url = reverse("admin:registrants_registrant_process_import")
    assert staff_client.post(url, data).status_code == 302
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "no longer available" in response.content.decode()
    assert staff_client.post(url, {**data, "import_file_name": ""}).status_code == 200


def test_the_confirm_step_never_deletes_a_file_it_did_not_write(staff_client):
    with tempfile.NamedTemporaryFile(delete=False) as bystander:
        bystander.write(HEADER.encode())
    data = confirm_data(staff_client)
    url = reverse("admin:registrants_registrant_process_import")
    for forged_name in [os.path.basename(bystander.name), bystander.name]:
        response = staff_client.post(url, {**data, "import_file_name": forged_name})
        assert response.status_code == 200
    assert os.path.exists(bystander.name)
    os.remove(bystander.name)


def test_a_file_uploaded_by_one_user_cannot_be_imported_by_another(staff_client):
    data = confirm_data(staff_client)
    colleague = make_user("riley", REGISTRANT_ADMINS)
    colleague.is_staff = True
    colleague.save()
    staff_client.force_login(colleague)
    response = staff_client.post(reverse("admin:registrants_registrant_process_import"), data)
    assert response.status_code == 200
    assert not Registrant.objects.exists()
