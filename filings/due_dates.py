"""The dashboard's index (filings.models.NoticeDueDates): for each notice, the dates its lists
select and sort it by, so that each list is one query along an index and only the rows shown
get their deadlines counted (filings.selectors.dashboard_lists).

The dates come from the rules themselves, never from a copy of them: the deadlines from
filings.selectors.deadlines_of_notice, the notice's timeliness and the report's last day from
filings.timeliness.notice_timeliness and report_outcome, how long a late report counts from
filings.timeliness.registrant_consequences. None of them depends on the day: the dashboard
compares them with today when it reads them. `notice_due_dates_refresh` writes them for a set of
notices, and the receivers below call it on every write that changes what they are computed
from."""

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import islice
from types import SimpleNamespace
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from filings.deadlines import NoticeDeadlines
from filings.models import (
    Notice,
    NoticeDueDates,
    NoticeFiling,
    NoticeStatus,
    ReportFiling,
    SecClosureDay,
)
from filings.selectors import (
    ACTIVE_WINDOW_DAYS,
    DEADLINE_FIELDS,
    LATE_WINDOW_DAYS,
    STALE_AFTER_DAYS,
    deadlines_of_notice,
    sec_closure_days,
    sec_closure_days_changed,
)
from filings.timeliness import (
    NOT_YET_FILED,
    MissedReport,
    notice_timeliness,
    registrant_consequences,
    report_outcome,
)
from registrants.models import InvestmentCompanyType, Registrant

T = TypeVar("T")

# The columns of NoticeDueDates besides the notice: what is copied from the notice and its
# registrant so that each list is read from this table alone, then the dates.
DUE_DATE_FIELDS = [
    "registrant_id",
    "registrant_name",
    "status",
    "notice_due",
    "stale_from",
    "awaiting_report_until",
    "late_report_from",
    "late_report_until",
]
REGISTRANT_FIELDS = ["investment_company_type"]
# What the lists read from the registrant besides: its name, to sort by.
REGISTRANT_COPIED = ["name"]
REFRESH_BATCH = 2000
DAY = timedelta(days=1)
# The deadline of a notice without one of its own (it comes last in its list), and the first
# day a notice without a period end counts as stale: dates rather than None, so that each list
# of notices not yet filed is one range of an index, read in order.
NEVER = date.max


def due_dates_of_notice(
    notice,
    deadlines: NoticeDeadlines | None,
    *,
    accepted_at: datetime | None,
    report_filed_on: date | None,
    closures: Iterable[date],
) -> dict[str, date | str | None]:
    """The NoticeDueDates of `notice` (a Notice, or anything with its `status`, its
    DEADLINE_FIELDS, `relief_claimed`, `registrant_id` and its registrant's name) whose
    deadlines are `deadlines`
    (deadlines_of_notice), accepted by EDGAR at `accepted_at` (None while not filed) and whose
    report was filed on `report_filed_on`, as {field: value}. Each date says from or until
    when the notice is on a list of the dashboard (filings.selectors.dashboard_lists);
    the registrant (whose name the lists sort by next) and the status are copied:

    - not yet filed: `notice_due`, its own deadline (NEVER without one), the lists sort by it;
      `stale_from`, the first day it counts as stale: its own deadline passed more than
      STALE_AFTER_DAYS days ago, or (whatever its deadline, an amendment and a notice without
      deadlines too) its period ended more than ACTIVE_WINDOW_DAYS days ago (NEVER without a
      period end); the stale list shows the latest first. So a notice that is not stale has
      a notice_due of at most STALE_AFTER_DAYS days ago;
    - filed, its report not yet filed: `awaiting_report_until`, the report's last day
      (ReportOutcome.last_day);
    - filed, its report filed late or still not filed: `late_report_from`, the day after that
      last day, and `late_report_until`, the day the lateness no longer costs the registrant
      anything (registrant_consequences: once the look-back no longer reaches it, and never
      before the report is filed), and at most LATE_WINDOW_DAYS days after late_report_from.
      Counted from the report's own last day, never from the period end: a transition report
      can be due more than a year after its period.

    An amendment has no deadline of its own and no report of its own."""
    dates: dict[str, date | str | None] = dict.fromkeys(DUE_DATE_FIELDS)
    dates["registrant_id"] = notice.registrant_id
    dates["registrant_name"] = notice.registrant.name
    dates["status"] = notice.status
    if notice.status != NoticeStatus.FILED:
        dates["notice_due"] = NEVER
        stale = [NEVER]
        if deadlines is not None and not notice.is_amendment:
            dates["notice_due"] = deadlines.notice_due
            stale.append(deadlines.notice_due + timedelta(days=STALE_AFTER_DAYS) + DAY)
        if notice.period_end is not None:
            stale.append(notice.period_end + timedelta(days=ACTIVE_WINDOW_DAYS) + DAY)
        dates["stale_from"] = min(stale)
        return dates
    if deadlines is None or notice.is_amendment or accepted_at is None:
        return dates

    timeliness = notice_timeliness(accepted_at=accepted_at, deadlines=deadlines, closures=closures)

    def outcome_on(day: date):
        return report_outcome(
            deadlines=deadlines,
            notice_timely=timeliness.timely,
            relief_claimed=bool(notice.relief_claimed),
            filed_on=report_filed_on,
            today=day,
        )

    # The report as it stands before any day has passed, and on the day after its last day.
    before = outcome_on(date.min)
    if before.state == NOT_YET_FILED:
        dates["awaiting_report_until"] = before.last_day
    after = outcome_on(before.last_day + DAY)
    if not after.is_late:
        return dates
    missed = MissedReport(notice.form_type, after.missed_due_date, after.filed_on is not None)
    first = before.last_day + DAY
    counted = registrant_consequences(missed_reports=[missed], today=first)
    if not counted:
        return dates
    # Listed until the lateness no longer costs anything, and at most LATE_WINDOW_DAYS days
    # from the first day, which bounds how long a row stays on the list: the list is one short
    # range of its index (filings.selectors.dashboard_lists reads the same bound).
    end = first + timedelta(days=LATE_WINDOW_DAYS)
    if not any(consequence.waits_for_report for consequence in counted):
        end = min(max(consequence.until for consequence in counted), end)
    dates["late_report_from"], dates["late_report_until"] = first, end
    return dates


def due_dates_rows(
    notices: QuerySet, closures: Iterable[date]
) -> Iterator[tuple[int, dict[str, date | str | None]]]:
    """(pk, due_dates_of_notice) for each of `notices` (a queryset of Notice, a historical
    model's too), read as plain values: far cheaper than model instances for many notices.
    Notices of the same report and period share their deadlines: counted once."""
    columns = [
        "pk",
        *DEADLINE_FIELDS,
        *(f"registrant__{name}" for name in REGISTRANT_FIELDS),
        "registrant_id",
        *(f"registrant__{name}" for name in REGISTRANT_COPIED),
        "status",
        "relief_claimed",
        "filing__accepted_at",
        "report_filing__filed_on",
    ]
    counted: dict[tuple, NoticeDeadlines | None] = {}
    rows = notices.order_by("pk").values_list(*columns)
    for row in rows.iterator(chunk_size=REFRESH_BATCH):
        pk, *values, registrant_id, registrant_name = row[:-4]
        status, relief_claimed, accepted_at, report_filed_on = row[-4:]
        notice = SimpleNamespace(**dict(zip(DEADLINE_FIELDS, values, strict=False)))
        notice.status, notice.relief_claimed = status, relief_claimed
        notice.registrant_id = registrant_id
        notice.registrant = SimpleNamespace(
            name=registrant_name,
            is_unit_investment_trust=values[len(DEADLINE_FIELDS)]
            == InvestmentCompanyType.UNIT_INVESTMENT_TRUST,
        )
        key = tuple(values)
        if key not in counted:
            counted[key] = deadlines_of_notice(notice, closures=closures)
        yield (
            pk,
            due_dates_of_notice(
                notice,
                counted[key],
                accepted_at=accepted_at,
                report_filed_on=report_filed_on,
                closures=closures,
            ),
        )


def _batches(rows: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(rows, size)):
        yield batch


def notice_due_dates_refresh(*, notices: QuerySet[Notice]) -> int:
    """Compute the NoticeDueDates of `notices` (a queryset) again and write those that
    changed (or are missing), in batches; answers how many were written. The dashboard's lists
    kept in the cache are read again (dashboard_lists_changed), whatever changed: a row shows
    more of a notice than its dates."""
    closures = sec_closure_days(fresh=True)
    written = 0
    for batch in _batches(due_dates_rows(notices, closures), REFRESH_BATCH):
        stored = {
            pk: dict(zip(DUE_DATE_FIELDS, values, strict=True))
            for pk, *values in NoticeDueDates.objects.filter(
                notice_id__in=[pk for pk, _ in batch]
            ).values_list("notice_id", *DUE_DATE_FIELDS)
        }
        changed = [
            NoticeDueDates(notice_id=pk, **dates) for pk, dates in batch if stored.get(pk) != dates
        ]
        NoticeDueDates.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["notice"],
            update_fields=DUE_DATE_FIELDS,
        )
        written += len(changed)
    dashboard_lists_changed()
    return written


# The version of the dashboard's lists ------------------------------------------------------
#
# The dashboard keeps each user's lists, as read from the index, in the cache under this
# version (filings.deadline_views.dashboard); every refresh of the index and every write below
# that changes a list or what a row of it shows replaces the version, so the next page reads
# the lists again. The version is a random token, never a counter: a version the cache has
# dropped is replaced by one no page was ever kept under. A write that no signal reports and
# no refresh follows (raw SQL, a restored backup) shows once the lists kept expire
# (DASHBOARD_LISTS_CACHE_SECONDS). The notice list's count is kept the same way
# (kept_while_notices_unchanged).
DASHBOARD_VERSION_KEY = "dashboard-lists-version"
DASHBOARD_LISTS_CACHE_SECONDS = 60


def dashboard_lists_version() -> str:
    version = cache.get(DASHBOARD_VERSION_KEY)
    if version is None:
        cache.add(DASHBOARD_VERSION_KEY, uuid4().hex, None)
        version = cache.get(DASHBOARD_VERSION_KEY)
    return version


def kept_while_notices_unchanged(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in the cache under `key` until the version of the dashboard's lists
    is replaced (every notice saved or deleted, a registrant saved, an assignment changed,
    a refresh) and for DASHBOARD_LISTS_CACHE_SECONDS at most. The version and the value kept
    are read together, in one round trip to the cache."""
    found = cache.get_many([DASHBOARD_VERSION_KEY, key])
    version = found.get(DASHBOARD_VERSION_KEY) or dashboard_lists_version()
    kept = found.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = compute()
    cache.set(key, (version, value), DASHBOARD_LISTS_CACHE_SECONDS)
    return value


def dashboard_lists_changed() -> None:
    """Replace the version of the dashboard's lists at once, and again when the transaction
    commits. At once, for the rest of the transaction (and for a cache in the same database,
    where the new version commits with the change); again after the commit, because a page
    that read the lists between the first replacement and the commit, from the data before the
    change, kept them under the first."""

    def replace() -> None:
        cache.set(DASHBOARD_VERSION_KEY, uuid4().hex, None)

    replace()
    transaction.on_commit(replace)


# Keeping the index current ---------------------------------------------------------------
#
# Signals, because they are the one door every write passes: a notice is saved by the wizard's
# services, the lifecycle, the admin, the demo and scripts, always through Notice.save() (the
# same door that keeps a final notice from changing); a registrant by its pages, the admin and
# the CSV import; a closure day by the admin. Calling the refresh from each of those paths
# would miss the next one added. Bulk inserts and updates send no signal: the benchmark's
# seeders call notice_due_dates_refresh themselves, and no bulk update touches what the dates
# are computed from (filings.services updates only a draft's bookkeeping in bulk).


# What a notice's due dates (due_dates_rows), its row on the dashboard (DASHBOARD_FIELDS) and
# the notice list's kept counts (its filters) read of the notice itself.
NOTICE_FIELDS_READ = frozenset(
    {*DEADLINE_FIELDS, "status", "relief_claimed", "registrant", "registrant_id"}
)


@receiver(post_save, sender=Notice)
def _notice_saved(sender, instance: Notice, created: bool, update_fields=None, **kwargs) -> None:
    # A save of other columns only (a step's text, who saved it) changes none of them: nothing
    # to count again, nothing kept to read again.
    if not created and update_fields is not None and not NOTICE_FIELDS_READ & update_fields:
        return
    notice_due_dates_refresh(notices=Notice.objects.filter(pk=instance.pk))


@receiver(post_save, sender=NoticeFiling)
@receiver(post_save, sender=ReportFiling)
def _record_saved(sender, instance, **kwargs) -> None:
    notice_due_dates_refresh(notices=Notice.objects.filter(pk=instance.notice_id))


@receiver(post_delete, sender=Registrant)
@receiver(post_delete, sender=Notice)
@receiver(post_delete, sender=NoticeFiling)
@receiver(post_delete, sender=ReportFiling)
def _deleted(sender, instance, **kwargs) -> None:
    # A notice's row of the index goes with it (a cascade); a list kept in the cache must not
    # show it.
    dashboard_lists_changed()


@receiver(m2m_changed, sender=Registrant.assigned_users.through)
@receiver(m2m_changed, sender=Registrant.assigned_teams.through)
def _assignments_changed(sender, action: str, **kwargs) -> None:
    # Who may see a registrant's notices changed: what is kept for them is read again. Only
    # the relations' add, remove, set and clear report it; rows written straight into the
    # through tables (the benchmark's seeder, in bulk) show once what is kept expires.
    if action in ("post_add", "post_remove", "post_clear"):
        dashboard_lists_changed()


@receiver(post_save, sender=SecClosureDay)
@receiver(post_delete, sender=SecClosureDay)
def _closure_day_changed(sender, instance: SecClosureDay, **kwargs) -> None:
    # A closure day moves any deadline counted across it: what this request reads next counts
    # with it, and every notice is counted again; only the rows that changed are written.
    sec_closure_days_changed()
    notice_due_dates_refresh(notices=Notice.objects.all())


@receiver(post_save, sender=Registrant)
def _registrant_saved(
    sender, instance: Registrant, created: bool, update_fields=None, **kwargs
) -> None:
    # Whether the registrant is active decides whether the lists show its notices.
    dashboard_lists_changed()
    # Of the registrant, the rows read only REGISTRANT_FIELDS and REGISTRANT_COPIED; a new one
    # has no notices.
    read = {*REGISTRANT_FIELDS, *REGISTRANT_COPIED}
    if created or (update_fields is not None and not read & set(update_fields)):
        return
    notice_due_dates_refresh(notices=Notice.objects.filter(registrant=instance))
