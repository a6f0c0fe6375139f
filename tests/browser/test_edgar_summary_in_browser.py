from pathlib import Path

import pytest
from playwright.sync_api import expect

from filings.edgar_validator import validate_edgar_html
from tests.browser.conftest import check_page, follow, log_in
from tests.conftest import PASSWORD
from tests.test_edgar_documents import make_notice, visible_text
from tests.test_wizard import step_url

# The live server needs committed data; the roles from the data migration are restored for
# each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_filing_summary_opens_from_the_review_and_its_files_match_their_hashes(
    page, compliance_user, lexington
):
    notice = make_notice(lexington)
    log_in(page, compliance_user.username, PASSWORD)
    page.goto(step_url(notice, "review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Review the notice")
    check_page(page)

    follow(page, page.get_by_role("link", name="EDGAR filing summary"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Filing on EDGAR")
    expect(page.get_by_text("This notice is a draft")).to_be_visible()
    header = page.get_by_role("region", name="Submission header")
    expect(header).to_contain_text("NT 10-K")
    expect(header).to_contain_text("12-31-2003")

    rows = page.get_by_role("table", name="Files to attach").get_by_role("row")
    expect(rows).to_have_count(4)  # the header, the .htm, the .txt, the unofficial PDF
    primary = rows.nth(1)
    expect(primary).to_contain_text("Notification of late filing (Form 12b-25)")
    expect(primary).to_contain_text("nt10k-2003-12-31-draft.htm")

    with page.expect_download() as download:
        primary.get_by_role("link", name="nt10k-2003-12-31-draft.htm").click()
    content = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "nt10k-2003-12-31-draft.htm"
    assert validate_edgar_html(content) == []
    assert "Lexington Precision Corporation" in visible_text(content)

    follow(page, page.get_by_role("link", name="Back to the review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Review the notice")


def test_a_copy_button_copies_its_value_by_keyboard_and_says_so(page, compliance_user, lexington):
    notice = make_notice(lexington)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, compliance_user.username, PASSWORD)
    page.goto(f"/notices/{notice.pk}/edgar/")
    check_page(page)
    button = page.get_by_role("button", name="Copy Submission type")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == "NT 10-K"
    page.get_by_role("button", name="Copy Period").focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == "12-31-2003"
