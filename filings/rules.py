"""What is still missing or risky in a notice: one place for the wizard, the review page and
finalization. Pure reads of a notice and its signers; no writes."""

import re
from dataclasses import dataclass
from datetime import date

from filings.deadlines import DISTRIBUTION_DATE, REPORT_FORMS
from filings.models import Notice

# The forms that have a transition report box on Form 12b-25.
TRANSITION_FORMS = frozenset(
    code for code, form in REPORT_FORMS.items() if form.has_transition_report
)
# The forms whose due date is counted from a distribution date (Form 10-D).
DISTRIBUTION_DATE_FORMS = frozenset(
    code for code, form in REPORT_FORMS.items() if form.due.counted_from == DISTRIBUTION_DATE
)

# Wizard step slugs, in order; each problem names the step that fixes it.
STEP_REPORT = "report"
STEP_PART_I = "part-1"
STEP_PART_II = "part-2"
STEP_PART_III = "part-3"
STEP_PART_IV = "part-4"
STEP_SIGNATURE = "signature"

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
EVIDENCE_OF_AUTHORITY_MISSING = (
    "A signer who is not an executive officer needs evidence of authority: enter its text."
)
# Dates a notice can sensibly carry: from the Exchange Act to the end of this century.
EARLIEST_DATE = date(1934, 1, 1)
LATEST_DATE = date(2099, 12, 31)


@dataclass(frozen=True)
class Problem:
    step: str
    message: str
    field: str = ""
    blocking: bool = True


def notice_problems(notice: Notice) -> list[Problem]:
    """Every blocking problem (the notice cannot be finished) and warning (it can, but a
    reviewer should look), in the order of the form."""
    problems: list[Problem] = []
    for check in CHECKS.values():
        problems.extend(check(notice))
    return problems


def step_problems(notice: Notice, step: str) -> list[Problem]:
    """The problems one wizard step can fix, judged on that step's fields alone (the notice may
    be unsaved, as while its form is validated)."""
    return [problem for problem in CHECKS[step](notice) if problem.step == step]


def blocking_problems(notice: Notice) -> list[Problem]:
    return [problem for problem in notice_problems(notice) if problem.blocking]


def warnings(notice: Notice) -> list[Problem]:
    return [problem for problem in notice_problems(notice) if not problem.blocking]


def _missing(notice: Notice, step: str, fields: dict[str, str]) -> list[Problem]:
    return [
        Problem(step, message, field)
        for field, message in fields.items()
        if getattr(notice, field) in (None, "")
    ]


def _out_of_range(notice: Notice, step: str, fields: list[str]) -> list[Problem]:
    return [
        Problem(step, "Enter a date between 1934 and 2099.", field)
        for field in fields
        if getattr(notice, field) is not None
        and not EARLIEST_DATE <= getattr(notice, field) <= LATEST_DATE
    ]


def _report(notice: Notice) -> list[Problem]:
    problems = _out_of_range(
        notice,
        STEP_REPORT,
        ["period_end", "transition_period_end", "distribution_date", "transmission_date"],
    )
    problems += _missing(
        notice,
        STEP_REPORT,
        {
            "form_type": "Choose the report that is late.",
            "filer_status": "Choose the filer status for this period.",
            "period_end": "Enter the period end date.",
        },
    )
    if notice.is_transition_report:
        if notice.form_type not in TRANSITION_FORMS:
            problems.append(
                Problem(
                    STEP_REPORT,
                    "Only Forms 10-K, 20-F, 11-K and 10-Q have transition reports.",
                    "is_transition_report",
                )
            )
        elif notice.transition_period_end is None:
            problems.append(
                Problem(
                    STEP_REPORT, "Enter the transition period end date.", "transition_period_end"
                )
            )
    if notice.is_portion and not notice.portion_items.strip():
        problems.append(
            Problem(
                STEP_REPORT,
                "Identify the items of the report to which the notice relates.",
                "portion_items",
            )
        )
    if notice.form_type in DISTRIBUTION_DATE_FORMS and notice.distribution_date is None:
        problems.append(
            Problem(
                STEP_REPORT,
                "Enter the distribution date: the Form 10-D due date counts from it.",
                "distribution_date",
            )
        )
    return problems


def _part_i(notice: Notice) -> list[Problem]:
    return _missing(
        notice,
        STEP_PART_I,
        {
            "registrant_name": "Enter the full name of the registrant.",
            "street": "Enter the street address of the principal executive office.",
            "city_state_zip": "Enter the city, state and ZIP code.",
        },
    )


def _part_ii(notice: Notice) -> list[Problem]:
    if notice.relief_claimed is None:
        return [
            Problem(
                STEP_PART_II,
                "Say whether relief under Rule 12b-25(b) is claimed.",
                "relief_claimed",
            )
        ]
    if not notice.relief_claimed:
        return [
            Problem(
                STEP_PART_II,
                "Part II is unchecked: no relief under Rule 12b-25(b) is claimed, so the report "
                "will not be deemed filed on time even if it is filed within the grace period.",
                "relief_claimed",
                blocking=False,
            )
        ]
    if notice.third_party_cause is None:
        return [
            Problem(
                STEP_PART_II,
                "Say whether someone other than the registrant is the cause.",
                "third_party_cause",
            )
        ]
    if notice.third_party_cause and not notice.third_party_statement_text.strip():
        return [
            Problem(
                STEP_PART_II,
                "Enter the text of the third party's signed statement required by Rule "
                "12b-25(c); it is filed as Exhibit 99.",
                "third_party_statement_text",
            )
        ]
    return []


def _part_iii(notice: Notice) -> list[Problem]:
    narrative = notice.narrative.strip()
    if not narrative:
        return [
            Problem(
                STEP_PART_III,
                "State in reasonable detail why the report could not be filed on time.",
                "narrative",
            )
        ]
    problems = []
    if len(narrative.split()) < MIN_NARRATIVE_WORDS:
        problems.append(
            Problem(
                STEP_PART_III,
                "The narrative is shorter than a sentence; Part III asks for the reasons in "
                "reasonable detail.",
                "narrative",
                blocking=False,
            )
        )
    risk = RISK_WORDS.search(narrative)
    if risk and notice.significant_change is False:
        problems.append(
            Problem(
                STEP_PART_IV,
                f"The narrative mentions \u201c{risk.group(0)}\u201d but Part IV(3) says no "
                "significant change in results is expected. The SEC has fined registrants for "
                "this mismatch.",
                "significant_change",
                blocking=False,
            )
        )
    return problems


def _part_iv(notice: Notice) -> list[Problem]:
    problems = _missing(
        notice,
        STEP_PART_IV,
        {
            "contact_name": "Enter the name of the person to contact.",
            "contact_area_code": "Enter the contact's area code.",
            "contact_phone": "Enter the contact's telephone number.",
            "other_reports_filed": "Answer Part IV(2): have all other periodic reports been filed?",
            "significant_change": "Answer Part IV(3): is a significant change in results expected?",
            "restatement_expected": "Say whether a restatement or correction of prior financial "
            "statements is expected.",
        },
    )
    if notice.other_reports_filed is False and not notice.reports_not_filed.strip():
        problems.append(
            Problem(
                STEP_PART_IV, "Identify the reports that have not been filed.", "reports_not_filed"
            )
        )
    if notice.significant_change and not notice.significant_change_explanation.strip():
        problems.append(
            Problem(
                STEP_PART_IV,
                "Explain the anticipated change, narratively and quantitatively.",
                "significant_change_explanation",
            )
        )
    if notice.restatement_expected and notice.significant_change is False:
        problems.append(
            Problem(
                STEP_PART_IV,
                "A restatement or correction of prior financial statements is expected but "
                "Part IV(3) says no significant change in results is expected. The SEC has "
                "charged registrants for this mismatch.",
                "significant_change",
                blocking=False,
            )
        )
    if notice.restatement_expected:
        disclosed = f"{notice.narrative}\n{notice.significant_change_explanation}"
        if not RESTATEMENT_WORDS.search(disclosed):
            problems.append(
                Problem(
                    STEP_PART_IV,
                    "A restatement or correction is expected but neither Part III nor the Part "
                    "IV(3) explanation discloses it.",
                    "restatement_expected",
                    blocking=False,
                )
            )
    return problems


def _signature(notice: Notice) -> list[Problem]:
    problems = _out_of_range(notice, STEP_SIGNATURE, ["signature_date"])
    problems += _missing(
        notice,
        STEP_SIGNATURE,
        {
            "signature_registrant_name": "Enter the registrant's name as specified in its charter.",
            "signature_date": "Enter the date of signature.",
        },
    )
    signers = list(notice.signers.all())
    if not signers:
        problems.append(Problem(STEP_SIGNATURE, "Add at least one signer.", "signers"))
    for signer in signers:
        if not signer.is_executive_officer and not signer.evidence_of_authority_text.strip():
            problems.append(
                Problem(
                    STEP_SIGNATURE,
                    f"{signer.name} is not an executive officer: enter the text of the evidence "
                    "of authority to sign; it is filed as Exhibit 24.",
                    "signers",
                )
            )
    return problems


CHECKS = {
    STEP_REPORT: _report,
    STEP_PART_I: _part_i,
    STEP_PART_II: _part_ii,
    STEP_PART_III: _part_iii,
    STEP_PART_IV: _part_iv,
    STEP_SIGNATURE: _signature,
}
