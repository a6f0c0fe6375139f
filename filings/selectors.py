"""Reads: the deadlines with the SEC closure days from the database, the dashboard's and the
notice list's notices, a notice's history and exchange steps, and the version of a notice's
answers that a page posts back."""

import hashlib
import heapq
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from filings.deadlines import DeadlineInputError, NoticeDeadlines, compute_deadlines
from filings.document import long_date
from filings.exchanges import EXCHANGE_RULES, DatedStep, exchange_steps
from filings.models import Notice, NoticeSigner, PendingUpload, SecClosureDay
from filings.rules import SIGNERS, applies
from filings.schedule import UpcomingReport, upcoming_reports
from registrants.choosers import SUGGESTIONS, key_of
from registrants.history import HistoryEntry, history_entries
from registrants.models import InvestmentCompanyType, Registrant
from registrants.selectors import registrants_matching


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


def soonest_upcoming_reports(
    *, registrants: QuerySet[Registrant], today: date, horizon_days: int, limit: int
) -> tuple[list[tuple[Registrant, UpcomingReport]], int]:
    """The first `limit` of what `registrant_upcoming_reports` answers for `registrants` (a
    queryset), in the same order, and how many there are in all. Registrants of the same
    fiscal year end and filer status owe the same reports, so they are worked out per such
    group, and only the registrants of the rows kept are loaded."""
    closures = sec_closure_days()
    groups: dict[tuple, list[tuple[int, str]]] = {}
    for month, day, filer_status, company_type, pk, name in registrants.values_list(
        "fiscal_year_end_month",
        "fiscal_year_end_day",
        "filer_status",
        "investment_company_type",
        "pk",
        "name",
    ):
        groups.setdefault((month, day, filer_status, company_type), []).append((pk, name))
    found, reports = [], []
    for (month, day, filer_status, company_type), members in groups.items():
        for report in upcoming_reports(
            fiscal_year_end_month=month,
            fiscal_year_end_day=day,
            filer_status=filer_status,
            today=today,
            closures=closures,
            horizon_days=horizon_days,
            unit_investment_trust=company_type == InvestmentCompanyType.UNIT_INVESTMENT_TRUST,
        ):
            reports.append(report)
            number = len(reports) - 1
            found += [
                (report.deadlines.report_due, name, report.period_end, pk, number)
                for pk, name in members
            ]
    kept = heapq.nsmallest(limit, found)
    # The ids come from `registrants`, so the user may see each of them.
    loaded = Registrant.objects.in_bulk([row[3] for row in kept])
    return [(loaded[row[3]], reports[row[4]]) for row in kept], len(found)


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
    """The notices `user` may see, searched by their registrant (name, former name, CIK or
    SEC file number, registrants.selectors.registrants_matching: a few thousand registrants
    are searched, never the notices' text) and filtered as the notice list asks, most
    recently changed first."""
    notices = Notice.objects.visible_to(user).select_related("registrant")
    if q:
        # The matching registrants' ids first (a few thousand rows at most), so that the
        # notices are read through the (registrant, updated_at) index instead of in full.
        matching = list(
            registrants_matching(Registrant.objects.all(), q).values_list("pk", flat=True)
        )
        notices = notices.filter(registrant__in=matching)
    if registrant:
        notices = notices.filter(registrant=registrant)
    if form_type:
        notices = notices.filter(form_type=form_type)
    if status:
        notices = notices.filter(status=status)
    return notices.order_by("-updated_at", "-pk")


def notice_label(notice: Notice) -> str:
    """How a notice is shown and suggested in the "notice being amended" chooser."""
    period = long_date(notice.period_end) if notice.period_end else "no period"
    return f"{notice.edgar_submission_type} for the period ended {period} (#{notice.pk})"


def notices_named_by(notices: QuerySet[Notice], typed: str) -> QuerySet[Notice]:
    """The notices a text typed into the chooser names: a suggestion, or a notice's number
    with or without its #."""
    key = key_of(typed).get("pk") or typed.removeprefix("#")
    if not (key.isascii() and key.isdecimal() and len(key) <= 12):
        return notices.none()
    return notices.filter(pk=int(key))


def notice_suggestions(notices: QuerySet[Notice], query: str) -> list[str]:
    """The chooser's suggestions: the notices (of one registrant) whose report, period year or
    number matches a word of `query`, latest period first; the latest ones for no query."""
    matches = Q()
    for word in query.replace("#", " ").split()[:5]:
        matches |= Q(form_type__icontains=word.removeprefix("NT-").removeprefix("N-"))
        if word.isascii() and word.isdecimal() and len(word) <= 12:
            matches |= Q(pk=int(word))
            if len(word) == 4:
                matches |= Q(period_end__year=int(word))
    found = notices.filter(matches).order_by("-period_end", "-pk")[:SUGGESTIONS]
    return [notice_label(notice) for notice in found]
