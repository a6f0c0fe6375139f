"""Reminders before each deadline, queued by `manage.py send_reminders` (run daily by cron or a
systemd timer; README, "Running in production").

A notice not yet filed is reminded of its notice deadline (Rule 12b-25(a)); a filed notice
claiming relief whose late report is not yet recorded, of the end of its grace period (Rule
12b-25(b)). Each reminder is queued once: its ReminderSent row, unique for the notice, the
deadline, the business days left and the recipient, is written before the mail is queued, so
a second run, or two runs at once, queue nothing twice.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q

from filings.deadlines import REPORT_FORMS, business_days_after, days_to_grace_end_at_most
from filings.models import Notice, NoticeStatus, ReminderSent
from filings.notifications import (
    GRACE_PERIOD_END_RECIPIENTS,
    NOTICE_DEADLINE_RECIPIENTS,
    has_address,
    people_concerned,
    send_reminder_mail,
)
from filings.selectors import deadlines_of_notice, filing_records, sec_closure_days

# Reminders go out this many business days before a deadline, and on the day itself.
REMINDER_BUSINESS_DAYS_LEFT = (2, 1, 0)

# Notices whose notice deadline is ahead of them: not yet filed. An amendment has no deadline
# of its own (the notice it amends met it).
NOTICE_NOT_FILED = Q(
    status__in=[
        NoticeStatus.DRAFT,
        NoticeStatus.IN_REVIEW,
        NoticeStatus.APPROVED,
        NoticeStatus.SIGNED,
    ],
    is_amendment=False,
)
# Filed notices claiming relief under Rule 12b-25(b) whose late report has no record yet
# (filings.models.ReportFiling).
REPORT_NOT_RECORDED = Q(
    status=NoticeStatus.FILED,
    relief_claimed=True,
    is_amendment=False,
    report_filing__isnull=True,
)

# The dates a report's deadlines are counted from (filings.selectors.deadlines_of_notice).
ANCHOR_FIELDS = (
    "period_end",
    "transition_period_end",
    "transition_decision_date",
    "distribution_date",
    "transmission_date",
)


@dataclass(frozen=True)
class DueReminder:
    notice: Notice
    kind: str  # ReminderSent.Kind
    deadline: date
    business_days_left: int
    user: AbstractBaseUser


def _deadlines_may_be_ahead(today: date) -> Q:
    """Notices of which a date their deadlines are counted from is recent enough for the
    grace period to be still running: narrows the search in the database, per report form."""
    recent = Q()
    for form_type in REPORT_FORMS:
        since = today - timedelta(days=days_to_grace_end_at_most(form_type))
        anchors = Q()
        for field in ANCHOR_FIELDS:
            anchors |= Q(**{f"{field}__gte": since})
        recent |= Q(form_type=form_type) & anchors
    return recent


def due_reminders(*, today: date) -> tuple[list[DueReminder], int]:
    """The reminders due `today`, one per person concerned with an e-mail address, and the
    number of people concerned skipped for want of one."""
    closures = sec_closure_days()
    notices = (
        Notice.objects.filter(registrant__is_active=True)
        .filter(NOTICE_NOT_FILED | REPORT_NOT_RECORDED)
        .filter(_deadlines_may_be_ahead(today))
        .select_related("registrant", "filing", "report_filing")
        .order_by("pk")
    )
    reminders, skipped = [], 0
    for notice in notices:
        deadlines = deadlines_of_notice(notice, closures=closures)
        if deadlines is None:
            continue
        if notice.status == NoticeStatus.FILED:
            outcome = filing_records(notice, deadlines, closures=closures, today=today).outcome
            if outcome is not None and not outcome.grace_applies:
                # A notice filed late earns no grace period (Rule 12b-25(b)): its report was
                # due on its due date, which has passed; no reminder would be true.
                continue
            kind, deadline = ReminderSent.Kind.GRACE_PERIOD_END, deadlines.grace_end
            groups = GRACE_PERIOD_END_RECIPIENTS
        else:
            kind, deadline = ReminderSent.Kind.NOTICE_DEADLINE, deadlines.notice_due
            groups = NOTICE_DEADLINE_RECIPIENTS[notice.status]
        if deadline < today:
            continue
        left = business_days_after(today, deadline, closures)
        if left not in REMINDER_BUSINESS_DAYS_LEFT:
            continue
        for user in people_concerned(notice, groups):
            if has_address(user):
                reminders.append(DueReminder(notice, kind, deadline, left, user))
            else:
                skipped += 1
    return reminders, skipped


def reminder_queue(reminder: DueReminder) -> bool:
    """Queue the reminder's e-mail unless it was queued before, by an earlier run or one
    running at the same time (the unique constraint of ReminderSent decides): True when
    queued now."""
    try:
        with transaction.atomic():
            sent = ReminderSent.objects.create(
                notice=reminder.notice,
                kind=reminder.kind,
                deadline=reminder.deadline,
                business_days_left=reminder.business_days_left,
                user=reminder.user,
            )
    except IntegrityError:
        return False
    transaction.on_commit(lambda: send_reminder_mail.enqueue(sent.pk))
    return True
