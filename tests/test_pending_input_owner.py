"""Pending input belongs to the user who typed it: a colleague never sees it, whoever signs in
next on the same browser never gets it, and anonymous requests store nothing."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from filings.middleware import LAST_USER_COOKIE
from filings.models import InputKeptThroughLogin
from registrants.roles import COMPLIANCE_STAFF
from tests import seed
from tests.conftest import PASSWORD, TEAM, expire_session, make_user, team
from tests.test_wizard import post_step, start_notice, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    """Compliance staff on the same team as compliance_user: they may open the notice."""
    user = make_user("carmen", COMPLIANCE_STAFF)
    user.groups.add(team(TEAM))
    return user


@pytest.fixture
def notice(compliance_client, lexington):
    return start_notice(compliance_client, lexington)


def sign_in(client: Client, username: str, next_url: str):
    return client.post(
        f"/login/?next={next_url}", {"username": username, "password": PASSWORD, "next": next_url}
    )


def test_an_anonymous_post_stores_nothing(lexington, notice):
    browser = Client()
    sessions = Session.objects.count()
    for _ in range(3):
        response = browser.post(step_url(notice, "part-1"), {"former_name": "x" * 100_000})
        assert response.status_code == 302
    assert not InputKeptThroughLogin.objects.exists()
    assert Session.objects.count() == sessions


def test_a_forged_user_cookie_stores_nothing(notice, compliance_user):
    browser = Client()
    browser.cookies[LAST_USER_COOKIE] = str(compliance_user.pk)
    browser.post(step_url(notice, "part-1"), {**seed.PART_I, "former_name": "Forged"})
    assert not InputKeptThroughLogin.objects.exists()


def test_text_kept_through_login_goes_back_only_to_the_user_who_typed_it(
    client, compliance_user, colleague, lexington
):
    client.force_login(compliance_user)
    notice = start_notice(client, lexington)
    url = step_url(notice, "part-1")
    expire_session(client)
    client.post(url, {**seed.PART_I, "former_name": "Typed by Casey"})
    assert InputKeptThroughLogin.objects.get().user == compliance_user

    # Carmen signs in next on the same browser: she gets nothing of Casey's.
    assert sign_in(client, "carmen", url).url == url
    page = client.get(url)
    assert page.context["form"]["former_name"].value() != "Typed by Casey"
    assert "You were signed out" not in page.content.decode()
    client.logout()

    # Casey signs in again: her text is back, once.
    sign_in(client, "casey", url)
    page = client.get(url)
    assert page.context["form"]["former_name"].value() == "Typed by Casey"
    assert not InputKeptThroughLogin.objects.exists()


def tables_read(client: Client, url: str) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return " ".join(query["sql"] for query in queries)


def test_the_pages_look_for_kept_typing_only_after_a_sign_in_with_some(
    client, compliance_user, seed_notice
):
    """Kept typing is looked for while the session that signed in with it has not taken it
    all back, not on every page of every session."""
    client.force_login(compliance_user)
    notice = seed_notice
    part_1, part_3 = step_url(notice, "part-1"), step_url(notice, "part-3")
    assert "filings_inputkeptthroughlogin" not in tables_read(client, part_1)
    expire_session(client)
    client.post(part_1, {**seed.PART_I, "former_name": "Typed by Casey"})
    client.post(part_3, {"narrative": "Typed by Casey too"})
    sign_in(client, "casey", part_1)
    # Looked for on each page until both pages are taken, then no more.
    assert "filings_inputkeptthroughlogin" in tables_read(client, part_1)
    assert "filings_inputkeptthroughlogin" in tables_read(client, step_url(notice, "part-2"))
    page = client.get(part_3)
    assert page.context["form"]["narrative"].value() == "Typed by Casey too"
    assert "filings_inputkeptthroughlogin" not in tables_read(client, part_1)


def test_the_files_kept_for_a_page_are_looked_for_only_on_pages_with_files(
    compliance_client, seed_notice
):
    notice = seed_notice
    assert "filings_pendingupload" not in tables_read(compliance_client, step_url(notice, "part-3"))
    assert "filings_pendingupload" in tables_read(compliance_client, step_url(notice, "part-2"))


def test_the_user_cookie_is_signed_and_http_only(client, compliance_user):
    response = sign_in(client, "casey", "/")
    cookie = response.cookies[LAST_USER_COOKIE]
    assert cookie["httponly"] and cookie.value != str(compliance_user.pk)


def test_a_colleague_never_sees_anothers_unsaved_typing(
    compliance_client, colleague, notice, compliance_user
):
    post_step(
        compliance_client, notice, "part-1", {**seed.PART_I, "street": "", "former_name": "Mine"}
    )
    notice.refresh_from_db()
    assert notice.pending_input_of(compliance_user)["part-1"]["former_name"] == ["Mine"]
    assert notice.pending_input_of(colleague) == {}

    other = Client()
    other.force_login(colleague)
    page = other.get(step_url(notice, "part-1"))
    assert page.context["form"]["former_name"].value() != "Mine"
    assert not page.context["form"].is_bound
    # Part I, as saved, is complete for the colleague, who may go on.
    post_step(other, notice, "part-1", seed.PART_I, "part-2")
    notice.refresh_from_db()
    # Saving it did not drop Casey's typing, which is still hers to see.
    assert notice.pending_input_of(compliance_user)["part-1"]["former_name"] == ["Mine"]
    mine = compliance_client.get(step_url(notice, "part-1"))
    assert mine.context["form"]["former_name"].value() == "Mine"
