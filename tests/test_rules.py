import pytest

from filings.models import Notice
from filings.rules import blocking_problems, warnings
from filings.wizard import step_of
from tests import seed

pytestmark = pytest.mark.django_db


def messages(problems) -> list[str]:
    return [problem.message for problem in problems]


def test_the_seed_notice_has_no_problem(seed_notice):
    assert blocking_problems(seed_notice) == []
    assert warnings(seed_notice) == []


def test_an_empty_draft_lists_what_is_missing_step_by_step(lexington):
    notice = Notice.objects.create(
        registrant=lexington, form_type="10-Q", filer_status="accelerated"
    )
    steps = [step_of(problem).slug for problem in blocking_problems(notice)]
    assert steps == sorted(
        steps, key=["report", "part-1", "part-2", "part-3", "part-4", "signature"].index
    )
    assert "Enter the period end date." in messages(blocking_problems(notice))
    assert "Add at least one signer." in messages(blocking_problems(notice))


def test_unchecked_part_ii_is_a_warning_not_a_blocker(seed_notice):
    seed_notice.relief_claimed = False
    assert blocking_problems(seed_notice) == []
    [warning] = warnings(seed_notice)
    assert step_of(warning).slug == "part-2"
    assert warning.message.startswith("Part II is unchecked")


@pytest.mark.parametrize("word", ["restatement", "error", "impairment", "investigation"])
def test_a_risky_word_in_the_narrative_with_no_change_in_part_iv_3_is_a_warning(seed_notice, word):
    seed_notice.narrative = f"{seed.NARRATIVE} The audit committee's {word} continues."
    seed_notice.significant_change = False
    seed_notice.significant_change_explanation = ""
    [warning] = warnings(seed_notice)
    assert step_of(warning).slug == "part-4"
    assert word in warning.message


def test_a_risky_word_is_fine_when_part_iv_3_is_yes(seed_notice):
    seed_notice.narrative = f"{seed.NARRATIVE} An impairment review is under way."
    assert warnings(seed_notice) == []


def test_an_expected_restatement_blocks_finalizing_until_disclosed(seed_notice):
    seed_notice.restatement_expected = True
    [blocking] = blocking_problems(seed_notice)
    assert blocking.field == "restatement_expected"
    assert "Part III must name it" in blocking.message
    assert not blocking.blocks_step  # the fix may lie on another step
    seed_notice.narrative += " The registrant expects to restate its 2002 financial statements."
    assert blocking_problems(seed_notice) == []
    [reminder] = warnings(seed_notice)
    assert "Item 4.02" in reminder.message and "four business days" in reminder.message


def test_an_expected_restatement_needs_part_iv_3_answered_yes(seed_notice):
    seed_notice.restatement_expected = True
    seed_notice.narrative += " The registrant expects to restate its 2002 financial statements."
    seed_notice.significant_change = False
    assert "restatement_expected" in [problem.field for problem in blocking_problems(seed_notice)]


def test_a_reviewers_reason_lets_an_undisclosed_restatement_through(seed_notice):
    seed_notice.restatement_expected = True
    seed_notice.restatement_review_reason = "Counsel advises the amount is not yet known."
    assert blocking_problems(seed_notice) == []


def test_a_narrative_shorter_than_a_sentence_is_a_warning(seed_notice):
    seed_notice.narrative = "Lender talks."
    [warning] = warnings(seed_notice)
    assert warning.message.startswith("The narrative is shorter than a sentence")


def test_a_transition_box_on_a_form_without_one_blocks(seed_notice):
    seed_notice.form_type = "10-D"
    seed_notice.is_transition_report = True
    assert "Only Forms 10-K, 20-F, 11-K and 10-Q have transition reports." in messages(
        blocking_problems(seed_notice)
    )


def test_relief_because_of_a_third_party_needs_the_statement(seed_notice):
    seed_notice.third_party_cause = True
    assert messages(blocking_problems(seed_notice)) == [
        "Enter the text of the third party's signed statement required by Rule 12b-25(c); it "
        "is filed as Exhibit 99."
    ]
    seed_notice.third_party_statement_text = "We, the auditors, cannot finish in time."
    assert blocking_problems(seed_notice) == []  # the PDF copy is optional
