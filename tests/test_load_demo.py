import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.urls import reverse

from filings.models import Notice
from filings.rules import blocking_problems
from filings.wizard import first_incomplete_step
from registrants.demo import DEMO_REGISTRANTS
from registrants.models import Contact, FilerStatus, Registrant, Signer

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Registrant, Contact, Signer, User, Notice))


def test_load_demo_twice_neither_fails_nor_duplicates(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert "admin / admin-demo" in capsys.readouterr().out


def test_demo_data_has_the_seed_registrant_and_every_kind_of_company(settings):
    settings.DEBUG = True
    call_command("load_demo")
    lexington = Registrant.objects.get(name="Lexington Precision Corporation")
    assert lexington.sec_file_number == "0-3252"
    assert lexington.city_state_zip == "New York, New York 10017"
    assert lexington.default_contact.phone_number == "319-4657"
    assert lexington.default_signer.name == "Warren Delano"
    statuses = set(Registrant.objects.values_list("filer_status", flat=True))
    assert {
        FilerStatus.LARGE_ACCELERATED,
        FilerStatus.ACCELERATED,
        FilerStatus.NON_ACCELERATED,
    } <= statuses
    for registrant in Registrant.objects.all():
        registrant.full_clean()


def test_demo_data_has_the_seed_notice_complete_and_ready_for_review(settings):
    settings.DEBUG = True
    call_command("load_demo")
    notice = Notice.objects.get(registrant__name="Lexington Precision Corporation")
    assert notice.edgar_submission_type == "NT 10-K"
    assert blocking_problems(notice) == []
    assert first_incomplete_step(notice).slug == "review"


def test_demo_users_can_log_in_with_their_roles(settings, client):
    settings.DEBUG = True
    call_command("load_demo")
    for username, password in [("admin", "admin-demo"), ("compliance", "compliance-demo")]:
        response = client.post(
            reverse("login"), {"username": username, "password": password}, follow=True
        )
        assert response.context["user"].get_username() == username
    compliance = User.objects.get(username="compliance")
    assert list(compliance.groups.values_list("name", flat=True)) == ["Compliance staff"]
    assert not compliance.is_staff


def test_demo_compliance_users_see_the_registrants_assigned_to_them(settings):
    settings.DEBUG = True
    call_command("load_demo")
    compliance, harbor = (User.objects.get(username=name) for name in ("compliance", "harbor"))
    assert Registrant.objects.visible_to(compliance).count() == len(DEMO_REGISTRANTS)
    assert [str(registrant) for registrant in Registrant.objects.visible_to(harbor)] == [
        "Harborview Analytics, Inc."
    ]


def test_load_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_roles_exist_with_their_permissions():
    compliance = set(
        Group.objects.get(name="Compliance staff").permissions.values_list("codename", flat=True)
    )
    admins = set(
        Group.objects.get(name="Registrant admins").permissions.values_list("codename", flat=True)
    )
    assert compliance == {
        "view_registrant",
        "view_contact",
        "view_signer",
        "view_notice",
        "add_notice",
        "change_notice",
        "view_secclosureday",
        "view_series",
        "view_shareclass",
        "submit_notice",
        "upload_authentication",
        "record_filing",
        "record_report",
    }
    assert compliance < admins
    assert {"return_notice", "approve_notice"} <= admins
    assert {"add_registrant", "change_registrant", "add_signer", "delete_contact"} <= admins
    assert {"add_series", "change_shareclass", "delete_shareclass"} <= admins
    assert "delete_registrant" not in admins


def test_the_demo_fund_has_its_series_and_classes_and_a_listed_company(settings):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    fund = Registrant.objects.get(name="Meridian Tax-Exempt Income Fund")
    [series] = fund.series.all()
    assert series.identifier == "S000071234"
    assert [c.identifier for c in series.classes.all()] == ["C000223401", "C000223402"]
    assert Registrant.objects.get(name="Harborview Analytics, Inc.").exchange == "nasdaq"
