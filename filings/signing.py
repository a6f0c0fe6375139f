"""Signing an approved notice, as Regulation S-T Rule 302(b) allows, in one of two ways:

- Rule 302(b)(1): each signer signs the PDF by hand, and the manually signed authentication
  document is uploaded (notice_upload_authentication);
- Rule 302(b)(2) and EDGAR Filer Manual Vol. II 5.1.2: each signer signs electronically
  (notice_sign), after the manually signed attestation the rule requires is on file for them
  (attestation_upload). The signing process authenticates the signer (their password, and
  their authenticator code where they have one), ties the signature to the exact PDF (its
  SHA-256) and records when and from where it was made. When the last signer has signed, the
  product makes the signed authentication document (the PDF plus a page listing each
  signature) and seals it (filings.seal), so any change to it is detectable.

Either way the notice moves from approved to signed. Whatever is stored here never changes and
is kept for the periods of Rule 302(b) (filings.models.RetainedRecord).
"""

import hashlib
import re
from dataclasses import dataclass
from io import BytesIO

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from accounts.forms import confirmed_device
from filings.lifecycle import SIGN, UPLOAD_AUTHENTICATION, Move, MoveRefused, _locked, _record
from filings.models import (
    AuthenticationDocument,
    ElectronicSignature,
    Notice,
    NoticeDocument,
    NoticeEvent,
    NoticeSigner,
    SignatureAttestation,
)
from filings.pdf import html_to_pdf
from filings.seal import seal_certificate, seal_pdf
from filings.uploads import MAX_UPLOAD_BYTES


class NotAPdf(ValueError):
    """The bytes given as a PDF are not one (or one that cannot be read)."""


class WrongCredentials(MoveRefused):
    """The password or the authenticator code given at the moment of signing is wrong;
    `field` names which ("password" or "authenticator_code")."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def read_pdf(content: bytes) -> PdfReader:
    """The PDF in `content`, refused unless it starts like a PDF, is at most 10 MB and can be
    read with at least one page."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise NotAPdf("This file is larger than 10 MB; upload a smaller PDF.")
    if not content.startswith(b"%PDF-"):
        raise NotAPdf("This file is not a PDF, whatever its name says. Upload the PDF itself.")
    try:
        reader = PdfReader(BytesIO(content))
        page_count = len(reader.pages)
    # The bytes come from anyone's upload: whatever the parser trips on, the file is refused.
    except Exception:
        raise NotAPdf("This PDF cannot be read; it may be damaged. Save it again.") from None
    if page_count == 0:
        raise NotAPdf("This PDF has no page.")
    return reader


def signing_pdf(notice: Notice) -> NoticeDocument:
    """The stored PDF to sign of an approved notice: what every signer signs."""
    return notice.documents.get(kind="pdf", exhibit="")


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def authentication_warnings(notice: Notice, reader: PdfReader) -> list[str]:
    """What does not match the notice in a manually signed authentication document: another
    page count than the PDF to sign, or the registrant's name not found in its text. These are
    warnings, not refusals: a scan has no text, and a signer may have signed a signature page
    only."""
    warnings = []
    expected_pages = len(PdfReader(BytesIO(bytes(signing_pdf(notice).content))).pages)
    if len(reader.pages) != expected_pages:
        warnings.append(
            f"It has {len(reader.pages)} page{'s' if len(reader.pages) != 1 else ''}; the PDF "
            f"to sign has {expected_pages}."
        )
    name = notice.signature_registrant_name or notice.registrant_name
    try:
        text = " ".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # a page whose text cannot be read counts as having none
        text = ""
    if _words(name) not in _words(text):
        warnings.append(
            f"The registrant's name ({name}) is not in its text. A scan has no text: check by "
            "eye that it is the signed notice."
        )
    return warnings


def _move_to_signed(stored: Notice, move: Move, user: AbstractBaseUser, comment: str) -> None:
    stored.status = move.to_status
    stored.save(update_fields=["status"])
    _record(stored, move, user, comment=comment)


def _authentication_filename(notice: Notice) -> str:
    return signing_pdf(notice).filename.removesuffix(".pdf") + "-signed.pdf"


@transaction.atomic
def notice_upload_authentication(
    *, notice: Notice, user: AbstractBaseUser, content: bytes
) -> AuthenticationDocument:
    """Approved -> signed with the manually signed authentication document (Rule 302(b)(1)):
    its bytes and SHA-256 are kept; what does not match the notice is kept as warnings."""
    stored = _locked(notice, UPLOAD_AUTHENTICATION, user)
    reader = read_pdf(content)
    document = AuthenticationDocument.objects.create(
        notice=stored,
        kind=AuthenticationDocument.Kind.MANUAL,
        filename=_authentication_filename(stored),
        content=content,
        sha256=sha256_of(content),
        page_count=len(reader.pages),
        warnings=authentication_warnings(stored, reader),
        created_at=timezone.now(),
        created_by=user,
        created_by_name=user.get_username(),
    )
    _move_to_signed(
        stored,
        UPLOAD_AUTHENTICATION,
        user,
        f"Manually signed authentication document uploaded (SHA-256 {document.sha256}).",
    )
    return document


def may_upload_attestation(user: AbstractBaseUser, signer_user: AbstractBaseUser) -> bool:
    """A signer uploads their own attestation; compliance staff upload it on their behalf."""
    return (user.pk == signer_user.pk and user.has_perm(SIGN.permission)) or user.has_perm(
        UPLOAD_AUTHENTICATION.permission
    )


@transaction.atomic
def attestation_upload(
    *, signer_user: AbstractBaseUser, user: AbstractBaseUser, content: bytes
) -> SignatureAttestation:
    """Keep `signer_user`'s manually signed attestation (Rule 302(b)(2)): one per signer,
    never replaced."""
    if not may_upload_attestation(user, signer_user):
        raise MoveRefused("You may not upload an attestation for this user.")
    read_pdf(content)
    if SignatureAttestation.objects.filter(user_id=signer_user.pk).exists():
        raise MoveRefused(
            f"The attestation of {signer_user.get_username()} is already on file; it is kept "
            "as it is."
        )
    return SignatureAttestation.objects.create(
        user=signer_user,
        user_name=signer_user.get_username(),
        filename=f"attestation-{signer_user.get_username()}.pdf",
        content=content,
        sha256=sha256_of(content),
        uploaded_at=timezone.now(),
        uploaded_by=user,
        uploaded_by_name=user.get_username(),
    )


def attestation_on_file(user: AbstractBaseUser) -> bool:
    """Rule 302(b)(2): whether the user's manually signed attestation is on file."""
    return SignatureAttestation.objects.filter(user_id=user.pk).exists()


def signing_problem(notice: Notice, row: NoticeSigner, user: AbstractBaseUser) -> str:
    """Why `user` cannot sign `row` of `notice` electronically now ("" when they can)."""
    if not user.has_perm(SIGN.permission):
        return "You do not have the permission to sign notices."
    if not notice.is_final or notice.status != SIGN.from_status:
        return (
            f"This notice is {notice.get_status_display().lower()}: only an approved notice "
            "is signed."
        )
    if row.user_id != user.pk:
        return f"Only the user linked to {row.name} signs as {row.name}."
    if ElectronicSignature.objects.filter(notice_signer=row).exists():
        return f"{row.name} has already signed this notice."
    if not attestation_on_file(user):
        return (
            "Your manually signed attestation (Regulation S-T Rule 302(b)(2)) is not on file "
            "yet: upload it on the attestations page, or ask compliance staff to."
        )
    return ""


def _check_credentials(user: AbstractBaseUser, password: str, authenticator_code: str) -> bool:
    """EDGAR Filer Manual Vol. II 5.1.2: the signer authenticates at the moment of signing.
    True when an authenticator code was checked too."""
    if not user.check_password(password):
        raise WrongCredentials("The password is wrong.", field="password")
    device = confirmed_device(user)
    if device is None:
        return False
    code = authenticator_code.replace(" ", "")
    if not (code and device.verify_token(code)):
        raise WrongCredentials(
            "The authenticator code is wrong or has expired.", field="authenticator_code"
        )
    return True


def notice_sign(
    *,
    notice: Notice,
    notice_signer_id: int,
    user: AbstractBaseUser,
    password: str,
    authenticator_code: str,
    pdf_sha256: str,
    ip_address: str | None,
) -> ElectronicSignature:
    """`user` signs the signer row `notice_signer_id` of an approved notice electronically
    (Rule 302(b)(2)): refused unless the row is theirs, unsigned, their attestation is on file,
    the PDF shown is the stored PDF to sign and the password (and authenticator code) are
    right. The last signature makes and seals the signed authentication document, and the
    notice moves to signed."""
    row = notice.signers.filter(pk=notice_signer_id).first()
    if row is None:
        raise MoveRefused("This notice has no such signer.")
    problem = signing_problem(notice, row, user)
    if problem:
        raise MoveRefused(problem)
    # Checked outside the transaction below, so that the authenticator's count of failures
    # (django-otp throttling) is kept when the signature is refused.
    code_checked = _check_credentials(user, password, authenticator_code)
    with transaction.atomic():
        stored = _locked(notice, SIGN, user)
        row = stored.signers.get(pk=notice_signer_id)
        problem = signing_problem(stored, row, user)
        if problem:
            raise MoveRefused(problem)
        signed_pdf = signing_pdf(stored)
        if pdf_sha256 != signed_pdf.sha256:
            raise MoveRefused("The PDF shown is not the notice's PDF to sign. Reload the page.")
        signature = ElectronicSignature.objects.create(
            notice=stored,
            notice_signer=row,
            user=user,
            user_name=user.get_username(),
            signer_name=row.name,
            signer_title=row.title,
            signed_at=timezone.now(),
            ip_address=ip_address,
            pdf_sha256=signed_pdf.sha256,
            authenticator_code_checked=code_checked,
        )
        NoticeEvent.objects.create(
            notice=stored,
            action=NoticeEvent.Action.SIGNATURE,
            at=signature.signed_at,
            user=user,
            user_name=signature.user_name,
            comment=(f"As {row.name}, {row.title}. PDF signed: SHA-256 {signed_pdf.sha256}."),
        )
        signatures = list(stored.electronic_signatures.all())
        if len(signatures) == stored.signers.count():
            document = _seal_authentication(stored, signed_pdf, signatures)
            _move_to_signed(
                stored,
                SIGN,
                user,
                "Every signer signed electronically; the signed authentication document is "
                f"sealed (SHA-256 {document.sha256}).",
            )
    return signature


def _seal_authentication(
    notice: Notice, signed_pdf: NoticeDocument, signatures: list[ElectronicSignature]
) -> AuthenticationDocument:
    """The signed authentication document: the PDF to sign, byte for byte its pages, then a
    page listing each signature and its record, sealed by the organisation's certificate."""
    attestations = {
        attestation.user_id: attestation
        for attestation in SignatureAttestation.objects.filter(
            user_id__in=[signature.user_id for signature in signatures]
        )
    }
    certificate = seal_certificate()
    page = html_to_pdf(
        render_to_string(
            "filings/pdf/signature_page.html",
            {
                "notice": notice,
                "signed_pdf": signed_pdf,
                "signatures": [
                    (signature, attestations.get(signature.user_id)) for signature in signatures
                ],
                "seal_subject": certificate.subject.human_friendly,
                "seal_fingerprint": certificate.sha256.hex(),
            },
        )
    )
    merged = PdfWriter()
    merged.append(PdfReader(BytesIO(bytes(signed_pdf.content))))
    merged.append(PdfReader(BytesIO(page)))
    unsealed = BytesIO()
    merged.write(unsealed)
    content = seal_pdf(
        unsealed.getvalue(),
        reason="Signed electronically under Regulation S-T Rule 302(b)(2)",
    )
    return AuthenticationDocument.objects.create(
        notice=notice,
        kind=AuthenticationDocument.Kind.SEALED,
        filename=_authentication_filename(notice),
        content=content,
        sha256=sha256_of(content),
        page_count=len(merged.pages),
        created_at=timezone.now(),
        created_by=signatures[-1].user,
        created_by_name=signatures[-1].user_name,
    )


@dataclass(frozen=True)
class SignerRow:
    """A signer of the notice on its signing panel: their signature, if made, and for the
    user's own row why they cannot sign it now ("" when they can)."""

    signer: NoticeSigner
    signature: ElectronicSignature | None
    is_mine: bool
    problem: str
    attestation_missing: bool


def signing_overview(notice: Notice, user: AbstractBaseUser) -> dict:
    """What the notice page shows of signing: each signer and their signature, the signed
    authentication document, and what `user` may do."""
    signatures = {
        signature.notice_signer_id: signature for signature in notice.electronic_signatures.all()
    }
    rows = [
        SignerRow(
            signer=row,
            signature=signatures.get(row.pk),
            is_mine=row.user_id is not None and row.user_id == user.pk,
            problem=signing_problem(notice, row, user) if row.user_id == user.pk else "",
            attestation_missing=row.user_id == user.pk and not attestation_on_file(user),
        )
        for row in notice.signers.select_related("user")
    ]
    return {
        "signing_rows": rows,
        "every_signer_linked": all(row.signer.user_id for row in rows),
        "authentication": AuthenticationDocument.objects.filter(notice=notice)
        .defer("content")
        .first(),
        "may_upload_authentication": notice.status == UPLOAD_AUTHENTICATION.from_status
        and user.has_perm(UPLOAD_AUTHENTICATION.permission),
    }
