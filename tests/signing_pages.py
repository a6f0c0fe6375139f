"""Signing through the pages, as a signer's browser posts it, and checking the seal."""

from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from filings.models import Notice, NoticeSigner
from filings.pdf import html_to_pdf
from filings.seal import seal_certificate
from filings.signing import attestation_upload
from registrants.roles import SIGNERS
from tests.conftest import PASSWORD, TEAM, make_user, team
from tests.lifecycle_pages import submit_and_approve


def make_signer(username: str) -> User:
    """A user of the Signers role on the team of the test registrants."""
    user = make_user(username, SIGNERS)
    user.groups.add(team(TEAM))
    return user


def a_pdf(text: str = "Signed by hand") -> bytes:
    return html_to_pdf(f"<p>{text}</p>")


def put_attestation_on_file(signer: User) -> None:
    attestation_upload(signer_user=signer, user=signer, content=a_pdf("I attest."))


def approve_with_signers(
    preparer: Client, reviewer: Client, notice: Notice, signers: list[User]
) -> Notice:
    """The draft `notice` with one signer row per user (the first replaces its own signer's
    link), submitted and approved."""
    rows = list(notice.signers.all())
    for position, user in enumerate(signers):
        if position < len(rows):
            rows[position].user = user
            rows[position].save()
        else:
            NoticeSigner.objects.create(
                notice=notice, name=f"Signer {user.username.title()}", title="Director", user=user
            )
    return submit_and_approve(preparer, reviewer, notice)


def sign_url(notice: Notice, row: NoticeSigner) -> str:
    return reverse("filings:sign", args=[notice.pk, row.pk])


def sign(client: Client, notice: Notice, row: NoticeSigner, **fields):
    """Post the signing form of `row` with the page's hash, the test password and `fields`."""
    page = client.get(sign_url(notice, row))
    initial = page.context["form"]["pdf_sha256"].value() if page.context else ""
    data = {"pdf_sha256": initial, "password": PASSWORD, "authenticator_code": "", **fields}
    return client.post(sign_url(notice, row), data)


def seal_status(content: bytes):
    """pyHanko's verdict on the seal of `content`, trusting the organisation's certificate.
    It runs in a thread of its own: pyHanko starts an event loop, and Playwright's synchronous
    API keeps one running in the test's thread."""

    def validate():
        reader = PdfFileReader(BytesIO(content))
        [seal] = reader.embedded_signatures
        return validate_pdf_signature(seal, ValidationContext(trust_roots=[certificate]))

    certificate = seal_certificate()
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(validate).result()


def with_one_byte_changed(content: bytes) -> bytes:
    """The file with one byte changed: the case of the first letter of its producer's name, so
    the file still reads as a PDF and only the seal can tell."""
    changed = bytearray(content)
    position = content.index(b"/Producer (") + len(b"/Producer (")
    changed[position] ^= 0x20
    return bytes(changed)


def linked_signer_with_attestation(registrant) -> User:
    """The user who signs electronically as the registrant's signer, with their attestation
    on file (made on the first call)."""
    signer = registrant.signers.get()
    if signer.user is None:
        signer.user = make_signer(f"signs-for-{registrant.pk}")
        signer.save()
        put_attestation_on_file(signer.user)
    return signer.user
