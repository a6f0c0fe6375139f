"""The dashboard's lists read from the index of each notice's dates (filings.due_dates) show
exactly what counting every notice's deadlines would show, and the index follows every write
that changes those dates."""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.deadlines import EASTERN
from filings.due_dates import dashboard_lists_version, due_dates_rows, notice_due_dates_refresh
from filings.lifecycle import notice_record_filing, notice_record_report, notice_submit
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
    DASHBOARD_CAP,
    LATE_WINDOW_DAYS,
    STALE_AFTER_DAYS,
    dashboard_lists,
    dashboard_sections,
    deadlines_of_notice,
    filing_records,
    sec_closure_days,
)
from filings.timeliness import NOT_YET_FILED, MissedReport, registrant_consequences
from filings.urgency import urgency
from registrants.models import FilerStatus, InvestmentCompanyType, Registrant
from tests.conftest import make_registrant
from tests.notice_factory import eastern, make_late_transition_report, make_notice

pytestmark = pytest.mark.django_db

LIST_OF_STATUS = {
    NoticeStatus.DRAFT: "drafts",
    NoticeStatus.IN_REVIEW: "review",
    NoticeStatus.APPROVED: "approved",
    NoticeStatus.SIGNED: "signed",
}


def reference_sections(*, today: date, now: datetime, may_review: bool) -> dict:
    """The dashboard worked out the slow way: every notice of an active registrant, its
    deadlines and records counted, sorted in Python. {key: (rows shown as (pk, due, urgency
    words), more)}."""
    closures = sec_closure_days()
    found = defaultdict(list)
    notices = Notice.objects.filter(registrant__is_active=True).select_related(
        "registrant", "filing", "report_filing"
    )
    for notice in notices:
        deadlines = deadlines_of_notice(notice, closures=closures)
        if notice.status == NoticeStatus.FILED:
            outcome = filing_records(notice, deadlines, closures=closures, today=today).outcome
            if outcome is None:
                continue
            order = (outcome.last_day,)
            if outcome.state == NOT_YET_FILED:
                words = urgency(deadline=outcome.last_day, now=now, closures=closures).words
                found["awaiting_report"].append((order, notice, outcome.last_day, words))
            elif outcome.is_late:
                missed = MissedReport(
                    notice.form_type, outcome.missed_due_date, outcome.filed_on is not None
                )
                listed = (today - outcome.last_day).days <= LATE_WINDOW_DAYS
                if listed and registrant_consequences(missed_reports=[missed], today=today):
                    found["late_reports"].append((order, notice, outcome.last_day, None))
            continue
        if notice.status == NoticeStatus.IN_REVIEW and not may_review:
            continue
        due = deadlines.notice_due if deadlines and not notice.is_amendment else None
        # Stale: its own deadline passed more than 30 days ago, or its period ended more than
        # 245 days ago; the latest to become stale first.
        became_stale = [
            day
            for day in [
                due and due + timedelta(days=STALE_AFTER_DAYS + 1),
                notice.period_end and notice.period_end + timedelta(days=ACTIVE_WINDOW_DAYS + 1),
            ]
            if day
        ]
        if became_stale and min(became_stale) <= today:
            shown_due = deadlines.notice_due if deadlines else None
            order = (-min(became_stale).toordinal(),)
            found["stale"].append((order, notice, shown_due, None))
            continue
        words = urgency(deadline=due, now=now, closures=closures).words if due else None
        order = (due is None, due or date.min)
        found[LIST_OF_STATUS[notice.status]].append((order, notice, due, words))
    sections = {}
    for key in ["review", "approved", "signed", "awaiting_report", "late_reports", "drafts"]:
        if key != "review" or may_review:
            sections[key] = None
    sections["stale"] = None
    for key in sections:
        rows = sorted(found[key], key=lambda row: (*row[0], row[1].registrant.name, row[1].pk))
        shown = [(notice.pk, due, words) for _, notice, due, words in rows[:DASHBOARD_CAP]]
        sections[key] = (shown, len(rows) > DASHBOARD_CAP)
    return sections


def indexed_sections(*, today: date, now: datetime, may_review: bool) -> dict:
    lists = dashboard_lists(
        registrants=Registrant.objects.all(), today=today, may_review=may_review
    )
    sections = dashboard_sections(lists, today=today, now=now, closures=sec_closure_days())
    return {
        key: (
            [
                (row.notice.pk, row.due, row.urgency.words if row.urgency else None)
                for row in section.rows
            ],
            section.more,
        )
        for key, section in sections.items()
    }


def quarter_ends(around: date) -> list[date]:
    """The calendar quarter ends from three years before `around` to three months after."""
    return [
        day
        for year in range(around.year - 3, around.year + 2)
        for day in [date(year, month, 30 if month in (6, 9) else 31) for month in (3, 6, 9, 12)]
        if around - timedelta(days=3 * 365) <= day <= around + timedelta(days=92)
    ]


def make_many_notices(lexington, today: date) -> None:
    """About 250 notices of four registrants (one inactive, one a unit investment trust) in
    every state on `today`: drafts without a period or without a distribution date yet,
    amendments, notices filed on time, after 5:30 p.m. on their deadline or days late, with
    and without relief claimed, reports filed in time, in the grace period, late or not yet,
    Forms 11-K (whose lateness costs nothing) among them. Nothing is recorded after `today`."""
    rng = random.Random(25)
    registrants = [
        lexington,
        make_registrant(
            name="Harborview Analytics, Inc.",
            sec_file_number="001-38412",
            filer_status=FilerStatus.LARGE_ACCELERATED,
        ),
        make_registrant(name="Dormant Holdings", sec_file_number="000-40002", is_active=False),
    ]
    trust = make_registrant(
        name="Atlas Unit Trust",
        sec_file_number="811-01234",
        fiscal_year_end_month=3,
        fiscal_year_end_day=31,
        filer_status=FilerStatus.INVESTMENT_COMPANY,
        investment_company_type=InvestmentCompanyType.UNIT_INVESTMENT_TRUST,
    )
    # Quarter ends, and periods whose reports are due around `today` (10-Q, 10-K).
    recent = [today - timedelta(days=days) for days in (42, 44, 47, 50, 92, 95, 100)]
    periods = quarter_ends(today) + recent * 3
    statuses = [*NoticeStatus.values, NoticeStatus.FILED, NoticeStatus.FILED]
    for number in range(250):
        registrant = rng.choice([*registrants, trust])
        if registrant == trust:
            form_type, filer_status = "N-CEN", FilerStatus.INVESTMENT_COMPANY
        else:
            form_type = rng.choice(["10-Q", "10-Q", "10-K", "11-K", "10-D"])
            filer_status = registrant.filer_status
        period_end = None if rng.random() < 0.05 else rng.choice(periods)
        notice = Notice(
            registrant=registrant,
            status=rng.choice(statuses),
            form_type=form_type,
            filer_status=filer_status,
            period_end=period_end,
            is_amendment=rng.random() < 0.1,
            is_erisa_plan=form_type == "11-K" and rng.random() < 0.5,
            relief_claimed=rng.choice([True, True, False, None]),
            registrant_name=registrant.name,
        )
        deadlines = deadlines_of_notice(notice)
        accepted_on = deadlines and deadlines.notice_due + timedelta(
            days=rng.choice([-2, 0, 0, 0, 1, 6])
        )
        if notice.status == NoticeStatus.FILED and not (deadlines and accepted_on < today):
            notice.status = NoticeStatus.SIGNED
        notice.save()
        if notice.status != NoticeStatus.FILED:
            continue
        hour = rng.choice([time(9), time(17, 29), time(17, 31), time(21)])
        NoticeFiling.objects.create(
            notice=notice,
            accession_number=f"0000000001-26-{number:06d}",
            accepted_at=datetime.combine(accepted_on, hour, tzinfo=EASTERN),
            recorded_at=eastern(2026, 12, 1, 9, 0),
        )
        filed_on = deadlines.report_due + timedelta(days=rng.randrange(-2, 60))
        if rng.random() < 0.6 and filed_on <= today:
            ReportFiling.objects.create(
                notice=notice,
                accession_number=f"0000000002-26-{number:06d}",
                filed_on=filed_on,
                recorded_at=eastern(2026, 12, 1, 9, 0),
            )


DAYS = [date(2024, 9, 1), date(2025, 6, 16), date(2026, 4, 1), date(2026, 11, 25), date(2027, 8, 2)]


@pytest.mark.parametrize("today", DAYS)
def test_the_index_picks_the_same_rows_in_the_same_order_as_counting_every_notice(lexington, today):
    make_many_notices(lexington, today)
    now = datetime.combine(today, time(10), tzinfo=EASTERN)
    for may_review in (True, False):
        expected = reference_sections(today=today, now=now, may_review=may_review)
        assert indexed_sections(today=today, now=now, may_review=may_review) == expected
    # The comparison is worth something only if every list holds rows, some more than shown.
    assert [key for key, (rows, _) in expected.items() if not rows] == []
    assert expected["stale"][1] and expected["drafts"][1]


@pytest.mark.parametrize(
    "migration, fill",
    [
        ("0024_notice_due_dates", "fill_due_dates"),
        ("0026_late_reports_from_their_last_day", "fill_again"),
    ],
)
def test_a_migration_fills_the_index_as_the_refresh_does(lexington, migration, fill):
    make_many_notices(lexington, date(2026, 11, 25))
    columns = ["notice_id", "stale_from", "late_report_until"]
    refreshed = set(NoticeDueDates.objects.values_list(*columns))
    if migration.startswith("0024"):
        # It fills an empty table; 0026 counts every row again.
        NoticeDueDates.objects.all().delete()
    else:
        NoticeDueDates.objects.update(late_report_until=date(2020, 1, 1))
    getattr(import_module(f"filings.migrations.{migration}"), fill)(apps, None)
    assert set(NoticeDueDates.objects.values_list(*columns)) == refreshed
    assert len(refreshed) == Notice.objects.count()
    assert notice_due_dates_refresh(notices=Notice.objects.all()) == 0


# Every write keeps it current ---------------------------------------------------------------


def listed(client, key) -> list[Notice]:
    return [row.notice for row in client.get(reverse("home")).context["sections"][key].rows]


def stored(notice: Notice) -> NoticeDueDates:
    return NoticeDueDates.objects.get(notice=notice)


def test_a_closure_day_moves_a_deadline_and_the_order_of_the_list(
    registrant_admin_client, lexington, now
):
    zeta = make_registrant(name="Zeta Corp", sec_file_number="000-40003")
    # 10-Qs: Zeta's report due Friday 27 November, its notice Monday 30 November; Lexington's
    # report due Monday 30 November, its notice Tuesday 1 December.
    first = make_notice(zeta, form_type="10-Q", period_end=date(2026, 10, 13))
    second = make_notice(lexington, form_type="10-Q", period_end=date(2026, 10, 16))
    assert stored(first).notice_due == date(2026, 11, 30)
    assert listed(registrant_admin_client, "signed") == [first, second]

    closure = SecClosureDay.objects.create(date=date(2026, 11, 27), reason="Day of mourning")
    assert stored(first).notice_due == date(2026, 12, 1)
    # Both due on 1 December now: by registrant name.
    assert listed(registrant_admin_client, "signed") == [second, first]

    closure.delete()
    assert stored(first).notice_due == date(2026, 11, 30)
    assert listed(registrant_admin_client, "signed") == [first, second]


def late_reports_on(today: date) -> list[Notice]:
    lists = dashboard_lists(registrants=Registrant.objects.all(), today=today, may_review=True)
    return lists["late_reports"]


def test_a_late_report_due_long_after_its_period_is_listed_while_it_costs(
    lexington, compliance_user
):
    # Its report due Monday 2 June 2025, eleven months after the period's end. The notice,
    # filed that day, gives 15 more days: late from 18 June 2025.
    notice = make_late_transition_report(lexington)
    notice_record_filing(
        notice=notice,
        user=compliance_user,
        accession_number="0000000001-25-000105",
        accepted_at=eastern(2025, 6, 2, 12, 0),
    )
    assert stored(notice).late_report_from == date(2025, 6, 18)
    # Not filed: listed for LATE_WINDOW_DAYS from its first late day, long past 615 days after
    # its period (7 March 2026).
    assert late_reports_on(date(2026, 5, 1)) == [notice]
    assert late_reports_on(date(2025, 6, 18) + timedelta(days=LATE_WINDOW_DAYS - 1)) == [notice]
    assert late_reports_on(date(2025, 6, 18) + timedelta(days=LATE_WINDOW_DAYS)) == []
    # Filed on 15 July 2025: it costs the registrant until 1 July 2026, and is listed as long.
    notice_record_report(
        notice=notice,
        user=compliance_user,
        accession_number="0000000001-25-000106",
        filed_on=date(2025, 7, 15),
    )
    assert late_reports_on(date(2026, 6, 30)) == [notice]
    assert late_reports_on(date(2026, 7, 1)) == []


def test_recording_the_filing_and_the_report_moves_the_notice_between_lists(
    registrant_admin_client, lexington, compliance_user, now
):
    # A 10-Q due Mon 16 November, its notice Tue 17 November, grace until Mon 23 November.
    notice = make_notice(lexington, form_type="10-Q", period_end=date(2026, 9, 30))
    assert listed(registrant_admin_client, "signed") == [notice]

    notice_record_filing(
        notice=notice,
        user=compliance_user,
        accession_number="0000000001-26-000101",
        accepted_at=eastern(2026, 11, 17, 12, 0),
    )
    # On 25 November the grace period is over and the report is not filed: late.
    assert listed(registrant_admin_client, "signed") == []
    assert listed(registrant_admin_client, "late_reports") == [notice]
    assert stored(notice).late_report_from == date(2026, 11, 24)

    notice_record_report(
        notice=notice,
        user=compliance_user,
        accession_number="0000000001-26-000102",
        filed_on=date(2026, 11, 20),
    )
    # Filed in the grace period: not late, nothing awaited.
    assert listed(registrant_admin_client, "late_reports") == []
    assert listed(registrant_admin_client, "awaiting_report") == []
    assert stored(notice).late_report_from is None


def test_a_filed_notice_waits_for_its_report_until_it_is_recorded(
    registrant_admin_client, lexington, compliance_user, now
):
    # Notice due Wed 25 November (today), grace until Mon 30 November.
    notice = make_notice(lexington, form_type="10-Q", period_end=date(2026, 10, 10))
    notice_record_filing(
        notice=notice,
        user=compliance_user,
        accession_number="0000000001-26-000103",
        accepted_at=eastern(2026, 11, 25, 9, 0),
    )
    assert listed(registrant_admin_client, "awaiting_report") == [notice]
    notice_record_report(
        notice=notice,
        user=compliance_user,
        accession_number="0000000001-26-000104",
        filed_on=date(2026, 11, 25),
    )
    assert listed(registrant_admin_client, "awaiting_report") == []


def test_changing_a_draft_moves_it_and_submitting_it_moves_it_to_review(
    registrant_admin_client, seed_notice, compliance_user, now
):
    # The seed notice: a complete draft of a 10-K for 2003.
    draft = seed_notice
    assert listed(registrant_admin_client, "stale") == [draft]
    draft.period_end = date(2026, 9, 30)
    draft.save()
    assert listed(registrant_admin_client, "stale") == []
    assert listed(registrant_admin_client, "drafts") == [draft]

    notice_submit(notice=draft, user=compliance_user)
    assert listed(registrant_admin_client, "drafts") == []
    assert listed(registrant_admin_client, "review") == [draft]


def test_a_registrant_becoming_a_unit_investment_trust_moves_its_form_n_cen(
    registrant_admin_client, now
):
    fund = make_registrant(
        name="Atlas Fund",
        sec_file_number="811-01235",
        fiscal_year_end_month=3,
        fiscal_year_end_day=31,
        filer_status=FilerStatus.INVESTMENT_COMPANY,
        investment_company_type=InvestmentCompanyType.OPEN_END,
    )
    # Fiscal year ended 31 March 2026: due 75 days later, 15 June; a unit investment trust
    # counts from the calendar year end instead, so its notice is due in March 2027.
    notice = make_notice(
        fund,
        form_type="N-CEN",
        filer_status=FilerStatus.INVESTMENT_COMPANY,
        period_end=date(2026, 3, 31),
    )
    assert listed(registrant_admin_client, "stale") == [notice]
    fund.investment_company_type = InvestmentCompanyType.UNIT_INVESTMENT_TRUST
    fund.save()
    assert stored(notice).notice_due == date(2027, 3, 17)
    assert listed(registrant_admin_client, "signed") == [notice]


def test_an_inactive_registrants_notices_leave_the_dashboard_without_a_refresh(
    registrant_admin_client, lexington, now
):
    notice = make_notice(lexington, form_type="10-Q", period_end=date(2026, 9, 30))
    assert listed(registrant_admin_client, "signed") == [notice]
    lexington.is_active = False
    lexington.save(update_fields=["is_active"])
    assert listed(registrant_admin_client, "signed") == []


def test_a_save_of_what_no_list_reads_leaves_the_index_and_the_kept_lists_alone(
    registrant_admin_client, lexington, seed_notice, now
):
    """A step's text or the wizard's bookkeeping is on no list: saving it alone counts nothing
    again and keeps what the dashboard and the notice list keep in the cache."""
    draft = seed_notice
    assert listed(registrant_admin_client, "stale") == [draft]
    version = dashboard_lists_version()
    draft.narrative = "Changed words."
    with CaptureQueriesContext(connection) as queries:
        draft.save(update_fields=["narrative", "saved_steps", "updated_by", "updated_at"])
    assert "filings_noticeduedates" not in " ".join(query["sql"] for query in queries)
    assert dashboard_lists_version() == version
    draft.period_end = date(2026, 9, 30)
    draft.save(update_fields=["period_end", "updated_at"])
    assert dashboard_lists_version() != version
    assert listed(registrant_admin_client, "drafts") == [draft]


def test_a_refresh_writes_only_what_changed(lexington):
    notices = [
        make_notice(lexington, form_type="10-Q", period_end=date(2026, 3, 31 - day))
        for day in range(3)
    ]
    assert notice_due_dates_refresh(notices=Notice.objects.all()) == 0
    NoticeDueDates.objects.filter(notice=notices[0]).delete()
    NoticeDueDates.objects.filter(notice=notices[1]).update(stale_from=None)
    assert notice_due_dates_refresh(notices=Notice.objects.all()) == 2
    computed = dict(due_dates_rows(Notice.objects.all(), sec_closure_days()))
    assert {
        row["notice_id"]: {field: row[field] for field in computed[notices[0].pk]}
        for row in NoticeDueDates.objects.values()
    } == computed


def test_renaming_a_registrant_moves_its_notices_among_those_due_the_same_day(
    registrant_admin_client, lexington, now
):
    zeta = make_registrant(name="Zeta Corp", sec_file_number="000-40003")
    first = make_notice(lexington, form_type="10-Q", period_end=date(2026, 10, 16))
    second = make_notice(zeta, form_type="10-Q", period_end=date(2026, 10, 16))
    assert listed(registrant_admin_client, "signed") == [first, second]
    zeta.name = "Alder Corp"
    zeta.save()
    assert listed(registrant_admin_client, "signed") == [second, first]


def test_the_refresh_command_rebuilds_rows_written_around_save(lexington):
    notice = make_notice(lexington, form_type="10-Q", period_end=date(2026, 9, 30))
    NoticeDueDates.objects.all().delete()
    output = StringIO()
    call_command("refresh_due_dates", stdout=output)
    assert output.getvalue() == "1 of 1 notices' dates written.\n"
    assert stored(notice).notice_due == date(2026, 11, 17)
