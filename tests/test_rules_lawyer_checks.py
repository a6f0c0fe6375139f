"""The checks a securities lawyer makes (issue 13), each naming its rule and linking to the
step that fixes it; none fires on the clean seed notice (tests/test_rules.py)."""

from datetime import date

import pytest

from filings.models import Notice, NoticeStatus
from filings.rules import blocking_problems, warnings
from filings.wizard import step_of
from registrants.models import Series
from tests import seed

pytestmark = pytest.mark.django_db


def only_warning(notice: Notice):
    [warning] = warnings(notice)
    return warning


@pytest.mark.parametrize(
    "sentence",
    [
        "The registrant's auditor has not completed its audit.",
        "The independent registered public accounting firm needs more time for its opinion.",
        "The actuary cannot furnish the plan's valuation report in time.",
    ],
)
def test_a_third_party_in_the_narrative_prompts_for_rule_12b_25_c(seed_notice, sentence):
    seed_notice.narrative = f"{seed.NARRATIVE} {sentence}"
    warning = only_warning(seed_notice)
    assert "Rule 12b-25(c)" in warning.message
    assert step_of(warning).slug == "part-2"


def test_the_third_party_prompt_is_gone_once_the_third_party_is_named(seed_notice):
    seed_notice.narrative = f"{seed.NARRATIVE} The auditor needs more time."
    seed_notice.third_party_cause = True
    assert warnings(seed_notice) == []


def test_an_explanation_without_figures_is_a_warning(seed_notice):
    seed_notice.significant_change_explanation = "Revenue fell sharply because of lost customers."
    warning = only_warning(seed_notice)
    assert "quantitatively" in warning.message
    assert step_of(warning).slug == "part-4"


@pytest.mark.parametrize(
    "explanation",
    [
        "Revenue fell by about 12% from the prior year.",
        "Net loss is expected to be $4.2 million.",
        "A reasonable estimate of the results cannot be made until the review ends.",
    ],
)
def test_amounts_or_a_reason_for_no_estimate_satisfy_part_iv_3(seed_notice, explanation):
    seed_notice.significant_change_explanation = explanation
    assert warnings(seed_notice) == []


@pytest.mark.parametrize(
    "sentence, shown",
    [
        ("The registrant expects to file in several weeks.", "several weeks"),
        ("The registrant expects to file within two months.", "two months"),
        ("The registrant expects to file by June 30, 2004.", "June 30"),
    ],
)
def test_relief_claimed_with_a_longer_delay_in_the_narrative_is_a_warning(
    seed_notice, sentence, shown
):
    seed_notice.narrative = f"{seed.NARRATIVE} {sentence}"
    warning = only_warning(seed_notice)
    assert "Part II(b)" in warning.message and shown in warning.message
    assert "April 14" in warning.message  # the grace period end of the seed notice
    assert step_of(warning).slug == "part-2"


def test_a_date_within_the_grace_period_is_fine(seed_notice):
    seed_notice.narrative = f"{seed.NARRATIVE} The registrant expects to file by April 9, 2004."
    assert warnings(seed_notice) == []


def test_edgar_trouble_alone_is_not_a_reason(seed_notice):
    seed_notice.narrative = "EDGAR was down. Our filing agent had technical difficulties."
    messages = [warning.message for warning in warnings(seed_notice)]
    assert any("General Instruction 5" in message for message in messages)
    edgar = next(w for w in warnings(seed_notice) if "General Instruction 5" in w.message)
    assert step_of(edgar).slug == "part-3"


def test_edgar_trouble_beside_a_real_reason_is_fine(seed_notice):
    seed_notice.narrative = f"{seed.NARRATIVE} The filing agent also reported an EDGAR outage."
    assert warnings(seed_notice) == []


def make_final_notice(registrant, signature_date: date, **fields) -> Notice:
    return Notice.objects.create(
        registrant=registrant,
        form_type="10-Q",
        filer_status="non_accelerated",
        period_end=date(2003, 9, 30),
        status=NoticeStatus.APPROVED,
        signature_date=signature_date,
        **fields,
    )


def test_another_notice_in_the_past_twelve_months_warns_about_form_s_3(seed_notice):
    make_final_notice(seed_notice.registrant, date(2003, 11, 17))
    warning = only_warning(seed_notice)
    assert "Form S-3" in warning.message and "Part IV(2)" in warning.message
    assert "NT 10-Q" in warning.message
    assert step_of(warning).slug == "part-4"


def test_a_notice_more_than_twelve_months_earlier_or_a_draft_does_not_count(seed_notice):
    make_final_notice(seed_notice.registrant, date(2003, 3, 28))
    Notice.objects.create(
        registrant=seed_notice.registrant,
        form_type="10-Q",
        filer_status="non_accelerated",
        signature_date=date(2003, 11, 17),
    )
    assert warnings(seed_notice) == []


def test_a_portion_only_notice_reminds_of_rule_12b_25_e(seed_notice):
    seed_notice.is_portion = True
    seed_notice.portion_items = "Item 8"
    warning = only_warning(seed_notice)
    assert "Rule 12b-25(e)" in warning.message
    assert step_of(warning).slug == "report"


def test_a_signature_after_the_notice_deadline_is_a_warning(seed_notice):
    seed_notice.signature_date = date(2004, 4, 2)  # the notice was due March 31, 2004
    warning = only_warning(seed_notice)
    assert "March 31, 2004" in warning.message and "Rule 12b-25(a)" in warning.message
    assert step_of(warning).slug == "signature"


def test_a_shareholder_report_sent_after_60_days_is_a_warning(seed_notice):
    seed_notice.form_type = "N-CSR"
    seed_notice.transmission_date = date(2004, 3, 5)  # 65 days after December 31, 2003
    seed_notice.signature_date = date(2004, 3, 16)
    warning = only_warning(seed_notice)
    assert "Rule 30e-1" in warning.message
    assert step_of(warning).slug == "report"
    seed_notice.transmission_date = date(2004, 2, 27)
    seed_notice.signature_date = date(2004, 3, 8)
    assert warnings(seed_notice) == []


def test_a_fund_with_series_on_record_must_choose_them_or_all_series(seed_notice):
    Series.objects.create(
        registrant=seed_notice.registrant, identifier="S000012345", name="Growth Fund"
    )
    seed_notice.form_type = "N-CEN"
    [problem] = blocking_problems(seed_notice)
    assert "all series" in problem.message and step_of(problem).slug == "report"
    seed_notice.series_identifiers = ["S000012345"]
    assert blocking_problems(seed_notice) == []
    seed_notice.series_identifiers = []
    seed_notice.all_series = True
    assert blocking_problems(seed_notice) == []


def test_the_statement_after_part_iv_is_never_scanned(seed_notice):
    seed_notice.additional_statement = (
        "Forward-looking statements: the auditor's opinion, a restatement, EDGAR outages and "
        "delays of several months are risks; actual results may differ."
    )
    assert warnings(seed_notice) == []
    assert blocking_problems(seed_notice) == []


def test_a_period_of_months_ended_is_not_a_delay(seed_notice):
    seed_notice.narrative = (
        f"{seed.NARRATIVE} Results for the 12 months ended December 31, 2003 are being revised."
    )
    seed_notice.significant_change = True
    assert [w for w in warnings(seed_notice) if "Part II(b)" in w.message] == []


def test_non_reliance_named_in_part_iii_counts_as_disclosed(seed_notice):
    seed_notice.restatement_expected = True
    seed_notice.narrative += (
        " The audit committee concluded that the 2002 financial statements should no longer be "
        "relied upon."
    )
    assert blocking_problems(seed_notice) == []
