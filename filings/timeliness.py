"""Was it on time? The EDGAR filing of a notice, the filing of the late report, and what a late
report costs the registrant afterwards.

Pure rules: no database, no clock. Deadlines (filings.deadlines.NoticeDeadlines), SEC closure
days and "today" come in as arguments. The consequences of a late report are rules as data
(CONSEQUENCE_RULES), each with its source and whether it is confirmed or the product's reading.
"""

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from filings.deadlines import (
    NoticeDeadlines,
    add_months,
    business_days_after,
    deemed_filing_date,
)

# EDGAR accession number: the filer's or agent's CIK (10 digits), the year (2 digits) and a
# sequence number (6 digits), e.g. 0001193125-26-123456 (EDGAR Filer Manual Vol. II).
ACCESSION_NUMBER = re.compile(r"[0-9]{10}-[0-9]{2}-[0-9]{6}")
ACCESSION_FORMAT = "##########-##-######"


def is_accession_number(value: str) -> bool:
    return ACCESSION_NUMBER.fullmatch(value) is not None


# The notice ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeTimeliness:
    """The notice's filing against its deadline. `deemed_filed_on` is the filing date under
    Regulation S-T Rule 13(a)(2); `business_days_late` is 0 when timely."""

    deemed_filed_on: date
    notice_due: date
    business_days_late: int

    @property
    def timely(self) -> bool:
        return self.business_days_late == 0


def notice_timeliness(
    *, accepted_at: datetime, deadlines: NoticeDeadlines, closures: Collection[date]
) -> NoticeTimeliness:
    """Whether a notice accepted by EDGAR at `accepted_at` (aware) met its deadline.

    Regulation S-T Rule 13(a)(2) (17 CFR 232.13(a)(2)): a filing whose direct transmission
    commences on or before 5:30 p.m. Eastern (standard or daylight time, whichever is in
    effect) is deemed filed that business day; one commencing later, the next business day.
    The product reads the acceptance time the user records as the time the transmission
    commenced: EDGAR accepts a submission after it starts, so a late reading can only err on
    the side of calling a notice late. A notice is timely when the deemed date is on or before
    the notice deadline (Rule 12b-25(a): one business day after the report's due date)."""
    deemed = deemed_filing_date(submitted_at=accepted_at, closures=closures)
    return NoticeTimeliness(
        deemed_filed_on=deemed,
        notice_due=deadlines.notice_due,
        business_days_late=business_days_after(deadlines.notice_due, deemed, closures),
    )


# The late report -------------------------------------------------------------------------

WITHIN_GRACE = "within_grace"  # filed in the grace period: deemed filed on its due date
ON_TIME = "on_time"  # filed by its prescribed due date
LATE = "late"  # filed after its last day
NOT_YET_FILED = "not_yet_filed"  # not filed, its last day still to come
NOT_FILED_LATE = "not_filed_late"  # not filed, its last day passed


@dataclass(frozen=True)
class ReportOutcome:
    """Where the late report stands. `last_day` is the grace period end when the grace period
    applies, else the report's due date; `days_left` counts calendar days to it while the
    report is not yet filed; `missed_due_date` is the due date the report missed (the date its
    consequences run from), None when it was not missed."""

    state: str
    grace_applies: bool
    last_day: date
    filed_on: date | None
    days_left: int | None
    missed_due_date: date | None

    @property
    def is_late(self) -> bool:
        return self.state in (LATE, NOT_FILED_LATE)


def report_outcome(
    *,
    deadlines: NoticeDeadlines,
    notice_timely: bool,
    relief_claimed: bool,
    filed_on: date | None,
    today: date,
) -> ReportOutcome:
    """The late report against its due date and the Rule 12b-25(b) grace period.

    Rule 12b-25(b): the report is deemed filed on its prescribed due date only when the
    notice was filed in compliance with paragraph (a) (on time), represented in Part II that
    the report will be filed within the grace period (relief claimed), and the report is
    actually filed within it. A late notice, or one without that representation, gives no
    grace: the report's last day stays its due date."""
    grace_applies = notice_timely and relief_claimed
    last_day = deadlines.grace_end if grace_applies else deadlines.report_due
    if filed_on is not None:
        if filed_on <= deadlines.report_due:
            state = ON_TIME
        elif filed_on <= last_day:
            state = WITHIN_GRACE
        else:
            state = LATE
        days_left = None
    else:
        state = NOT_YET_FILED if today <= last_day else NOT_FILED_LATE
        days_left = (last_day - today).days if state == NOT_YET_FILED else None
    missed = deadlines.report_due if state in (LATE, NOT_FILED_LATE) else None
    return ReportOutcome(state, grace_applies, last_day, filed_on, days_left, missed)


# What a late report costs ---------------------------------------------------------------


@dataclass(frozen=True)
class ConsequenceRule:
    """A consequence of a periodic report filed late or not at all.

    `wording` names what the registrant is not, until a date: the first day of the month
    `months_after` whole calendar months after the month of the missed due date (a look-back
    of twelve calendar months and any portion of a month reaches a due date in month M until
    the first day of month M + 13). With `until_report_filed`, it lasts at least until the
    report is filed as well. Reports on `forms_not_counted` do not count. `confirmed` is False
    where the date is the product's reading rather than the rule's words."""

    key: str
    wording: str
    months_after: int
    source: str
    confirmed: bool
    until_report_filed: bool = True
    forms_not_counted: tuple[str, ...] = ()


CONSEQUENCE_RULES = [
    # The registrant's "timely filer" standing, read as the same look-back as Form S-3's
    # (and Rule 405's well-known seasoned issuer condition): the product's reading.
    ConsequenceRule(
        "timely_filer",
        "Not a timely filer",
        13,
        "Twelve calendar months and any portion of a month after the missed due date, as "
        "Form S-3 General Instruction I.A.3(b) counts them; Rule 12b-25(d) while the report "
        "is not filed",
        confirmed=False,
        forms_not_counted=("11-K",),
    ),
    # Form S-3 General Instruction I.A.3(b): the registrant "has filed in a timely manner all
    # reports required to be filed during the twelve calendar months and any portion of a
    # month immediately preceding the filing of the registration statement"; a report under
    # Rule 12b-25(b) counts as timely only if actually filed within the grace period.
    # Rule 12b-25(d): during the extension, forms predicated on timely filed reports may not
    # be used until the report is actually filed. C&DI (Securities Act Forms) 115.01: a late
    # Form 11-K is the plan's, not the issuer's, and does not count.
    ConsequenceRule(
        "form_s3",
        "Form S-3 not available",
        13,
        "Form S-3 General Instruction I.A.3(b); Rule 12b-25(d); C&DI 115.01 (Form 11-K)",
        confirmed=True,
        forms_not_counted=("11-K",),
    ),
]


@dataclass(frozen=True)
class Consequence:
    """One consequence for one registrant: `until` is the date it ends (it runs while
    `until > today`); `waits_for_report` when a late report is still not filed."""

    rule: ConsequenceRule
    until: date
    waits_for_report: bool


def consequence_end(rule: ConsequenceRule, missed_due_date: date) -> date:
    """The first day the missed due date no longer counts under `rule`. E.g. a 10-K due
    31 March 2026: the look-back of a Form S-3 filed on 31 March 2027 (March 2027's portion and
    March 2026 to February 2027) still reaches it; from 1 April 2027 it does not."""
    return add_months(missed_due_date.replace(day=1), rule.months_after)


@dataclass(frozen=True)
class MissedReport:
    """A late report of one registrant: the form, the due date it missed, and whether it has
    been filed since."""

    form_type: str
    missed_due_date: date
    filed: bool


def registrant_consequences(
    *, missed_reports: list[MissedReport], today: date
) -> list[Consequence]:
    """What the registrant's late reports still cost it on `today`, one Consequence per rule
    that runs (the latest end among its reports); an empty list when it is a timely filer."""
    consequences = []
    for rule in CONSEQUENCE_RULES:
        counted = [
            report for report in missed_reports if report.form_type not in rule.forms_not_counted
        ]
        if not counted:
            continue
        until = max(consequence_end(rule, report.missed_due_date) for report in counted)
        waits = rule.until_report_filed and any(not report.filed for report in counted)
        if until > today or waits:
            consequences.append(Consequence(rule, until, waits))
    return consequences
