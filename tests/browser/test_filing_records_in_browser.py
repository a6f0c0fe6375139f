"""Recording the EDGAR filing and the late report in a browser, and the dashboard of a busy
day: the day before Thanksgiving 2026."""

import os
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from filings import deadline_views
from filings.models import NoticeStatus
from tests.browser.conftest import check_page, follow, log_in
from tests.conftest import PASSWORD, make_registrant
from tests.notice_factory import eastern, file_notice, make_notice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Screenshots of the pages, for a person to look at, when SCREENSHOTS names a folder.
SCREENSHOTS = os.environ.get("SCREENSHOTS")


def shoot(page, name: str) -> None:
    if SCREENSHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_a_filing_after_5_30_pm_is_late_and_a_report_in_the_grace_period_keeps_it_timely(
    page, compliance_user, lexington
):
    late = make_notice(lexington)  # a 10-K; the notice was due Wednesday 1 April 2026
    other = make_registrant(name="Cedar Ridge Bancorp", sec_file_number="000-51234")
    timely = make_notice(other)
    log_in(page, compliance_user.username, PASSWORD)

    page.goto(f"/notices/{late.pk}/")
    check_page(page)
    form = page.locator("#filing-record")
    form.get_by_label("Accession number").fill("0001193125-26-12345")
    form.get_by_label("Acceptance date").fill("2026-04-01")
    form.get_by_label("Acceptance time (Eastern)").fill("17:30:01")
    follow(page, form.get_by_role("button", name="Record the EDGAR filing"))
    field = page.locator("#filing-record").get_by_label("Accession number")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#filing-record-accession_number-error")).to_contain_text(
        "##########-##-######"
    )
    field.fill("0001193125-26-123456")
    follow(
        page, page.locator("#filing-record").get_by_role("button", name="Record the EDGAR filing")
    )
    verdict = page.locator(".filing-verdict")
    expect(verdict).to_contain_text("Late")
    expect(verdict).to_contain_text("Filed 1 business day after the deadline")
    shoot(page, "notice-filed-late")

    page.goto(f"/notices/{timely.pk}/")
    check_page(page)
    form = page.locator("#filing-record")
    form.get_by_label("Accession number").fill("0001193125-26-200000")
    form.get_by_label("Acceptance date").fill("2026-04-01")
    form.get_by_label("Acceptance time (Eastern)").fill("17:29:59")
    follow(page, form.get_by_role("button", name="Record the EDGAR filing"))
    expect(page.locator(".filing-verdict")).to_contain_text("Timely")
    report = page.locator("#report-record")
    report.get_by_label("Accession number").fill("0001193125-26-200001")
    report.get_by_label("Filing date").fill("2026-04-15")
    follow(page, report.get_by_role("button", name="Record the report's filing"))
    expect(page.locator(".report-verdict")).to_contain_text("Within the grace period")
    shoot(page, "notice-report-recorded")

    page.goto(other.get_absolute_url())
    check_page(page)
    expect(page.locator(".consequences-panel")).to_contain_text("Timely filer")
    page.goto(lexington.get_absolute_url())
    check_page(page)
    shoot(page, "registrant-consequences")


def test_the_dashboard_the_day_before_thanksgiving(
    page, registrant_admin, lexington, compliance_user, monkeypatch
):
    now = eastern(2026, 11, 25, 10, 0)
    monkeypatch.setattr(deadline_views, "_today", lambda: now.date())
    monkeypatch.setattr(deadline_views, "_now", lambda: now)

    def q(period_end, **fields):
        return make_notice(lexington, form_type="10-Q", period_end=period_end, **fields)

    q(date(2026, 10, 10), status=NoticeStatus.IN_REVIEW)
    q(date(2026, 10, 11))
    q(date(2026, 10, 10))
    q(date(2026, 9, 30), status=NoticeStatus.APPROVED)
    file_notice(
        q(date(2026, 10, 10)), compliance_user, eastern(2026, 11, 25, 9, 0), "0000000001-26-000001"
    )
    file_notice(
        q(date(2026, 9, 30)), compliance_user, eastern(2026, 11, 17, 12, 0), "0000000001-26-000002"
    )
    q(date(2026, 10, 11), status=NoticeStatus.DRAFT)
    q(date(2026, 3, 31), status=NoticeStatus.DRAFT)
    log_in(page, registrant_admin.username, PASSWORD)

    signed = page.locator("#signed")
    expect(signed.get_by_role("row").nth(1)).to_contain_text(
        "Due today: 7 h 30 min left before 5:30 p.m. Eastern"
    )
    expect(signed.get_by_role("row").nth(2)).to_contain_text(
        "Due the next business day, Friday, November 27 (Thanksgiving Day in between)"
    )
    stale = page.locator("details.stale-notices")
    expect(stale.get_by_role("table")).to_be_hidden()
    stale.locator("summary").click()
    expect(stale.get_by_role("table")).to_be_visible()
    expect(stale).not_to_contain_text("Overdue")
    shoot(page, "dashboard-lifecycle")
