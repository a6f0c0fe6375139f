from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from filings import deadline_views
from filings.deadlines import EASTERN
from tests.browser.conftest import check_page, log_in
from tests.conftest import PASSWORD, make_registrant

# The live server needs committed data; the roles from the data migration are restored for
# each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_compliance_staff_land_on_the_coming_deadlines_and_download_a_calendar(
    page, compliance_user, lexington, monkeypatch
):
    # The live server runs in this process, so it sees the fixed day too.
    monkeypatch.setattr(deadline_views, "_today", lambda: date(2026, 4, 1))
    monkeypatch.setattr(deadline_views, "_now", lambda: datetime(2026, 4, 1, 9, tzinfo=EASTERN))
    make_registrant(
        name="Dune Outfitters Inc.",
        sec_file_number="000-40001",
        fiscal_year_end_month=12,
        fiscal_year_end_day=28,
    )
    log_in(page, compliance_user.username, PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="Dashboard")).to_have_attribute(
        "aria-current", "page"
    )
    rows = page.get_by_role("table", name="Coming report deadlines").get_by_role("row")
    expect(rows).to_have_count(5)  # the header and four reports
    expect(rows.nth(1)).to_contain_text("Dune Outfitters Inc.")
    expect(rows.nth(1)).to_contain_text(
        "Grace period 2 days past due. Grace period: 9 business days left: due Tuesday, April 14"
    )
    expect(rows.nth(2)).to_contain_text("Lexington Precision Corporation")
    expect(rows.nth(2)).to_contain_text(
        "Overdue 1 day past due. Form 12b-25: Due today: 8 h 30 min left before 5:30 p.m. Eastern"
    )
    expect(rows.nth(3)).to_contain_text("Form 10-Q")
    expect(rows.nth(3)).to_contain_text("29 business days left: due Tuesday, May 12")

    link = rows.nth(2).get_by_role("link", name="Lexington Precision Corporation", exact=True)
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lexington Precision Corporation")
    check_page(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download deadlines (.ics)").click()
    feed = Calendar.from_ical(Path(download.value.path()).read_bytes())
    starts = {str(event["uid"]): event.decoded("dtstart") for event in feed.walk("VEVENT")}
    uid = f"registrant-{lexington.pk}-10-K-20251231-notice-due@late-filing"
    assert starts[uid] == date(2026, 4, 1)
