import json
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from filings.models import SecClosureDay

pytestmark = pytest.mark.django_db

MANAGE_PY = Path(__file__).resolve().parent.parent / "manage.py"


def deadlines(*arguments: str) -> dict:
    output = StringIO()
    call_command("deadlines", *arguments, stdout=output)
    return json.loads(output.getvalue())


def test_the_command_prints_the_deadlines_as_one_json_object():
    assert deadlines(
        "--form", "10-K", "--period-end", "2026-03-31", "--filer-status", "accelerated"
    ) == {
        "edgar_type": "NT 10-K",
        "report_due": "2026-06-15",
        "notice_due": "2026-06-16",
        "grace_days": 15,
        "grace_end": "2026-06-30",
    }


def test_the_command_takes_the_inputs_of_each_form():
    ten_d = deadlines(
        "--form", "10-D", "--period-end", "2026-06-19", "--distribution-date", "2026-06-19"
    )
    assert (ten_d["edgar_type"], ten_d["report_due"]) == ("NT 10-D", "2026-07-06")
    plan = deadlines("--form", "11-K", "--period-end", "2025-12-31", "--erisa")
    assert plan["report_due"] == "2026-06-29"
    fund = deadlines(
        "--form", "N-CSR", "--period-end", "2025-12-31", "--transmission-date", "2026-02-27"
    )
    assert (fund["edgar_type"], fund["report_due"]) == ("NT-NCSR", "2026-03-09")


def test_the_command_counts_closure_days_from_the_database():
    SecClosureDay.objects.create(date=date(2026, 6, 15), reason="Test closure")
    result = deadlines(
        "--form", "10-K", "--period-end", "2026-03-31", "--filer-status", "accelerated"
    )
    assert result["report_due"] == "2026-06-16"


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--form", "10-X", "--period-end", "2026-03-31"], "does not cover Form '10-X'"),
        (["--period-end", "2026-03-31"], "Give the late report with --form"),
        (["--form", "10-K"], "Give the end of the report's period"),
        (["--form", "10-K", "--period-end", "31/03/2026"], "'31/03/2026' is not a date"),
        (["--form", "10-K", "--period-end", "2026-03-31"], "depends on the filer status"),
        (
            ["--form", "10-K", "--period-end", "2026-03-31", "--filer-status", "huge"],
            "--filer-status 'huge' is unknown",
        ),
        (["--form", "10-D", "--period-end", "2026-03-31"], "after the distribution date"),
        (["--form", "10-K", "--period-end", "2026-03-31", "--erisa"], "applies to Form 11-K"),
        (
            ["--form", "N-CEN", "--period-end", "2026-03-31", "--distribution-date", "2026-04"],
            "--distribution-date '2026-04' is not a date",
        ),
    ],
)
def test_bad_arguments_are_a_one_line_error(arguments, message):
    with pytest.raises(CommandError) as error:
        call_command("deadlines", *arguments, stdout=StringIO())
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_bad_argument_on_the_command_line_exits_non_zero_without_a_traceback():
    finished = subprocess.run(
        [
            sys.executable,
            str(MANAGE_PY),
            "deadlines",
            "--form",
            "10-K",
            "--period-end",
            "2026-02-30",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 1
    assert finished.stdout == ""
    assert finished.stderr.splitlines() == [
        "CommandError: --period-end '2026-02-30' is not a date; write it as YYYY-MM-DD."
    ]
