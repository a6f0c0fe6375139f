"""Writes to notices: starting one, saving a wizard step, keeping input that did not validate,
finalizing one and storing its documents."""

import hashlib

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from filings.document import document_filename
from filings.edgar import EDGAR_FORMATS
from filings.models import Notice, NoticeDocument, NoticeSigner, NoticeStatus, PendingUpload
from filings.pdf import render_notice_pdf
from filings.rules import PART_III_FIELDS, PART_IV_FIELDS, blocking_problems
from filings.selectors import SIGNERS, notice_answers_version
from registrants.models import Registrant

# Part III and Part IV: what "start from a previous notice" copies.
CARRIED_OVER_FIELDS = [*PART_III_FIELDS, *PART_IV_FIELDS]
SIGNER_FIELDS = ["name", "title", "is_executive_officer", "evidence_of_authority"]


class NoticeIsFinal(Exception):
    """A final notice no longer changes."""


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


def _apply(record, answers: dict) -> None:
    """Put cleaned answers on a row as a model form would: for a file, an upload replaces the
    stored file, False clears it and None keeps it."""
    for name, value in answers.items():
        record._meta.get_field(name).save_form_data(record, value)


@transaction.atomic
def notice_create(
    *, registrant: Registrant, answers: dict, copy_previous: bool, saved_step: str, user: User
) -> Notice:
    """Start a draft from the cleaned answers of the first step (`saved_step`). Part I, the
    contact, the signer and the charter name are copied from the registrant record; with
    `copy_previous`, Part III and Part IV come from the registrant's most recent notice
    instead of the contact defaults."""
    notice = Notice(registrant=registrant)
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
    user: User,
) -> Notice:
    """Save one step's cleaned answers (and, for the signature step, its signers' rows), mark
    the step saved and drop any input kept from before. Only the step's own columns are
    written, under a row lock, so two people saving two steps of the same notice do not undo
    each other; and when `seen_version` (the version of these answers when the page was
    loaded) is no longer theirs, nothing is written: NoticeChangedMeanwhile says someone
    else saved them in between."""
    stored = Notice.objects.select_for_update().get(pk=notice.pk)
    if stored.is_final:
        raise NoticeIsFinal
    fields = [*answers, *([SIGNERS] if signer_rows is not None else [])]
    if seen_version is not None and seen_version != notice_answers_version(stored, fields):
        raise NoticeChangedMeanwhile(stored)
    _apply(stored, answers)
    stored.saved_steps = list(dict.fromkeys([*stored.saved_steps, step_slug]))
    stored.pending_input = {
        slug: kept for slug, kept in stored.pending_input.items() if slug != step_slug
    }
    stored.updated_by = user
    stored.save(
        update_fields=[*answers, "saved_steps", "pending_input", "updated_by", "updated_at"]
    )
    if signer_rows is not None:
        _signers_save(notice=stored, signer_rows=signer_rows)
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
        _apply(signer, {name: row.get(name) for name in SIGNER_FIELDS})
        signer.save()


def notice_keep_pending(*, notice: Notice, step_slug: str, kept: dict, user: User) -> None:
    """Keep what was typed on a step that did not validate (`kept`: the step's own fields as
    typed), so that leaving the page, going back or losing the session loses none of it.
    Uploaded files cannot be kept this way."""
    with transaction.atomic():
        stored = (
            Notice.objects.select_for_update().only("status", "pending_input").get(pk=notice.pk)
        )
        if stored.is_final:
            raise NoticeIsFinal
        Notice.objects.filter(pk=notice.pk).update(
            pending_input={**stored.pending_input, step_slug: kept},
            updated_by=user,
            updated_at=timezone.now(),
        )


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


def _locked_draft(notice: Notice) -> Notice:
    stored = Notice.objects.select_for_update().get(pk=notice.pk)
    if stored.is_final:
        raise NoticeIsFinal
    return stored


@transaction.atomic
def notice_record_restatement_review(*, notice: Notice, reason: str, user: User) -> Notice:
    """Record a reviewer's reason for finishing a notice whose Part III or Part IV(3) does not
    disclose the expected restatement, with who recorded it and when: it lifts the block of
    filings.rules._restatement."""
    stored = _locked_draft(notice)
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
    """Make a complete notice final: render its documents once (the PDF to sign, the PDF with
    conformed signatures, the EDGAR HTML and ASCII documents) and store their bytes with their
    SHA-256. A final notice no longer changes; a correction is filed as an amendment.
    `reviewed_version` (from the review page) must still be the notice's version."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.is_final:
        raise NoticeNotReady("This notice is already final.")
    if reviewed_version is not None and reviewed_version != notice_version(notice):
        raise NoticeNotReady(
            "The notice changed after you opened the review page. Review it again, then finalize."
        )
    if notice.pending_input or blocking_problems(notice):
        raise NoticeNotReady("Fix the problems listed on the review page first.")
    notice.status = NoticeStatus.FINAL
    notice.finalized_at = timezone.now()
    notice.finalized_by = notice.updated_by = user
    notice.save()
    for kind, conformed in (
        (NoticeDocument.Kind.PDF, False),
        (NoticeDocument.Kind.PDF_CONFORMED, True),
    ):
        _document_store(
            notice=notice,
            kind=kind,
            filename=document_filename(notice, "pdf", variant="conformed" if conformed else ""),
            content_type="application/pdf",
            content=render_notice_pdf(notice, conformed=conformed),
        )
    _edgar_documents_store(notice=notice, stored_kinds=set())
    return notice


@transaction.atomic
def notice_store_edgar_documents(*, notice: Notice) -> Notice:
    """Store the EDGAR documents (HTML and ASCII) of a final notice that lacks them because it
    was finalized before they existed. A final notice no longer changes, so rendering them now
    gives what finalizing would have stored; documents already stored are left as they are."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if not notice.is_final:
        raise NoticeNotReady("Only a final notice has stored documents.")
    _edgar_documents_store(
        notice=notice, stored_kinds=set(notice.documents.values_list("kind", flat=True))
    )
    return notice


def _edgar_documents_store(*, notice: Notice, stored_kinds: set[str]) -> None:
    for edgar_format in EDGAR_FORMATS.values():
        if edgar_format.kind not in stored_kinds:
            _document_store(
                notice=notice,
                kind=edgar_format.kind,
                filename=document_filename(notice, edgar_format.extension),
                content_type=edgar_format.content_type,
                content=edgar_format.render(notice),
            )


def _document_store(
    *, notice: Notice, kind: str, filename: str, content_type: str, content: bytes
) -> NoticeDocument:
    return NoticeDocument.objects.create(
        notice=notice,
        kind=kind,
        filename=filename,
        content_type=content_type,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )
