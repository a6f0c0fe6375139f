"""The door: login throttling, two-factor sign-in, the Content-Security-Policy, no-store caching,
idle sessions, and spreadsheet-safe CSV exports."""

import datetime
import re
import time
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as project_settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import IDLE_COUNT_STARTED
from registrants.admin import RegistrantAdmin
from registrants.models import Registrant
from registrants.resources import FormulaSafeCSV, RegistrantResource
from tests import seed
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TEMPLATES = Path(project_settings.BASE_DIR) / "templates"
# Documents, not pages: the PDF's HTML and EDGAR's HTML (which requires inline styles).
DOCUMENT_TEMPLATES = ("filings/pdf", "filings/edgar")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests log in dozens of times; the slowness of the real hasher is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, username: str, password: str = PASSWORD, *, address="127.0.0.1", code=""):
    return client.post(
        reverse("login"),
        {"username": username, "password": password, "otp_token": code},
        REMOTE_ADDR=address,
    )


def is_logged_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def code_of(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows, `steps_ahead` periods from now (a code is accepted
    only once, so a second login in the same period takes the next one)."""
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


# Throttling.


def test_repeated_wrong_passwords_lock_out_that_user_from_that_address(client, compliance_user):
    for _ in range(project_settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "casey", "wrong").status_code == 200
    assert log_in(client, "casey", "wrong").status_code == 429
    response = log_in(client, "casey")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert not is_logged_in(client)
    # Another address is not locked out.
    assert log_in(client, "casey", address="10.0.0.9").status_code == 302


def test_behind_a_proxy_the_address_the_proxy_saw_is_throttled(settings, client, compliance_user):
    settings.BEHIND_TLS_PROXY = True
    for _ in range(project_settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "casey", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    # The same user from another address behind the same proxy is not locked out.
    response = client.post(
        reverse("login"),
        {"username": "casey", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert response.status_code == 302


def test_an_admin_unlocks_a_locked_out_user(client, admin_client, compliance_user):
    for _ in range(project_settings.AXES_FAILURE_LIMIT):
        log_in(client, "casey", "wrong")
    attempt = AccessAttempt.objects.get(username="casey")
    admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert not AccessAttempt.objects.exists()
    assert log_in(client, "casey").status_code == 302


# Two-factor sign-in.


def turn_on_two_factor(client) -> TOTPDevice:
    page = client.get(reverse("two_factor"))
    assert "<svg" in page.content.decode()
    assert page.context["otpauth_uri"].startswith("otpauth://totp/Form%2012b-25%3Acasey?")
    device = TOTPDevice.objects.get(user__username="casey")
    assert page.context["secret"] in page.context["otpauth_uri"]
    client.post(reverse("two_factor"), {"otp_token": code_of(device)})
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_a_user_turns_on_two_factor_and_then_needs_a_code_to_log_in(client, compliance_user):
    client.force_login(compliance_user)
    device = turn_on_two_factor(client)
    client.post(reverse("logout"))
    response = log_in(client, "casey")
    assert "enter the current code" in response.content.decode()
    assert not is_logged_in(client)
    assert log_in(client, "casey", code=code_of(device, steps_ahead=1)).status_code == 302
    assert is_logged_in(client)


def test_wrong_codes_count_as_failed_logins(client, compliance_user):
    client.force_login(compliance_user)
    turn_on_two_factor(client)
    client.post(reverse("logout"))
    for _ in range(project_settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "casey", code="000000").status_code == 200
    assert log_in(client, "casey", code="000000").status_code == 429


def test_registrant_admins_must_turn_on_two_factor_when_the_setting_says_so(
    settings, client, registrant_admin
):
    settings.REQUIRE_TWO_FACTOR_FOR_ADMINS = True
    client.force_login(registrant_admin)
    response = client.get(reverse("registrants:list"))
    assert response.status_code == 302
    assert response.url == reverse("two_factor")
    page = client.get(reverse("two_factor")).content.decode()
    assert "Registrant admins must sign in with a code" in page
    device = TOTPDevice.objects.get(user=registrant_admin)
    client.post(reverse("two_factor"), {"otp_token": code_of(device)})
    assert client.get(reverse("registrants:list")).status_code == 200


def test_compliance_staff_are_not_asked_for_two_factor_by_the_admin_setting(
    settings, compliance_client
):
    settings.REQUIRE_TWO_FACTOR_FOR_ADMINS = True
    assert compliance_client.get(reverse("home")).status_code == 200


def test_the_admin_signs_in_through_the_apps_login_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=/admin/"


# Content-Security-Policy and caching.


def test_every_page_has_a_strict_content_security_policy(client, compliance_client, seed_notice):
    for response in (
        client.get(reverse("login")),
        compliance_client.get(reverse("home")),
        compliance_client.get(reverse("filings:step", args=[seed_notice.pk, "review"])),
    ):
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "object-src 'none'" in policy


def test_page_templates_have_no_inline_script_or_style():
    for template in TEMPLATES.rglob("*.html"):
        if template.relative_to(TEMPLATES).as_posix().startswith(DOCUMENT_TEMPLATES):
            continue
        text = template.read_text()
        assert "style=" not in text, template
        assert "<style" not in text, template
        for script in re.findall(r"<script[^>]*>", text):
            assert "src=" in script, template


def test_pages_and_downloads_behind_the_login_are_never_stored(compliance_client, seed_notice):
    for url in (
        reverse("home"),
        reverse("filings:step", args=[seed_notice.pk, "review"]),
        reverse("filings:document", args=[seed_notice.pk, "txt"]),
        reverse("deadlines:registrant_calendar", args=[seed_notice.registrant.pk]),
    ):
        assert "no-store" in compliance_client.get(url)["Cache-Control"], url


# Idle sessions.


def _idle_count_started_ago(client, seconds: int) -> None:
    session = client.session
    session[IDLE_COUNT_STARTED] -= seconds
    session.save()


def test_a_session_expires_after_the_idle_time_and_a_request_extends_it(client, compliance_user):
    log_in(client, "casey")
    session = Session.objects.get()
    limit = timezone.now() + datetime.timedelta(seconds=project_settings.SESSION_IDLE_SECONDS)
    assert abs((session.expire_date - limit).total_seconds()) < 60
    _idle_count_started_ago(client, project_settings.SESSION_REFRESH_SECONDS)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(seconds=5))
    assert is_logged_in(client)
    assert Session.objects.get().expire_date > timezone.now() + datetime.timedelta(minutes=1)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_pages_within_a_minute_of_the_last_extension_do_not_write_the_session(
    client, compliance_user
):
    log_in(client, "casey")
    with CaptureQueriesContext(connection) as queries:
        assert is_logged_in(client)
    writes = [query["sql"] for query in queries if "UPDATE" in query["sql"]]
    assert writes == []
    _idle_count_started_ago(client, project_settings.SESSION_REFRESH_SECONDS)
    with CaptureQueriesContext(connection) as queries:
        assert is_logged_in(client)
    writes = [query["sql"] for query in queries if "UPDATE" in query["sql"]]
    assert len(writes) == 1 and "django_session" in writes[0]


def test_text_typed_when_the_session_expired_is_back_after_logging_in(
    client, compliance_user, seed_notice
):
    log_in(client, "casey")
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    url = reverse("filings:step", args=[seed_notice.pk, "part-3"])
    typed = {**seed.PART_III, "narrative": "Typed while the session ran out."}
    assert client.post(url, typed).status_code == 302
    log_in(client, "casey")
    page = client.get(url).content.decode()
    assert "Typed while the session ran out." in page


# CSV export.


def test_csv_export_neutralises_spreadsheet_formulas(lexington):
    Registrant.objects.filter(pk=lexington.pk).update(
        name='=HYPERLINK("http://evil.example","x")', former_name="@SUM(1)", street="+1"
    )
    exported = FormulaSafeCSV().export_data(RegistrantResource().export())
    assert "'=HYPERLINK(" in exported
    assert "'@SUM(1)" in exported
    assert ",'+1," in exported
    assert RegistrantAdmin.export_formats == [FormulaSafeCSV]
