"""Reminders before each deadline (`manage.py send_reminders`): when, to whom, and only once."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from filings.deadlines import (
    DISTRIBUTION_DATE,
    EASTERN,
    REPORT_FORMS,
    business_days_after,
    compute_deadlines,
    days_to_grace_end_at_most,
    is_business_day,
)
from filings.lifecycle import notice_submit
from filings.models import Notice, NoticeFiling, NoticeStatus, ReminderSent, ReportFiling
from filings.reminders import _deadlines_may_be_ahead, due_reminders, reminder_queue
from registrants.roles import REVIEWERS
from tests.conftest import OTHER_TEAM, team

# The seed notice: NT 10-K of a non-accelerated filer for the year ended 31 December 2003. Its
# notice deadline is Wednesday 31 March 2004, its grace period ends Wednesday 14 April 2004.
NOTICE_DUE = date(2004, 3, 31)
GRACE_END = date(2004, 4, 14)


@pytest.fixture
def notice(seed_notice, compliance_user, reviewer, registrant_admin):
    """The seed notice, prepared by casey; everyone concerned has an address, and rowan, a
    reviewer on another team, may not see it."""
    for user in (compliance_user, reviewer, registrant_admin):
        user.email = f"{user.username}@filings.example"
        user.save(update_fields=["email"])
    rowan = User.objects.create(username="rowan", email="rowan@filings.example")
    rowan.groups.add(Group.objects.get(name=REVIEWERS), team(OTHER_TEAM))
    seed_notice.created_by = seed_notice.updated_by = compliance_user
    seed_notice.save()
    return seed_notice


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run `send_reminders` as on `day` (the worker sending what it queues at once); its
    output."""

    def run_on(day: date) -> str:
        output = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", "--date", day.isoformat(), stdout=output)
        return output.getvalue()

    return run_on


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_draft_is_reminded_two_and_one_business_days_before_its_deadline_and_on_the_day(
    notice, run
):
    sent_by_day = {}
    for day in [date(2004, 3, 26), date(2004, 3, 27), *(date(2004, 3, d) for d in (29, 30, 31))]:
        run(day)
        sent_by_day[day.day] = len(mail.outbox)
    run(NOTICE_DUE + timedelta(days=1))

    # Friday 26 and Saturday 27 March are three business days before.
    assert sent_by_day == {26: 0, 27: 0, 29: 1, 30: 2, 31: 3}
    assert len(mail.outbox) == 3
    assert recipients() == ["casey@filings.example"] * 3
    assert [message.subject for message in mail.outbox] == [
        f"NT 10-K of Lexington Precision Corporation: notice deadline {when}"
        for when in ("in 2 business days", "in 1 business day", "today")
    ]
    body = mail.outbox[0].body
    assert "the notice deadline is in 2 business days, Wednesday, March 31, 2004" in body
    assert f"/notices/{notice.pk}/" in body


def test_running_the_command_twice_sends_each_reminder_once(notice, run):
    first = run(date(2004, 3, 29))
    second = run(date(2004, 3, 29))

    assert len(mail.outbox) == 1
    assert (
        first == "2004-03-29: 1 reminders queued, 0 queued before, 0 skipped (no e-mail address).\n"
    )
    assert second.startswith("2004-03-29: 0 reminders queued, 1 queued before")
    assert ReminderSent.objects.count() == 1


def test_two_runs_at_the_same_time_send_each_reminder_once(
    notice, django_capture_on_commit_callbacks
):
    """Both runs find the same reminders due before either queues one."""
    first_run, _ = due_reminders(today=date(2004, 3, 29))
    second_run, _ = due_reminders(today=date(2004, 3, 29))
    with django_capture_on_commit_callbacks(execute=True):
        queued = [reminder_queue(reminder) for reminder in first_run + second_run]

    assert queued == [True, False]
    assert len(mail.outbox) == 1


def test_a_notice_in_review_reminds_its_preparer_and_the_reviewers_who_see_it(
    notice, compliance_user, run
):
    notice_submit(notice=notice, user=compliance_user)
    run(date(2004, 3, 30))

    # Not rowan, a reviewer on another team.
    assert recipients() == [
        "casey@filings.example",
        "riley@filings.example",
        "robin@filings.example",
    ]


def test_a_filed_notice_is_reminded_of_its_grace_period_end_while_the_report_is_not_recorded(
    notice, run
):
    notice.status = NoticeStatus.FILED
    notice.save()

    run(NOTICE_DUE)
    assert mail.outbox == []
    run(GRACE_END - timedelta(days=1))

    assert recipients() == [
        "casey@filings.example",
        "riley@filings.example",
        "robin@filings.example",
    ]
    assert mail.outbox[0].subject.endswith("end of the grace period in 1 business day")
    assert "the late report is not yet recorded as filed" in mail.outbox[0].body


def test_no_grace_period_reminder_once_the_report_is_recorded(notice, compliance_user, run):
    notice.status = NoticeStatus.FILED
    notice.save()
    ReportFiling.objects.create(
        notice=notice,
        accession_number="0000950123-04-004412",
        filed_on=GRACE_END - timedelta(days=3),
        recorded_at=timezone.now(),
        recorded_by=compliance_user,
    )
    run(GRACE_END - timedelta(days=1))
    assert mail.outbox == []


def filed_at(notice, user, accepted_at: datetime) -> None:
    notice.status = NoticeStatus.FILED
    notice.save()
    NoticeFiling.objects.create(
        notice=notice,
        accession_number="0000950123-04-003871",
        accepted_at=accepted_at,
        recorded_at=timezone.now(),
        recorded_by=user,
    )


def test_a_notice_filed_late_has_no_grace_period_to_remind_of(notice, compliance_user, run):
    # Accepted one minute after 5:30 p.m. Eastern on the deadline day: deemed filed the next
    # business day, so late, and the report gets no grace period (Rule 12b-25(b)).
    filed_at(notice, compliance_user, datetime(2004, 3, 31, 17, 31, tzinfo=EASTERN))
    for day in (GRACE_END - timedelta(days=2), GRACE_END - timedelta(days=1), GRACE_END):
        run(day)
    assert mail.outbox == []


def test_a_notice_filed_on_time_is_reminded_of_its_grace_period_end(notice, compliance_user, run):
    filed_at(notice, compliance_user, datetime(2004, 3, 31, 17, 29, tzinfo=EASTERN))
    run(GRACE_END - timedelta(days=1))
    assert mail.outbox and "it is deemed filed on time" in mail.outbox[0].body


def test_a_filed_notice_without_relief_claimed_has_no_grace_period_to_remind_of(notice, run):
    notice.relief_claimed = False
    notice.status = NoticeStatus.FILED
    notice.save()
    run(GRACE_END)
    assert mail.outbox == []


def test_people_without_an_address_are_skipped_and_counted(notice, compliance_user, run):
    compliance_user.email = ""
    compliance_user.save(update_fields=["email"])
    output = run(date(2004, 3, 29))

    assert mail.outbox == []
    assert output.endswith("0 reminders queued, 0 queued before, 1 skipped (no e-mail address).\n")


def test_a_bad_date_is_one_line_and_an_error():
    with pytest.raises(Exception, match="is not a date"):
        call_command("send_reminders", "--date", "31/03/2004")


def test_notices_whose_deadlines_are_long_past_are_not_loaded(notice):
    old = Notice.objects.get(pk=notice.pk)
    old.pk = None
    old.period_end = date(2001, 12, 31)
    old.save()
    candidates = Notice.objects.filter(_deadlines_may_be_ahead(date(2004, 3, 29)))
    assert list(candidates) == [notice]


@pytest.mark.parametrize("form_type", list(REPORT_FORMS))
def test_the_bound_on_the_days_to_the_grace_period_end_holds_in_the_worst_case(form_type):
    """The latest anchor rule of each form, starting just before the longest run of closed
    days around Christmas 2025 (24 to 26 December with the weekend after)."""
    closures = {date(2025, 12, 24), date(2025, 12, 26)}
    bound = days_to_grace_end_at_most(form_type)
    rule = REPORT_FORMS[form_type].due
    for anchor in (date(2025, 1, 1) + timedelta(days=n) for n in range(366)):
        deadlines = compute_deadlines(
            form_type=form_type,
            period_end=anchor,
            filer_status="non_accelerated",
            closures=closures,
            distribution_date=anchor if rule.counted_from == DISTRIBUTION_DATE else None,
            erisa=rule.erisa_days is not None,
            unit_investment_trust=rule.uit_calendar_year,
        )
        assert (deadlines.grace_end - anchor).days <= bound


def test_business_days_after_counts_as_going_day_by_day_does():
    # Across year ends with observed holidays (New Year's Day 2022, a Saturday, observed on
    # Friday 31 December 2021), closure days on a holiday, a weekend and a weekday.
    closures = {date(2025, 12, 24), date(2025, 12, 25), date(2021, 12, 31), date(2022, 1, 8)}

    def day_by_day(start: date, end: date) -> int:
        days = (start + timedelta(days=offset) for offset in range(1, (end - start).days + 1))
        return sum(is_business_day(day, closures) for day in days)

    starts = [date(2020, 12, 20) + timedelta(days=offset) for offset in range(0, 1900, 7)]
    for start in starts:
        for length in (-3, 0, 1, 2, 5, 6, 7, 8, 13, 30, 370, 800):
            end = start + timedelta(days=length)
            assert business_days_after(start, end, closures) == day_by_day(start, end), (
                start,
                end,
            )


def test_business_days_after_counts_the_business_days_after_today_up_to_the_deadline():
    # Wednesday 24 December 2025 (an SEC closure day) to Monday 29 December: the 25th is a
    # holiday, the 26th a closure day, then a weekend.
    closures = {date(2025, 12, 24), date(2025, 12, 26)}
    deadline = date(2025, 12, 29)
    assert business_days_after(date(2025, 12, 23), deadline, closures) == 1
    assert business_days_after(date(2025, 12, 22), deadline, closures) == 2
    assert business_days_after(deadline, deadline, closures) == 0
