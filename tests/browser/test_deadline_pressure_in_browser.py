"""From a due date to a finished notice in few steps, by keyboard, on a phone; every page
checked with axe-core and for sideways scrolling (tests/browser/conftest.py)."""

import re
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from filings import deadline_views, wizard_views
from filings.models import Notice
from filings.services import notice_finalize, notice_version
from registrants.selectors import registrant_label
from tests import seed
from tests.browser.conftest import check_page, follow, log_in
from tests.conftest import PASSWORD
from tests.test_edgar_documents import make_notice
from tests.test_wizard import step_url, walk_to_review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# 1 April 2026, 10 a.m. Eastern: Lexington's 10-K for 2025 was due the day before.
NOW = datetime(2026, 4, 1, 14, 0, tzinfo=UTC)


@pytest.fixture
def fixed_clock(monkeypatch):
    # The live server runs in this process, so it sees the fixed time too.
    monkeypatch.setattr(deadline_views, "_today", lambda: NOW.date())
    monkeypatch.setattr(deadline_views, "_now", lambda: NOW)
    monkeypatch.setattr(wizard_views, "_now", lambda: NOW)


def tab_to(page, locator, *, presses: int = 120) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(presses):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {locator}")


@pytest.mark.parametrize("start", ["dashboard", "registrant page"])
def test_start_notice_on_a_coming_deadline_fills_in_the_report(
    page, compliance_user, lexington, fixed_clock, start
):
    log_in(page, compliance_user.username, PASSWORD)
    if start == "dashboard":
        expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    else:
        page.goto(f"/registrants/{lexington.pk}/")
        check_page(page)
    deadlines = page.get_by_role("table", name="Coming report deadlines")
    row = deadlines.get_by_role("row").filter(has_text="Annual report")
    expect(row).to_contain_text("Overdue")
    follow(page, row.get_by_role("link", name=re.compile(r"^Start notice")))

    expect(page.get_by_role("heading", level=1)).to_have_text("Report and period")
    expect(page.get_by_role("combobox", name="Registrant")).to_have_value(
        registrant_label(lexington)
    )
    expect(page.get_by_label("Form 10-K", exact=True)).to_be_checked()
    expect(page.get_by_label("For period ended")).to_have_value("2025-12-31")
    expect(page.get_by_role("combobox", name="Filer status for this period")).to_have_value(
        lexington.filer_status
    )
    expect(page.get_by_label("Planned filing date")).to_have_value("2026-04-01")
    # The notice deadline is today: the hours left before 5:30 p.m. Eastern, in words.
    expect(page.locator(".deadline-urgency")).to_have_text(
        "Form 12b-25 deadline. Due today: 7 h 30 min left before 5:30 p.m. Eastern"
    )
    follow(page, page.get_by_role("button", name="Next", exact=True))

    notice = Notice.objects.get()
    assert (notice.form_type, notice.period_end) == ("10-K", date(2025, 12, 31))
    assert notice.signature_date == date(2026, 4, 1)


def test_a_notice_is_completed_by_keyboard_alone(page, compliance_user, lexington):
    log_in(page, compliance_user.username, PASSWORD)
    tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Notices"))
    follow(page, key="Enter")
    tab_to(page, page.get_by_role("link", name="New notice", exact=True))
    follow(page, key="Enter")

    # The chooser takes the whole name typed (its suggestions need a pointer or arrow keys).
    tab_to(page, page.get_by_role("combobox", name="Registrant"))
    page.keyboard.type(lexington.name)
    expect(page.get_by_role("combobox", name="Registrant")).to_have_value(lexington.name)
    tab_to(page, page.get_by_label("Form 10-K", exact=True))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("For period ended"))
    page.keyboard.type("12/31/2025")
    follow(page, key="Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Part I — Registrant information")
    tab_to(page, page.get_by_label("Full name of registrant"))
    follow(page, key="Enter")

    # A group of radio buttons is one Tab stop; the arrow keys move to No.
    tab_to(page, page.locator("#id_relief_claimed_0"))
    page.keyboard.press("Space")
    tab_to(page, page.locator("#id_third_party_cause_0"))
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_third_party_cause_1")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Next", exact=True))
    follow(page, key="Enter")

    tab_to(page, page.get_by_label("Narrative"))
    page.keyboard.type(seed.NARRATIVE[:300])
    tab_to(page, page.get_by_role("button", name="Next", exact=True))
    follow(page, key="Enter")

    tab_to(page, page.locator("#id_other_reports_filed_0"))
    page.keyboard.press("Space")
    for question in ("significant_change", "restatement_expected"):
        tab_to(page, page.locator(f"#id_{question}_0"))
        page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_role("button", name="Next", exact=True))
    follow(page, key="Enter")

    # The date and the signer come from the planned filing date and the registrant.
    expect(page.get_by_role("heading", level=1)).to_have_text("Signature")
    tab_to(page, page.get_by_role("button", name="Next", exact=True))
    follow(page, key="Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Review the notice")
    expect(page.get_by_text("Nothing is missing")).to_be_visible()
    notice = Notice.objects.get()
    assert notice.narrative == seed.NARRATIVE[:300]
    assert notice.relief_claimed and notice.third_party_cause is False


def test_errors_are_summarized_in_page_order_and_lead_to_their_fields(
    page, compliance_user, lexington
):
    page.goto("/login/")
    check_page(page)
    page.get_by_label("Username").fill(compliance_user.username)
    page.get_by_label("Password").fill("not the password")
    follow(page, page.get_by_role("button", name="Log in"))
    expect(page).to_have_title(re.compile(r"^Error: Log in"))
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username")
    expect(page.get_by_label("Username")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    log_in(page, compliance_user.username, PASSWORD)

    page.goto(f"/notices/new/?registrant={lexington.pk}")
    check_page(page)
    page.get_by_label("For period ended").fill("12/31")
    page.get_by_role("combobox", name="Registrant").fill("")
    follow(page, page.get_by_role("button", name="Next", exact=True))
    expect(page).to_have_title(re.compile(r"^Error: Report and period"))
    links = page.locator("#error-summary").get_by_role("link")
    # In the order of the page: the registrant comes first, then the report and its period.
    expect(links).to_have_text(
        [
            "Choose the registrant.",
            "Choose the report that is late.",
            "Choose the filer status for this period.",
            re.compile(r"^For period ended: enter a full date"),
        ]
    )
    # The partly typed date is kept, beside its explanation.
    expect(page.get_by_label("For period ended")).to_have_value("12/31")
    links.nth(3).click()
    expect(page.get_by_label("For period ended")).to_be_focused()


def test_review_links_land_on_the_field_itself(page, compliance_user, lexington):
    notice = make_notice(lexington, narrative="")
    log_in(page, compliance_user.username, PASSWORD)
    page.goto(step_url(notice, "review"))
    check_page(page)
    problems = page.get_by_role("alert").filter(has_text="to fix before the notice")
    follow(page, problems.get_by_role("link", name="Part III — Narrative"))
    expect(page.get_by_label("Narrative")).to_be_focused()


def test_the_portion_box_sits_beside_its_label_when_the_transition_box_is_hidden(
    page, compliance_user, lexington
):
    log_in(page, compliance_user.username, PASSWORD)
    page.goto(f"/notices/new/?registrant={lexington.pk}")
    check_page(page)
    page.get_by_label("Form 10-D", exact=True).check()
    expect(page.get_by_label("This is a transition report")).to_be_hidden()
    box = page.locator("#id_is_portion").bounding_box()
    label = page.locator('label[for="id_is_portion"]').bounding_box()
    assert 0 < label["x"] - box["x"] < 40 and abs(label["y"] - box["y"]) < 20


def test_every_page_fits_a_phone(phone, registrant_admin, lexington):
    client = Client()
    client.force_login(User.objects.get(pk=registrant_admin.pk))
    draft = walk_to_review(client, lexington)
    final = make_notice(lexington)
    notice_finalize(notice=final, user=registrant_admin, reviewed_version=notice_version(final))
    log_in(phone, registrant_admin.username, PASSWORD)
    contact = lexington.default_contact
    pages = [
        "/registrants/",
        f"/registrants/{lexington.pk}/",
        "/registrants/new/",
        f"/registrants/{lexington.pk}/edit/",
        f"/registrants/{lexington.pk}/contacts/{contact.pk}/edit/",
        f"/registrants/{lexington.pk}/signers/new/",
        "/notices/",
        f"/notices/new/?registrant={lexington.pk}",
        *(step_url(draft, slug) for slug in ("report", "part-1", "part-2", "part-3", "part-4")),
        step_url(draft, "signature"),
        step_url(draft, "review"),
        f"/notices/{draft.pk}/edgar/",
        f"/notices/{final.pk}/",
        f"/notices/{final.pk}/edgar/",
        "/two-factor/",
    ]
    for path in pages:
        phone.goto(path)
        check_page(phone)
    phone.goto(step_url(draft, "review"))
    check_page(phone)
    mark = phone.locator(".notice-draft-mark").bounding_box()
    for text in phone.locator(".notice-cover > *").all():
        cover = text.bounding_box()
        overlaps = (
            mark["x"] < cover["x"] + cover["width"]
            and cover["x"] < mark["x"] + mark["width"]
            and mark["y"] < cover["y"] + cover["height"]
            and cover["y"] < mark["y"] + mark["height"]
        )
        assert not overlaps, "the DRAFT mark covers the cover's text"
