"""Writes to notices: starting one, saving a wizard step, keeping input that did not validate,
finalizing one and storing its documents."""

import hashlib

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from filings.document import notice_exhibits
from filings.formats import notice_formats
from filings.forms import PartIIIForm, PartIVForm
from filings.models import Notice, NoticeDocument, NoticeSigner, NoticeStatus
from filings.rules import STEP_PART_IV, STEP_REPORT, blocking_problems
from filings.wizard import STEP_REVIEW, first_incomplete_step
from registrants.models import Registrant

# Part III and Part IV: what "start from a previous notice" copies.
CARRIED_OVER_FIELDS = [*PartIIIForm.Meta.fields, *PartIVForm.Meta.fields]


class NoticeIsFinal(Exception):
    """A final notice no longer changes."""


def notice_version(notice: Notice) -> str:
    """What the review page posts back on finalizing, to be sure nobody changed the notice in
    between."""
    return notice.updated_at.isoformat()


def notice_to_copy_from(registrant: Registrant) -> Notice | None:
    """The registrant's most recent notice whose Part III and Part IV were filled in."""
    candidates = registrant.notices.order_by("-created_at", "-pk")
    return next((notice for notice in candidates if STEP_PART_IV in notice.saved_steps), None)


@transaction.atomic
def notice_create(
    *, registrant: Registrant, report_form, copy_previous: bool, user: User
) -> Notice:
    """Start a draft from a valid step-1 form. Part I, the contact, the signer and the charter
    name are copied from the registrant record; with `copy_previous`, Part III and Part IV come
    from the registrant's most recent notice instead of the contact defaults."""
    notice = report_form.save(commit=False)
    notice.registrant = registrant
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
        for field in CARRIED_OVER_FIELDS:
            setattr(notice, field, getattr(previous, field))
    notice.saved_steps = [STEP_REPORT]
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
def notice_save_step(*, notice: Notice, step_slug: str, step_form, user: User) -> Notice:
    """Save a valid step form, mark the step saved and drop any input kept from before. Only
    the step's own columns are written, under a row lock, so two tabs saving two steps of the
    same notice do not undo each other."""
    stored = (
        Notice.objects.select_for_update()
        .only("status", "saved_steps", "pending_input")
        .get(pk=notice.pk)
    )
    if stored.is_final:
        raise NoticeIsFinal
    notice.saved_steps = list(dict.fromkeys([*stored.saved_steps, step_slug]))
    notice.pending_input = {
        slug: kept for slug, kept in stored.pending_input.items() if slug != step_slug
    }
    notice.updated_by = user
    notice.save(
        update_fields=[
            *step_form.notice_fields,
            "saved_steps",
            "pending_input",
            "updated_by",
            "updated_at",
        ]
    )
    step_form.save_related()
    return notice


def notice_keep_pending(*, notice: Notice, step_slug: str, step_form, user: User) -> None:
    """Keep what was typed on a step that did not validate, so that leaving the page, going
    back or losing the session loses none of it. Only the step's own fields are kept (a forged
    request cannot fill the row); uploaded files cannot be kept this way."""
    # Only the bookkeeping is written: the form that failed has put unvalidated values on the
    # instance in memory, and those must not reach the saved notice.
    with transaction.atomic():
        stored = (
            Notice.objects.select_for_update().only("status", "pending_input").get(pk=notice.pk)
        )
        if stored.is_final:
            raise NoticeIsFinal
        Notice.objects.filter(pk=notice.pk).update(
            pending_input={**stored.pending_input, step_slug: step_form.kept_input()},
            updated_by=user,
            updated_at=timezone.now(),
        )


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
    if reviewed_version is not None and reviewed_version != notice_version(notice):
        raise NoticeNotReady(
            "The notice changed after you opened the review page. Review it again, then finalize."
        )
    if first_incomplete_step(notice).slug != STEP_REVIEW or blocking_problems(notice):
        raise NoticeNotReady("Fix the problems listed on the review page first.")
    notice.status = NoticeStatus.FINAL
    notice.finalized_at = timezone.now()
    notice.finalized_by = notice.updated_by = user
    notice.save()
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
