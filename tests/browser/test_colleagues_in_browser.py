import pytest
from playwright.sync_api import expect

from tests import seed
from tests.browser.conftest import check_page, log_in
from tests.conftest import PASSWORD, TEAM, make_user, team
from tests.test_wizard import post_step, start_notice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_colleagues_on_part_iii_merge_instead_of_overwriting(
    open_page, compliance_client, lexington
):
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    colleagues = [make_user("alex", "Compliance staff"), make_user("robin", "Compliance staff")]
    pages = []
    for colleague in colleagues:
        colleague.groups.add(team(TEAM))
        page = open_page()
        log_in(page, colleague.username, PASSWORD)
        page.goto(f"/notices/{notice.pk}/part-3/")
        check_page(page)
        pages.append(page)
    alex, robin = pages

    alex.get_by_label("Narrative").fill("The auditor needs two more weeks for the inventory count.")
    alex.get_by_role("button", name="Next", exact=True).click()
    expect(alex.get_by_role("heading", level=1)).to_have_text("Part IV — Other information")
    check_page(alex)

    robin.get_by_label("Narrative").fill("Our new ERP system delayed the closing of the books.")
    robin.get_by_role("button", name="Next", exact=True).click()

    expect(robin.get_by_role("heading", level=1)).to_have_text("Part III — Narrative")
    expect(robin.locator("#error-summary")).to_contain_text("Someone else saved this page")
    changed = robin.locator("#changed-answers")
    expect(changed).to_contain_text("Saved by alex")
    expect(changed).to_contain_text("The auditor needs two more weeks")
    expect(robin.get_by_label("Narrative")).to_have_value(
        "Our new ERP system delayed the closing of the books."
    )
    check_page(robin)

    robin.get_by_label("Narrative").fill(
        "The auditor needs two more weeks for the inventory count, and our new ERP system "
        "delayed the closing of the books."
    )
    robin.get_by_role("button", name="Next", exact=True).click()
    expect(robin.get_by_role("heading", level=1)).to_have_text("Part IV — Other information")
    notice.refresh_from_db()
    assert notice.narrative.startswith(
        "The auditor needs two more weeks for the inventory count, and"
    )
