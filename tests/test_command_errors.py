"""Scripts get one line on standard error and a non-zero exit for any bad argument."""

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["render_notice", "1"], "Error: the following arguments are required: --output."),
        (["render_notice", "1", "--output"], "Error: argument --output: expected one argument."),
        (["deadlines", "--frm", "10-K"], "Error: unrecognized arguments: --frm 10-K."),
    ],
)
def test_argument_errors_are_one_line(arguments, message):
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.splitlines() == [message]
    assert result.stdout == ""
