"""Issue 13 on the pages and in the documents: the reviewer's reason for an undisclosed
restatement, copied text to confirm, the exchange's late-filing steps, the statement after
Part IV, series and co-registrants."""

from datetime import date

import pytest
from django.urls import reverse

from filings.deadlines import compute_deadlines
from filings.edgar import render_notice_htm, render_notice_txt
from filings.exchanges import exchange_steps
from filings.models import Notice
from filings.pdf import render_notice_pdf
from registrants.models import Series, ShareClass
from tests import seed
from tests.conftest import make_registrant
from tests.lifecycle_pages import finalize
from tests.test_edgar_documents import assert_edgar_ready, folded, visible_text
from tests.test_pdf import pdf_text
from tests.test_wizard import post_step, start_notice, step_url

pytestmark = pytest.mark.django_db

LEGEND = "Forward-looking statements: actual results may differ from those expected today."


def review_page(client, notice: Notice) -> str:
    return client.get(step_url(notice, "review")).content.decode()


def test_an_undisclosed_restatement_blocks_finalizing_until_a_reviewer_gives_a_reason(
    compliance_client, compliance_user, seed_notice
):
    seed_notice.restatement_expected = True
    seed_notice.save()
    page = review_page(compliance_client, seed_notice)
    assert "Submit for review" not in page
    assert "Item 4.02" in page
    assert "Record the reason" in page
    finalize(compliance_client, seed_notice)
    seed_notice.refresh_from_db()
    assert not seed_notice.is_final

    url = reverse("filings:restatement_review", args=[seed_notice.pk])
    compliance_client.post(url, {"reason": ""})
    seed_notice.refresh_from_db()
    assert seed_notice.restatement_review_reason == ""

    compliance_client.post(url, {"reason": "The audit committee has not concluded yet."})
    seed_notice.refresh_from_db()
    assert seed_notice.restatement_review_reason == "The audit committee has not concluded yet."
    assert seed_notice.restatement_reviewed_by == compliance_user
    assert seed_notice.restatement_reviewed_at is not None
    page = review_page(compliance_client, seed_notice)
    assert "The audit committee has not concluded yet." in page and "casey" in page
    finalize(compliance_client, seed_notice)
    seed_notice.refresh_from_db()
    assert seed_notice.is_final

    compliance_client.post(url, {"reason": "Changed afterwards."})
    seed_notice.refresh_from_db()
    assert seed_notice.restatement_review_reason == "The audit committee has not concluded yet."


def test_text_copied_from_the_last_notice_is_flagged_until_confirmed(
    compliance_client, seed_notice
):
    seed_notice.status = "approved"
    seed_notice.save()
    copy = start_notice(
        compliance_client, seed_notice.registrant, period_end="2004-12-31", copy_previous="on"
    )
    assert copy.copied_from == seed_notice
    copy.refresh_from_db()
    for slug, data in [
        ("part-1", seed.PART_I),
        ("part-2", seed.PART_II),
        ("part-3", seed.PART_III),
        ("part-4", seed.PART_IV),
        ("signature", seed.signature_step(copy.signers.get().pk, signature_date="2005-03-30")),
    ]:
        post_step(compliance_client, copy, slug, data)
    page = review_page(compliance_client, copy)
    assert "Part III is word for word the notice of December 31, 2003" in page
    assert "The copied text still holds for this report" in page

    compliance_client.post(reverse("filings:confirm_copied_text", args=[copy.pk]))
    page = review_page(compliance_client, copy)
    assert "word for word" not in page


def test_editing_the_copied_text_clears_the_flag(seed_notice):
    from filings.rules import copied_text_problems

    copy = Notice.objects.create(
        registrant=seed_notice.registrant,
        form_type="10-K",
        narrative=seed_notice.narrative,
        copied_from=seed_notice,
    )
    assert len(copied_text_problems(copy)) == 1
    copy.narrative += " The lenders signed the amendment on April 2."
    assert copied_text_problems(copy) == []


def test_nasdaq_steps_are_dated_from_the_grace_period_end_when_relief_is_claimed():
    deadlines = compute_deadlines(
        form_type="10-K",
        period_end=date(2025, 12, 31),
        filer_status="non_accelerated",
        closures=frozenset(),
    )
    assert (deadlines.report_due, deadlines.grace_end) == (date(2026, 3, 31), date(2026, 4, 15))
    steps = exchange_steps(
        exchange="nasdaq", deadlines=deadlines, relief_claimed=True, closures=frozenset()
    )
    dates = {step.rule: step.due for step in steps}
    assert dates["Nasdaq Listing Rule 5250(c)(1)"] == date(2026, 4, 16)
    # Notice received on Thursday, April 16 at the earliest; four business days later.
    assert dates["Nasdaq Listing Rule 5810(b)"] == date(2026, 4, 22)
    assert dates["Form 8-K Item 3.01; General Instruction B.1"] == date(2026, 4, 22)
    assert dates["Nasdaq Listing Rule 5810(c)(2)(F)(i)"] == date(2026, 6, 15)
    assert dates["Nasdaq Listing Rule 5810(c)(2)(F)(ii)"] == date(2026, 9, 27)
    without_relief = exchange_steps(
        exchange="nasdaq", deadlines=deadlines, relief_claimed=False, closures=frozenset()
    )
    assert without_relief[0].due == date(2026, 4, 1)
    assert (
        exchange_steps(exchange="", deadlines=deadlines, relief_claimed=True, closures=frozenset())
        == []
    )


def test_a_listed_registrants_review_and_notice_pages_show_the_exchange_steps(
    compliance_client, seed_notice
):
    registrant = seed_notice.registrant
    registrant.exchange = "nyse"
    registrant.save()
    page = review_page(compliance_client, seed_notice)
    assert "If the report is late: New York Stock Exchange" in page
    assert "802.01E" in page and "Item 3.01" in page
    finalize(compliance_client, seed_notice)
    notice_page = compliance_client.get(reverse("filings:resume", args=[seed_notice.pk]))
    assert "802.01E" in notice_page.content.decode()


def test_an_unlisted_registrants_pages_show_no_exchange_steps(compliance_client, seed_notice):
    assert "If the report is late" not in review_page(compliance_client, seed_notice)


def test_the_statement_after_part_iv_is_printed_before_the_signature_everywhere(
    compliance_client, seed_notice
):
    seed_notice.additional_statement = LEGEND
    seed_notice.save()
    review = folded(review_page(compliance_client, seed_notice))
    assert review.index(LEGEND) < review.index("has caused this notification to be signed")
    pdf = pdf_text(render_notice_pdf(seed_notice))
    assert pdf.index("actual results may differ") < pdf.index("has caused this notification")
    htm, txt = assert_edgar_ready(seed_notice)
    html_text = visible_text(htm)
    assert html_text.index(LEGEND) < html_text.index("has caused this notification")
    ascii_text = folded(txt)
    assert ascii_text.index(LEGEND) < ascii_text.index("has caused this notification")


def test_without_a_statement_after_part_iv_nothing_is_added(seed_notice):
    assert "Forward-looking" not in render_notice_txt(seed_notice).decode()
    assert b"Forward-looking" not in render_notice_htm(seed_notice)


@pytest.fixture
def fund(db):
    registrant = make_registrant(
        name="Example Funds Trust",
        cik="0000912345",
        sec_file_number="811-05037",
        filer_status="investment_company",
        investment_company_type="open_end",
    )
    growth = Series.objects.create(registrant=registrant, identifier="S000012345", name="Growth")
    ShareClass.objects.create(series=growth, identifier="C000034567", name="Class A")
    Series.objects.create(registrant=registrant, identifier="S000067890", name="Income")
    return registrant


def test_a_fund_chooses_its_series_in_step_1_and_the_summary_lists_them(compliance_client, fund):
    sister = make_registrant(name="Example Funds Trust II", cik="954321", sec_file_number="")
    notice = start_notice(compliance_client, fund, form_type="N-CSR")
    page = compliance_client.get(step_url(notice, "report")).content.decode()
    assert "S000012345 Growth" in page and "S000067890 Income" in page
    post_step(
        compliance_client,
        notice,
        "report",
        seed.report_step(form_type="N-CSR", series_identifiers=["S000012345"]),
        "part-1",
    )
    notice.refresh_from_db()
    assert notice.series_identifiers == ["S000012345"]
    post_step(
        compliance_client,
        notice,
        "part-1",
        {**seed.PART_I, "co_registrant_ciks": [sister.cik]},
        "part-2",
    )
    notice.refresh_from_db()
    assert notice.co_registrant_ciks == ["0000954321"]

    summary = compliance_client.get(reverse("filings:edgar_summary", args=[notice.pk]))
    text = summary.content.decode()
    assert "S000012345" in text and "C000034567" in text and "Class A" in text
    assert "S000067890" not in text
    assert "Open-end management company" in text
    assert "Example Funds Trust II (CIK 0000954321)" in text


def test_a_series_of_another_registrant_cannot_be_chosen(compliance_client, fund, lexington):
    other = Series.objects.create(registrant=lexington, identifier="S000099999", name="Other")
    notice = start_notice(compliance_client, fund, form_type="N-CEN")
    response = post_step(
        compliance_client,
        notice,
        "report",
        seed.report_step(form_type="N-CEN", series_identifiers=[other.identifier]),
    )
    assert "series_identifiers" in response.context["form"].errors
    notice.refresh_from_db()
    assert notice.series_identifiers == []


def test_all_series_needs_no_choice_and_the_summary_says_so(compliance_client, fund):
    notice = start_notice(compliance_client, fund, form_type="N-CEN")
    post_step(
        compliance_client,
        notice,
        "report",
        seed.report_step(form_type="N-CEN", all_series="on", series_identifiers=["S000012345"]),
        "part-1",
    )
    notice.refresh_from_db()
    assert notice.all_series and notice.series_identifiers == []
    summary = compliance_client.get(reverse("filings:edgar_summary", args=[notice.pk]))
    assert "All series" in summary.content.decode()


def test_a_unit_investment_trusts_n_cen_counts_from_the_calendar_year_end(compliance_client, fund):
    fund.investment_company_type = "unit_investment_trust"
    fund.fiscal_year_end_month, fund.fiscal_year_end_day = 3, 31
    fund.save()
    notice = start_notice(compliance_client, fund, form_type="N-CEN", period_end="2026-03-31")
    page = compliance_client.get(step_url(notice, "report")).content.decode()
    assert "Tue, March 16, 2027" in page  # 75 days after December 31, 2026
