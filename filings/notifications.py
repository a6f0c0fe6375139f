"""E-mail to the people concerned by a notice: on each move along its lifecycle, and before its
deadlines (filings/reminders.py).

The mails are sent by the background worker (`manage.py db_worker`), never by the request
that made the move: `notify_move`, called where every move is recorded
(filings.lifecycle._record), queues the task once the move commits. Whom each mail goes to is
one table per occasion below; nobody gets a mail about a notice of a registrant they may not
see (Registrant.objects.visible_to), nor about their own move, and a user without an e-mail
address is skipped.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task

from filings.deadlines import is_past_notice_deadline
from filings.models import Notice, NoticeEvent, NoticeStatus, ReminderSent
from filings.selectors import (
    deadlines_of_notice,
    filing_records,
    sec_closure_days,
    today_eastern,
)
from registrants.models import Registrant

logger = logging.getLogger(__name__)

# Who is concerned.
PREPARERS = "preparers"  # who submitted the notice last, and who last changed a draft
REVIEWERS = "reviewers"  # who may approve it
SIGNERS = "signers"  # who may sign it

PERMISSIONS = {REVIEWERS: "filings.approve_notice", SIGNERS: "filings.sign_notice"}

# Whom a move concerns. The signers get the approved notice to sign, with the preparers, since
# a notice's signers are not necessarily users of the product.
MOVE_RECIPIENTS = {
    NoticeEvent.Action.SUBMITTED: (REVIEWERS,),
    NoticeEvent.Action.RETURNED: (PREPARERS,),
    NoticeEvent.Action.APPROVED: (SIGNERS, PREPARERS),
}
# Signed, filed, the late report filed, and any move added later.
OTHER_MOVE_RECIPIENTS = (PREPARERS, REVIEWERS)

# Whom a reminder of a deadline concerns: whoever has to act next on the notice.
NOTICE_DEADLINE_RECIPIENTS = {
    NoticeStatus.DRAFT: (PREPARERS,),
    NoticeStatus.IN_REVIEW: (PREPARERS, REVIEWERS),
    NoticeStatus.APPROVED: (PREPARERS, SIGNERS),
    NoticeStatus.SIGNED: (PREPARERS,),
}
GRACE_PERIOD_END_RECIPIENTS = (PREPARERS, REVIEWERS)

# with_perm() needs the backend that knows permissions (django-axes is the other one).
PERMISSIONS_BACKEND = "accounts.backends.ModelBackendInOneQuery"


def notify_move(event: NoticeEvent) -> None:
    """Queue the e-mail about a move once the transaction that records it commits (nothing is
    sent for a move that is rolled back)."""
    transaction.on_commit(lambda: send_move_mail.enqueue(event.pk))


def has_address(user: AbstractBaseUser) -> bool:
    try:
        validate_email(user.email)
    except ValidationError:
        return False
    return True


def _may_see(user: AbstractBaseUser, registrant: Registrant) -> bool:
    return Registrant.objects.visible_to(user).filter(pk=registrant.pk).exists()


def _preparer_ids(notice: Notice) -> set[int]:
    submitted = (
        notice.events.filter(action=NoticeEvent.Action.SUBMITTED).order_by("at", "pk").last()
    )
    # Notices made final before the lifecycle existed were never submitted: who started them.
    ids = {submitted.user_id if submitted is not None else notice.created_by_id}
    # Approving sets updated_by to the approver: the last change to the content is the
    # preparer's only while the notice is not final.
    if not notice.is_final:
        ids.add(notice.updated_by_id)
    return ids - {None}


def people_concerned(
    notice: Notice, groups: Iterable[str], *, actor_id: int | None = None
) -> list[AbstractBaseUser]:
    """The active users in `groups` (PREPARERS, REVIEWERS, SIGNERS) who may see the notice's
    registrant, but the one who made the move, by user name."""
    User = get_user_model()
    candidates: dict[int, AbstractBaseUser] = {}
    for group in groups:
        if group == PREPARERS:
            users = User.objects.filter(pk__in=_preparer_ids(notice), is_active=True)
        else:
            users = User.objects.with_perm(PERMISSIONS[group], backend=PERMISSIONS_BACKEND)
        candidates.update((user.pk, user) for user in users)
    candidates.pop(actor_id, None)
    concerned = [user for user in candidates.values() if _may_see(user, notice.registrant)]
    return sorted(concerned, key=lambda user: user.get_username())


def _one_line(text: str) -> str:
    """A header value of one line whatever the text holds (no header injection)."""
    return " ".join(text.split())


def _mail_context(notice: Notice) -> dict:
    """The context of templates/filings/email/: the notice, its deadlines and whether its
    late report has the grace period (`grace`, `no_grace_because`: _grace_period)."""
    closures = sec_closure_days()
    deadlines = deadlines_of_notice(notice, closures=closures)
    today = today_eastern()
    outcome = None
    if deadlines is not None and notice.status == NoticeStatus.FILED:
        outcome = filing_records(notice, deadlines, closures=closures, today=today).outcome
    grace, no_grace_because = (
        _grace_period(notice, deadlines, outcome, today) if deadlines else ("", "")
    )
    return {
        "notice": notice,
        "registrant_name": notice.registrant_name or notice.registrant.name,
        "deadlines": deadlines,
        "grace": grace,
        "no_grace_because": no_grace_because,
        "url": f"{settings.SITE_URL}{notice.get_absolute_url()}",
    }


def _grace_period(notice: Notice, deadlines, outcome, today) -> tuple[str, str]:
    """Whether the late report has the Rule 12b-25(b) grace period, as the mails say it:
    "applies" (filed on time, relief claimed), "if_filed_on_time" (not filed yet, relief
    claimed, the deadline to come), "if_claimed" (Part II not answered yet) or "none", with
    why none."""
    if outcome is not None:
        if outcome.grace_applies:
            return "applies", ""
        late = "the notice was filed after its deadline"
        return "none", late if notice.relief_claimed else "Part II claims no relief"
    if is_past_notice_deadline(deadlines=deadlines, today=today):
        # Not filed by the notice deadline: filed now, it earns no grace period.
        return "none", "the notice deadline has passed"
    if notice.relief_claimed:
        return "if_filed_on_time", ""
    if notice.relief_claimed is False:
        return "none", "Part II claims no relief"
    return "if_claimed", ""


def _send(subject: str, body: str, users: list[AbstractBaseUser]) -> int:
    """One message per person (nobody sees who else got it); the number sent."""
    messages = [EmailMessage(_one_line(subject), body, to=[user.email]) for user in users]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def move_mail_send(*, event: NoticeEvent) -> tuple[int, int]:
    """Send the e-mail about `event` to the people it concerns: (sent, skipped for want of an
    address)."""
    notice = event.notice
    groups = MOVE_RECIPIENTS.get(event.action, OTHER_MOVE_RECIPIENTS)
    concerned = people_concerned(notice, groups, actor_id=event.user_id)
    with_address = [user for user in concerned if has_address(user)]
    context = {**_mail_context(notice), "event": event}
    subject = (
        f"{notice.edgar_submission_type} of {context['registrant_name']}: "
        f"{event.get_action_display().lower()} by {event.user_name or 'nobody'}"
    )
    body = render_to_string("filings/email/notice_move.txt", context)
    return _send(subject, body, with_address), len(concerned) - len(with_address)


def reminder_mail_send(*, reminder: ReminderSent) -> int:
    """Send the reminder of a deadline to its one recipient; the number sent."""
    notice = reminder.notice
    context = {**_mail_context(notice), "reminder": reminder}
    when = (
        "today"
        if reminder.business_days_left == 0
        else f"in {reminder.business_days_left} business "
        f"day{'s' if reminder.business_days_left > 1 else ''}"
    )
    subject = (
        f"{notice.edgar_submission_type} of {context['registrant_name']}: "
        f"{reminder.get_kind_display().lower()} {when}"
    )
    body = render_to_string("filings/email/notice_reminder.txt", {**context, "when": when})
    return _send(subject, body, [reminder.user])


@task()
def send_move_mail(event_id: int) -> int:
    """The background task of `notify_move`: the number of messages sent."""
    event = NoticeEvent.objects.select_related("notice__registrant").filter(pk=event_id).first()
    if event is None:  # a draft deleted since, with its events
        return 0
    sent, skipped = move_mail_send(event=event)
    if skipped:
        logger.info("%s: %d people concerned have no e-mail address", event, skipped)
    return sent


@task()
def send_reminder_mail(reminder_id: int) -> int:
    reminder = (
        ReminderSent.objects.select_related("notice__registrant", "user")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None:
        return 0
    return reminder_mail_send(reminder=reminder)
