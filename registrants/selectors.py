"""Reads of registrant data for the pages."""

from registrants.history import HistoryEntry, history_entries
from registrants.models import Contact, Registrant, Signer


def registrant_history(registrant: Registrant) -> list[HistoryEntry]:
    """The History panel of a registrant page: changes to the registrant and to its contacts
    and signers (those removed since included), newest first."""
    people = {Contact: "Contact", Signer: "Signer"}
    records = [
        *Registrant.history.filter(id=registrant.pk),
        *Contact.history.filter(registrant_id=registrant.pk),
        *Signer.history.filter(registrant_id=registrant.pk),
    ]
    return history_entries(
        records,
        noun="Registrant",
        subject=lambda record: (
            f"{people[record.instance_type]} {record.name}"
            if record.instance_type in people
            else ""
        ),
    )
