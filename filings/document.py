"""The notice as a document: every value and every piece of the form's wording that the review
page, the PDF and the EDGAR documents show, built in one place so they cannot disagree."""

from dataclasses import dataclass
from datetime import date

from django.db.models.fields.files import FieldFile

from filings.deadlines import REPORT_FORM_CHOICES, REPORT_FORMS
from filings.models import Notice, NoticeSigner
from filings.rules import SIGNER_CONDITIONS, TRANSITION_FORMS, applies
from registrants.identifiers import area_code_display
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

DRAFT_MARK = "DRAFT \u2014 NOT FOR FILING"
FORM_TITLE = "FORM 12b-25"
FORM_SUBTITLE = "NOTIFICATION OF LATE FILING"
PART_HEADINGS = {
    "part_i": "PART I \u2014 REGISTRANT INFORMATION",
    "part_ii": "PART II \u2014 RULES 12b-25(b) AND (c)",
    "part_iii": "PART III \u2014 NARRATIVE",
    "part_iv": "PART IV \u2014 OTHER INFORMATION",
}
NAME_CAPTION = "(Name of Registrant as Specified in Charter)"
ATTENTION_HEADING = "ATTENTION"
ATTACHMENT_TITLE = "ATTACHMENT TO FORM 12b-25"
ATTACHMENT_REFERENCE = "See the attachment to this form."
GENERAL_INSTRUCTIONS_HEADING = "GENERAL INSTRUCTIONS"
EXHIBIT_INDEX_HEADING = "EXHIBIT INDEX"

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


# Exhibits filed with the notice: (exhibit number, EDGAR document type, description, the
# sentence of the notice that refers to it). EDGAR takes a power of attorney as EX-24 and any
# other exhibit as EX-99 (Filer Manual Vol. II 5.2.4, exhibit types); the numbering is
# *unconfirmed* for Form 12b-25, which has no exhibit table of its own, so it is kept here.
THIRD_PARTY_STATEMENT_EXHIBIT = (
    "99",
    "EX-99",
    "Statement of the person other than the registrant required by Rule 12b-25(c)",
    "The statement required by Rule 12b-25(c) is filed as Exhibit {number}.",
)
EVIDENCE_OF_AUTHORITY_EXHIBIT = (
    "24",
    "EX-24",
    "Evidence of authority to sign of {name}",
    "Evidence of authority to sign of {name} is filed as Exhibit {number}.",
)
# The extensions under which an exhibit is filed: the official documents, then the uploaded
# PDF that rides along as an unofficial copy.
EXHIBIT_EXTENSIONS = ("htm", "txt", "pdf")


@dataclass(frozen=True)
class Box:
    label: str
    checked: bool


@dataclass(frozen=True)
class Exhibit:
    """A document filed with the notice: its text, typed in, becomes an EDGAR document of its
    own (.htm and .txt); the uploaded PDF, if any, rides along as the unofficial copy."""

    key: str  # names it in addresses and stored documents: "statement", "signer-12"
    number: str  # "99", or "24.1" when there are several of a kind
    edgar_type: str  # the EDGAR document type, e.g. "EX-99"
    description: str
    sentence: str  # what the notice says about it
    text: str
    upload: FieldFile
    filenames: dict[str, str]  # by extension, as filed (never marked draft)

    @property
    def variant(self) -> str:
        return exhibit_variant(self.number)


def exhibit_variant(number: str) -> str:
    """The part of an exhibit's file names that names it: "ex99", "ex24-1"."""
    return "ex" + number.replace(".", "-")


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
    if applies(notice, "third_party_statement_text"):
        number, edgar_type, description, sentence = THIRD_PARTY_STATEMENT_EXHIBIT
        exhibits.append(
            _exhibit(
                notice,
                "statement",
                number,
                edgar_type,
                description,
                sentence.format(number=number),
                notice.third_party_statement_text,
                notice.third_party_statement,
            )
        )
    authorized = [
        signer
        for signer in signers
        if applies(signer, "evidence_of_authority_text", SIGNER_CONDITIONS)
    ]
    number, edgar_type, description, sentence = EVIDENCE_OF_AUTHORITY_EXHIBIT
    for index, signer in enumerate(authorized, start=1):
        signer_number = f"{number}.{index}" if len(authorized) > 1 else number
        exhibits.append(
            _exhibit(
                notice,
                f"signer-{signer.pk}",
                signer_number,
                edgar_type,
                description.format(name=signer.name),
                sentence.format(name=signer.name, number=signer_number),
                signer.evidence_of_authority_text,
                signer.evidence_of_authority,
            )
        )
    return exhibits


def _exhibit(notice: Notice, key: str, number: str, *fields) -> Exhibit:
    filenames = {
        extension: document_filename(
            notice, extension, variant=exhibit_variant(number), draft=False
        )
        for extension in EXHIBIT_EXTENSIONS
    }
    return Exhibit(key, number, *fields, filenames=filenames)


def yes_no_boxes(answer: bool | None) -> list[Box]:
    """A Yes/No question of Part IV as the form's two boxes; neither is checked while it is
    unanswered."""
    return [Box("Yes", answer is True), Box("No", answer is False)]


def long_date(value: date | None) -> str:
    """A date as the form writes it: "March 30, 2004" (the year in four digits, as Django's
    `date:"F j, Y"` writes it)."""
    return f"{value:%B} {value.day}, {value.year:04d}" if value else ""


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
    if not notice.co_registrant_ciks:
        # Most notices: no query to build (the ORM compiles `cik IN ()` before it finds it empty).
        return []
    return list(Registrant.objects.filter(cik__in=notice.co_registrant_ciks))


def notice_document(notice: Notice) -> dict:
    """Everything the notice shows, as plain values and wording."""
    transition = notice.is_transition_report and applies(notice, "is_transition_report")
    signers = list(notice.signers.all())
    return {
        "notice": notice,
        # Not approved yet (a draft, or in review): every document carries the draft mark.
        "is_draft": not notice.is_final,
        "draft_mark": DRAFT_MARK,
        "is_amendment": notice.is_amendment,
        "edgar_submission_type": notice.edgar_submission_type,
        "form_title": FORM_TITLE + ("/A" if notice.is_amendment else ""),
        "form_subtitle": ("AMENDED " if notice.is_amendment else "") + FORM_SUBTITLE,
        "headings": PART_HEADINGS,
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
        "contact_area_code": area_code_display(notice.contact_area_code),
        "contact_phone": notice.contact_phone,
        "other_reports_filed": notice.other_reports_filed,
        "other_reports_boxes": yes_no_boxes(notice.other_reports_filed),
        "reports_not_filed": (
            notice.reports_not_filed if applies(notice, "reports_not_filed") else ""
        ),
        "significant_change": notice.significant_change,
        "significant_change_boxes": yes_no_boxes(notice.significant_change),
        "significant_change_explanation": (
            notice.significant_change_explanation
            if applies(notice, "significant_change_explanation")
            else ""
        ),
        # After Part IV, before the signature; never read by the rules' narrative checks.
        "additional_statement": notice.additional_statement,
        "signature_registrant_name": notice.signature_registrant_name,
        "name_caption": NAME_CAPTION,
        "signature_statement": SIGNATURE_STATEMENT,
        "signature_date": long_date(notice.signature_date),
        "signers": signers,
        "exhibits": notice_exhibits(notice, signers),
        "signature_instruction": SIGNATURE_INSTRUCTION,
        "attention_heading": ATTENTION_HEADING,
        "attention": ATTENTION,
        "attachment_heading": [ATTACHMENT_TITLE, "OF", notice.signature_registrant_name.upper()],
        "attachment_reference": ATTACHMENT_REFERENCE,
        "general_instructions_heading": GENERAL_INSTRUCTIONS_HEADING,
        "exhibit_index_heading": EXHIBIT_INDEX_HEADING,
        "omb_number": OMB_NUMBER,
        "omb_burden_hours": OMB_BURDEN_HOURS,
        "omb_statement": OMB_STATEMENT,
        "general_instructions": GENERAL_INSTRUCTIONS,
    }
