"""The filing summary: what whoever submits the notice on EDGAR enters in the submission
header and which files they attach, each under its EDGAR document type (EDGAR Filer Manual
Vol. II 5.2 for the documents; EDGARLink Online's header of the NT submission types for the
values)."""

from dataclasses import dataclass

from filings.document import (
    long_date,
    notice_co_registrants,
    notice_document,
    notice_series,
)
from filings.formats import FilingRole, NoticeFile, notice_files
from filings.models import Notice

# What each kind of file is to the submission, as the summary says it, in the order listed.
ROLE_NOTES = {
    FilingRole.OFFICIAL: "Attach as the official document.",
    FilingRole.ASCII: "Or attach this ASCII version instead of the HTML document; not both.",
    FilingRole.UNOFFICIAL: "May ride along as an unofficial PDF copy.",
}
# Investment companies' notices carry their series and classes in the header; a submission
# without them can be suspended (FORM_12B25.md section 1).
SERIES_TYPES = frozenset({"NT-NCEN", "NT-NCSR"})
NOTICE_DESCRIPTION = "Notification of late filing (Form 12b-25)"


@dataclass(frozen=True)
class HeaderValue:
    """A value of the EDGAR submission header: `value` is what is copied into EDGAR; empty
    when the product has nothing to offer, and `note` then says what to do."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class SubmissionFile:
    file: NoticeFile
    edgar_type: str
    description: str
    note: str


def _notification_emails(notice: Notice) -> str:
    """The e-mail of the notice's contact as the registrant record has it (the contact named
    on the notice, else the registrant's default contact)."""
    contacts = list(notice.registrant.contacts.all())
    named = [contact for contact in contacts if contact.name == notice.contact_name]
    default = [
        contact for contact in contacts if contact.pk == notice.registrant.default_contact_id
    ]
    return next((contact.email for contact in [*named, *default] if contact.email), "")


def _co_registrants_value(notice: Notice) -> HeaderValue:
    co_registrants = notice_co_registrants(notice)
    if not co_registrants:
        return HeaderValue("Co-registrants", "", "None named on the notice (Part I).")
    value = "; ".join(f"{other.name} (CIK {other.cik.zfill(10)})" for other in co_registrants)
    return HeaderValue("Co-registrants", value)


def _series_value(notice: Notice) -> HeaderValue:
    if notice.all_series:
        return HeaderValue("Series and classes", "All series")
    chosen = notice_series(notice)
    if not chosen:
        return HeaderValue(
            "Series and classes", "", "None chosen: choose them (or all series) in step 1."
        )
    identifiers = [
        identifier
        for series in chosen
        for identifier in [series.identifier, *(c.identifier for c in series.classes.all())]
    ]
    names = "; ".join(
        f"{series.name}" + "".join(f", {share_class.name}" for share_class in series.classes.all())
        for series in chosen
    )
    return HeaderValue("Series and classes", " ".join(identifiers), names)


def submission_header(notice: Notice) -> list[HeaderValue]:
    """The values of the EDGAR submission header for the notice's submission type."""
    registrant = notice.registrant
    submission_type = notice.edgar_submission_type
    header = [
        HeaderValue("Submission type", submission_type),
        HeaderValue(
            "Filer CIK",
            registrant.cik.zfill(10) if registrant.cik else "",
            "" if registrant.cik else "None on record: add it on the registrant's page.",
        ),
        HeaderValue(
            "Filer CCC",
            "",
            "Never stored here: the person filing enters the registrant's CCC themselves.",
        ),
        HeaderValue(
            "Period",
            f"{notice.period_end:%m-%d-%Y}" if notice.period_end else "",
            "" if notice.period_end else "No period yet.",
        ),
        HeaderValue(
            "File number",
            notice.sec_file_number,
            "" if notice.sec_file_number else "None on the notice.",
        ),
        _co_registrants_value(notice),
    ]
    if submission_type.split("/")[0] in SERIES_TYPES:
        header.append(_series_value(notice))
        if registrant.investment_company_type:
            header.append(
                HeaderValue(
                    "Investment company type", registrant.get_investment_company_type_display()
                )
            )
    phone = " ".join(part for part in [notice.contact_area_code, notice.contact_phone] if part)
    emails = _notification_emails(notice)
    header += [
        HeaderValue("Contact name", notice.contact_name),
        HeaderValue("Contact phone", phone),
        HeaderValue(
            "Notification e-mail",
            emails,
            "" if emails else "No e-mail on record for the contact.",
        ),
    ]
    return header


def edgar_filing_summary(notice: Notice) -> dict:
    """What whoever submits the notice on EDGAR enters and attaches: the header values, and
    each file with its EDGAR document type, description and file name (a final notice's stored
    files with their SHA-256). The PDF to sign is not filed: it is kept."""
    document = notice_document(notice)
    files = notice_files(notice, document["exhibits"])
    attached = sorted(
        (
            SubmissionFile(
                file,
                file.exhibit.edgar_type if file.exhibit else notice.edgar_submission_type,
                file.exhibit.description if file.exhibit else NOTICE_DESCRIPTION,
                ROLE_NOTES[file.format.filing_role],
            )
            for file in files
            if file.format.filing_role != FilingRole.AUTHENTICATION
        ),
        # The notice, then each exhibit; each with its HTML, ASCII and PDF files in that order.
        key=lambda entry: (
            document["exhibits"].index(entry.file.exhibit) + 1 if entry.file.exhibit else 0,
            list(ROLE_NOTES).index(entry.file.format.filing_role),
        ),
    )
    authentication = next(
        (file for file in files if file.format.filing_role == FilingRole.AUTHENTICATION), None
    )
    return {
        **document,
        "submission_type": notice.edgar_submission_type,
        "header": submission_header(notice),
        "period_end": long_date(notice.period_end),
        "files": attached,
        "authentication_document": authentication,
    }
