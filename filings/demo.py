"""The demo notice: the Lexington Precision Form 12b-25 of March 30, 2004
(../shared/seeds/lexington_precision_nt10k_2004.txt), entered as data."""

import datetime

from django.contrib.auth.models import User
from django.template.loader import render_to_string

from filings.lifecycle import notice_approve, notice_submit
from filings.models import Notice, NoticeSigner
from filings.pdf import html_to_pdf
from filings.signing import attestation_on_file, attestation_upload
from filings.wizard import STEPS
from registrants.demo import DEMO_SIGNER_USERS
from registrants.models import Registrant

LEXINGTON_NAME = "Lexington Precision Corporation"

NARRATIVE = (
    "The registrant's annual report on Form 10-K cannot be filed within the prescribed time "
    "period because the registrant is in the process of negotiating with its senior lenders "
    "amendments to loan covenants which impact the Form 10-K. The Form 10-K will be filed as "
    "soon as is reasonably practicable following the prescribed due date."
)

ATTACHMENT = (
    "The registrant anticipates a significant charge in its results of operations for the year "
    "ended December 31, 2003, as compared to its results of operations for the year ended "
    "December 31, 2002, for the following reasons: (i) for the nine months ended September 30, "
    "2003, the Company reported a net loss of $2,806,000 compared to a net loss of $1,192,000 "
    "reported for the nine months ended September 30, 2002, (ii) during the fourth quarter of "
    "2003, the Company recorded a provision of $2,427,000 to write down to fair value the "
    "long-lived assets of our die casting business, which is part of the Company's Metals Group "
    "segment, in accordance with the provisions of Statement of Financial Accounting Standards "
    'No. 144, "Accounting for the Impairment of Long-Lived Assets," and (iii) during the fourth '
    "quarter of 2003, the Company recorded a provision of $208,000 to write off the unamortized "
    "balance of the Metals Group's goodwill in accordance with the provisions of Statement of "
    'Financial Accounting Standards No. 142, "Goodwill and Other Intangible Assets."'
)

LEXINGTON_NOTICE = {
    "form_type": "10-K",
    "filer_status": "non_accelerated",
    "period_end": datetime.date(2003, 12, 31),
    "sec_file_number": "0-3252",
    "registrant_name": LEXINGTON_NAME,
    "street": "767 Third Avenue",
    "city_state_zip": "New York, New York 10017",
    "relief_claimed": True,
    "third_party_cause": False,
    "narrative": NARRATIVE,
    "contact_name": "Warren Delano",
    "contact_area_code": "212",
    "contact_phone": "319-4657",
    "other_reports_filed": True,
    "significant_change": True,
    "significant_change_explanation": ATTACHMENT,
    "restatement_expected": False,
    "signature_registrant_name": LEXINGTON_NAME,
    "signature_date": datetime.date(2004, 3, 30),
    "saved_steps": [step.slug for step in STEPS if not step.is_review],
}
LEXINGTON_SIGNER = {
    "name": "Warren Delano",
    "title": "President, Co-Principal Executive Officer",
    "is_executive_officer": True,
}


def load_demo_notices(*, prepared_by: User, approved_by: User) -> None:
    """The Lexington notice, submitted for review by `prepared_by` and approved by
    `approved_by`, with its stored PDFs and EDGAR documents. A final one from an earlier load
    is left as it is (the migrations stored any document it lacked)."""
    registrant = Registrant.objects.get(name=LEXINGTON_NAME)
    notice = Notice.objects.filter(
        registrant=registrant,
        form_type=LEXINGTON_NOTICE["form_type"],
        period_end=LEXINGTON_NOTICE["period_end"],
        is_amendment=False,
    ).first()
    if notice is not None and notice.is_final:
        return
    if notice is None:
        notice = Notice(registrant=registrant)
    for field, value in LEXINGTON_NOTICE.items():
        setattr(notice, field, value)
    notice.updated_by = prepared_by
    notice.save()
    # The registrant's signer, with the user who signs electronically as them.
    registrant_signer = registrant.signers.filter(name=LEXINGTON_SIGNER["name"]).first()
    NoticeSigner.objects.update_or_create(
        notice=notice,
        name=LEXINGTON_SIGNER["name"],
        defaults={**LEXINGTON_SIGNER, "user": registrant_signer and registrant_signer.user},
    )
    notice_submit(notice=notice, user=prepared_by)
    notice_approve(notice=notice, user=approved_by)


def load_demo_attestations(*, uploaded_by: User) -> None:
    """An attestation on file (Rule 302(b)(2)) for each demo user who signs electronically, so
    that they can sign at once: a PDF saying it stands in for a manually signed one."""
    for username, _registrant, _signer in DEMO_SIGNER_USERS:
        signer_user = User.objects.get(username=username)
        if attestation_on_file(signer_user):
            continue
        content = html_to_pdf(
            render_to_string("filings/pdf/demo_attestation.html", {"signer_user": signer_user})
        )
        attestation_upload(signer_user=signer_user, user=uploaded_by, content=content)
