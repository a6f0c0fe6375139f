"""Writes to notices: starting one, saving a wizard step, keeping input that did not validate,
finalizing one and storing its documents."""

import copy
import hashlib
from datetime import date

from django.contrib.auth.models import User
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from filings.document import notice_exhibits
from filings.formats import notice_formats
from filings.models import (
    InputKeptThroughLogin,
    Notice,
    NoticeDocument,
    NoticeInReview,
    NoticeIsFinal,
    NoticeSigner,
    NoticeStatus,
    PendingUpload,
)
from filings.rules import (
    PART_III_FIELDS,
    PART_IV_FIELDS,
    RESTATEMENT_DISCLOSURE_FIELDS,
    blocking_problems,
    notice_problems,
)
from filings.selectors import SIGNERS, notice_answers_version
from registrants.models import Registrant

# Pages a user may have kept through an expired session; the oldest go first.
KEPT_PAGES_PER_USER = 5

# Part III and Part IV: what "start from a previous notice" copies.
CARRIED_OVER_FIELDS = [*PART_III_FIELDS, *PART_IV_FIELDS]
SIGNER_FIELDS = [
    "name",
    "title",
    "is_executive_officer",
    "evidence_of_authority_text",
    "evidence_of_authority",
]


class NoticeChangedMeanwhile(Exception):
    """Someone saved these answers after the page that posts them was loaded; `saved` is the
    notice as it is now."""

    def __init__(self, saved: Notice):
        super().__init__("The answers were changed after the page was loaded.")
        self.saved = saved


def notice_version(notice: Notice) -> str:
    """What the review page posts back on finalizing, to be sure nobody changed the notice in
    between."""
    return notice.updated_at.isoformat()


def notice_to_copy_from(registrant: Registrant) -> Notice | None:
    """The registrant's most recent notice whose Part III and Part IV were filled in."""
    return (
        registrant.notices.exclude(narrative="")
        .filter(significant_change__isnull=False)
        .order_by("-created_at", "-pk")
        .first()
    )


def _apply(record, answers: dict) -> bool:
    """Put cleaned answers on a row as a model form would: for a file, an upload replaces the
    stored file, False clears it and None keeps it. Answers whether any value changed (a file
    uploaded or cleared counts as changed)."""
    changed = False
    for name, value in answers.items():
        model_field = record._meta.get_field(name)
        before = getattr(record, model_field.attname)
        model_field.save_form_data(record, value)
        # A stored file compares by its name; an upload is new whatever its name.
        uploaded = isinstance(value, File) and not isinstance(value, FieldFile)
        changed = changed or uploaded or getattr(record, model_field.attname) != before
    return changed


@transaction.atomic
def notice_create(
    *,
    registrant: Registrant,
    answers: dict,
    copy_previous: bool,
    saved_step: str,
    signature_date: date,
    user: User,
) -> Notice:
    """Start a draft from the cleaned answers of the first step (`saved_step`), dated
    `signature_date` (the planned filing date). Part I, the contact, the signer and the charter
    name are copied from the registrant record; with `copy_previous`, Part III and Part IV come
    from the registrant's most recent notice instead of the contact defaults."""
    notice = Notice(registrant=registrant, signature_date=signature_date)
    _apply(notice, answers)
    notice.sec_file_number = registrant.sec_file_number
    notice.cusip = registrant.cusip
    notice.registrant_name = registrant.name
    notice.former_name = registrant.former_name
    notice.street = registrant.street
    notice.city_state_zip = registrant.city_state_zip
    notice.signature_registrant_name = registrant.name
    contact = registrant.default_contact
    if contact is not None:
        notice.contact_name = contact.name
        notice.contact_area_code = contact.area_code
        notice.contact_phone = contact.phone_number
    previous = notice_to_copy_from(registrant) if copy_previous else None
    if previous is not None:
        for name in CARRIED_OVER_FIELDS:
            setattr(notice, name, getattr(previous, name))
        # Flagged on the review page until edited or confirmed (filings.rules.copied_text_problems).
        notice.copied_from = previous
    notice.saved_steps = [saved_step]
    notice.created_by = notice.updated_by = user
    notice.save()
    signer = registrant.default_signer
    if signer is not None:
        NoticeSigner.objects.create(
            notice=notice,
            name=signer.name,
            title=signer.title,
            is_executive_officer=signer.is_executive_officer,
            user=signer.user,
        )
    return notice


@transaction.atomic
def notice_save_step(
    *,
    notice: Notice,
    step_slug: str,
    answers: dict,
    signer_rows: list[dict] | None = None,
    seen_version: str | None = None,
    version_fields: list[str] | None = None,
    user: User,
) -> Notice:
    """Save one step's cleaned answers (and, for the signature step, its signers' rows), mark
    the step saved and drop any input kept from before. Only the step's own columns are
    written, under a row lock, so two people saving two steps of the same notice do not undo
    each other; and when `seen_version` (the version of these answers when the page was
    loaded) is no longer theirs, nothing is written: NoticeChangedMeanwhile says someone
    else saved them in between."""
    stored = Notice.objects.select_for_update().get(pk=notice.pk)
    _refuse_unless_draft(stored)
    if version_fields is None:
        version_fields = [*answers, *([SIGNERS] if signer_rows is not None else [])]
    if seen_version is not None and seen_version != notice_answers_version(stored, version_fields):
        raise NoticeChangedMeanwhile(stored)
    # Only a save of a file field or of the signers can replace a file or leave one unnamed.
    touches_uploads = signer_rows is not None or any(
        isinstance(Notice._meta.get_field(name), models.FileField) for name in answers
    )
    uploads_before = _upload_names(notice_id=stored.pk) if touches_uploads else set()
    disclosure_before = [getattr(stored, name) for name in RESTATEMENT_DISCLOSURE_FIELDS]
    changed = _apply(stored, answers)
    review_fields = []
    if stored.restatement_review_reason and disclosure_before != [
        getattr(stored, name) for name in RESTATEMENT_DISCLOSURE_FIELDS
    ]:
        # The reviewer's reason was given for the answers as they were: it goes with them.
        stored.restatement_review_reason = ""
        stored.restatement_reviewed_by = None
        stored.restatement_reviewed_at = None
        review_fields = [
            "restatement_review_reason",
            "restatement_reviewed_by",
            "restatement_reviewed_at",
        ]
    stored.saved_steps = list(dict.fromkeys([*stored.saved_steps, step_slug]))
    # Only the saving user's unsaved input of this step goes; a colleague's stays theirs.
    stored.pending_input = _pending_input_replace(
        stored.pending_input,
        user=user,
        user_pending={
            slug: kept for slug, kept in stored.pending_input_of(user).items() if slug != step_slug
        },
    )
    stored.updated_by = user
    # A save that changes no answer (Next on a page as it was) marks the step saved and drops
    # the kept input, which are not history: it leaves no history row without a change in it.
    save = stored.save if changed or review_fields else stored.save_without_historical_record
    save(
        update_fields=[
            *answers,
            *review_fields,
            "saved_steps",
            "pending_input",
            "updated_by",
            "updated_at",
        ]
    )
    if signer_rows is not None:
        _signers_save(notice=stored, signer_rows=signer_rows)
    if touches_uploads:
        _delete_uploads_once_committed(uploads_before - _upload_names(notice_id=stored.pk))
    return stored


def _signers_save(*, notice: Notice, signer_rows: list[dict]) -> None:
    for row in signer_rows:
        signer = row.get("id")
        if signer is not None and signer.notice_id != notice.pk:
            raise ValueError("A signer of another notice.")
        if row.get("DELETE"):
            if signer is not None:
                signer.delete()
            continue
        signer = signer or NoticeSigner(notice=notice)
        changed = _apply(signer, {name: row.get(name) for name in SIGNER_FIELDS})
        if changed or signer.pk is None:
            signer.save()


def _pending_input_replace(pending_input: dict, *, user: User, user_pending: dict) -> dict:
    """The notice's pending input with `user`'s part replaced by `user_pending`."""
    others = {key: value for key, value in pending_input.items() if key != str(user.pk)}
    return {**others, str(user.pk): user_pending} if user_pending else others


def _upload_names(*, notice_id: int) -> set[str]:
    """The stored names of the files uploaded to a notice: its third-party statement and its
    signers' evidence of authority."""
    return {
        *Notice.objects.filter(pk=notice_id).values_list("third_party_statement", flat=True),
        *NoticeSigner.objects.filter(notice_id=notice_id).values_list(
            "evidence_of_authority", flat=True
        ),
    } - {""}


def _delete_uploads_once_committed(names: set[str]) -> None:
    """Delete the files a save replaced, cleared or left without their signer, once the save
    has committed (a rollback keeps them). A file some notice still names, such as one of a
    final notice, is never deleted."""
    if not names:
        return

    def delete() -> None:
        in_use = {
            *Notice.objects.filter(third_party_statement__in=names).values_list(
                "third_party_statement", flat=True
            ),
            *NoticeSigner.objects.filter(evidence_of_authority__in=names).values_list(
                "evidence_of_authority", flat=True
            ),
        }
        for name in names - in_use:
            default_storage.delete(name)

    transaction.on_commit(delete)


def notice_keep_pending(*, notice: Notice, step_slug: str, kept: dict, user: User) -> None:
    """Keep what `user` typed on a step that did not validate (`kept`: the step's own fields
    as typed), so that leaving the page, going back or losing the session loses none of it.
    Only the bookkeeping is written. Uploaded files are kept by notice_keep_uploads."""
    with transaction.atomic():
        stored = (
            Notice.objects.select_for_update().only("status", "pending_input").get(pk=notice.pk)
        )
        _refuse_unless_draft(stored)
        Notice.objects.filter(pk=notice.pk).update(
            pending_input=_pending_input_replace(
                stored.pending_input,
                user=user,
                user_pending={**stored.pending_input_of(user), step_slug: kept},
            ),
            updated_by=user,
            updated_by_name=user.get_username(),
            updated_at=timezone.now(),
        )


def notice_discard_pending(*, notice: Notice, step_slug: str, user: User) -> None:
    """Forget what `user` typed on a step and did not save, and the files kept with it: the
    step shows the notice as saved again."""
    with transaction.atomic():
        stored = (
            Notice.objects.select_for_update().only("status", "pending_input").get(pk=notice.pk)
        )
        _refuse_unless_draft(stored)
        Notice.objects.filter(pk=notice.pk).update(
            pending_input=_pending_input_replace(
                stored.pending_input,
                user=user,
                user_pending={
                    slug: kept
                    for slug, kept in stored.pending_input_of(user).items()
                    if slug != step_slug
                },
            )
        )
    notice_drop_pending_uploads(notice=notice, step_slug=step_slug, user=user)


def notice_keep_uploads(*, notice: Notice, step_slug: str, uploads: dict, user: User) -> None:
    """Keep the files chosen on a step that did not validate for another reason (each a valid
    PDF; `uploads` by form field name), for the user who chose them, until the step is saved.
    A file chosen again for the same field replaces the one kept."""
    for field_key, upload in uploads.items():
        for previous in PendingUpload.objects.filter(notice=notice, user=user, field_key=field_key):
            previous.file.delete(save=False)
            previous.delete()
        PendingUpload.objects.create(
            notice=notice, user=user, step=step_slug, field_key=field_key, file=upload
        )


def notice_drop_pending_uploads(*, notice: Notice, step_slug: str, user: User) -> None:
    """Forget the files kept for a step once it is saved: the saved ones were copied."""
    for pending in PendingUpload.objects.filter(notice=notice, user=user, step=step_slug):
        pending.file.delete(save=False)
        pending.delete()


@transaction.atomic
def typed_input_keep(*, user_id: int, path: str, typed: dict[str, list[str]]) -> None:
    """Keep what an active user typed on the page at `path`, posted after their session
    expired: one entry per page (several tabs all keep theirs), at most KEPT_PAGES_PER_USER."""
    if not User.objects.filter(pk=user_id, is_active=True).exists():
        return
    InputKeptThroughLogin.objects.update_or_create(
        user_id=user_id, path=path, defaults={"typed": typed}
    )
    older = InputKeptThroughLogin.objects.filter(user_id=user_id).order_by("-kept_at", "-pk")
    InputKeptThroughLogin.objects.filter(
        pk__in=list(older.values_list("pk", flat=True)[KEPT_PAGES_PER_USER:])
    ).delete()


def typed_input_waiting(*, user: User) -> bool:
    """Whether anything `user` typed is kept for them."""
    return InputKeptThroughLogin.objects.filter(user=user).exists()


def typed_input_take(*, user: User, path: str) -> dict[str, list[str]] | None:
    """What `user` typed on the page at `path` before signing in again, once, or None."""
    kept = InputKeptThroughLogin.objects.filter(user=user, path=path).first()
    if kept is None:
        return None
    kept.delete()
    return kept.typed


def _refuse_unless_draft(stored: Notice) -> None:
    """Only a draft's content changes: a final notice never, a notice in review only after a
    reviewer sends it back (filings.lifecycle)."""
    if stored.is_final:
        raise NoticeIsFinal
    if not stored.is_editable:
        raise NoticeInReview


def _locked_draft(notice: Notice) -> Notice:
    stored = Notice.objects.select_for_update().get(pk=notice.pk)
    _refuse_unless_draft(stored)
    return stored


@transaction.atomic
def notice_record_restatement_review(*, notice: Notice, reason: str, user: User) -> Notice:
    """Record a reviewer's reason for finishing a notice whose Part III or Part IV(3) does not
    disclose the expected restatement, with who recorded it and when: it lifts the block of
    filings.rules._restatement."""
    stored = _locked_draft(notice)
    without_reason = copy.copy(stored)
    without_reason.restatement_review_reason = ""
    if not any(
        problem.blocking and problem.field == "restatement_expected"
        for problem in notice_problems(without_reason)
    ):
        raise NoticeNotReady("Nothing waits for a reviewer's reason on this notice.")
    stored.restatement_review_reason = reason
    stored.restatement_reviewed_by = stored.updated_by = user
    stored.restatement_reviewed_at = timezone.now()
    stored.save(
        update_fields=[
            "restatement_review_reason",
            "restatement_reviewed_by",
            "restatement_reviewed_at",
            "updated_by",
            "updated_at",
        ]
    )
    return stored


@transaction.atomic
def notice_confirm_copied_text(*, notice: Notice, user: User) -> Notice:
    """The user confirms that the text copied from an earlier notice still holds."""
    stored = _locked_draft(notice)
    stored.copied_text_confirmed = True
    stored.updated_by = user
    stored.save(update_fields=["copied_text_confirmed", "updated_by", "updated_at"])
    return stored


class NoticeNotReady(Exception):
    """The notice cannot be finalized; the message says why."""


@transaction.atomic
def notice_finalize(
    *, notice: Notice, user: User | None, reviewed_version: str | None = None
) -> Notice:
    """Make a complete notice final: render its documents once (every format of
    filings.formats: the PDFs, the EDGAR documents, each exhibit's documents and uploaded PDF)
    and store their bytes with their SHA-256. A final notice no longer changes; a correction
    is filed as an amendment. `reviewed_version` (from the review page) must still be the
    notice's version."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.is_final:
        raise NoticeNotReady("This notice is already final.")
    # The status may be draft (tests, the demo data) or in review (filings.lifecycle).
    if reviewed_version is not None and reviewed_version != notice_version(notice):
        raise NoticeNotReady(
            "The notice changed after you opened the review page. Review it again, then finalize."
        )
    if notice.pending_input_of(user) or blocking_problems(notice):
        raise NoticeNotReady("Fix the problems listed on the review page first.")
    notice.status = NoticeStatus.APPROVED
    notice.finalized_at = timezone.now()
    notice.finalized_by = notice.updated_by = user
    notice.save()
    # Files chosen on pages that were never saved can no longer be saved.
    kept_files = [pending.file.name for pending in notice.pending_uploads.all()]
    notice.pending_uploads.all().delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in kept_files])
    _documents_store(notice=notice, stored=set())
    return notice


@transaction.atomic
def notice_store_missing_documents(*, notice: Notice) -> Notice:
    """Store the documents a final notice lacks because it was finalized before their format
    existed (the data migration that brings older notices up to date). A final notice no
    longer changes, so rendering them now gives what finalizing would have stored; documents
    already stored are left as they are."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if not notice.is_final:
        raise NoticeNotReady("Only a final notice has stored documents.")
    _documents_store(notice=notice, stored=set(notice.documents.values_list("kind", "exhibit")))
    return notice


def _documents_store(*, notice: Notice, stored: set[tuple[str, str]]) -> None:
    """Render and store every format of the registry that finalizing stores, for the notice
    and each exhibit, with its SHA-256; uploaded exhibit PDFs are stored byte for byte, so
    that they too can never change."""
    exhibits = notice_exhibits(notice, list(notice.signers.all()))
    for document_format, exhibit in notice_formats(exhibits):
        key = (document_format.slug, exhibit.key if exhibit else "")
        if not document_format.stored_at_finalization or key in stored:
            continue
        try:
            content = document_format.content(notice, exhibit)
        except FileNotFoundError:
            raise NoticeNotReady(
                f"The PDF uploaded for Exhibit {exhibit.number} is missing from storage; "
                "upload it again."
            ) from None
        NoticeDocument.objects.create(
            notice=notice,
            kind=document_format.slug,
            exhibit=key[1],
            filename=document_format.filename(notice, exhibit),
            content_type=document_format.content_type,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
        )
