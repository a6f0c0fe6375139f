import pytest
from playwright.sync_api import expect

from registrants.history import HISTORY_PAGE_ENTRIES
from tests import seed
from tests.browser.conftest import check_page, follow, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_whole_history_is_reached_from_the_keyboard_on_a_phone(
    phone, compliance_user, seed_notice
):
    for version in range(1, HISTORY_PAGE_ENTRIES + 1):
        seed_notice.narrative = f"{seed.NARRATIVE} Version {version}."
        seed_notice.save()
    log_in(phone, compliance_user.username, PASSWORD)
    phone.goto(f"/notices/{seed_notice.pk}/review/")
    check_page(phone)
    link = phone.get_by_role("link", name="See the full history")
    for _ in range(100):
        phone.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    expect(link).to_be_focused()
    follow(phone, key="Enter")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "History of NT 10-K · Lexington Precision Corporation, period ended December 31, 2003"
    )
    entries = phone.locator(".history-entry")
    expect(entries).to_have_count(HISTORY_PAGE_ENTRIES)
    expect(entries.first).to_contain_text("Narrative changed by the system")
    follow(phone, phone.get_by_role("link", name="Older changes"))
    expect(entries).to_have_count(2)
    expect(entries.last).to_contain_text("Notice created by the system")
    follow(phone, phone.get_by_role("link", name="Newer changes"))
    expect(entries).to_have_count(HISTORY_PAGE_ENTRIES)
    follow(phone, phone.get_by_role("link", name="Back to the notice"))
