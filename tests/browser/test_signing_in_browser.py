import hashlib
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from filings.models import NoticeStatus
from tests.browser.conftest import check_page, follow, log_in
from tests.conftest import PASSWORD
from tests.signing_pages import (
    a_pdf,
    approve_with_signers,
    make_signer,
    put_attestation_on_file,
    seal_status,
    with_one_byte_changed,
)

# The live server needs committed data; the roles from the data migration are restored for
# each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in_browser(page, username: str, signer_name: str) -> None:
    log_in(page, username, PASSWORD)
    page.goto("/notices/")
    check_page(page)
    follow(page, page.get_by_role("link", name="Lexington Precision Corporation").first)
    follow(page, page.get_by_role("link", name=f"Sign as {signer_name}"))
    expect(page.get_by_title("The PDF to sign")).to_be_visible()
    expect(page.get_by_role("button", name=f"Sign electronically as {signer_name}")).to_be_visible()
    page.get_by_label("Your password").fill(PASSWORD)
    # Enter in the password field submits the form. A mouse click on the button was now and
    # then lost in headless Chromium while the PDF viewer in the iframe above it started (no
    # request was sent, in CI and here about once in 30 runs).
    follow(page, key="Enter")
    expect(page.get_by_role("status")).to_contain_text(f"You signed as {signer_name}")
    follow(page, page.get_by_role("button", name="Log out"))


def test_two_signers_sign_and_the_sealed_document_downloads_and_validates(
    page,
    organisation_seal,
    compliance_user,
    reviewer,
    seed_notice,
    tmp_path,
):
    preparer, approver = Client(), Client()
    preparer.force_login(compliance_user)
    approver.force_login(reviewer)
    sam, sasha = make_signer("sam"), make_signer("sasha")
    put_attestation_on_file(sam)
    notice = approve_with_signers(preparer, approver, seed_notice, [sam, sasha])

    sign_in_browser(page, "sam", "Warren Delano")

    # sasha's attestation is not on file yet: the notice page says so and links to the page.
    log_in(page, "sasha", PASSWORD)
    page.goto(f"/notices/{notice.pk}/")
    check_page(page)
    expect(
        page.get_by_text("attestation (Regulation S-T Rule 302(b)(2)) is not on file")
    ).to_be_visible()
    follow(page, page.get_by_role("link", name="Attestations", exact=True))
    attestation = tmp_path / "attestation.pdf"
    attestation.write_bytes(a_pdf("I attest."))
    page.get_by_label("Not on file").set_input_files(attestation)
    follow(page, page.get_by_role("button", name="Upload"))
    expect(page.get_by_text("On file since")).to_be_visible()
    follow(page, page.get_by_role("button", name="Log out"))

    sign_in_browser(page, "sasha", "Signer Sasha")

    log_in(page, "casey", PASSWORD)
    page.goto(f"/notices/{notice.pk}/")
    check_page(page)
    panel = page.get_by_role("region", name="Signed authentication document")
    expect(panel).to_contain_text("Signed electronically, sealed by the product")
    with page.expect_download() as download:
        panel.get_by_role("link", name="-signed.pdf").click()
    content = Path(download.value.path()).read_bytes()
    expect(panel).to_contain_text(hashlib.sha256(content).hexdigest())
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SIGNED
    status = seal_status(content)
    assert status.intact and status.valid and status.trusted
    assert not seal_status(with_one_byte_changed(content)).intact
