"""Reads: the deadlines with the SEC closure days from the database, the dashboard's and the
notice list's notices, a notice's history and exchange steps, and the version of a notice's
answers that a page posts back."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from filings.deadlines import DeadlineInputError, NoticeDeadlines, compute_deadlines
from filings.exchanges import EXCHANGE_RULES, DatedStep, exchange_steps
from filings.models import (
    Notice,
    NoticeFiling,
    NoticeSigner,
    NoticeStatus,
    PendingUpload,
    ReportFiling,
    SecClosureDay,
)
from filings.rules import SIGNERS, applies
from filings.schedule import UpcomingReport, upcoming_reports
from filings.timeliness import (
    Consequence,
    MissedReport,
    NoticeTimeliness,
    ReportOutcome,
    notice_timeliness,
    registrant_consequences,
    report_outcome,
)
from registrants.history import HistoryEntry, history_entries
from registrants.models import Registrant


def sec_closure_days() -> frozenset[date]:
    return frozenset(SecClosureDay.objects.values_list("date", flat=True))


def notice_deadlines(
    *,
    form_type: str,
    period_end: date,
    filer_status: str | None,
    distribution_date: date | None = None,
    transmission_date: date | None = None,
    erisa: bool = False,
    transition: bool = False,
    decision_date: date | None = None,
    unit_investment_trust: bool = False,
) -> NoticeDeadlines:
    """`filings.deadlines.compute_deadlines` with the SEC closure days kept in the database."""
    return compute_deadlines(
        form_type=form_type,
        period_end=period_end,
        filer_status=filer_status,
        closures=sec_closure_days(),
        distribution_date=distribution_date,
        transmission_date=transmission_date,
        erisa=erisa,
        transition=transition,
        decision_date=decision_date,
        unit_investment_trust=unit_investment_trust,
    )


def registrant_upcoming_reports(
    *, registrants: Iterable[Registrant], today: date, horizon_days: int
) -> list[tuple[Registrant, UpcomingReport]]:
    """For each of `registrants` (an iterable of Registrant), its reports due within
    `horizon_days` of `today` or still in their grace period (see
    `filings.schedule.upcoming_reports`), as (registrant, report) pairs sorted by due date,
    then registrant name."""
    closures = sec_closure_days()
    rows = [
        (registrant, report)
        for registrant in registrants
        for report in upcoming_reports(
            fiscal_year_end_month=registrant.fiscal_year_end_month,
            fiscal_year_end_day=registrant.fiscal_year_end_day,
            filer_status=registrant.filer_status,
            today=today,
            closures=closures,
            horizon_days=horizon_days,
            unit_investment_trust=registrant.is_unit_investment_trust,
        )
    ]
    rows.sort(key=lambda row: (row[1].deadlines.report_due, row[0].name, row[1].period_end))
    return rows


def deadlines_of_notice(
    notice: Notice, *, closures: frozenset[date] | None = None
) -> NoticeDeadlines | None:
    """The deadlines of the report a notice is about, or None while the notice lacks what they
    are computed from (form, period end, filer status, a 10-D distribution date). A transition
    report counts from its transition period end, or from the decision to change the fiscal
    year when that is later (Rules 13a-10 and 15d-10)."""
    if not (notice.form_type and notice.period_end and notice.filer_status):
        return None
    transition = applies(notice, "transition_period_end") and bool(notice.transition_period_end)
    try:
        return compute_deadlines(
            form_type=notice.form_type,
            period_end=notice.transition_period_end if transition else notice.period_end,
            filer_status=notice.filer_status,
            closures=sec_closure_days() if closures is None else closures,
            distribution_date=notice.distribution_date
            if applies(notice, "distribution_date")
            else None,
            transmission_date=notice.transmission_date
            if applies(notice, "transmission_date")
            else None,
            erisa=notice.is_erisa_plan and applies(notice, "is_erisa_plan"),
            transition=transition,
            decision_date=notice.transition_decision_date if transition else None,
            unit_investment_trust=bool(
                notice.registrant_id and notice.registrant.is_unit_investment_trust
            ),
        )
    except DeadlineInputError:
        return None


def exchange_steps_of_notice(notice: Notice, deadlines: NoticeDeadlines | None) -> dict | None:
    """For a notice of a listed registrant: the exchange's name, whether its rules are
    confirmed, and its dated steps (filings.exchanges); None otherwise."""
    exchange = notice.registrant.exchange
    if deadlines is None or exchange not in EXCHANGE_RULES or notice.is_amendment:
        return None
    rules = EXCHANGE_RULES[exchange]
    steps: list[DatedStep] = exchange_steps(
        exchange=exchange,
        deadlines=deadlines,
        relief_claimed=bool(notice.relief_claimed),
        closures=sec_closure_days(),
    )
    return {"name": rules.name, "confirmed": rules.confirmed, "steps": steps}


@dataclass(frozen=True)
class NoticeTimeline:
    notice: Notice
    deadlines: NoticeDeadlines
    # To the date that matters for the list it is in; negative when passed; None for an
    # amendment, which has no deadline of its own.
    days_left: int | None

    @property
    def days_late(self) -> int:
        return -self.days_left


def dashboard_notices(*, notices, today: date) -> tuple[list[NoticeTimeline], list[NoticeTimeline]]:
    """The dashboard's two lists of `notices` (a Notice queryset) of active registrants:
    drafts with the days left to file them (negative when the notice deadline has passed),
    soonest first; and final
    notices claiming Rule 12b-25(b) relief whose report is past due and whose grace period is
    still running, with the days left in it."""
    closures = sec_closure_days()
    notices = notices.filter(registrant__is_active=True).select_related("registrant")
    in_progress, in_grace = [], []
    for notice in notices:
        deadlines = deadlines_of_notice(notice, closures=closures)
        if deadlines is None:
            continue
        if not notice.is_final:
            # An amendment has no deadline of its own: the original notice met it.
            days = None if notice.is_amendment else (deadlines.notice_due - today).days
            in_progress.append(NoticeTimeline(notice, deadlines, days))
        elif (
            notice.relief_claimed
            and not notice.is_amendment
            and deadlines.report_due < today <= deadlines.grace_end
        ):
            in_grace.append(NoticeTimeline(notice, deadlines, (deadlines.grace_end - today).days))
    in_progress.sort(key=lambda row: (row.deadlines.notice_due, row.notice.registrant.name))
    in_grace.sort(key=lambda row: (row.deadlines.grace_end, row.notice.registrant.name))
    return in_progress, in_grace


def notice_answers_version(notice: Notice, fields: list[str]) -> str:
    """A fingerprint of the notice's saved answers to `fields` (SIGNERS for its signers): a
    page posts back the one it was loaded with, so that a save from a stale page is noticed."""
    values = [[name, notice.serializable_value(name)] for name in fields if name != SIGNERS]
    if SIGNERS in fields:
        values.append(
            [
                SIGNERS,
                [
                    [signer.pk, signer.name, signer.title, signer.is_executive_officer]
                    + [signer.evidence_of_authority_text, signer.evidence_of_authority.name]
                    for signer in notice.signers.order_by("pk")
                ],
            ]
        )
    encoded = json.dumps(values, default=str, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


def pending_uploads(*, notice: Notice, step_slug: str, user) -> list[PendingUpload]:
    """The files the user chose on the step that are kept until it is saved."""
    return list(PendingUpload.objects.filter(notice=notice, step=step_slug, user=user))


def notice_history(notice: Notice) -> list[HistoryEntry]:
    """The History panel of a notice: changes to the notice and to its signers (those removed
    since included), newest first."""
    records = [
        *Notice.history.filter(id=notice.pk),
        *NoticeSigner.history.filter(notice_id=notice.pk),
    ]
    return history_entries(
        records,
        noun="Notice",
        subject=lambda record: (
            f"Signer {record.name}" if record.instance_type is NoticeSigner else ""
        ),
    )


def notices_for_list(
    *, user, q: str = "", registrant=None, form_type: str = "", status: str = ""
) -> QuerySet[Notice]:
    """The notices `user` may see, searched (registrant name, name on the notice, narrative)
    and filtered as the notice list asks, most recently changed first."""
    notices = Notice.objects.visible_to(user).select_related("registrant")
    if q:
        notices = notices.filter(
            Q(registrant__name__icontains=q)
            | Q(registrant_name__icontains=q)
            | Q(narrative__icontains=q)
        )
    if registrant:
        notices = notices.filter(registrant=registrant)
    if form_type:
        notices = notices.filter(form_type=form_type)
    if status:
        notices = notices.filter(status=status)
    return notices.order_by("-updated_at", "-pk")


@dataclass(frozen=True)
class FilingRecords:
    """A notice's EDGAR filing and its report's filing, as far as they are recorded, and what
    they mean: `timeliness` of the notice (None while it is not filed, or for an amendment,
    which has no deadline of its own) and the report's `outcome` (None while the notice is not
    filed, for an amendment, or without deadlines)."""

    filing: NoticeFiling | None
    timeliness: NoticeTimeliness | None
    report: ReportFiling | None
    outcome: ReportOutcome | None


def _recorded(notice: Notice, name: str):
    """The notice's one-to-one record `name` ("filing", "report_filing"), or None."""
    try:
        return getattr(notice, name)
    except (NoticeFiling.DoesNotExist, ReportFiling.DoesNotExist):
        return None


def filing_records(
    notice: Notice, deadlines: NoticeDeadlines | None, *, closures: frozenset[date], today: date
) -> FilingRecords:
    """The FilingRecords of `notice` on `today` (filings.timeliness decides)."""
    filing = _recorded(notice, "filing")
    report = _recorded(notice, "report_filing")
    if filing is None or deadlines is None or notice.is_amendment:
        return FilingRecords(filing, None, report, None)
    timeliness = notice_timeliness(
        accepted_at=filing.accepted_at, deadlines=deadlines, closures=closures
    )
    outcome = report_outcome(
        deadlines=deadlines,
        notice_timely=timeliness.timely,
        relief_claimed=bool(notice.relief_claimed),
        filed_on=report.filed_on if report else None,
        today=today,
    )
    return FilingRecords(filing, timeliness, report, outcome)


def consequences_of_registrant(registrant: Registrant, *, today: date) -> list[Consequence]:
    """What the late reports of `registrant` still cost it on `today`
    (filings.timeliness.registrant_consequences): read from its filed notices (amendments
    aside), whatever their age, since a report never filed keeps its consequence."""
    closures = sec_closure_days()
    notices = Notice.objects.filter(
        registrant=registrant, status=NoticeStatus.FILED, is_amendment=False
    ).select_related("registrant", "filing", "report_filing")
    missed = []
    for notice in notices:
        deadlines = deadlines_of_notice(notice, closures=closures)
        outcome = filing_records(notice, deadlines, closures=closures, today=today).outcome
        if outcome is not None and outcome.is_late:
            missed.append(
                MissedReport(
                    notice.form_type, outcome.missed_due_date, outcome.filed_on is not None
                )
            )
    return registrant_consequences(missed_reports=missed, today=today)
