"""The pages of signing (filings.signing): the upload of the manually signed authentication
document, the signing page of each signer, the signed document's download, and the signers'
attestations."""

from axes.handlers.proxy import AxesProxyHandler
from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from accounts.forms import confirmed_device
from accounts.views import client_address
from filings.access import get_notice_for_user
from filings.lifecycle import SIGN, UPLOAD_AUTHENTICATION, MoveRefused
from filings.lifecycle_views import notice_page
from filings.models import AuthenticationDocument, SignatureAttestation
from filings.signing import (
    WrongCredentials,
    attestation_on_file,
    attestation_upload,
    may_upload_attestation,
    notice_sign,
    notice_upload_authentication,
    signing_pdf,
    signing_problem,
)
from filings.signing_forms import SignedPdfForm, SignForm
from registrants.models import Registrant, Signer


def _pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_POST
def notice_authentication_upload(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Upload the manually signed authentication document (Rule 302(b)(1)); the notice moves
    to signed. A file that is not a PDF, or a refusal, is shown on the notice page."""
    notice = get_notice_for_user(request, notice_id, change=False)
    if not request.user.has_perm(UPLOAD_AUTHENTICATION.permission):
        raise PermissionDenied
    form = SignedPdfForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = notice_upload_authentication(
                notice=notice, user=request.user, content=form.content
            )
        except MoveRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, "The signed authentication document is stored; the notice is signed."
            )
            for warning in document.warnings:
                messages.warning(request, f"Check the uploaded document: {warning}")
            return redirect("filings:resume", notice.pk)
    notice.refresh_from_db()
    return notice_page(request, notice, authentication_form=form, status=400)


def notice_authentication_download(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The signed authentication document of the notice, as stored."""
    notice = get_notice_for_user(request, notice_id, change=False)
    document = AuthenticationDocument.objects.filter(notice=notice).first()
    if document is None:  # not signed yet: the notice page says what signing needs
        return redirect("filings:resume", notice.pk)
    return _pdf_response(bytes(document.content), document.filename)


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def notice_signing_pdf(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The stored PDF to sign, shown inside the signing page (hence inline and framed by this
    site only)."""
    notice = get_notice_for_user(request, notice_id, change=False)
    if not notice.is_final:  # a draft's PDF is rendered on request, marked DRAFT
        return redirect("filings:document", notice.pk, "pdf")
    stored = signing_pdf(notice)
    return _pdf_response(bytes(stored.content), stored.filename, inline=True)


def notice_sign_page(request: HttpRequest, notice_id: int, signer_id: int) -> HttpResponse:
    """Template filings/sign.html: the exact PDF to sign, what is missing before the user may
    sign (signing_problem: the permission, their row, their attestation...) and the form
    asking for their password (and authenticator code). Context: notice, signer, signed_pdf,
    problem, attestation_missing, form, needs_code."""
    notice = get_notice_for_user(request, notice_id, change=False)
    signer = get_object_or_404(notice.signers, pk=signer_id)
    if not notice.is_final:  # a draft is not signed: its page says where it stands
        return redirect("filings:resume", notice.pk)
    stored_pdf = signing_pdf(notice)
    form = SignForm(initial={"pdf_sha256": stored_pdf.sha256})
    status = 200
    if request.method == "POST":
        form = SignForm(request.POST)
        credentials = {"username": request.user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            # Wrong passwords here count as failed logins; once locked out, guessing stops
            # here too.
            form.add_error(
                None,
                "Too many wrong passwords or codes: signing is locked for a while. Try later.",
            )
        elif form.is_valid():
            try:
                notice_sign(
                    notice=notice,
                    notice_signer_id=signer.pk,
                    user=request.user,
                    password=form.cleaned_data["password"],
                    authenticator_code=form.cleaned_data["authenticator_code"],
                    pdf_sha256=form.cleaned_data["pdf_sha256"],
                    ip_address=client_address(request),
                )
            except WrongCredentials as refusal:
                # Counted as a failed login, so django-axes throttles guessing here too.
                user_login_failed.send(sender=SignForm, credentials=credentials, request=request)
                form.add_error(refusal.field, str(refusal))
            except MoveRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                notice.refresh_from_db()
                messages.success(
                    request,
                    f"You signed as {signer.name}."
                    + (
                        " Every signer has signed: the signed authentication document is sealed."
                        if notice.status == SIGN.to_status
                        else ""
                    ),
                )
                return redirect("filings:resume", notice.pk)
        status = 400
        notice.refresh_from_db()
    return render(
        request,
        "filings/sign.html",
        {
            "notice": notice,
            "signer": signer,
            "signed_pdf": stored_pdf,
            "problem": signing_problem(notice, signer, request.user),
            "attestation_missing": not attestation_on_file(request.user),
            "form": form,
            "needs_code": confirmed_device(request.user) is not None,
        },
        status=status,
    )


def _signer_users(user) -> list:
    """The users whose attestations `user` looks after: themselves when they sign, and for
    compliance staff every user linked to a signer of a registrant they see."""
    people = []
    if user.has_perm(SIGN.permission):
        people.append(user)
    if user.has_perm(UPLOAD_AUTHENTICATION.permission):
        linked = Signer.objects.filter(
            registrant__in=Registrant.objects.visible_to(user), user__isnull=False
        ).values("user")
        people += list(
            get_user_model().objects.filter(pk__in=linked).exclude(pk=user.pk).order_by("username")
        )
    return people


def attestation_list(request: HttpRequest, forms: dict | None = None, status: int = 200):
    """Template filings/attestations.html: for each signer the user looks after, their
    attestation (Rule 302(b)(2)) or a form to upload it. Context: entries (user, attestation,
    form)."""
    people = _signer_users(request.user)
    if not people:
        raise PermissionDenied
    attestations = {
        attestation.user_id: attestation
        for attestation in SignatureAttestation.objects.filter(
            user_id__in=[person.pk for person in people]
        ).defer("content")
    }
    forms = forms or {}
    entries = [
        {
            "person": person,
            "attestation": attestations.get(person.pk),
            "form": forms.get(person.pk) or SignedPdfForm(prefix=f"user-{person.pk}"),
        }
        for person in people
    ]
    return render(request, "filings/attestations.html", {"entries": entries}, status=status)


@require_POST
def attestation_upload_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """Upload a signer's manually signed attestation; errors are shown beside its form."""
    people = {person.pk: person for person in _signer_users(request.user)}
    signer_user = people.get(user_id)
    if signer_user is None or not may_upload_attestation(request.user, signer_user):
        raise Http404("No such signer")
    form = SignedPdfForm(request.POST, request.FILES, prefix=f"user-{user_id}")
    if form.is_valid():
        try:
            attestation_upload(signer_user=signer_user, user=request.user, content=form.content)
        except MoveRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, f"The attestation of {signer_user.get_username()} is on file."
            )
            return redirect("filings:attestations")
    return attestation_list(request, forms={user_id: form}, status=400)


def attestation_download(request: HttpRequest, user_id: int) -> HttpResponse:
    """A signer's attestation, as stored: for the signer and the compliance staff who look
    after them."""
    if user_id not in {person.pk for person in _signer_users(request.user)}:
        raise Http404("No such attestation")
    attestation = get_object_or_404(SignatureAttestation, user_id=user_id)
    return _pdf_response(bytes(attestation.content), attestation.filename)
