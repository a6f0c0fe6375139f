"""What is still missing or risky in a notice: one place for the wizard, the review page and
finalization. Pure reads of a notice and its signers; no writes.

The rules know fields, not wizard steps: each problem names the field that fixes it, and the
wizard (filings.wizard) sends the user to the step whose form holds that field."""

import re
from dataclasses import dataclass
from datetime import date

from filings.deadlines import DISTRIBUTION_DATE, REPORT_FORMS, TRANSMISSION_DATE
from filings.models import Notice

# The forms that have a transition report box on Form 12b-25.
TRANSITION_FORMS = frozenset(
    code for code, form in REPORT_FORMS.items() if form.has_transition_report
)
# The forms whose due date is counted from a distribution date (Form 10-D), from the date the
# shareholder report was sent (Form N-CSR), and the forms with a longer period for plans
# subject to ERISA (Form 11-K, Rule 15d-21).
DISTRIBUTION_DATE_FORMS = frozenset(
    code for code, form in REPORT_FORMS.items() if form.due.counted_from == DISTRIBUTION_DATE
)
TRANSMISSION_DATE_FORMS = frozenset(
    code for code, form in REPORT_FORMS.items() if form.due.counted_from == TRANSMISSION_DATE
)
ERISA_FORMS = frozenset(code for code, form in REPORT_FORMS.items() if form.due.erisa_days)


@dataclass(frozen=True)
class Condition:
    """A field that applies only while `controller` holds one of `values` (and the controller
    applies itself). Where it does not apply, the wizard hides the field and discards what it
    holds, the rules do not ask for it, and the documents do not print it."""

    controller: str
    values: frozenset

    @property
    def value_strings(self) -> str:
        """The values as the page's form posts them, for the page's show/hide script."""
        return " ".join(sorted(str(value) for value in self.values))


# Each conditional field of the notice, declared once.
NOTICE_CONDITIONS = {
    "is_transition_report": Condition("form_type", TRANSITION_FORMS),
    "transition_period_end": Condition("is_transition_report", frozenset({True})),
    "portion_items": Condition("is_portion", frozenset({True})),
    "amends": Condition("is_amendment", frozenset({True})),
    "distribution_date": Condition("form_type", DISTRIBUTION_DATE_FORMS),
    "transmission_date": Condition("form_type", TRANSMISSION_DATE_FORMS),
    "is_erisa_plan": Condition("form_type", ERISA_FORMS),
    # Rule 12b-25(c): the third party's statement goes with relief claimed because of it.
    "third_party_cause": Condition("relief_claimed", frozenset({True})),
    "third_party_statement_text": Condition("third_party_cause", frozenset({True})),
    "third_party_statement": Condition("third_party_cause", frozenset({True})),
    # Part IV(2): "If answer is no, identify report(s)."
    "reports_not_filed": Condition("other_reports_filed", frozenset({False})),
    # Part IV(3): "If so, attach an explanation of the anticipated change".
    "significant_change_explanation": Condition("significant_change", frozenset({True})),
}
# Each conditional field of a signer: the form's signature instruction asks for evidence of
# authority from a representative who is not an executive officer.
SIGNER_CONDITIONS = {
    "evidence_of_authority_text": Condition("is_executive_officer", frozenset({False})),
    "evidence_of_authority": Condition("is_executive_officer", frozenset({False})),
}


def applies(record, field: str, conditions: dict[str, Condition] = NOTICE_CONDITIONS) -> bool:
    """Whether `field` is part of the answers of `record` (a notice, a signer, or anything
    with the same attributes, such as a form's answers)."""
    condition = conditions.get(field)
    if condition is None:
        return True
    return getattr(record, condition.controller) in condition.values and applies(
        record, condition.controller, conditions
    )


# Part III and Part IV of the form, as the notice keeps them: what "start from the registrant's
# last notice" copies.
PART_III_FIELDS = ["narrative"]
PART_IV_FIELDS = [
    "contact_name",
    "contact_area_code",
    "contact_phone",
    "other_reports_filed",
    "reports_not_filed",
    "significant_change",
    "significant_change_explanation",
    "restatement_expected",
]

# What must be answered, field by field, when the field applies: the message says how.
REQUIRED = {
    "form_type": "Choose the report that is late.",
    "filer_status": "Choose the filer status for this period.",
    "period_end": "Enter the period end date.",
    "distribution_date": "Enter the distribution date: the Form 10-D due date counts from it.",
    "transition_period_end": "Enter the transition period end date.",
    "portion_items": "Identify the items of the report to which the notice relates.",
    "registrant_name": "Enter the full name of the registrant.",
    "street": "Enter the street address of the principal executive office.",
    "city_state_zip": "Enter the city, state and ZIP code.",
    "relief_claimed": "Say whether relief under Rule 12b-25(b) is claimed.",
    "third_party_cause": "Say whether someone other than the registrant is the cause.",
    # EDGAR takes an exhibit as HTML or ASCII (Filer Manual 5.1.1): the text is what is filed;
    # the signed PDF may ride along as an unofficial copy.
    "third_party_statement_text": "Enter the text of the third party's signed statement "
    "required by Rule 12b-25(c); it is filed as Exhibit 99.",
    "narrative": "State in reasonable detail why the report could not be filed on time.",
    "contact_name": "Enter the name of the person to contact.",
    "contact_area_code": "Enter the contact's area code.",
    "contact_phone": "Enter the contact's telephone number.",
    "other_reports_filed": "Answer Part IV(2): have all other periodic reports been filed?",
    "reports_not_filed": "Identify the reports that have not been filed.",
    "significant_change": "Answer Part IV(3): is a significant change in results expected?",
    "significant_change_explanation": "Explain the anticipated change, narratively and "
    "quantitatively.",
    "restatement_expected": "Say whether a restatement or correction of prior financial "
    "statements is expected.",
    "signature_registrant_name": "Enter the registrant's name as specified in its charter.",
    "signature_date": "Enter the date of signature.",
}
SIGNER_REQUIRED = {
    "evidence_of_authority_text": "A signer who is not an executive officer needs evidence of "
    "authority: enter its text; it is filed as Exhibit 24.",
}

# Words in Part III that the SEC has read as signs of a restatement or other bad news that
# Part IV(3) must then disclose (enforcement actions of 2021 and 2023).
RISK_WORDS = re.compile(
    r"\b(restat\w*|misstat\w*|errors?|erroneous\w*|correction\w*|impair\w*|investigat\w*)\b",
    re.IGNORECASE,
)
RESTATEMENT_WORDS = re.compile(
    r"\b(restat\w*|misstat\w*|correction\w*|correcting|corrected)\b", re.IGNORECASE
)
MIN_NARRATIVE_WORDS = 8
# An exhibit is filed on EDGAR as an HTML or ASCII document; a PDF only rides along as an
# unofficial copy (EDGAR Filer Manual Vol. II 5.1, 5.2.4). So an exhibit's text is what a
# notice needs (the documents are made from it); its uploaded PDF is optional.
# Dates a notice can sensibly carry: from the Exchange Act to the end of this century.
EARLIEST_DATE = date(1934, 1, 1)
LATEST_DATE = date(2099, 12, 31)
DATE_FIELDS = [
    "period_end",
    "transition_period_end",
    "distribution_date",
    "transmission_date",
    "signature_date",
]
DATE_OUT_OF_RANGE = "Enter a date between 1934 and 2099."


SIGNERS = "signers"  # what a problem of the notice's signers names as its field


@dataclass(frozen=True)
class Problem:
    field: str  # the notice's field that fixes it, or SIGNERS
    message: str
    blocking: bool = True


def notice_problems(notice: Notice) -> list[Problem]:
    """Every blocking problem (the notice cannot be finished) and warning (it can, but a
    reviewer should look). The notice may be unsaved, as while a wizard step validates."""
    return [problem for check in CHECKS for problem in check(notice)]


def blocking_problems(notice: Notice) -> list[Problem]:
    return [problem for problem in notice_problems(notice) if problem.blocking]


def warnings(notice: Notice) -> list[Problem]:
    return [problem for problem in notice_problems(notice) if not problem.blocking]


def _is_blank(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        return not value.strip()
    return not value  # None, or a file field without a file


def _missing(notice: Notice) -> list[Problem]:
    return [
        Problem(field, message)
        for field, message in REQUIRED.items()
        if applies(notice, field) and _is_blank(getattr(notice, field))
    ]


def _dates(notice: Notice) -> list[Problem]:
    return [
        Problem(field, DATE_OUT_OF_RANGE)
        for field in DATE_FIELDS
        if getattr(notice, field) is not None
        and not EARLIEST_DATE <= getattr(notice, field) <= LATEST_DATE
    ]


def _transition_box(notice: Notice) -> list[Problem]:
    # The wizard discards the box for other forms; a row written another way is caught here.
    if notice.is_transition_report and not applies(notice, "is_transition_report"):
        return [
            Problem(
                "is_transition_report",
                "Only Forms 10-K, 20-F, 11-K and 10-Q have transition reports.",
            )
        ]
    return []


def _part_ii_unchecked(notice: Notice) -> list[Problem]:
    if notice.relief_claimed is False:
        return [
            Problem(
                "relief_claimed",
                "Part II is unchecked: no relief under Rule 12b-25(b) is claimed, so the report "
                "will not be deemed filed on time even if it is filed within the grace period.",
                blocking=False,
            )
        ]
    return []


def _narrative(notice: Notice) -> list[Problem]:
    narrative = notice.narrative.strip()
    if not narrative:
        return []
    problems = []
    if len(narrative.split()) < MIN_NARRATIVE_WORDS:
        problems.append(
            Problem(
                "narrative",
                "The narrative is shorter than a sentence; Part III asks for the reasons in "
                "reasonable detail.",
                blocking=False,
            )
        )
    risk = RISK_WORDS.search(narrative)
    if risk and notice.significant_change is False:
        problems.append(
            Problem(
                "significant_change",
                f"The narrative mentions \u201c{risk.group(0)}\u201d but Part IV(3) says no "
                "significant change in results is expected. The SEC has fined registrants for "
                "this mismatch.",
                blocking=False,
            )
        )
    return problems


def _restatement(notice: Notice) -> list[Problem]:
    if not notice.restatement_expected:
        return []
    problems = []
    if notice.significant_change is False:
        problems.append(
            Problem(
                "significant_change",
                "A restatement or correction of prior financial statements is expected but "
                "Part IV(3) says no significant change in results is expected. The SEC has "
                "charged registrants for this mismatch.",
                blocking=False,
            )
        )
    disclosed = f"{notice.narrative}\n{notice.significant_change_explanation}"
    if not RESTATEMENT_WORDS.search(disclosed):
        problems.append(
            Problem(
                "restatement_expected",
                "A restatement or correction is expected but neither Part III nor the Part "
                "IV(3) explanation discloses it.",
                blocking=False,
            )
        )
    return problems


def signer_problems(signer) -> list[Problem]:
    """What a signer's row still lacks, by the signer's own fields."""
    return [
        Problem(field, message)
        for field, message in SIGNER_REQUIRED.items()
        if applies(signer, field, SIGNER_CONDITIONS) and _is_blank(getattr(signer, field))
    ]


def _signers(notice: Notice) -> list[Problem]:
    signers = list(notice.signers.all()) if notice.pk else []
    if not signers:
        return [Problem(SIGNERS, "Add at least one signer.")]
    return [
        Problem(SIGNERS, f"{signer.name}: {problem.message}")
        for signer in signers
        for problem in signer_problems(signer)
    ]


CHECKS = [_missing, _dates, _transition_box, _part_ii_unchecked, _narrative, _restatement, _signers]
