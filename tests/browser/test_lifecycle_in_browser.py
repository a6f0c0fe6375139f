"""The whole lifecycle of a notice in Chromium, as its people work it: the preparer submits,
a reviewer sends it back with a comment, the preparer fixes it, the reviewer approves, two
signers sign electronically, the sealed authentication document validates, and the EDGAR
filing and the late report are recorded."""

import hashlib
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from filings.models import NoticeSigner, NoticeStatus
from filings.selectors import deadlines_of_notice
from filings.wizard import REVIEW, STEPS_BY_SLUG, step_url
from tests.browser.conftest import check_page, follow, log_in
from tests.browser.test_signing_in_browser import sign_in_browser
from tests.conftest import PASSWORD
from tests.signing_pages import (
    make_signer,
    put_attestation_on_file,
    seal_status,
    with_one_byte_changed,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_out(page) -> None:
    follow(page, page.get_by_role("button", name="Log out"))


def visit(page, url: str) -> None:
    page.goto(url)
    check_page(page)


def test_from_draft_to_filed_with_a_late_notice(
    page, organisation_seal, compliance_user, reviewer, seed_notice
):
    # The seed notice, for the year 2025: its consequences still run today.
    notice = seed_notice
    notice.period_end = date(2025, 12, 31)
    notice.signature_date = date(2026, 3, 31)
    notice.save()
    sam, sasha = make_signer("sam"), make_signer("sasha")
    for signer in (sam, sasha):
        put_attestation_on_file(signer)
    row = notice.signers.get()
    row.user = sam
    row.save()
    NoticeSigner.objects.create(notice=notice, name="Sasha Lee", title="Director", user=sasha)
    deadlines = deadlines_of_notice(notice)

    # The preparer submits the notice from its review page.
    log_in(page, compliance_user.username, PASSWORD)
    visit(page, step_url(notice, REVIEW))
    page.get_by_label("Note for the reviewer (optional)").fill("Ready for counsel.")
    # The bar with the next action stays in view wherever the page is scrolled to.
    bar = page.get_by_role("region", name="Where the notice stands")
    page.mouse.wheel(0, 1500)
    expect(bar.get_by_role("button", name="Submit for review")).to_be_in_viewport()
    # Pressed from the keyboard: a click just after the page scrolled was once lost under load
    # (no request sent), as on the signing page (test_signing_in_browser.py).
    bar.get_by_role("button", name="Submit for review").focus()
    follow(page, key="Enter")
    expect(page.get_by_text("In review: nobody can change it")).to_be_visible()
    log_out(page)

    # The reviewer sends it back about Part III; without a comment, the field says why.
    log_in(page, reviewer.username, PASSWORD)
    visit(page, f"/notices/{notice.pk}/")
    expect(page.get_by_text("Ready for counsel.")).to_be_visible()
    # From the bar, "Send back" brings the reviewer to the comment it needs.
    page.get_by_role("region", name="Approve or send back").get_by_role("link").click()
    expect(page.get_by_label("Comment")).to_be_focused()
    follow(page, page.get_by_role("button", name="Send back to draft"))
    expect(page.locator("#comment-error")).to_contain_text("Say what must change")
    page.get_by_label("Comment").fill("Name the date the lenders must agree by.")
    page.get_by_label("The step to change").select_option("part-3")
    follow(page, page.get_by_role("button", name="Send back to draft"))
    expect(page.get_by_text("A draft, being prepared.")).to_be_visible()
    log_out(page)

    # The preparer sees the comment on Part III, fixes it and submits again.
    log_in(page, compliance_user.username, PASSWORD)
    visit(page, step_url(notice, STEPS_BY_SLUG["part-3"]))
    expect(page.get_by_text("Name the date the lenders must agree by.")).to_be_visible()
    narrative = page.get_by_role("textbox", name="Narrative")
    narrative.fill(narrative.input_value() + " The lenders must agree by April 9.")
    follow(page, page.locator("button[name=action][value=next]:not(.visually-hidden)"))
    visit(page, step_url(notice, REVIEW))
    follow(page, page.get_by_role("button", name="Submit for review").last)
    log_out(page)

    # The reviewer reads the whole notice and approves from the bar that stays in view: the
    # notice is final.
    log_in(page, reviewer.username, PASSWORD)
    visit(page, f"/notices/{notice.pk}/")
    review_bar = page.get_by_role("region", name="Approve or send back")
    page.mouse.wheel(0, 3000)
    expect(review_bar.get_by_role("button", name="Approve")).to_be_in_viewport()
    follow(page, review_bar.get_by_role("button", name="Approve"))
    expect(page.get_by_text("The notice is approved and final.")).to_be_visible()
    expect(page.get_by_role("link", name="Download the PDF to sign")).to_have_class(
        "btn btn-primary"
    )
    log_out(page)

    # Both signers sign; the last signature seals the authentication document.
    sign_in_browser(page, "sam", "Warren Delano")
    sign_in_browser(page, "sasha", "Sasha Lee")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SIGNED

    log_in(page, compliance_user.username, PASSWORD)
    visit(page, f"/notices/{notice.pk}/")
    panel = page.get_by_role("region", name="Signed authentication document")
    with page.expect_download() as download:
        panel.get_by_role("link", name="-signed.pdf").click()
    sealed = Path(download.value.path()).read_bytes()
    expect(panel).to_contain_text(hashlib.sha256(sealed).hexdigest())
    status = seal_status(sealed)
    assert status.intact and status.valid and status.trusted
    assert not seal_status(with_one_byte_changed(sealed)).intact

    # EDGAR accepted it one second after 5:30 p.m. Eastern on the deadline day: late
    # (Regulation S-T Rule 13(a)(2)).
    form = page.locator("#filing-record")
    form.get_by_label("Accession number").fill("0000950123-04-003871")
    form.get_by_label("Acceptance date").fill(deadlines.notice_due.isoformat())
    form.get_by_label("Acceptance time (Eastern)").fill("17:30:01")
    follow(page, form.get_by_role("button", name="Record the EDGAR filing"))
    expect(page.locator(".filing-verdict")).to_contain_text("Late")

    # The report comes within what would have been the grace period, but a late notice earns
    # none (Rule 12b-25(b)): the report is late and the registrant loses its timely status.
    report = page.locator("#report-record")
    report.get_by_label("Accession number").fill("0000950123-04-004412")
    report.get_by_label("Filing date").fill(deadlines.grace_end.isoformat())
    follow(page, report.get_by_role("button", name="Record the report's filing"))
    expect(page.locator(".report-verdict")).to_contain_text("Late")
    timeline = page.get_by_role("region", name="Timeline")
    for action in ("Submitted for review", "Sent back to draft", "Approved", "Filing recorded"):
        expect(timeline).to_contain_text(action)
    visit(page, notice.registrant.get_absolute_url())
    expect(page.locator(".consequences-panel")).to_contain_text("Form S-3 not available until")
