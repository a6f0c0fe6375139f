"""Signing an approved notice as Regulation S-T Rule 302(b) allows: electronic signatures
sealed into the signed authentication document, or the manually signed one uploaded."""

import datetime
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfReader

from filings.lifecycle import MoveRefused
from filings.models import (
    AuthenticationDocument,
    ElectronicSignature,
    Notice,
    NoticeEvent,
    NoticeStatus,
    OrganisationSeal,
    RecordRetained,
    SignatureAttestation,
)
from filings.seal import demo_seal, seal_pdf
from filings.services import notice_create
from filings.signing import notice_sign, signing_pdf
from tests.conftest import PASSWORD
from tests.lifecycle_pages import submit
from tests.signing_pages import (
    a_pdf,
    approve_with_signers,
    make_signer,
    put_attestation_on_file,
    seal_status,
    sign,
    sign_url,
    with_one_byte_changed,
)

pytestmark = pytest.mark.usefixtures("organisation_seal")


@pytest.fixture
def sam(db):
    signer = make_signer("sam")
    put_attestation_on_file(signer)
    return signer


@pytest.fixture
def sasha(db):
    signer = make_signer("sasha")
    put_attestation_on_file(signer)
    return signer


@pytest.fixture
def approved(compliance_client, reviewer_client, seed_notice, sam, sasha):
    """The seed notice approved, signed by Warren Delano (sam's row) and a second signer
    (sasha's row)."""
    return approve_with_signers(compliance_client, reviewer_client, seed_notice, [sam, sasha])


def browser_of(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def rows(notice):
    return list(notice.signers.order_by("pk"))


# Electronic signatures, sealed.


def test_two_signers_sign_and_the_sealed_document_validates(approved, sam, sasha):
    first, second = rows(approved)
    response = sign(browser_of(sam), approved, first)
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == NoticeStatus.APPROVED

    sign(browser_of(sasha), approved, second, REMOTE_ADDR="198.51.100.7")
    approved.refresh_from_db()
    assert approved.status == NoticeStatus.SIGNED
    document = AuthenticationDocument.objects.get(notice=approved)
    assert document.kind == AuthenticationDocument.Kind.SEALED
    status = seal_status(bytes(document.content))
    assert status.intact and status.valid and status.trusted
    assert not seal_status(with_one_byte_changed(bytes(document.content))).intact
    # The signing PDF's pages, then the signature page.
    signed_pages = PdfReader(BytesIO(bytes(signing_pdf(approved).content))).pages
    assert document.page_count == len(signed_pages) + 1
    # The signature page counts its own pages, not as if it were the document's only page.
    last_page = PdfReader(BytesIO(bytes(document.content))).pages[-1].extract_text()
    assert "Signature record, page 1 of 1" in last_page
    assert "\nPage 1 of 1" not in last_page


def test_each_signature_records_signer_time_address_and_the_pdf_signed(approved, sam):
    first = rows(approved)[0]
    before = timezone.now()
    browser_of(sam).post(
        sign_url(approved, first),
        {"password": PASSWORD, "pdf_sha256": signing_pdf(approved).sha256},
        REMOTE_ADDR="203.0.113.9",
    )
    signature = ElectronicSignature.objects.get(notice_signer=first)
    assert signature.user == sam and signature.signer_name == "Warren Delano"
    assert signature.signed_at >= before
    assert signature.ip_address == "203.0.113.9"
    assert signature.pdf_sha256 == signing_pdf(approved).sha256
    assert not signature.authenticator_code_checked
    event = approved.events.get(action=NoticeEvent.Action.SIGNATURE)
    assert event.user_name == "sam" and signature.pdf_sha256 in event.comment


def test_the_notice_page_shows_the_signatures_and_the_sealed_document(approved, sam, sasha):
    first, second = rows(approved)
    sign(browser_of(sam), approved, first)
    sign(browser_of(sasha), approved, second)
    document = AuthenticationDocument.objects.get(notice=approved)
    page = browser_of(sam).get(reverse("filings:resume", args=[approved.pk])).content.decode()
    assert document.sha256 in page
    assert "Signed electronically" in page  # the timeline's entries
    assert "Signed authentication document" in page
    download = browser_of(sasha).get(reverse("filings:authentication", args=[approved.pk]))
    assert download.status_code == 200
    assert download.content == bytes(document.content)


def test_the_signing_page_shows_the_exact_pdf_and_its_hash(approved, sam):
    first = rows(approved)[0]
    client = browser_of(sam)
    page = client.get(sign_url(approved, first)).content.decode()
    assert signing_pdf(approved).sha256 in page
    assert reverse("filings:signing_pdf", args=[approved.pk]) in page
    framed = client.get(reverse("filings:signing_pdf", args=[approved.pk]))
    assert framed.content == bytes(signing_pdf(approved).content)
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    assert framed["Content-Disposition"].startswith("inline")


def test_a_signer_with_two_factor_sign_in_gives_a_current_code(approved, sam, settings):
    # django-otp makes a user wait after a wrong code; this test does not wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    first = rows(approved)[0]
    device = TOTPDevice.objects.create(user=sam, name="app", confirmed=True)
    client = browser_of(sam)
    assert "Authenticator code" in client.get(sign_url(approved, first)).content.decode()
    wrong = sign(client, approved, first, authenticator_code="000000")
    assert wrong.status_code == 400
    assert "authenticator code is wrong" in wrong.content.decode()
    assert not ElectronicSignature.objects.exists()
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    device.refresh_from_db()
    right = sign(client, approved, first, authenticator_code=f"{totp.token():06d}")
    assert right.status_code == 302
    assert ElectronicSignature.objects.get().authenticator_code_checked


# Refusals: each is a page with the reason, never a 500, and nothing is recorded.


def test_a_wrong_password_is_refused_beside_the_field(approved, sam):
    response = sign(browser_of(sam), approved, rows(approved)[0], password="not-my-password")
    assert response.status_code == 400
    assert response.context["form"].errors["password"] == ["The password is wrong."]
    assert not ElectronicSignature.objects.exists()


def test_repeated_wrong_passwords_lock_signing_as_they_lock_the_login(approved, sam, settings):
    client = browser_of(sam)
    first = rows(approved)[0]
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign(client, approved, first, password="guess")
    locked = sign(client, approved, first)
    assert locked.status_code == 400
    assert "signing is locked for a while" in locked.content.decode()
    assert not ElectronicSignature.objects.exists()


def test_a_user_cannot_sign_another_signers_row(approved, sasha):
    response = sign(browser_of(sasha), approved, rows(approved)[0])
    assert response.status_code == 400
    assert "Only the user linked to Warren Delano" in response.content.decode()
    assert not ElectronicSignature.objects.exists()


def test_a_signer_without_an_attestation_is_told_what_is_missing(
    compliance_client, reviewer_client, seed_notice
):
    newcomer = make_signer("nina")
    notice = approve_with_signers(compliance_client, reviewer_client, seed_notice, [newcomer])
    client = browser_of(newcomer)
    page = client.get(sign_url(notice, rows(notice)[0])).content.decode()
    assert "attestation (Regulation S-T Rule 302(b)(2)) is not on file" in page
    assert reverse("filings:attestations") in page
    response = sign(client, notice, rows(notice)[0])
    assert response.status_code == 400
    assert not ElectronicSignature.objects.exists()


def test_a_signer_signs_once(approved, sam):
    client = browser_of(sam)
    first = rows(approved)[0]
    sign(client, approved, first)
    again = sign(client, approved, first)
    assert again.status_code == 400
    assert "has already signed" in again.content.decode()
    assert ElectronicSignature.objects.count() == 1


def test_a_forged_hash_of_the_pdf_is_refused(approved, sam):
    response = sign(browser_of(sam), approved, rows(approved)[0], pdf_sha256="0" * 64)
    assert response.status_code == 400
    assert not ElectronicSignature.objects.exists()


@pytest.mark.parametrize(
    "forged",
    [{}, {"password": "x" * 5000}, {"pdf_sha256": "x" * 500, "password": PASSWORD}],
)
def test_a_forged_signing_form_is_a_page_error(approved, sam, forged):
    response = browser_of(sam).post(sign_url(approved, rows(approved)[0]), forged)
    assert response.status_code == 400
    assert not ElectronicSignature.objects.exists()


def test_a_signer_row_of_another_notice_or_none_is_not_found(approved, sam):
    client = browser_of(sam)
    assert client.get(reverse("filings:sign", args=[approved.pk, 999999])).status_code == 404


def test_a_notice_not_approved_is_not_signed(compliance_client, seed_notice, sam):
    row = rows(seed_notice)[0]
    row.user = sam
    row.save()
    assert browser_of(sam).get(sign_url(seed_notice, row)).url == seed_notice.get_absolute_url()
    submit(compliance_client, seed_notice)
    seed_notice.refresh_from_db()
    assert seed_notice.status == NoticeStatus.IN_REVIEW
    with pytest.raises(MoveRefused, match="in review"):
        notice_sign(
            notice=seed_notice,
            notice_signer_id=row.pk,
            user=sam,
            password=PASSWORD,
            authenticator_code="",
            pdf_sha256="",
            ip_address=None,
        )


def test_a_signed_notice_is_not_signed_again(approved, sam, sasha):
    first, second = rows(approved)
    sign(browser_of(sam), approved, first)
    sign(browser_of(sasha), approved, second)
    again = sign(browser_of(sam), approved, first)
    assert again.status_code == 400
    assert ElectronicSignature.objects.count() == 2


def test_signing_needs_the_permission_to_sign(approved, compliance_client):
    page = compliance_client.get(sign_url(approved, rows(approved)[0]))
    assert "You do not have the permission to sign notices." in page.content.decode()
    assert 'name="password"' not in page.content.decode()
    response = sign(compliance_client, approved, rows(approved)[0])
    assert response.status_code == 400
    assert not ElectronicSignature.objects.exists()


def test_a_signer_of_another_team_does_not_see_the_notice(approved):
    from tests.conftest import OTHER_TEAM, team

    stranger = make_signer("stan")
    stranger.groups.remove(*stranger.groups.filter(name="Team Lexington"))
    stranger.groups.add(team(OTHER_TEAM))
    client = browser_of(stranger)
    assert client.get(sign_url(approved, rows(approved)[0])).status_code == 404
    assert client.get(reverse("filings:signing_pdf", args=[approved.pk])).status_code == 404


# The manually signed authentication document.


def upload_authentication(client, notice, content: bytes, name: str = "signed.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("filings:authentication_upload", args=[notice.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_uploading_the_manually_signed_document_signs_the_notice(approved, compliance_client):
    content = bytes(signing_pdf(approved).content)
    response = upload_authentication(compliance_client, approved, content)
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == NoticeStatus.SIGNED
    document = AuthenticationDocument.objects.get(notice=approved)
    assert document.kind == AuthenticationDocument.Kind.MANUAL
    assert bytes(document.content) == content and document.warnings == []
    event = approved.events.get(action=NoticeEvent.Action.SIGNED)
    assert event.user_name == "casey" and document.sha256 in event.comment


def test_a_document_that_does_not_match_the_notice_is_kept_with_warnings(
    approved, compliance_client
):
    response = upload_authentication(compliance_client, approved, a_pdf("Something else"))
    assert response.status_code == 302
    document = AuthenticationDocument.objects.get(notice=approved)
    assert len(document.warnings) == 2
    assert "It has 1 page; the PDF to sign has" in document.warnings[0]
    assert "Lexington Precision Corporation" in document.warnings[1]
    page = compliance_client.get(reverse("filings:resume", args=[approved.pk])).content.decode()
    assert "did not match the notice" in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("signed.pdf", b"MZ\x90\x00 not a PDF at all"),
        ("signed.pdf", b"%PDF-1.7\nbroken beyond repair"),
        ("signed.exe", b"%PDF-1.7\n"),
    ],
)
def test_a_forged_upload_that_is_not_a_pdf_is_refused_beside_the_field(
    approved, compliance_client, name, content
):
    response = upload_authentication(compliance_client, approved, content, name)
    assert response.status_code == 400
    assert response.context["authentication_form"].errors["file"]
    approved.refresh_from_db()
    assert approved.status == NoticeStatus.APPROVED
    assert not AuthenticationDocument.objects.exists()


def test_uploading_needs_the_permission_and_an_approved_notice(
    approved, reviewer_client, compliance_client, seed_notice
):
    assert upload_authentication(reviewer_client, approved, a_pdf()).status_code == 403
    upload_authentication(compliance_client, approved, a_pdf())
    again = upload_authentication(compliance_client, approved, a_pdf())
    assert again.status_code == 400
    assert "signed now" in again.content.decode()
    assert AuthenticationDocument.objects.count() == 1


# Attestations (Rule 302(b)(2)).


def upload_attestation(client, user, content: bytes, name: str = "attestation.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("filings:attestation_upload", args=[user.pk]),
        {f"user-{user.pk}-file": SimpleUploadedFile(name, content)},
    )


def test_a_signer_uploads_their_own_attestation_once(db):
    signer = make_signer("nina")
    client = browser_of(signer)
    assert "Not on file" in client.get(reverse("filings:attestations")).content.decode()
    assert upload_attestation(client, signer, a_pdf("I attest")).status_code == 302
    attestation = SignatureAttestation.objects.get(user=signer)
    assert attestation.uploaded_by_name == "nina" and len(attestation.sha256) == 64
    page = client.get(reverse("filings:attestations")).content.decode()
    assert attestation.sha256 in page
    assert client.get(attestation.get_absolute_url()).content == bytes(attestation.content)
    # Gone from the page, a forged second upload is refused and changes nothing.
    again = upload_attestation(client, signer, a_pdf("Another"))
    assert again.status_code == 400
    assert "The attestation of nina is already on file; it is kept as it is." in (
        again.content.decode()
    )
    assert SignatureAttestation.objects.get(user=signer).sha256 == attestation.sha256


def test_compliance_uploads_the_attestation_of_a_linked_signer(compliance_client, lexington):
    signer = make_signer("nina")
    lexington_signer = lexington.signers.get()
    lexington_signer.user = signer
    lexington_signer.save()
    assert "nina" in compliance_client.get(reverse("filings:attestations")).content.decode()
    assert upload_attestation(compliance_client, signer, a_pdf()).status_code == 302
    assert SignatureAttestation.objects.get(user=signer).uploaded_by_name == "casey"


def test_attestations_of_others_are_out_of_reach(db, outsider, colleague, sam):
    other = make_signer("nina")
    assert upload_attestation(browser_of(other), sam, a_pdf()).status_code == 404
    assert browser_of(other).get(reverse("filings:attestation", args=[sam.pk])).status_code == 404
    # compliance of another team looks after no signer of these registrants
    assert upload_attestation(browser_of(colleague), other, a_pdf()).status_code == 404
    assert browser_of(outsider).get(reverse("filings:attestations")).status_code == 403


def test_an_attestation_that_is_not_a_pdf_is_refused_beside_the_field(db):
    signer = make_signer("nina")
    response = upload_attestation(browser_of(signer), signer, b"<html>not a pdf</html>")
    assert response.status_code == 400
    assert "not a PDF" in response.content.decode()
    assert not SignatureAttestation.objects.exists()


# Retention and immutability.


def an_old_moment(years: int):
    return timezone.now() - datetime.timedelta(days=365 * years + 2)


def test_authentication_documents_are_kept_five_years_by_every_path(
    approved, compliance_client, admin_client
):
    upload_authentication(compliance_client, approved, a_pdf())
    document = AuthenticationDocument.objects.get()
    with pytest.raises(RecordRetained):
        document.delete()
    with pytest.raises(RecordRetained):
        AuthenticationDocument.objects.all().delete()
    delete_url = reverse("admin:filings_authenticationdocument_delete", args=[document.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = admin_client.get(reverse("admin:filings_authenticationdocument_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    assert AuthenticationDocument.objects.filter(pk=document.pk).exists()


def test_attestations_are_kept_seven_years_after_the_last_signature(sam, admin_client):
    attestation = SignatureAttestation.objects.get(user=sam)
    with pytest.raises(RecordRetained):
        attestation.delete()
    with pytest.raises(RecordRetained):
        SignatureAttestation.objects.filter(pk=attestation.pk).delete()
    delete_url = reverse("admin:filings_signatureattestation_delete", args=[attestation.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert SignatureAttestation.objects.filter(pk=attestation.pk).exists()


def test_records_past_their_retention_may_be_deleted_and_no_earlier(db, admin_client):
    signer = make_signer("olga")
    old = SignatureAttestation.objects.create(
        user=signer,
        user_name="olga",
        filename="a.pdf",
        content=a_pdf(),
        sha256="0" * 64,
        uploaded_at=an_old_moment(7),
        uploaded_by_name="olga",
    )
    nearly = SignatureAttestation.objects.create(
        user=make_signer("pia"),
        user_name="pia",
        filename="b.pdf",
        content=a_pdf(),
        sha256="1" * 64,
        uploaded_at=an_old_moment(6),
        uploaded_by_name="pia",
    )
    with pytest.raises(RecordRetained):
        nearly.delete()
    delete_url = reverse("admin:filings_signatureattestation_delete", args=[old.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not SignatureAttestation.objects.filter(pk=old.pk).exists()


def test_stored_signing_records_never_change(approved, sam):
    sign(browser_of(sam), approved, rows(approved)[0])
    signature = ElectronicSignature.objects.get()
    signature.ip_address = "192.0.2.1"
    with pytest.raises(RecordRetained):
        signature.save()
    with pytest.raises(RecordRetained):
        ElectronicSignature.objects.update(ip_address="192.0.2.1")
    with pytest.raises(RecordRetained):
        signature.delete()
    with pytest.raises(RecordRetained):
        SignatureAttestation.objects.update(sha256="0" * 64)
    assert ElectronicSignature.objects.get().ip_address == "127.0.0.1"


# The organisation's seal.


def test_the_demo_seal_is_made_once_and_kept(settings, db):
    settings.SEAL_PKCS12_PATH = ""
    first = demo_seal()
    assert demo_seal().pk == first.pk
    assert OrganisationSeal.objects.count() == 1
    sealed = seal_pdf(a_pdf(), reason="test")
    status = seal_status(sealed)
    assert status.intact and status.trusted


# Linking signers to users.


def test_the_registrant_signer_links_a_signing_user_copied_onto_new_notices(
    registrant_admin, lexington, compliance_user
):
    signer_user = make_signer("nina")
    registrant_signer = lexington.signers.get()
    url = reverse("registrants:person_edit", args=[lexington.pk, "signers", registrant_signer.pk])
    response = browser_of(registrant_admin).post(
        url,
        {
            "name": registrant_signer.name,
            "title": registrant_signer.title,
            "is_executive_officer": "on",
            "user": signer_user.pk,
            "make_default": "on",
        },
    )
    assert response.status_code == 302
    registrant_signer.refresh_from_db()
    assert registrant_signer.user == signer_user
    notice = notice_create(
        registrant=lexington,
        answers={"form_type": "10-K", "period_end": datetime.date(2025, 12, 31)},
        copy_previous=False,
        saved_step="report",
        signature_date=datetime.date(2026, 1, 5),
        user=compliance_user,
    )
    assert notice.signers.get().user == signer_user


def test_the_demo_signer_signs_the_demo_notice_sealed_by_the_demo_seal(db, settings):
    settings.DEBUG = True
    settings.SEAL_PKCS12_PATH = ""
    call_command("load_demo")
    notice = Notice.objects.get(registrant__name="Lexington Precision Corporation")
    signer = User.objects.get(username="signer")
    client = Client()
    client.force_login(signer)
    response = sign(client, notice, notice.signers.get(), password="signer-demo")
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SIGNED
    document = AuthenticationDocument.objects.get(notice=notice)
    assert seal_status(bytes(document.content)).intact
