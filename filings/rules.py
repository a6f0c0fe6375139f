"""What is still missing or risky in a notice: one place for the wizard, the review page and
finalization. Pure reads of a notice and its signers; no writes.

The rules know fields, not wizard steps: each problem names the field that fixes it, and the
wizard (filings.wizard) sends the user to the step whose form holds that field."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from filings.deadlines import (
    DISTRIBUTION_DATE,
    REPORT_FORMS,
    SHAREHOLDER_REPORT_DAYS,
    TRANSMISSION_DATE,
)
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
# The reports of registered investment companies: their EDGAR submissions name the series.
INVESTMENT_COMPANY_FORMS = frozenset({"N-CEN", "N-CSR"})


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
    # Rules 13a-10 and 15d-10: a transition report counts from the later of the transition
    # period end and this date.
    "transition_decision_date": Condition("is_transition_report", frozenset({True})),
    "all_series": Condition("form_type", INVESTMENT_COMPANY_FORMS),
    "series_identifiers": Condition("all_series", frozenset({False})),
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
    "transition_decision_date": "Enter the date of the decision to change the fiscal year: "
    "the transition report is due counting from it when it is later than the transition "
    "period end (Rules 13a-10 and 15d-10).",
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
# What names a restatement or non-reliance in Part III.
RESTATEMENT_WORDS = re.compile(
    r"\b(restat\w*|misstat\w*|correction\w*|correcting|corrected|non-?reliance"
    r"|no longer be relied)\b",
    re.IGNORECASE,
)
MIN_NARRATIVE_WORDS = 8
# Someone else's opinion, report or certification (Rule 12b-25(c)); "report" alone would match
# the late report itself.
THIRD_PARTY_WORDS = re.compile(
    r"\b(auditors?|auditor's|independent (registered )?(public )?account\w+|accounting firm"
    r"|audit (opinion|report)|opinion|certifications?|actuar\w+|apprais\w+|third[- ]part\w+)\b",
    re.IGNORECASE,
)
# Amounts in a Part IV(3) explanation, and the form's alternative: why no estimate can be made.
FIGURES = re.compile(
    r"\$\s?\d|\d\s?(%|percent|per cent)|\d[\d,.]*\s?(million|billion|thousand)\b"
    r"|\d{1,3}(,\d{3})+",
    re.IGNORECASE,
)
NO_ESTIMATE = re.compile(
    r"\breasonabl\w* estimat\w*|\b(cannot|can not|unable to|not able to)\b[\w ]{0,30}\bestimat",
    re.IGNORECASE,
)
# A delay beyond a 5- or 15-day grace period.
LONG_DELAY_WORDS = re.compile(
    r"\b((several|a few|many|multiple|two|three|four|five|six|\d+) (more |additional )?"
    r"(weeks|months)\b(?! ended| ending)|next (month|quarter|year))",
    re.IGNORECASE,
)
WRITTEN_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}, \d{4}\b|\b\d{4}-\d{2}-\d{2}\b"
)
# Electronic filing difficulties (General Instruction 5).
EDGAR_TROUBLE_WORDS = re.compile(
    r"\b(EDGAR|electronic (filing|submission|transmission)\w*|filing agent|filer support"
    r"|technical (difficult\w*|problems?|issues?)|outage|access codes?|Login\.gov)\b",
    re.IGNORECASE,
)
REPEAT_WINDOW_DAYS = 365
# What "start from the registrant's last notice" carries over as text, with its label.
COPIED_TEXT_FIELDS = {
    "narrative": "Part III",
    "significant_change_explanation": "The Part IV(3) explanation",
}
# Dates a notice can sensibly carry: from the Exchange Act to the end of this century.
EARLIEST_DATE = date(1934, 1, 1)
LATEST_DATE = date(2099, 12, 31)
DATE_FIELDS = [
    "period_end",
    "transition_period_end",
    "transition_decision_date",
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
    # A blocking problem that only stops finalizing, not saving the step of its field: its
    # fix may lie on another step, or with a reviewer.
    blocks_step: bool = True


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


# The answers a reviewer's reason for an undisclosed restatement is given about: when any of
# them changes, the reason no longer holds.
RESTATEMENT_DISCLOSURE_FIELDS = [
    "narrative",
    "significant_change",
    "significant_change_explanation",
    "restatement_expected",
]


def _restatement(notice: Notice) -> list[Problem]:
    """Warning 1, from the SEC's 2021 and 2023 enforcement sweeps against notices silent about
    a restatement announced days later: an expected restatement blocks finalizing until Part
    III names it and Part IV(3) answers Yes with an explanation, or a reviewer records why
    not. The Item 4.02 Form 8-K is due within four business days either way."""
    if not notice.restatement_expected:
        return []
    problems = []
    disclosed = (
        RESTATEMENT_WORDS.search(notice.narrative)
        and notice.significant_change is True
        and notice.significant_change_explanation.strip()
    )
    if not disclosed and not notice.restatement_review_reason.strip():
        problems.append(
            Problem(
                "restatement_expected",
                "A restatement or non-reliance is expected: Part III must name it as a reason "
                "and Part IV(3) must answer Yes with an explanation, or a reviewer must record "
                "on the review page why not. The SEC charged registrants in 2021 and 2023 for "
                "notices silent about a restatement announced days later.",
                blocks_step=False,
            )
        )
    problems.append(
        Problem(
            "restatement_expected",
            "Remember the Form 8-K under Item 4.02 (non-reliance on previously issued "
            "financial statements): it is due within four business days of the conclusion "
            "(Form 8-K General Instruction B.1).",
            blocking=False,
        )
    )
    return problems


def _third_party(notice: Notice) -> list[Problem]:
    """Warning 2: Rule 12b-25(c), a statement from the person who cannot furnish an opinion,
    report or certification."""
    mention = THIRD_PARTY_WORDS.search(notice.narrative)
    if mention and notice.relief_claimed and notice.third_party_cause is not True:
        return [
            Problem(
                "third_party_cause",
                f"Part III mentions \u201c{mention.group(0)}\u201d: if someone other than the "
                "registrant cannot furnish a required opinion, report or certification, Rule "
                "12b-25(c) asks for that person's signed statement of the reasons as an "
                "exhibit.",
                blocking=False,
            )
        ]
    return []


def _explanation_without_figures(notice: Notice) -> list[Problem]:
    """Warning 3: Part IV(3) asks for the change "both narratively and quantitatively" or why
    a reasonable estimate cannot be made."""
    explanation = notice.significant_change_explanation
    if (
        applies(notice, "significant_change_explanation")
        and explanation.strip()
        and not FIGURES.search(explanation)
        and not NO_ESTIMATE.search(explanation)
    ):
        return [
            Problem(
                "significant_change_explanation",
                "The Part IV(3) explanation gives no amounts: the form asks for the change both "
                "narratively and quantitatively, or why a reasonable estimate cannot be made.",
                blocking=False,
            )
        ]
    return []


def _longer_than_grace_period(notice: Notice) -> list[Problem]:
    """Warning 4: checking Part II represents, under Rule 12b-25(b)(2)(ii), that the report
    will be filed within the grace period."""
    if not notice.relief_claimed:
        return []
    mention = LONG_DELAY_WORDS.search(notice.narrative)
    deadlines = _deadlines(notice)
    late_date = None
    if deadlines is not None:
        late_date = next(
            (day for day in _dates_in(notice.narrative) if day > deadlines.grace_end), None
        )
    if not mention and late_date is None:
        return []
    what = f"\u201c{mention.group(0)}\u201d" if mention else f"{late_date:%B} {late_date.day}"
    grace_end = f" ({deadlines.grace_end:%B} {deadlines.grace_end.day})" if deadlines else ""
    return [
        Problem(
            "relief_claimed",
            f"Part II is checked but Part III speaks of {what}: Part II(b) represents that the "
            f"report will be filed by the end of the grace period{grace_end} (Rule "
            "12b-25(b)(2)(ii)).",
            blocking=False,
        )
    ]


def _edgar_difficulties_only(notice: Notice) -> list[Problem]:
    """Warning 5: General Instruction 5, electronic filing difficulties alone are not a reason
    for Form 12b-25."""
    sentences = re.split(r"(?<=[.!?])\s+", notice.narrative.strip())
    if not any(EDGAR_TROUBLE_WORDS.search(sentence) for sentence in sentences):
        return []
    other_reasons = [s for s in sentences if not EDGAR_TROUBLE_WORDS.search(s)]
    if sum(len(sentence.split()) for sentence in other_reasons) >= MIN_NARRATIVE_WORDS:
        return []
    return [
        Problem(
            "narrative",
            "Part III gives only electronic filing difficulties: General Instruction 5 bars "
            "Form 12b-25 for them; Rule 201 or 202 of Regulation S-T, or an adjustment of the "
            "filing date under Rule 13(b) of Regulation S-T, applies instead.",
            blocking=False,
        )
    ]


def _repeat_notice(notice: Notice) -> list[Problem]:
    """Warning 6: another notice for the same registrant in the 12 months before this one."""
    if not notice.registrant_id or notice.is_amendment or notice.signature_date is None:
        return []
    earlier = (
        Notice.objects.final()
        .filter(
            registrant_id=notice.registrant_id,
            is_amendment=False,
            signature_date__gte=notice.signature_date - timedelta(days=REPEAT_WINDOW_DAYS),
            signature_date__lte=notice.signature_date,
        )
        .exclude(pk=notice.pk)
        .order_by("-signature_date")
        # What the warning says of it (edgar_submission_type reads the form and amendment).
        .only("form_type", "is_amendment", "signature_date")
        .first()
    )
    if earlier is None:
        return []
    return [
        Problem(
            "other_reports_filed",
            f"The registrant filed another Form 12b-25 ({earlier.edgar_submission_type}, "
            f"dated {earlier.signature_date:%B} {earlier.signature_date.day}, "
            f"{earlier.signature_date.year}) in the past 12 months: check the Part IV(2) "
            "answer, and Form S-3 eligibility, which requires every report of the past 12 "
            "months to be filed on time (General Instruction I.A.3(b); a report filed within "
            "the Rule 12b-25(b) grace period counts as on time).",
            blocking=False,
        )
    ]


def copied_text_problems(notice: Notice) -> list[Problem]:
    """Warning 6, continued: text carried over from an earlier notice stays flagged until the
    user edits it or confirms it still holds."""
    earlier = notice.copied_from
    if earlier is None or notice.copied_text_confirmed:
        return []
    return [
        Problem(
            field,
            f"{label} is word for word the notice of "
            f"{earlier.period_end:%B} {earlier.period_end.day}, {earlier.period_end.year}: "
            "edit it, or confirm on the review page that it still holds for this report.",
            blocking=False,
        )
        for field, label in COPIED_TEXT_FIELDS.items()
        if getattr(notice, field).strip() and getattr(notice, field) == getattr(earlier, field)
    ]


def _portion(notice: Notice) -> list[Problem]:
    """Warning 7: Rule 12b-25(e), a notice for a portion of a report."""
    if notice.is_portion and applies(notice, "portion_items"):
        return [
            Problem(
                "portion_items",
                "The notice covers only a portion of the report: Rule 12b-25(e) requires the "
                "later filing of that portion to identify the items it contains.",
                blocking=False,
            )
        ]
    return []


def _signed_after_deadline(notice: Notice) -> list[Problem]:
    """Warning 8: Rule 12b-25(a), the notice is due one business day after the report."""
    deadlines = _deadlines(notice)
    if (
        deadlines is None
        or notice.is_amendment
        or notice.signature_date is None
        or notice.signature_date <= deadlines.notice_due
    ):
        return []
    due = deadlines.notice_due
    return [
        Problem(
            "signature_date",
            f"The notice is dated after the last day to file it ({due:%B} {due.day}, "
            f"{due.year}, Rule 12b-25(a)): filed then, it is late and earns no Rule 12b-25(b) "
            "relief.",
            blocking=False,
        )
    ]


def _shareholder_report_late(notice: Notice) -> list[Problem]:
    """Rule 30e-1: the shareholder report is sent within 60 days of the period end."""
    sent = notice.transmission_date
    if (
        applies(notice, "transmission_date")
        and sent is not None
        and notice.period_end is not None
        and sent > notice.period_end + timedelta(days=SHAREHOLDER_REPORT_DAYS)
    ):
        return [
            Problem(
                "transmission_date",
                f"The shareholder report was sent more than {SHAREHOLDER_REPORT_DAYS} days "
                "after the period end: Rule 30e-1 requires it within that time, and Form "
                "N-CSR is due 10 days after it was sent (Rule 30b2-1).",
                blocking=False,
            )
        ]
    return []


def _series(notice: Notice) -> list[Problem]:
    """NT-NCEN and NT-NCSR submissions name the series they concern, or all series (EDGAR
    Filer Manual); a submission without them can be suspended."""
    if (
        applies(notice, "series_identifiers")
        and not notice.series_identifiers
        and notice.registrant_id
        and notice.registrant.series.exists()
    ):
        return [
            Problem(
                "series_identifiers",
                "Choose the series the notice is for, or all series: EDGAR can suspend an "
                "NT-NCEN or NT-NCSR submission without them.",
            )
        ]
    return []


def _deadlines(notice: Notice):
    # Imported here: the selectors read the rules' conditions.
    from filings.selectors import deadlines_of_notice

    return deadlines_of_notice(notice)


def _dates_in(text: str) -> list[date]:
    """The dates written out in `text` ("September 15, 2026", "2026-09-15")."""
    found = []
    for match in WRITTEN_DATE.finditer(text):
        written = match.group(0)
        try:
            if "-" in written:
                found.append(date.fromisoformat(written))
            else:
                found.append(datetime.strptime(written, "%B %d, %Y").date())
        except ValueError:
            continue
    return found


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


# In the order of the ranking (by what the SEC has charged registrants for), after
# what is missing.
CHECKS = [
    _missing,
    _dates,
    _transition_box,
    _series,
    _signers,
    _restatement,
    _third_party,
    _explanation_without_figures,
    _longer_than_grace_period,
    _edgar_difficulties_only,
    _repeat_notice,
    copied_text_problems,
    _portion,
    _signed_after_deadline,
    _shareholder_report_late,
    _part_ii_unchecked,
    _narrative,
]
