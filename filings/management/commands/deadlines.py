"""Print the deadlines of a periodic report as one JSON object, for scripts and quick checks."""

import json
from datetime import date

from django.core.management.base import CommandError

from filings.deadlines import REPORT_FORMS, DeadlineInputError
from filings.management.base import OneLineErrorCommand
from filings.selectors import notice_deadlines
from registrants.models import FilerStatus


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD.") from None


class Command(OneLineErrorCommand):
    help = (
        "Print the report due date, the Form 12b-25 deadline and the grace period end of a "
        "periodic report as JSON, counting SEC closure days from the database. "
        "Example: deadlines --form 10-K --period-end 2026-03-31 --filer-status accelerated"
    )

    def add_arguments(self, parser) -> None:
        # Checked in handle() rather than by argparse, so that a bad value gives one line.
        parser.add_argument("--form", help=f"the late report: {', '.join(REPORT_FORMS)}")
        parser.add_argument("--period-end", help="end of the report's period, YYYY-MM-DD")
        parser.add_argument(
            "--filer-status",
            help=f"{', '.join(FilerStatus.values)} (needed for 10-K and 10-Q)",
        )
        parser.add_argument("--distribution-date", help="Form 10-D: the distribution date")
        parser.add_argument(
            "--transmission-date",
            help="Form N-CSR: the day the shareholder report was sent (else 70 days apply)",
        )
        parser.add_argument(
            "--erisa",
            action="store_true",
            help="Form 11-K of an ERISA plan filing under Rule 15d-21 (180 days)",
        )
        parser.add_argument(
            "--transition",
            action="store_true",
            help="a transition report: --period-end is the end of the transition period",
        )
        parser.add_argument(
            "--decision-date",
            help="with --transition: the date of the decision to change the fiscal year; the "
            "report counts from it when it is later (Rules 13a-10 and 15d-10)",
        )
        parser.add_argument(
            "--unit-investment-trust",
            action="store_true",
            help="Form N-CEN of a unit investment trust: 75 days after the calendar year end",
        )

    def handle(self, *args, **options) -> None:
        if not options["form"]:
            raise CommandError(f"Give the late report with --form: {', '.join(REPORT_FORMS)}.")
        period_end = _parse_date(options["period_end"], "--period-end")
        if period_end is None:
            raise CommandError("Give the end of the report's period with --period-end YYYY-MM-DD.")
        filer_status = options["filer_status"]
        if filer_status is not None and filer_status not in FilerStatus.values:
            raise CommandError(
                f"--filer-status {filer_status!r} is unknown; use one of "
                f"{', '.join(FilerStatus.values)}."
            )
        try:
            deadlines = notice_deadlines(
                form_type=options["form"],
                period_end=period_end,
                filer_status=filer_status,
                distribution_date=_parse_date(options["distribution_date"], "--distribution-date"),
                transmission_date=_parse_date(options["transmission_date"], "--transmission-date"),
                erisa=options["erisa"],
                transition=options["transition"],
                decision_date=_parse_date(options["decision_date"], "--decision-date"),
                unit_investment_trust=options["unit_investment_trust"],
            )
        except DeadlineInputError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(deadlines.as_json()))
