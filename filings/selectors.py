"""Reads: the deadlines with the SEC closure days from the database, the dashboard's and the
notice list's notices, a notice's history and exchange steps, and the version of a notice's
answers that a page posts back."""

import hashlib
import json
from collections.abc import Collection, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from django.core.signals import request_finished, request_started
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber
from django.dispatch import receiver
from django.utils import timezone

from accounts.backends import group_ids, group_names
from config.table_urls import url_of_each
from filings.deadlines import EASTERN, DeadlineInputError, NoticeDeadlines, compute_deadlines
from filings.document import long_date
from filings.exchanges import EXCHANGE_RULES, DatedStep, exchange_steps
from filings.models import (
    Notice,
    NoticeDueDates,
    NoticeFiling,
    NoticeSigner,
    NoticeStatus,
    PendingUpload,
    ReportFiling,
    SecClosureDay,
)
from filings.rules import SIGNERS, applies
from filings.schedule import UpcomingReport, upcoming_reports
from filings.templatetags.dates import long_datetime
from filings.timeliness import (
    CONSEQUENCE_RULES,
    Consequence,
    MissedReport,
    NoticeTimeliness,
    ReportOutcome,
    notice_timeliness,
    registrant_consequences,
    report_outcome,
)
from filings.urgency import Urgency, urgency
from registrants.choosers import SUGGESTIONS, key_of
from registrants.history import (
    HISTORY_PANEL_ENTRIES,
    HistoryCursor,
    HistoryPage,
    history_entries,
)
from registrants.models import InvestmentCompanyType, Registrant
from registrants.selectors import registrants_matching


def today_eastern() -> date:
    """Today in Eastern time, where SEC deadlines are counted."""
    return timezone.localdate(timezone=EASTERN)


# The SEC closure days read during the current request, read once however many deadlines the
# page counts (the review page counted them three times). Outside a request (commands, the task
# worker) nothing is kept, nor under ASGI, whose signals run in a context of their own.
_closure_days_of_request: ContextVar[dict | None] = ContextVar("closure_days", default=None)


@receiver(request_started)
def _open_closure_days_memo(**kwargs) -> None:
    _closure_days_of_request.set({})


@receiver(request_finished)
def _close_closure_days_memo(**kwargs) -> None:
    _closure_days_of_request.set(None)


def sec_closure_days(*, fresh: bool = False) -> frozenset[date]:
    """The SEC closure days, as read once during this request; `fresh`, as the database holds
    them now. What is written from them (filings.due_dates) reads them fresh: with the days
    read at the start of its request it would undo a closure day another request saved
    meanwhile."""
    memo = _closure_days_of_request.get()
    if fresh or memo is None:
        return frozenset(SecClosureDay.objects.values_list("date", flat=True))
    if "days" not in memo:
        memo["days"] = frozenset(SecClosureDay.objects.values_list("date", flat=True))
    return memo["days"]


def sec_closure_days_changed() -> None:
    """Forget the closure days read during this request: one was saved or deleted."""
    memo = _closure_days_of_request.get()
    if memo is not None:
        memo.clear()


def notice_urgency(deadlines: NoticeDeadlines | None, *, now: datetime) -> Urgency | None:
    """How urgent filing the notice is at `now`, by its deadline (none while it is unknown)."""
    if deadlines is None:
        return None
    return urgency(deadline=deadlines.notice_due, now=now, closures=sec_closure_days())


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
    *,
    registrants: Iterable[Registrant],
    today: date,
    horizon_days: int,
    closures: Collection[date] | None = None,
) -> list[tuple[Registrant, UpcomingReport]]:
    """For each of `registrants` (an iterable of Registrant), its reports due within
    `horizon_days` of `today` or still in their grace period (see
    `filings.schedule.upcoming_reports`), as (registrant, report) pairs sorted by due date,
    then registrant name. `closures`: the SEC closure days, read here unless given."""
    if closures is None:
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


# Registrants alike in these fields owe the same reports on the same days.
SCHEDULE_FIELDS = (
    "fiscal_year_end_month",
    "fiscal_year_end_day",
    "filer_status",
    "investment_company_type",
)


def soonest_upcoming_reports(
    *,
    registrants: QuerySet[Registrant],
    today: date,
    horizon_days: int,
    limit: int,
    closures: Collection[date] | None = None,
) -> tuple[list[tuple[Registrant, UpcomingReport]], int]:
    """The first `limit` of what `registrant_upcoming_reports` answers for `registrants` (a
    queryset), in the same order, and how many there are in all. The reports are worked out
    once per group of registrants alike in SCHEDULE_FIELDS (counted in one query); then only
    the registrants of the groups whose reports come soonest are read, at most `limit` of each
    (one query), whatever the number of registrants. `closures` as there."""
    if closures is None:
        closures = sec_closure_days()
    groups = registrants.order_by().values_list(*SCHEDULE_FIELDS).annotate(members=Count("pk"))
    reports, total = [], 0
    for month, day, filer_status, company_type, members in groups:
        for report in upcoming_reports(
            fiscal_year_end_month=month,
            fiscal_year_end_day=day,
            filer_status=filer_status,
            today=today,
            closures=closures,
            horizon_days=horizon_days,
            unit_investment_trust=company_type == InvestmentCompanyType.UNIT_INVESTMENT_TRUST,
        ):
            reports.append((report, (month, day, filer_status, company_type), members))
            total += members
    reports.sort(key=lambda entry: entry[0].deadlines.report_due)
    # The reports whose rows can be among the first `limit`: those due before the day the
    # count reaches `limit`, and every one due that day (their rows mix by registrant name).
    needed, counted = [], 0
    for report, group, members in reports:
        if counted >= limit and report.deadlines.report_due > needed[-1][0].deadlines.report_due:
            break
        needed.append((report, group))
        counted += members
    if not needed:
        return [], total
    in_groups = Q()
    for group in {group for _, group in needed}:
        in_groups |= Q(**dict(zip(SCHEDULE_FIELDS, group, strict=True)))
    first_of_each_group = (
        registrants.filter(in_groups)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F(name) for name in SCHEDULE_FIELDS],
                order_by=[F("name").asc(), F("pk").asc()],
            )
        )
        .filter(place__lte=limit)
    )
    members_of: dict[tuple, list[Registrant]] = {}
    for registrant in first_of_each_group:
        group = tuple(getattr(registrant, name) for name in SCHEDULE_FIELDS)
        members_of.setdefault(group, []).append(registrant)
    rows = [
        (report.deadlines.report_due, registrant.name, report.period_end, registrant.pk)
        + (registrant, report)
        for report, group in needed
        for registrant in members_of.get(group, [])
    ]
    rows.sort(key=lambda row: row[:4])
    return [row[4:] for row in rows[:limit]], total


# How long the coming reports worked out for a user stay in the cache (user_cache_key) at
# most. The key changes with everything they are worked out from, so this only bounds how long an
# entry no longer asked for is kept.
UPCOMING_CACHE_SECONDS = 600


def registrants_fingerprint(user, *, closures: frozenset[date]) -> str:
    """What changes when anything `user` may see of the registrants changes
    (registrants.access): any registrant (its updated_at), one added or deleted, the user's
    registrants or teams or a team's registrants, whether the user is a superuser, or a closure
    day (`closures`, sec_closure_days()). Small aggregates and the closure days, instead of
    reading thousands of registrants; part of the cache keys of what is worked out from them.

    Each table's aggregate is its count and its largest id: ids only grow (a new row takes an
    id larger than any before it, a deleted one's is never reused), so a row added raises the
    largest id and a row deleted without another added lowers the count, while a sum of ids
    could stay the same when rows are swapped. Assignments are only ever added or deleted,
    never changed in place. The three aggregates are read in one query."""
    # The user's teams by their ids, read with their permissions (accounts.backends): a join
    # to the user's memberships made PostgreSQL plan and join every team assignment.
    teams = sorted(group_ids(user))
    no_date = Value(None, output_field=DateTimeField())
    tables = [
        (Registrant.objects.all(), Max("updated_at")),
        (Registrant.assigned_users.through.objects.filter(user=user), no_date),
        (Registrant.assigned_teams.through.objects.filter(group_id__in=teams), no_date),
    ]
    # Each table's aggregate as one row, tagged with its number (a constant is not grouped by).
    aggregates = [
        table_rows.order_by()
        .annotate(table=Value(number))
        .values("table")
        .annotate(count=Count("pk"), last=Max("pk"), changed=changed)
        .values_list("table", "count", "last", "changed")
        for number, (table_rows, changed) in enumerate(tables)
    ]
    found = {table: facts for table, *facts in aggregates[0].union(*aggregates[1:], all=True)}
    facts = (
        *(found.get(number) for number in range(len(tables))),
        user.is_superuser,
        teams,
        sorted(group_names(user)),
        sorted(closures),
    )
    return hashlib.sha256(repr(facts).encode()).hexdigest()[:32]


def user_cache_key(*, purpose: str, user, today: date, fingerprint: str) -> str:
    """The cache key of what is worked out for `user` from the registrants they may see and
    `today` (the dashboard's coming reports and lists, the calendar of all registrants:
    `purpose`); `fingerprint` is registrants_fingerprint(user)."""
    return f"user:{purpose}:{user.pk}:{today:%Y%m%d}:{fingerprint}"


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


# What filing_records reads of a notice's records (of the notice: DASHBOARD_FIELDS).
FILING_RECORD_FIELDS = ["filing__accepted_at", "report_filing__filed_on"]


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


def consequences_of_report(
    notice: Notice, records: FilingRecords, *, today: date
) -> list[Consequence]:
    """What the late report of `notice` alone costs its registrant on `today`
    (filings.timeliness.registrant_consequences); none while the report is not late."""
    outcome = records.outcome
    if outcome is None or not outcome.is_late:
        return []
    missed = MissedReport(notice.form_type, outcome.missed_due_date, records.report is not None)
    return registrant_consequences(missed_reports=[missed], today=today)


# How long after its filing a late report may still cost its registrant something
# (consequences_of_registrant): the longest look-back of the consequence rules, in months of
# 31 days.
REPORT_COUNTS_DAYS = 31 * max(rule.months_after for rule in CONSEQUENCE_RULES)


def consequences_of_registrant(
    registrant: Registrant, *, today: date, closures: frozenset[date]
) -> list[Consequence]:
    """What the late reports of `registrant` still cost it on `today`
    (filings.timeliness.registrant_consequences), deadlines counted with `closures`
    (sec_closure_days()): read from its filed notices (amendments aside) whose report's filing
    is not recorded, whatever their age, since such a report keeps its consequence, and from
    those whose report was filed less than REPORT_COUNTS_DAYS ago: a report filed late missed a
    due date before its filing, and a consequence ends within its rule's months of the due
    date's month (timeliness.consequence_end)."""
    notices = (
        Notice.objects.filter(registrant=registrant, status=NoticeStatus.FILED, is_amendment=False)
        .filter(
            Q(report_filing__isnull=True)
            | Q(report_filing__filed_on__gt=today - timedelta(days=REPORT_COUNTS_DAYS))
        )
        .select_related("registrant", "filing", "report_filing")
        .only(*DASHBOARD_FIELDS, *FILING_RECORD_FIELDS)
    )
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


# The dashboard ---------------------------------------------------------------------------

# Which list of the dashboard holds a notice, and where, is read from the dates of
# NoticeDueDates (filings.due_dates): each list is one query along an index, at most
# DASHBOARD_CAP + 1 rows, and only the rows shown get their deadlines counted here, by the same
# rules. A notice not yet filed is stale once its own deadline passed more than
# STALE_AFTER_DAYS ago, or once its period ended more than ACTIVE_WINDOW_DAYS ago whatever its
# deadline (an amendment has none of its own): a notice's deadline comes at most about 215 days
# after its period end (Form 11-K of an ERISA plan: 180 days, rolled to a business day, plus
# the notice's day). A late report costs the registrant for up to 13 months after its due
# date, and until it is filed (filings.timeliness): the dashboard lists it for as long, and for
# LATE_WINDOW_DAYS after its last day at most, so that its list is one bounded range of the
# index; the registrant page counts every late report that still costs something.
STALE_AFTER_DAYS = 30
ACTIVE_WINDOW_DAYS = 215 + STALE_AFTER_DAYS
LATE_WINDOW_DAYS = 615
DASHBOARD_CAP = 10
# What deadlines_of_notice reads from a notice (and, from its registrant, whether it is a unit
# investment trust).
DEADLINE_FIELDS = [
    "form_type",
    "filer_status",
    "period_end",
    "is_transition_report",
    "transition_period_end",
    "transition_decision_date",
    "distribution_date",
    "transmission_date",
    "is_erisa_plan",
    "is_amendment",
]
# The columns a row's deadlines and a row need.
DASHBOARD_FIELDS = [
    "status",
    *DEADLINE_FIELDS,
    "relief_claimed",
    "registrant__name",
    "registrant__investment_company_type",
]
UNFILED_STATUSES = [
    NoticeStatus.DRAFT,
    NoticeStatus.IN_REVIEW,
    NoticeStatus.APPROVED,
    NoticeStatus.SIGNED,
]
# The lists of notices not yet filed, by key, and their status.
UNFILED_LISTS = {
    "review": NoticeStatus.IN_REVIEW,
    "approved": NoticeStatus.APPROVED,
    "signed": NoticeStatus.SIGNED,
    "drafts": NoticeStatus.DRAFT,
}
# Every list, in the order of the page, with the notice list's status filter that shows all of
# its notices.
DASHBOARD_LISTS = {
    "review": NoticeStatus.IN_REVIEW,
    "approved": NoticeStatus.APPROVED,
    "signed": NoticeStatus.SIGNED,
    "awaiting_report": NoticeStatus.FILED,
    "late_reports": NoticeStatus.FILED,
    "drafts": NoticeStatus.DRAFT,
    "stale": NoticeStatus.DRAFT,
}


@dataclass(frozen=True)
class DashboardRow:
    """A notice on the dashboard: its deadlines (None while it lacks what they are counted
    from), the urgency of its next deadline (filings.urgency; None when there is none, e.g.
    an amendment), its filing records and, for a late report, what it costs the registrant
    (filings.timeliness.registrant_consequences of this report alone)."""

    notice: Notice
    deadlines: NoticeDeadlines | None
    urgency: Urgency | None
    records: FilingRecords | None
    due: date | None  # the date the section sorts by
    consequences: tuple[Consequence, ...] = ()


@dataclass
class DashboardSection:
    """One list of the dashboard: `key`, the rows shown (at most DASHBOARD_CAP, the soonest
    due first), `more` when there are others, and the notice list's `status` filter that
    shows them all."""

    key: str
    status: str
    rows: list[DashboardRow]
    more: bool = False


def dashboard_lists(
    *, registrants: QuerySet[Registrant], today: date, may_review: bool
) -> dict[str, list[Notice]]:
    """The notices of the dashboard's lists, by key, in the lists' order (at most
    DASHBOARD_CAP + 1 each), of `registrants` (a queryset of the registrants the user may see)
    that are active, following the lifecycle:

    - "review": in review, for users who may approve or send back (`may_review`);
    - "approved": approved, waiting for signatures;
    - "signed": signed, waiting to be filed, with the hours left before 5:30 p.m. Eastern on
      the notice deadline;
    - "awaiting_report": filed, the report not yet filed and its last day (the grace period
      end, or the due date when no grace applies) still to come;
    - "late_reports": filed notices whose report is late (filed late, or not filed by its last
      day) while the lateness still counts (filings.timeliness);
    - "drafts": drafts, with their deadlines;
    - "stale": notices not yet filed whose deadline passed more than STALE_AFTER_DAYS ago
      (see above), the latest to become stale first.

    Each other list is sorted by what is due first, those without a date last, then by
    registrant. A constant number of queries (NoticeDueDates picks and orders the rows),
    whatever the number of notices; what they answer depends on the day, not the hour (the
    page keeps it in the cache: filings.deadline_views.dashboard)."""
    # Each list is read from NoticeDueDates alone, along the index made for it, in its order:
    # the database stops after a few rows however many notices there are. Whether the user
    # may see a row's registrant, and whether it is active, is checked row by row (EXISTS), so
    # that no database reads every notice the user may see instead (SQLite would, for
    # `registrant IN (...)`). Only filed notices have the dates of the filed lists, only the
    # others a stale_from. The lists answer notice ids; the notices shown are read at the end,
    # in one query.
    visible = NoticeDueDates.objects.filter(
        Exists(registrants.filter(pk=OuterRef("registrant"), is_active=True))
    )
    statuses = [
        status for status in UNFILED_STATUSES if may_review or status != NoticeStatus.IN_REVIEW
    ]

    def first_ids(queryset: QuerySet[NoticeDueDates], *order: str) -> list[int]:
        ordered = queryset.order_by(*order, "registrant_name", "notice_id")
        return list(ordered.values_list("notice_id", flat=True)[: DASHBOARD_CAP + 1])

    ids = {}
    for key, status in UNFILED_LISTS.items():
        if status in statuses:
            # Not stale, and so (filings.due_dates) due at most STALE_AFTER_DAYS days ago: the
            # range of the index to read.
            ids[key] = first_ids(
                visible.filter(
                    status=status,
                    notice_due__gte=today - timedelta(days=STALE_AFTER_DAYS),
                    stale_from__gt=today,
                ),
                "notice_due",
            )
    ids["awaiting_report"] = first_ids(
        visible.filter(awaiting_report_until__gte=today), "awaiting_report_until"
    )
    # A late report is listed for at most LATE_WINDOW_DAYS days from its first late day
    # (filings.due_dates): the range of the index to read.
    ids["late_reports"] = first_ids(
        visible.filter(
            late_report_from__gt=today - timedelta(days=LATE_WINDOW_DAYS),
            late_report_from__lte=today,
            late_report_until__gt=today,
        ),
        "late_report_from",
    )
    # Only notices not yet filed have a stale_from; those in review only for reviewers. (Not
    # `status IN (...)`, which SQLite would read along the other lists' index.)
    stale = visible.filter(stale_from__lte=today)
    if not may_review:
        stale = stale.exclude(status=NoticeStatus.IN_REVIEW)
    ids["stale"] = first_ids(stale, "-stale_from")
    notices = (
        Notice.objects.select_related("registrant", "filing", "report_filing")
        .only(*DASHBOARD_FIELDS, *FILING_RECORD_FIELDS)
        .in_bulk([pk for found in ids.values() for pk in found])
    )
    # A notice deleted since its list was read is left out.
    return {key: [notices[pk] for pk in found if pk in notices] for key, found in ids.items()}


def dashboard_sections(
    lists: dict[str, list[Notice]], *, today: date, now: datetime, closures: frozenset[date]
) -> dict[str, DashboardSection]:
    """The dashboard's sections of `lists` (dashboard_lists), by key: each notice with its
    deadlines (counted with `closures`, sec_closure_days()), its urgency at `now` and, when
    filed, its records."""

    def unfiled_row(notice: Notice) -> DashboardRow:
        deadlines = deadlines_of_notice(notice, closures=closures)
        due = deadlines.notice_due if deadlines and not notice.is_amendment else None
        row_urgency = urgency(deadline=due, now=now, closures=closures) if due else None
        return DashboardRow(notice, deadlines, row_urgency, None, due)

    def stale_row(notice: Notice) -> DashboardRow:
        # Abandoned, not overdue: no urgency.
        deadlines = deadlines_of_notice(notice, closures=closures)
        return DashboardRow(notice, deadlines, None, None, deadlines and deadlines.notice_due)

    def filed_row(notice: Notice, *, late: bool) -> DashboardRow | None:
        deadlines = deadlines_of_notice(notice, closures=closures)
        records = filing_records(notice, deadlines, closures=closures, today=today)
        if records.outcome is None:
            return None
        outcome = records.outcome
        row_urgency = (
            None if late else urgency(deadline=outcome.last_day, now=now, closures=closures)
        )
        consequences = tuple(consequences_of_report(notice, records, today=today))
        return DashboardRow(notice, deadlines, row_urgency, records, outcome.last_day, consequences)

    row_of = {
        "awaiting_report": partial(filed_row, late=False),
        "late_reports": partial(filed_row, late=True),
        "stale": stale_row,
    }
    sections = {}
    for key, status in DASHBOARD_LISTS.items():
        if key in lists:
            rows = [row_of.get(key, unfiled_row)(notice) for notice in lists[key]]
            sections[key] = _section(key, status, [row for row in rows if row])
    return sections


def _section(key: str, status: str, rows: list[DashboardRow]) -> DashboardSection:
    return DashboardSection(key, status, rows[:DASHBOARD_CAP], len(rows) > DASHBOARD_CAP)


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


def notice_history(
    notice: Notice, *, limit: int = HISTORY_PANEL_ENTRIES, cursor: HistoryCursor | None = None
) -> HistoryPage:
    """Changes to the notice and to its signers (those removed since included), newest first:
    the newest `limit` (its History panel), or a page of its history page from `cursor`."""
    return history_entries(
        [
            Notice.history.filter(id=notice.pk),
            NoticeSigner.history.filter(notice_id=notice.pk),
        ],
        noun="Notice",
        subject=lambda record: (
            f"Signer {record.name}" if record.instance_type is NoticeSigner else ""
        ),
        limit=limit,
        cursor=cursor,
    )


# The columns a row of the notice tables (notice_table_rows) reads of a notice (besides its
# registrant's name when the notice has none): its narratives and the input it keeps are far
# larger.
NOTICE_TABLE_FIELDS = [
    "registrant",
    "registrant_name",
    "form_type",
    "is_amendment",
    "period_end",
    "status",
    "updated_at",
    "updated_by_name",
]


# How many registrants' ids a notice search passes as values (notices_for_list).
SEARCH_IDS_MAX = 5000


def notices_for_list(
    *, user, q: str = "", registrant=None, form_type: str = "", status: str = ""
) -> QuerySet[Notice]:
    """The notices `user` may see, searched by their registrant (name, former name, CIK or
    SEC file number, registrants.selectors.registrants_matching: a few thousand registrants
    are searched, never the notices' text) and filtered as the notice list asks, most
    recently changed first."""
    notices = Notice.objects.visible_to(user).only(*NOTICE_TABLE_FIELDS)
    if q:
        # The matching registrants' ids first, so that the notices are read through the
        # (registrant, updated_at) index instead of in full. Past SEARCH_IDS_MAX of them they
        # stay a subquery: a query may carry at most 65,535 parameters on PostgreSQL with
        # server-side binding (config/settings.py) and 32,766 on SQLite.
        matching = registrants_matching(Registrant.objects.all(), q).values_list("pk", flat=True)
        ids = list(matching[: SEARCH_IDS_MAX + 1])
        notices = notices.filter(registrant__in=ids if len(ids) <= SEARCH_IDS_MAX else matching)
    if registrant:
        notices = notices.filter(registrant=registrant)
    if form_type:
        notices = notices.filter(form_type=form_type)
    if status:
        notices = notices.filter(status=status)
    return notices.order_by("-updated_at", "-pk")


@dataclass(frozen=True)
class NoticeTableRow:
    """A notice as a row of templates/filings/notice_table.html, its cells written out."""

    url: str
    registrant_name: str
    edgar_type: str
    period_end: str
    status: str
    changed: str


def notice_table_rows(notices) -> list[NoticeTableRow]:
    """The rows of the notice tables (the notice list, a registrant's page) for `notices`, read
    with NOTICE_TABLE_FIELDS. Written here rather than by the template's tags and filters:
    those took 3.3 ms for 25 rows, a third of the notice list (the `url` tag alone 1 ms,
    config.table_urls).

    The registrant's name is read for the notices that have none of their own in one query,
    and in none when every notice has its name, as they all do from their first step
    (services.notice_create). A join to the registrants in the list's query would be made for
    every notice a deep page skips too: 3 of the 7 ms of page 40's query with 200,000 notices."""
    notices = list(notices)
    unnamed = [notice for notice in notices if not notice.registrant_name]
    prefetch_related_objects(unnamed, Prefetch("registrant", Registrant.objects.only("name")))
    url_of = url_of_each("filings:resume")
    statuses = dict(NoticeStatus.choices)
    return [
        NoticeTableRow(
            url=url_of(notice.pk),
            registrant_name=notice.registrant_name or notice.registrant.name,
            edgar_type=notice.edgar_submission_type,
            period_end=long_date(notice.period_end) if notice.period_end else "\u2014",
            status=statuses[notice.status],
            changed=long_datetime(timezone.localtime(notice.updated_at))
            + (f" by {notice.updated_by_name}" if notice.updated_by_name else ""),
        )
        for notice in notices
    ]


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
