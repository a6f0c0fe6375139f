"""The lifecycle of a notice: draft -> in review -> approved -> signed -> filed.

Each move is a service here, with a permission of its own (Notice.Meta.permissions), and is
recorded as a NoticeEvent with who, when and the comment given. MOVES is the one table of the
moves: the services check it, and the pages ask `moves_for` which buttons to show.

From APPROVED on the notice is final (Notice.is_final): approving renders and stores its
documents once (services.notice_finalize) and its content never changes again; a correction
is filed as an amendment, a notice of its own with the same lifecycle.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from filings.models import Notice, NoticeEvent, NoticeStatus
from filings.notifications import notify_move
from filings.rules import blocking_problems
from filings.services import NoticeNotReady, notice_finalize, notice_version


class MoveRefused(Exception):
    """The move is not allowed now or not to this user; the message says why, in words a user
    can act on."""


@dataclass(frozen=True)
class Move:
    action: str  # NoticeEvent.Action
    from_status: str
    to_status: str
    permission: str
    label: str  # the button that makes the move


SUBMIT = Move(
    NoticeEvent.Action.SUBMITTED,
    NoticeStatus.DRAFT,
    NoticeStatus.IN_REVIEW,
    "filings.submit_notice",
    "Submit for review",
)
RETURN = Move(
    NoticeEvent.Action.RETURNED,
    NoticeStatus.IN_REVIEW,
    NoticeStatus.DRAFT,
    "filings.return_notice",
    "Send back to draft",
)
APPROVE = Move(
    NoticeEvent.Action.APPROVED,
    NoticeStatus.IN_REVIEW,
    NoticeStatus.APPROVED,
    "filings.approve_notice",
    "Approve",
)
# Approved -> signed, as Regulation S-T Rule 302(b) allows: the manually signed
# authentication document is uploaded, or the last signer signs electronically
# (filings.signing makes both moves).
UPLOAD_AUTHENTICATION = Move(
    NoticeEvent.Action.SIGNED,
    NoticeStatus.APPROVED,
    NoticeStatus.SIGNED,
    "filings.upload_authentication",
    "Upload the manually signed authentication document",
)
SIGN = Move(
    NoticeEvent.Action.SIGNED,
    NoticeStatus.APPROVED,
    NoticeStatus.SIGNED,
    "filings.sign_notice",
    "Sign electronically",
)
MOVES = [SUBMIT, RETURN, APPROVE, UPLOAD_AUTHENTICATION, SIGN]


def moves_for(notice: Notice, user: AbstractBaseUser) -> list[Move]:
    """The moves `user` may make on `notice` now (segregation of duties aside: the approve
    button is shown and its refusal explained)."""
    return [
        move
        for move in MOVES
        if move.from_status == notice.status and user.has_perm(move.permission)
    ]


def approver_must_differ() -> bool:
    """Segregation of duties (setting SEGREGATION_OF_DUTIES, on by default): the approver is
    not the person who last changed the content."""
    return getattr(settings, "SEGREGATION_OF_DUTIES", True)


def _locked(notice: Notice, move: Move, user: AbstractBaseUser) -> Notice:
    """The stored notice, locked for the move; refused when it is in another state now or the
    user lacks the move's permission."""
    if not user.has_perm(move.permission):
        raise MoveRefused(f"You do not have the permission to {move.label.lower()}.")
    stored = Notice.objects.select_for_update().get(pk=notice.pk)
    if stored.status != move.from_status:
        raise MoveRefused(
            f"This notice is {stored.get_status_display().lower()} now, so it cannot be "
            f"{NoticeEvent.Action(move.action).label.lower()}. Reload the page to see why."
        )
    return stored


def _record(
    notice: Notice, move: Move, user: AbstractBaseUser, *, comment: str = "", step: str = ""
) -> NoticeEvent:
    """Record the move on the timeline and e-mail the people it concerns once it commits."""
    event = NoticeEvent.objects.create(
        notice=notice,
        action=move.action,
        from_status=move.from_status,
        to_status=move.to_status,
        at=timezone.now(),
        user=user,
        user_name=user.get_username(),
        comment=comment.strip(),
        step=step,
    )
    notify_move(event)
    return event


def _check_version(stored: Notice, seen_version: str | None) -> None:
    if seen_version is not None and seen_version != notice_version(stored):
        raise MoveRefused(
            "The notice changed after you opened this page. Look at it again, then try again."
        )


@transaction.atomic
def notice_submit(
    *, notice: Notice, user: AbstractBaseUser, comment: str = "", seen_version: str | None = None
) -> Notice:
    """Draft -> in review: the preparer hands a complete notice to the reviewers. While it is
    in review nobody edits it; a reviewer approves it or sends it back."""
    stored = _locked(notice, SUBMIT, user)
    _check_version(stored, seen_version)
    if stored.pending_input_of(user):
        raise MoveRefused("Some of your changes are not saved yet; save or discard them first.")
    if blocking_problems(stored):
        raise MoveRefused("Fix the problems listed on the review page first.")
    stored.status = SUBMIT.to_status
    stored.save(update_fields=["status"])
    _record(stored, SUBMIT, user, comment=comment)
    return stored


@transaction.atomic
def notice_return(
    *, notice: Notice, user: AbstractBaseUser, comment: str, step: str = ""
) -> Notice:
    """In review -> draft, with the reviewer's comment, which the preparer sees on the step it
    concerns (`step`, a wizard step's slug; "" for the notice as a whole)."""
    if not comment.strip():
        raise MoveRefused("Say what must change before sending the notice back.")
    stored = _locked(notice, RETURN, user)
    stored.status = RETURN.to_status
    stored.save(update_fields=["status"])
    _record(stored, RETURN, user, comment=comment, step=step)
    return stored


@transaction.atomic
def notice_approve(
    *, notice: Notice, user: AbstractBaseUser, comment: str = "", seen_version: str | None = None
) -> Notice:
    """In review -> approved: the notice becomes final and its documents are rendered and
    stored once (services.notice_finalize). With segregation of duties on, the approver is not
    the person who last changed the content."""
    stored = _locked(notice, APPROVE, user)
    _check_version(stored, seen_version)
    if approver_must_differ() and stored.updated_by_id == user.pk:
        raise MoveRefused(
            "You made the last change to this notice, so someone else must approve it "
            "(segregation of duties)."
        )
    try:
        final = notice_finalize(notice=stored, user=user)
    except NoticeNotReady as reason:
        raise MoveRefused(str(reason)) from None
    _record(final, APPROVE, user, comment=comment)
    return final


def last_return(notice: Notice) -> NoticeEvent | None:
    """The reviewer's comment a draft was sent back with, while it is a draft again."""
    if notice.status != NoticeStatus.DRAFT:
        return None
    last = notice.events.exclude(action=NoticeEvent.Action.REPORT_FILED).last()
    return last if last is not None and last.action == NoticeEvent.Action.RETURNED else None
