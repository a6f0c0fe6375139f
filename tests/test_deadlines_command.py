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
        (
            ["--form", "10-K", "--period-end", "2026-03-31", "--filer-status", "accelerated"]
            + ["--decision-date", "2026-05-15"],
            "applies only to a transition report",
        ),
        (["--form", "10-D", "--period-end", "2026-03-31", "--transition"], "no transition report"),
        (
            ["--form", "20-F", "--period-end", "2026-03-31", "--transition"]
            + ["--decision-date", "15/05/2026"],
            "--decision-date '15/05/2026' is not a date",
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


# (arguments, report due, notice due, grace period end). Transition reports count from the
# later of the transition period end and the decision to change the fiscal year (Rules 13a-10
# and 15d-10); the seeded closure days move dates like holidays (Rule 0-3).
TRANSITION_AND_CLOSURE_CASES = [
    pytest.param(
        "--form 10-K --period-end 2026-03-31 --filer-status non_accelerated --transition "
        "--decision-date 2026-05-15",
        "2026-08-13",
        "2026-08-14",
        "2026-08-28",
        id="10-K transition counted from the later decision (the issue's example)",
    ),
    pytest.param(
        "--form 10-K --period-end 2026-03-31 --filer-status accelerated --transition "
        "--decision-date 2026-02-02",
        "2026-06-15",
        "2026-06-16",
        "2026-06-30",
        id="10-K transition counted from the later transition period end",
    ),
    pytest.param(
        "--form 10-K --period-end 2026-03-31 --filer-status accelerated --transition",
        "2026-06-15",
        "2026-06-16",
        "2026-06-30",
        id="10-K transition without a decision date",
    ),
    pytest.param(
        "--form 10-Q --period-end 2026-03-31 --filer-status non_accelerated --transition "
        "--decision-date 2026-04-30",
        "2026-06-15",
        "2026-06-16",
        "2026-06-22",
        id="10-Q transition: 45 days after the decision is a Sunday",
    ),
    pytest.param(
        "--form 20-F --period-end 2026-03-31 --filer-status foreign_private_issuer "
        "--transition --decision-date 2026-06-30",
        "2026-11-02",
        "2026-11-03",
        "2026-11-17",
        id="20-F transition: four months after the decision, month end to month end",
    ),
    pytest.param(
        "--form 20-F --period-end 2025-12-31 --filer-status foreign_private_issuer",
        "2026-04-30",
        "2026-05-01",
        "2026-05-15",
        id="20-F of a foreign private issuer",
    ),
    pytest.param(
        "--form N-CEN --period-end 2026-03-31 --unit-investment-trust",
        "2027-03-16",
        "2027-03-17",
        "2027-03-31",
        id="N-CEN of a unit investment trust counts from the calendar year end",
    ),
    pytest.param(
        "--form 10-Q --period-end 2018-11-09 --filer-status non_accelerated",
        "2018-12-26",
        "2018-12-27",
        "2018-12-31",
        id="EDGAR closed on Christmas Eve 2018",
    ),
    pytest.param(
        "--form 10-Q --period-end 2019-11-09 --filer-status non_accelerated",
        "2019-12-26",
        "2019-12-27",
        "2019-12-31",
        id="EDGAR closed on Christmas Eve 2019",
    ),
    pytest.param(
        "--form 10-Q --period-end 2025-11-09 --filer-status non_accelerated",
        "2025-12-29",
        "2025-12-30",
        "2026-01-05",
        id="EDGAR closed on December 24 and 26, 2025",
    ),
    pytest.param(
        "--form 10-Q --period-end 2024-11-09 --filer-status non_accelerated",
        "2024-12-24",
        "2024-12-26",
        "2024-12-30",
        id="Christmas Eve 2024 is not seeded: no source confirmed the closure",
    ),
]


@pytest.mark.parametrize(
    "arguments, report_due, notice_due, grace_end", TRANSITION_AND_CLOSURE_CASES
)
def test_transition_and_closure_day_cases(arguments, report_due, notice_due, grace_end):
    result = deadlines(*arguments.split())
    assert (result["report_due"], result["notice_due"], result["grace_end"]) == (
        report_due,
        notice_due,
        grace_end,
    )
