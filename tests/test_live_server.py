"""The live server the browser tests use answers requests made at the same moment as
production does, each on its own database connection (config/settings.py, the SQLite test
database). With SQLite's in-memory test database every request thread shared one connection,
and a browser fetching a chooser's suggestions while it posted a step got a 400 page now and then,
then every later test a broken transaction."""

import threading
import urllib.error
import urllib.request

import pytest
from django.db import connection
from django.test import Client

USERS = 8
PATHS = ["/", "/notices/", "/notices/new/", "/registrants/choose/?q=Lexington"] * 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_requests_at_the_same_moment_all_succeed(live_server, compliance_user, lexington):
    sessions = []
    for _ in range(USERS):
        client = Client()
        client.force_login(compliance_user)
        sessions.append(client.cookies["sessionid"].value)
    statuses = []

    def browse(session):
        for path in PATHS:
            request = urllib.request.Request(
                live_server.url + path, headers={"Cookie": f"sessionid={session}"}
            )
            try:
                with urllib.request.urlopen(request) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)

    threads = [threading.Thread(target=browse, args=(session,)) for session in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * USERS * len(PATHS)
    assert not connection.needs_rollback
