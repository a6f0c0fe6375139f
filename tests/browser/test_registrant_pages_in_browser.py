import pytest
from playwright.sync_api import expect

from registrants.models import Registrant
from tests.browser.conftest import check_page, follow, log_in
from tests.conftest import PASSWORD

# The live server needs committed data; the roles from the data migration are restored for
# each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_registrant_admin_fixes_a_bad_cusip_and_creates_a_registrant(page, registrant_admin):
    log_in(page, registrant_admin.username, PASSWORD)
    follow(
        page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Registrants")
    )
    follow(page, page.get_by_role("link", name="New registrant"))
    page.get_by_label("Name as specified in charter").fill("Harborview Analytics, Inc.")
    page.get_by_label("Street and number").fill("200 Seaport Boulevard")
    page.get_by_label("City").fill("Boston")
    page.get_by_label("State or province").fill("MA")
    page.get_by_label("ZIP or postal code").fill("02210")
    page.get_by_label("CIK").fill("1990101")
    page.get_by_label("SEC file number").fill("001-38412")
    page.get_by_label("CUSIP").fill("313586108")
    page.get_by_label("Filer status").select_option(label="Large accelerated filer")
    follow(page, page.get_by_role("button", name="Save registrant"))

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        "This CUSIP's check digit does not match; check for a mistyped character."
    )
    cusip = page.get_by_label("CUSIP")
    expect(cusip).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_cusip ~ .invalid-feedback")).to_contain_text("check digit")
    expect(page.get_by_label("Name as specified in charter")).to_have_value(
        "Harborview Analytics, Inc."
    )
    assert not Registrant.objects.exists()

    cusip.fill("41238A105")
    follow(page, page.get_by_role("button", name="Save registrant"))
    expect(page.get_by_role("status")).to_contain_text(
        "Registrant Harborview Analytics, Inc. created."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Harborview Analytics, Inc.")
    expect(page.get_by_role("cell", name="0001990101")).to_be_visible()


def test_compliance_staff_read_registrants_but_are_offered_no_edits(
    page, compliance_user, lexington
):
    log_in(page, compliance_user.username, PASSWORD)
    navigation = page.get_by_role("navigation", name="Main")
    follow(page, navigation.get_by_role("link", name="Registrants"))
    expect(page.get_by_role("heading", name="Registrants")).to_be_visible()
    expect(navigation.get_by_role("link", name="Registrants")).to_have_attribute(
        "aria-current", "page"
    )
    expect(navigation.get_by_role("link", name="Admin")).to_have_count(0)
    expect(page.get_by_role("link", name="New registrant")).to_have_count(0)

    page.get_by_role("searchbox", name="Search").fill("0-3252")
    follow(page, page.get_by_role("button", name="Search"))
    follow(page, page.get_by_role("link", name="Lexington Precision Corporation"))
    expect(page.get_by_role("cell", name="(212) 319-4657")).to_be_visible()
    expect(page.get_by_role("link", name="Edit registrant")).to_have_count(0)
    expect(page.get_by_role("button", name="Remove Warren Delano")).to_have_count(0)

    page.goto("/registrants/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission for this")
    check_page(page)


def test_a_logged_out_user_returns_to_the_page_they_asked_for(page, compliance_user, lexington):
    page.goto(f"/registrants/{lexington.pk}/")
    expect(page).to_have_url(f"/login/?next=/registrants/{lexington.pk}/")
    check_page(page)
    page.get_by_label("Username").fill(compliance_user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lexington Precision Corporation")
    check_page(page)
    follow(page, page.get_by_role("button", name="Log out"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def test_keyboard_users_can_skip_to_the_main_content(page, compliance_user):
    log_in(page, compliance_user.username, PASSWORD)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_a_registrant_admin_removes_a_contact_after_confirming(page, registrant_admin, lexington):
    log_in(page, registrant_admin.username, PASSWORD)
    page.goto(f"/registrants/{lexington.pk}/")
    check_page(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Remove Warren Delano").first.click()
    expect(page.get_by_role("cell", name="(212) 319-4657")).to_be_visible()
    assert lexington.contacts.count() == 1

    page.once("dialog", lambda dialog: dialog.accept())
    follow(page, page.get_by_role("button", name="Remove Warren Delano").first)
    expect(page.get_by_role("status")).to_contain_text("Contact Warren Delano removed.")
    expect(page.get_by_text("No contact yet.")).to_be_visible()
