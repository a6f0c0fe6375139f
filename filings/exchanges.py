"""What a late periodic report sets off at the exchange that lists the registrant, and the Item
3.01 Form 8-K that follows. Pure: the deadlines and the SEC closure days come in as arguments;
the exchanges' rules are data, one row per step.

An exchange counts a report as late once it misses its due date, or, when Rule 12b-25(b)
relief is claimed, the end of the grace period. Its notice of the deficiency arrives some days
later; the dates counted from that notice are the earliest possible ones, assuming it arrives
on the next business day."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from filings.deadlines import NoticeDeadlines, add_months, next_business_day

# What a step's date is counted from.
REPORT_DUE = "report_due"  # the report's prescribed due date
MISSED = "missed"  # the day the report counts as late at the exchange
EXCHANGE_NOTICE = "exchange_notice"  # the day the exchange's notice arrives (at the earliest)


@dataclass(frozen=True)
class ExchangeStep:
    description: str
    rule: str
    counted_from: str
    days: int = 0
    business_days: bool = False
    months: int = 0


# Form 8-K General Instruction B.1: four business days after the event, here the receipt of
# the exchange's notice that the registrant no longer meets a listing rule.
ITEM_3_01 = ExchangeStep(
    "File a Form 8-K under Item 3.01 (notice of failure to satisfy a continued listing rule)",
    "Form 8-K Item 3.01; General Instruction B.1",
    EXCHANGE_NOTICE,
    days=4,
    business_days=True,
)


@dataclass(frozen=True)
class ExchangeRules:
    name: str
    steps: tuple[ExchangeStep, ...]
    confirmed: bool = True  # False: read from a secondary source only, check before relying


# Keys are the registrants.models.Exchange values.
EXCHANGE_RULES: dict[str, ExchangeRules] = {
    "nasdaq": ExchangeRules(
        "Nasdaq",
        (
            ExchangeStep(
                "Nasdaq counts the report as late (Listing Rule 5250(c)(1)) and sends a "
                "deficiency notice",
                "Nasdaq Listing Rule 5250(c)(1)",
                MISSED,
            ),
            ExchangeStep(
                "Announce the deficiency notice in a press release",
                "Nasdaq Listing Rule 5810(b)",
                EXCHANGE_NOTICE,
                days=4,
                business_days=True,
            ),
            ITEM_3_01,
            ExchangeStep(
                "Submit a plan to regain compliance",
                "Nasdaq Listing Rule 5810(c)(2)(F)(i)",
                EXCHANGE_NOTICE,
                days=60,
            ),
            ExchangeStep(
                "Latest end of an exception Nasdaq staff may grant to file the report",
                "Nasdaq Listing Rule 5810(c)(2)(F)(ii)",
                REPORT_DUE,
                days=180,
            ),
        ),
    ),
    "nyse": ExchangeRules(
        "New York Stock Exchange",
        (
            ExchangeStep(
                "The NYSE counts the report as late and sends a notification letter",
                "NYSE Listed Company Manual 802.01E",
                MISSED,
            ),
            ExchangeStep(
                "Contact the NYSE about the report's status and issue a press release "
                "disclosing the late filing",
                "NYSE Listed Company Manual 802.01E",
                EXCHANGE_NOTICE,
                days=5,
            ),
            ITEM_3_01,
            ExchangeStep(
                "End of the six-month cure period to file the report (the NYSE may allow up "
                "to six more months)",
                "NYSE Listed Company Manual 802.01E",
                REPORT_DUE,
                months=6,
            ),
        ),
    ),
    # Company Guide Section 1007 sets NYSE American's late-filer procedure; its periods could
    # not be confirmed, so only the Form 8-K is dated.
    "nyse_american": ExchangeRules(
        "NYSE American",
        (
            ExchangeStep(
                "NYSE American counts the report as late and sends a notice",
                "NYSE American Company Guide Section 1007",
                MISSED,
            ),
            ITEM_3_01,
        ),
        confirmed=False,
    ),
}


@dataclass(frozen=True)
class DatedStep:
    description: str
    rule: str
    due: date


def _add_business_days(day: date, count: int, closures: Collection[date]) -> date:
    for _ in range(count):
        day = next_business_day(day, closures)
    return day


def exchange_steps(
    *,
    exchange: str,
    deadlines: NoticeDeadlines,
    relief_claimed: bool,
    closures: Collection[date],
) -> list[DatedStep]:
    """The steps at `exchange` (a registrants.models.Exchange value) if the report is not
    filed in time, each with its date; none for an unlisted registrant. The report counts as
    late after `deadlines.grace_end` when relief is claimed, else after `report_due`."""
    rules = EXCHANGE_RULES.get(exchange)
    if rules is None:
        return []
    last_day = deadlines.grace_end if relief_claimed else deadlines.report_due
    starts = {
        REPORT_DUE: deadlines.report_due,
        MISSED: last_day + timedelta(days=1),
        EXCHANGE_NOTICE: next_business_day(last_day, closures),
    }
    dated = []
    for step in rules.steps:
        start = starts[step.counted_from]
        if step.business_days:
            due = _add_business_days(start, step.days, closures)
        elif step.months:
            due = add_months(start, step.months)
        else:
            due = start + timedelta(days=step.days)
        dated.append(DatedStep(step.description, step.rule, due))
    return dated
