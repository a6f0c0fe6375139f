import pytest
from playwright.sync_api import expect

from registrants.selectors import registrant_label
from tests import seed
from tests.browser.conftest import check_page, follow, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TRANSITION_FORMS = {"10-K", "20-F", "11-K", "10-Q"}


def field(page, name: str):
    """The crispy container of a field, to scope Yes/No radios to their question."""
    return page.locator(f"#div_id_{name}")


def next_step(page) -> None:
    follow(page, page.get_by_role("button", name="Next", exact=True))


def start_in_browser(page, user, registrant, form_type: str, period_end: str) -> None:
    """Log in, start a notice and go on to Part II, keeping Part I as copied."""
    log_in(page, user.username, PASSWORD)
    page.goto(f"/notices/new/?registrant={registrant.pk}")
    check_page(page)
    page.get_by_label(f"Form {form_type}", exact=True).check()
    page.get_by_label("For period ended").fill(period_end)
    next_step(page)
    next_step(page)


def choose_registrant(page, typed: str, registrant) -> None:
    """Type part of the name into the chooser and take the suggestion the server offers."""
    box = page.get_by_role("combobox", name="Registrant")
    box.fill(typed)
    suggestions = page.locator("#id_registrant-options option")
    expect(suggestions).to_have_count(1)
    expect(suggestions.first).to_have_attribute("value", registrant_label(registrant))
    box.fill(suggestions.first.get_attribute("value"))


@pytest.mark.parametrize("form_type", ["10-K", "20-F", "11-K", "10-Q", "10-D", "N-CEN", "N-CSR"])
def test_a_notice_of_each_form_type_goes_from_start_to_review(
    page, compliance_user, lexington, form_type
):
    log_in(page, compliance_user.username, PASSWORD)
    follow(page, page.get_by_role("link", name="Notices"))
    follow(page, page.get_by_role("link", name="New notice", exact=True))
    choose_registrant(page, "lexing", lexington)
    page.get_by_label(f"Form {form_type}", exact=True).check()
    page.get_by_label("For period ended").fill("2026-03-31")

    distribution_date = page.get_by_label("Distribution date")
    transition = page.get_by_label("This is a transition report")
    if form_type == "10-D":
        distribution_date.fill("2026-04-25")
    else:
        expect(distribution_date).to_be_hidden()
    expect(transition).to_be_visible() if form_type in TRANSITION_FORMS else expect(
        transition
    ).to_be_hidden()
    next_step(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Part I — Registrant information")
    expect(page.get_by_label("Full name of registrant")).to_have_value(lexington.name)
    next_step(page)

    third_party = field(page, "third_party_cause")
    expect(third_party).to_be_hidden()
    field(page, "relief_claimed").get_by_label("Yes").check()
    expect(third_party).to_be_visible()
    third_party.get_by_label("No").check()
    next_step(page)

    page.get_by_label("Narrative").fill(seed.NARRATIVE)
    next_step(page)

    expect(page.locator("#id_contact_name")).to_have_value("Warren Delano")
    field(page, "other_reports_filed").get_by_label("Yes").check()
    expect(field(page, "reports_not_filed")).to_be_hidden()
    field(page, "significant_change").get_by_label("No").check()
    expect(field(page, "significant_change_explanation")).to_be_hidden()
    field(page, "restatement_expected").get_by_label("No").check()
    next_step(page)

    page.locator("#id_signature_date").fill("2026-06-16")
    next_step(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Review the notice")
    expect(page.get_by_text("Nothing is missing")).to_be_visible()
    expect(page.get_by_role("navigation", name="Steps of the notice")).to_contain_text(
        "Review (current step)"
    )
    document = page.get_by_role("article", name="The notice as it will print")
    # The form box, Part II, IV(2) Yes and IV(3) No.
    expect(document.get_by_role("img", name="checked", exact=True)).to_have_count(4)
    expect(document).to_contain_text(f"Form {form_type}")
    expect(document).to_contain_text("March 31, 2026")
    expect(document).to_contain_text("June 16, 2026")


def test_leaving_half_way_and_resuming_later(page, compliance_user, lexington):
    start_in_browser(page, compliance_user, lexington, "10-Q", "2026-03-31")
    field(page, "relief_claimed").get_by_label("No").check()
    follow(page, page.get_by_role("button", name="Save and exit"))
    expect(page.get_by_role("status")).to_contain_text("Your notice is saved")

    follow(page, page.get_by_role("button", name="Log out"))
    log_in(page, compliance_user.username, PASSWORD)
    follow(page, page.get_by_role("link", name="Notices"))
    follow(page, page.get_by_role("link", name=lexington.name))
    expect(page.get_by_role("heading", level=1)).to_have_text("Part III — Narrative")
    expect(page.get_by_role("link", name="Part II (complete)")).to_be_visible()


def test_back_keeps_invalid_input_and_shows_it_again(page, compliance_user, lexington):
    start_in_browser(page, compliance_user, lexington, "10-K", "2025-12-31")
    field(page, "relief_claimed").get_by_label("Yes").check()
    field(page, "third_party_cause").get_by_label("No").check()
    next_step(page)
    page.get_by_label("Narrative").fill(seed.NARRATIVE)
    next_step(page)

    page.get_by_label("Area code").fill("2x2")
    follow(page, page.get_by_role("button", name="Back"))
    expect(page.get_by_role("status")).to_contain_text("is not saved yet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Part III — Narrative")
    next_step(page)
    expect(page.get_by_label("Area code")).to_have_value("2x2")
    expect(page.locator("#error-summary")).to_contain_text("Enter the area code as digits")


def test_a_stored_statement_stays_visible_with_its_download_link(
    page, compliance_user, lexington, tmp_path
):
    statement = tmp_path / "auditor-statement.pdf"
    statement.write_bytes(b"%PDF-1.4\n%%EOF\n")
    start_in_browser(page, compliance_user, lexington, "10-K", "2025-12-31")
    field(page, "relief_claimed").get_by_label("Yes").check()
    field(page, "third_party_cause").get_by_label("Yes").check()
    page.get_by_label("Text of the statement signed by that person").fill(
        "We, the auditors, cannot finish the audit by the due date."
    )
    page.get_by_label("The signed statement as PDF").set_input_files(statement)
    next_step(page)
    follow(page, page.get_by_role("button", name="Back"))

    expect(field(page, "third_party_statement")).to_be_visible()
    expect(field(page, "third_party_statement_text")).to_contain_text("We, the auditors")
    expect(page.get_by_role("link", name="download the statement on file")).to_be_visible()
    # Answering No hides the nested questions; Yes brings both back.
    field(page, "relief_claimed").get_by_label("No").check()
    expect(field(page, "third_party_cause")).to_be_hidden()
    expect(field(page, "third_party_statement")).to_be_hidden()
    field(page, "relief_claimed").get_by_label("Yes").check()
    expect(field(page, "third_party_statement")).to_be_visible()
    expect(field(page, "third_party_statement_text")).to_be_visible()


def test_step_one_shows_the_deadlines_as_soon_as_they_are_known(page, compliance_user, lexington):
    log_in(page, compliance_user.username, PASSWORD)
    page.goto(f"/notices/new/?registrant={lexington.pk}")
    check_page(page)
    preview = page.locator("#deadline-preview")
    expect(preview).to_contain_text("appear once the report")
    page.get_by_label("Form 10-K", exact=True).check()
    page.get_by_role("combobox", name="Filer status for this period").select_option(
        label="Accelerated filer"
    )
    page.get_by_label("For period ended").fill("2026-03-31")
    page.get_by_label("For period ended").blur()
    expect(preview).to_contain_text("File Form 12b-25 by")
    expect(preview).to_contain_text("Tue, June 16, 2026")
    expect(preview).to_contain_text("Tue, June 30, 2026")


def test_the_preview_ignores_answers_hidden_by_a_change_of_form(page, compliance_user, lexington):
    log_in(page, compliance_user.username, PASSWORD)
    page.goto(f"/notices/new/?registrant={lexington.pk}")
    check_page(page)
    page.get_by_label("For period ended").fill("2025-12-31")
    page.get_by_label("Form 11-K", exact=True).check()
    page.get_by_label("Plan subject to ERISA").check()
    preview = page.locator("#deadline-preview")
    expect(preview).to_contain_text("Grace period ends (15 days)")
    page.get_by_label("Form 10-K", exact=True).check()
    expect(page.get_by_label("Plan subject to ERISA")).to_be_hidden()
    # Non-accelerated 10-K for 2025-12-31: 90 days, Tuesday 31 March 2026.
    expect(preview).to_contain_text("Tue, March 31, 2026")
    expect(preview).not_to_contain_text("ERISA")
