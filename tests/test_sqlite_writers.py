"""The SQLite default serves a team: 20 people saving at once all succeed and nothing is lost.

The suite's own database is wrapped in one transaction per test, so this test runs in a
separate process on a database file configured exactly as `make run` configures it
(config/settings.py: WAL journal, busy timeout, immediate transactions)."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WRITERS = 20
NOTICES_PER_WRITER = 5

# Each of WRITERS threads (one database connection each, as gunicorn's workers have) starts
# NOTICES_PER_WRITER notices through the report step, all at once.
SCRIPT = f"""
import json, threading
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from django.contrib.auth.models import Group, User
from django.db import connection
from registrants.models import Registrant
from registrants.roles import COMPLIANCE_STAFF
from filings.models import Notice

setup_test_environment()
call_command("migrate", verbosity=0)
user = User.objects.create_user("casey")
user.groups.add(Group.objects.get(name=COMPLIANCE_STAFF))
registrant = Registrant.objects.create(
    name="Lexington Precision Corporation", street="767 Third Avenue",
    city="New York", state="New York", postal_code="10017", fiscal_year_end_month=12,
    fiscal_year_end_day=31, filer_status="non_accelerated",
)
registrant.assigned_users.add(user)
barrier = threading.Barrier({WRITERS}, timeout=60)
statuses = []

def writer(number):
    client = Client()
    client.force_login(user)
    barrier.wait()
    for day in range({NOTICES_PER_WRITER}):
        response = client.post("/notices/new/", {{
            "registrant": registrant.pk, "form_type": "10-Q", "filer_status": "",
            "period_end": f"2026-03-{{day + 1:02d}}", "distribution_date": "",
            "transmission_date": "", "transition_period_end": "",
            "transition_decision_date": "", "portion_items": f"writer {{number}}",
            "is_portion": "on", "amends": "", "planned_filing_date": "2026-04-01",
            "action": "exit",
        }})
        statuses.append(response.status_code)

threads = [threading.Thread(target=writer, args=(n,)) for n in range({WRITERS})]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({{
    "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
    "statuses": statuses,
    "notices": sorted(
        [notice.portion_items, notice.period_end.isoformat(), notice.filer_status]
        for notice in Notice.objects.all()
    ),
}}))
"""


def test_twenty_concurrent_writers_on_sqlite_all_succeed_and_keep_every_field(tmp_path):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'team.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCRIPT],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["journal_mode"] == "wal"
    assert outcome["statuses"] == [302] * (WRITERS * NOTICES_PER_WRITER)
    assert outcome["notices"] == sorted(
        [f"writer {number}", f"2026-03-{day + 1:02d}", "non_accelerated"]
        for number in range(WRITERS)
        for day in range(NOTICES_PER_WRITER)
    )
