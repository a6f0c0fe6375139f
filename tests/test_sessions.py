"""accounts.sessions: Django's database sessions, read with one query written once; and
accounts.cached_sessions, Django's cached_db sessions used with REDIS_URL: both refuse a key no
session could have."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone

from accounts import cached_sessions
from accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved(data: dict) -> str:
    session = SessionStore()
    session.update(data)
    session.save()
    return session.session_key


def test_a_session_reads_what_djangos_store_reads_in_one_query(django_assert_num_queries):
    key = saved({"user": 7, "typed": "Lexington & <Co>"})
    with django_assert_num_queries(1):
        ours = SessionStore(key).load()
    assert ours == db.SessionStore(key).load() == {"user": 7, "typed": "Lexington & <Co>"}


@pytest.mark.parametrize("case", ["expired", "unknown", "tampered"])
def test_an_expired_unknown_or_tampered_session_reads_as_none_and_starts_afresh(case):
    key = saved({"user": 7})
    if case == "expired":
        Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    elif case == "unknown":
        key = key[:-4] + "zzzz"
    else:
        Session.objects.filter(pk=key).update(session_data="forged" + "x" * 40)
    session = SessionStore(key)
    assert session.load() == db.SessionStore(key).load() == {}
    if case != "tampered":  # as Django's store: a session not found loses its key
        assert session.session_key is None
    assert "user" not in session


def test_a_signed_in_page_keeps_its_session_through_the_store(client, compliance_user):
    client.force_login(compliance_user)
    assert client.get("/").status_code == 200
    assert client.get("/").wsgi_request.user == compliance_user
    client.session.delete()
    assert client.get("/").status_code == 302  # to the login


STORES = pytest.mark.parametrize(
    "store", [SessionStore, cached_sessions.SessionStore], ids=["db", "cached_db"]
)


@pytest.mark.parametrize(
    "key", ["a" * 41, "ABCDEFGHIJKLMNOP", "abcdefgh\x00ijklmnop", "abcdefgh'; --", "ünïcødé-key"]
)
@STORES
def test_a_key_no_session_could_have_is_not_looked_up(store, key, django_assert_num_queries):
    # Refused when the store is made: neither a load nor a delete or flush before one asks the
    # database or the cache (the database's, in the tests).
    with django_assert_num_queries(0):
        assert store(key).session_key is None
        assert store(key).load() == {}
        assert async_to_sync(store(key).aload)() == {}
        store(key).delete()
        store(key).flush()


@STORES
def test_a_key_a_session_could_have_is_kept(store):
    assert store("abcdefgh12345678").session_key == "abcdefgh12345678"


ENGINES = ["accounts.sessions", "accounts.cached_sessions"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_cookie_with_nul_characters_is_sent_to_the_login(client, engine):
    # parse_cookie decodes the octal escapes: eight NUL characters, a key long enough for
    # Django, which PostgreSQL refuses in a query (a 500 there; SQLite takes it).
    with override_settings(SESSION_ENGINE=engine):
        response = client.get("/notices/", HTTP_COOKIE='sessionid="' + "\\000" * 8 + '"')
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_the_cached_engine_keeps_a_signed_in_session(client, compliance_user):
    with override_settings(SESSION_ENGINE="accounts.cached_sessions"):
        client.force_login(compliance_user)
        assert client.get("/").wsgi_request.user == compliance_user
        client.session.delete()
        assert client.get("/").status_code == 302  # to the login
