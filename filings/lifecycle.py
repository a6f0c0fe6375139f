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
from django.db import IntegrityError, transaction
from django.utils import timezone

from filings.deadlines import EASTERN
from filings.models import Notice, NoticeEvent, NoticeFiling, NoticeStatus, ReportFiling
from filings.notifications import notify_move
from filings.rules import blocking_problems
from filings.services import NoticeNotReady, notice_finalize, notice_version
from filings.timeliness import ACCESSION_FORMAT, is_accession_number


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
FILE = Move(
    NoticeEvent.Action.FILED,
    NoticeStatus.SIGNED,
    NoticeStatus.FILED,
    "filings.record_filing",
    "Record the EDGAR filing",
)
# The late report's filing is recorded on the filed notice, which stays filed.
REPORT = Move(
    NoticeEvent.Action.REPORT_FILED,
    NoticeStatus.FILED,
    NoticeStatus.FILED,
    "filings.record_report",
    "Record the report's filing",
)
MOVES = [SUBMIT, RETURN, APPROVE, UPLOAD_AUTHENTICATION, SIGN, FILE, REPORT]


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


class RecordRefused(MoveRefused):
    """A filing record refused because of one of its values: `field` names it."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


def _check_accession_number(accession_number: str) -> None:
    """Format ##########-##-###### and, since EDGAR gives each submission its own, not
    recorded before for any notice or report."""
    if not is_accession_number(accession_number):
        raise RecordRefused(
            f"Enter the accession number as EDGAR shows it: {ACCESSION_FORMAT}, "
            "e.g. 0001193125-26-123456.",
            field="accession_number",
        )
    if (
        NoticeFiling.objects.filter(accession_number=accession_number).exists()
        or ReportFiling.objects.filter(accession_number=accession_number).exists()
    ):
        raise RecordRefused(
            "This accession number is already recorded for another filing.",
            field="accession_number",
        )


def _create_record(model, **values):
    """Create the record; a concurrent one with the same accession number or for the same
    notice is a refusal, not an error."""
    try:
        with transaction.atomic():
            return model.objects.create(**values)
    except IntegrityError:
        raise RecordRefused(
            "This accession number is already recorded for another filing.",
            field="accession_number",
        ) from None


def _locked_for_record(notice: Notice, move: Move, user: AbstractBaseUser, what: str) -> Notice:
    """_locked, with refusals worded for a record (`what` is recorded, e.g. "the EDGAR
    filing")."""
    if not user.has_perm(move.permission):
        raise MoveRefused(f"You do not have the permission to record {what}.")
    stored = Notice.objects.select_for_update().get(pk=notice.pk)
    if stored.status != move.from_status:
        raise MoveRefused(
            f"This notice is {stored.get_status_display().lower()} now; {what} is recorded "
            f"only once it is {NoticeStatus(move.from_status).label.lower()}."
        )
    return stored


@transaction.atomic
def notice_record_filing(
    *, notice: Notice, user: AbstractBaseUser, accession_number: str, accepted_at
) -> NoticeFiling:
    """Signed -> filed: the notice's EDGAR accession number and the date and time EDGAR
    accepted it (`accepted_at`, an aware datetime). Written once; whether it was timely is
    filings.timeliness.notice_timeliness."""
    if accepted_at.tzinfo is None:
        raise ValueError("`accepted_at` must be an aware datetime.")
    stored = _locked_for_record(notice, FILE, user, "the EDGAR filing")
    _check_accession_number(accession_number)
    now = timezone.now()
    if accepted_at > now:
        raise RecordRefused(
            "The acceptance date and time is in the future; enter it as EDGAR's acceptance "
            "message shows it, in Eastern time.",
            field="accepted_at",
        )
    eastern = accepted_at.astimezone(EASTERN)
    if stored.period_end and eastern.date() <= stored.period_end:
        raise RecordRefused(
            "The acceptance date is not after the end of the report's period.",
            field="accepted_at",
        )
    stored.status = FILE.to_status
    stored.save(update_fields=["status"])
    filing = _create_record(
        NoticeFiling,
        notice=stored,
        accession_number=accession_number,
        accepted_at=accepted_at,
        recorded_at=now,
        recorded_by=user,
        recorded_by_name=user.get_username(),
    )
    _record(
        stored,
        FILE,
        user,
        comment=f"Accession number {accession_number}, accepted {eastern:%Y-%m-%d %H:%M:%S} "
        "Eastern.",
    )
    return filing


@transaction.atomic
def notice_record_report(
    *, notice: Notice, user: AbstractBaseUser, accession_number: str, filed_on
) -> ReportFiling:
    """The late report's own filing, recorded on the filed notice (which stays filed): its
    accession number and filing date. Written once; whether it was within the grace period is
    filings.timeliness.report_outcome."""
    stored = _locked_for_record(notice, REPORT, user, "the report's filing")
    if stored.is_amendment:
        raise MoveRefused(
            "An amended notice has no report of its own: record the report on the notice it amends."
        )
    if ReportFiling.objects.filter(notice=stored).exists():
        raise MoveRefused("The report's filing is already recorded; it cannot be changed.")
    _check_accession_number(accession_number)
    if filed_on > timezone.localdate(timezone=EASTERN):
        raise RecordRefused("The filing date is in the future.", field="filed_on")
    if stored.period_end and filed_on < stored.period_end:
        raise RecordRefused(
            "The filing date is before the end of the report's period.", field="filed_on"
        )
    report = _create_record(
        ReportFiling,
        notice=stored,
        accession_number=accession_number,
        filed_on=filed_on,
        recorded_at=timezone.now(),
        recorded_by=user,
        recorded_by_name=user.get_username(),
    )
    _record(
        stored,
        REPORT,
        user,
        comment=f"Form {stored.form_type}: accession number {accession_number}, filed "
        f"{filed_on:%Y-%m-%d}.",
    )
    return report


def last_return(notice: Notice) -> NoticeEvent | None:
    """The reviewer's comment a draft was sent back with, while it is a draft again."""
    if notice.status != NoticeStatus.DRAFT:
        return None
    last = notice.events.exclude(action=NoticeEvent.Action.REPORT_FILED).last()
    return last if last is not None and last.action == NoticeEvent.Action.RETURNED else None
