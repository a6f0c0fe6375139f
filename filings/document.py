"""The notice as a document: every value and every piece of the form's wording that the review
page, the PDF and the EDGAR documents show, built in one place so they cannot disagree."""

from dataclasses import dataclass
from datetime import date

from django.db.models.fields.files import FieldFile
from django.urls import reverse

from filings.deadlines import REPORT_FORM_CHOICES, REPORT_FORMS
from filings.models import Notice, NoticeSigner
from filings.rules import SIGNER_CONDITIONS, TRANSITION_FORMS, applies
from registrants.models import Registrant

PART_II_INTRO = (
    "If the subject report could not be filed without unreasonable effort or expense and the "
    "registrant seeks relief pursuant to Rule 12b-25(b), the following should be completed. "
    "(Check box if appropriate)"
)
PART_II_STATEMENTS = [
    (
        "(a)",
        "The reasons described in reasonable detail in Part III of this form could not be "
        "eliminated without unreasonable effort or expense;",
    ),
    (
        "(b)",
        "The subject annual report, semi-annual report, transition report on Form 10-K, Form "
        "20-F, Form 11-K, Form N-CEN or Form N-CSR, or portion thereof, will be filed on or "
        "before the fifteenth calendar day following the prescribed due date; or the subject "
        "quarterly report or transition report on Form 10-Q or subject distribution report on "
        "Form 10-D, or portion thereof, will be filed on or before the fifth calendar day "
        "following the prescribed due date; and",
    ),
    (
        "(c)",
        "The accountant's statement or other exhibit required by Rule 12b-25(c) has been "
        "attached if applicable.",
    ),
]
PART_III_INSTRUCTION = (
    "State below in reasonable detail why Forms 10-K, 20-F, 11-K, 10-Q, 10-D, N-CEN, N-CSR, or "
    "the transition report or portion thereof, could not be filed within the prescribed time "
    "period."
)
PART_IV_QUESTIONS = {
    "contact": "Name and telephone number of person to contact in regard to this notification",
    "other_reports": (
        "Have all other periodic reports required under Section 13 or 15(d) of the Securities "
        "Exchange Act of 1934 or Section 30 of the Investment Company Act of 1940 during the "
        "preceding 12 months or for such shorter period that the registrant was required to "
        "file such report(s) been filed? If answer is no, identify report(s)."
    ),
    "significant_change": (
        "Is it anticipated that any significant change in results of operations from the "
        "corresponding period for the last fiscal year will be reflected by the earnings "
        "statements to be included in the subject report or portion thereof?"
    ),
    "significant_change_instruction": (
        "If so, attach an explanation of the anticipated change, both narratively and "
        "quantitatively, and, if appropriate, state the reasons why a reasonable estimate of "
        "the results cannot be made."
    ),
}
LEGEND = (
    "Nothing in this form shall be construed to imply that the Commission has verified any "
    "information contained herein."
)
PORTION_INSTRUCTION = (
    "If the notification relates to a portion of the filing checked above, identify the "
    "Item(s) to which the notification relates:"
)
SIGNATURE_STATEMENT = (
    "has caused this notification to be signed on its behalf by the undersigned hereunto duly "
    "authorized."
)
SIGNATURE_INSTRUCTION = (
    "INSTRUCTION: The form may be signed by an executive officer of the registrant or by any "
    "other duly authorized representative. The name and title of the person signing the form "
    "shall be typed or printed beneath the signature. If the statement is signed on behalf of "
    "the registrant by an authorized representative (other than an executive officer), "
    "evidence of the representative's authority to sign on behalf of the registrant shall be "
    "filed with the form."
)
ATTENTION = (
    "Intentional misstatements or omissions of fact constitute Federal Criminal Violations "
    "(See 18 U.S.C. 1001)."
)

OMB_NUMBER = "3235-0058"
OMB_BURDEN_HOURS = "2.50"
OMB_STATEMENT = (
    "Persons who are to respond to the collection of information contained in this form are "
    "not required to respond unless the form displays a currently valid OMB control number."
)
GENERAL_INSTRUCTIONS = [
    "This form is required by Rule 12b-25 (17 CFR 240.12b-25) of the General Rules and "
    "Regulations under the Securities Exchange Act of 1934.",
    "One signed original and four conformed copies of this form and amendments thereto must be "
    "completed and filed with the Securities and Exchange Commission, Washington, D.C. 20549, in "
    "accordance with Rule 0-3 of the General Rules and Regulations under the Act. The "
    "information contained in or filed with the form will be made a matter of public record in "
    "the Commission files.",
    "A manually signed copy of the form and amendments thereto shall be filed with each "
    "national securities exchange on which any class of securities of the registrant is "
    "registered.",
    "Amendments to the notifications must also be filed on form 12b-25 but need not restate "
    "information that has been correctly furnished. The form shall be clearly identified as an "
    "amended notification.",
    "Electronic Filers: This form shall not be used by electronic filers unable to timely file a "
    "report solely due to electronic difficulties. Filers unable to submit reports within the "
    "time period prescribed due to difficulties in electronic filing should comply with either "
    "Rule 201 or Rule 202 of Regulation S-T (\u00a7232.201 or \u00a7232.202 of this chapter) or "
    "apply for an adjustment in filing date pursuant to Rule 13(b) of Regulation S-T "
    "(\u00a7232.13(b) of this chapter).",
]


# Exhibits filed with the notice: (exhibit number, EDGAR document type, description). EDGAR
# takes a power of attorney as EX-24 and any other exhibit as EX-99; the numbering is
# *unconfirmed* for Form 12b-25, which has no exhibit table of its own, so it is kept here.
THIRD_PARTY_STATEMENT_EXHIBIT = (
    "99",
    "EX-99",
    "Statement of the person other than the registrant required by Rule 12b-25(c)",
)
EVIDENCE_OF_AUTHORITY_EXHIBIT = ("24", "EX-24", "Evidence of authority to sign of {name}")


@dataclass(frozen=True)
class Box:
    label: str
    checked: bool


@dataclass(frozen=True)
class Exhibit:
    """A document uploaded to the notice and filed with it, under a name for EDGAR."""

    number: str  # "99", or "24.1" when there are several of a kind
    edgar_type: str  # the EDGAR document type, e.g. "EX-99"
    description: str
    filename: str
    file: FieldFile
    download_url: str


def document_filename(
    notice: Notice, extension: str, *, variant: str = "", draft: bool | None = None
) -> str:
    """A file name that says what the file is, e.g. "nt10k-2026-03-31.htm",
    "nt10qa-2026-03-31-conformed-draft.pdf", "ntncsra-2026-03-31-ex24-1.pdf". It keeps to
    EDGAR's rule for file names (at most 32 characters, letters, digits and hyphens, one
    extension) for every submission type. `draft` defaults to whether the notice is a draft."""
    kind = "".join(
        character for character in notice.edgar_submission_type.lower() if character.isalnum()
    )
    period = notice.period_end.isoformat() if notice.period_end else "no-period"
    is_draft = not notice.is_final if draft is None else draft
    parts = [kind, period, variant, "draft" if is_draft else ""]
    return "-".join(part for part in parts if part) + f".{extension}"


def notice_exhibits(notice: Notice, signers: list[NoticeSigner]) -> list[Exhibit]:
    """The exhibits filed with the notice: the third party's statement when relief is claimed
    because of it (Rule 12b-25(c)), and the evidence of authority of each signer who is not an
    executive officer (the form's signature instruction)."""
    exhibits = []
    if applies(notice, "third_party_statement") and notice.third_party_statement:
        number, edgar_type, description = THIRD_PARTY_STATEMENT_EXHIBIT
        exhibits.append(
            Exhibit(
                number,
                edgar_type,
                description,
                document_filename(notice, "pdf", variant=f"ex{number}", draft=False),
                notice.third_party_statement,
                reverse("filings:third_party_statement", args=[notice.pk]),
            )
        )
    authorized = [
        signer
        for signer in signers
        if applies(signer, "evidence_of_authority", SIGNER_CONDITIONS)
        and signer.evidence_of_authority
    ]
    number, edgar_type, description = EVIDENCE_OF_AUTHORITY_EXHIBIT
    for index, signer in enumerate(authorized, start=1):
        signer_number = f"{number}.{index}" if len(authorized) > 1 else number
        exhibits.append(
            Exhibit(
                signer_number,
                edgar_type,
                description.format(name=signer.name),
                document_filename(
                    notice, "pdf", variant=f"ex{signer_number.replace('.', '-')}", draft=False
                ),
                signer.evidence_of_authority,
                reverse("filings:evidence_of_authority", args=[notice.pk, signer.pk]),
            )
        )
    return exhibits


def long_date(value: date | None) -> str:
    """A date as the form writes it: "March 30, 2004"."""
    return f"{value:%B} {value.day}, {value.year}" if value else ""


def notice_series(notice: Notice) -> list:
    """The registrant's series the notice is for (all of them for "all series"), each with
    its classes; a chosen identifier no longer on the registrant record is left out."""
    if not applies(notice, "all_series"):
        return []
    series = notice.registrant.series.prefetch_related("classes")
    if not notice.all_series:
        series = series.filter(identifier__in=notice.series_identifiers)
    return list(series)


def notice_co_registrants(notice: Notice) -> list[Registrant]:
    """The other registrants filing the notice jointly, by the CIKs it keeps."""
    return list(Registrant.objects.filter(cik__in=notice.co_registrant_ciks))


def notice_document(notice: Notice) -> dict:
    """Everything the notice shows, as plain values and wording."""
    transition = notice.is_transition_report and applies(notice, "is_transition_report")
    signers = list(notice.signers.all())
    return {
        "notice": notice,
        "is_draft": notice.status == "draft",
        "is_amendment": notice.is_amendment,
        "edgar_submission_type": notice.edgar_submission_type,
        "sec_file_number": notice.sec_file_number,
        "cusip": notice.cusip,
        "form_boxes": [Box(label, notice.form_type == code) for code, label in REPORT_FORM_CHOICES],
        "period_end": long_date(notice.period_end),
        "transition_boxes": [
            Box(
                f"Transition Report on {REPORT_FORMS[code].label}",
                transition and notice.form_type == code,
            )
            for code in REPORT_FORMS
            if code in TRANSITION_FORMS
        ],
        "transition_period_end": long_date(notice.transition_period_end) if transition else "",
        "transition_decision_date": (
            long_date(notice.transition_decision_date) if transition else ""
        ),
        "investment_company_type": notice.registrant.get_investment_company_type_display()
        if notice.registrant.investment_company_type
        else "",
        "all_series": notice.all_series and applies(notice, "all_series"),
        "series": notice_series(notice),
        "co_registrants": notice_co_registrants(notice),
        "legend": LEGEND,
        "portion_instruction": PORTION_INSTRUCTION,
        "portion_items": notice.portion_items if applies(notice, "portion_items") else "",
        "part_i": [
            ("Full Name of Registrant", notice.registrant_name),
            ("Former Name if Applicable", notice.former_name),
            ("Address of Principal Executive Office (Street and Number)", notice.street),
            ("City, State and Zip Code", notice.city_state_zip),
        ],
        "part_ii_intro": PART_II_INTRO,
        "part_ii_checked": bool(notice.relief_claimed),
        "part_ii_statements": PART_II_STATEMENTS,
        "third_party_statement": (
            notice.third_party_statement if applies(notice, "third_party_statement") else None
        ),
        "part_iii_instruction": PART_III_INSTRUCTION,
        "narrative": notice.narrative,
        "questions": PART_IV_QUESTIONS,
        "contact_name": notice.contact_name,
        "contact_area_code": notice.contact_area_code,
        "contact_phone": notice.contact_phone,
        "other_reports_filed": notice.other_reports_filed,
        "reports_not_filed": (
            notice.reports_not_filed if applies(notice, "reports_not_filed") else ""
        ),
        "significant_change": notice.significant_change,
        "significant_change_explanation": (
            notice.significant_change_explanation
            if applies(notice, "significant_change_explanation")
            else ""
        ),
        # After Part IV, before the signature; never read by the rules' narrative checks.
        "additional_statement": notice.additional_statement,
        "signature_registrant_name": notice.signature_registrant_name,
        "signature_statement": SIGNATURE_STATEMENT,
        "signature_date": long_date(notice.signature_date),
        "signers": signers,
        "exhibits": notice_exhibits(notice, signers),
        "signature_instruction": SIGNATURE_INSTRUCTION,
        "attention": ATTENTION,
        "omb_number": OMB_NUMBER,
        "omb_burden_hours": OMB_BURDEN_HOURS,
        "omb_statement": OMB_STATEMENT,
        "general_instructions": GENERAL_INSTRUCTIONS,
    }
