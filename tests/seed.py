"""The Lexington Precision notice of 2004 (../shared/seeds/lexington_precision_nt10k_2004.txt)
as the wizard's form data, step by step."""

from filings.demo import ATTACHMENT, NARRATIVE


def report_step(registrant_id: int | None = None, **overrides) -> dict:
    # As a browser sends it: every text, date and select field, empty or not.
    data = {
        "form_type": "10-K",
        "filer_status": "non_accelerated",
        "period_end": "2003-12-31",
        "distribution_date": "",
        "transmission_date": "",
        "transition_period_end": "",
        "transition_decision_date": "",
        "portion_items": "",
        "amends": "",
        "planned_filing_date": "",
        "action": "next",
    }
    if registrant_id is not None:
        data["registrant"] = str(registrant_id)
    data.update(overrides)
    return data


PART_I = {
    "registrant_name": "Lexington Precision Corporation",
    "former_name": "",
    "street": "767 Third Avenue",
    "city_state_zip": "New York, New York 10017",
    "sec_file_number": "0-3252",
    "cusip": "",
    "action": "next",
}
PART_II = {"relief_claimed": "True", "third_party_cause": "False", "action": "next"}
PART_III = {"narrative": NARRATIVE, "action": "next"}
PART_IV = {
    "contact_name": "Warren Delano",
    "contact_area_code": "212",
    "contact_phone": "319-4657",
    "other_reports_filed": "True",
    "reports_not_filed": "",
    "significant_change": "True",
    "significant_change_explanation": ATTACHMENT,
    "restatement_expected": "False",
    "additional_statement": "",
    "action": "next",
}


def signature_step(signer_id: int | None = None, **overrides) -> dict:
    """The signature step with the one signer of the seed (the notice's existing signer row
    when `signer_id` is given) and an empty extra row."""
    rows = 2 if signer_id else 1
    data = {
        "signature_registrant_name": "Lexington Precision Corporation",
        "signature_date": "2004-03-30",
        "signers-TOTAL_FORMS": str(rows),
        "signers-INITIAL_FORMS": "1" if signer_id else "0",
        "signers-MIN_NUM_FORMS": "0",
        "signers-MAX_NUM_FORMS": "10",
        "signers-0-name": "Warren Delano",
        "signers-0-title": "President, Co-Principal Executive Officer",
        "signers-0-is_executive_officer": "on",
        "action": "next",
    }
    if signer_id:
        data["signers-0-id"] = str(signer_id)
        data.update(
            {"signers-1-name": "", "signers-1-title": "", "signers-1-is_executive_officer": "on"}
        )
    data.update(overrides)
    return data


# What a reader of the seed notice finds on it, besides the narrative and the attachment.
SEED_FACTS = [
    "Lexington Precision Corporation",
    "767 Third Avenue",
    "New York, New York 10017",
    "0-3252",
    "December 31, 2003",
    "Warren Delano",
    "212",
    "319-4657",
    "President, Co-Principal Executive Officer",
    "March 30, 2004",
    "ATTACHMENT TO FORM 12b-25",
    "LEXINGTON PRECISION CORPORATION",
]
