"""Reads of registrant data for the pages."""

import re

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


# Words that do not tell two companies apart: "Acme Inc." and "ACME, Incorporated" are the same
# name for someone about to create a record twice.
_NAME_NOISE = frozenset(
    {"the", "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited"}
    | {"llc", "lp", "plc", "holdings"}
)


def name_key(name: str) -> str:
    """A registrant name reduced to what tells companies apart: lower case, no punctuation,
    no corporate suffixes."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    return " ".join(word for word in words if word not in _NAME_NOISE) or " ".join(words)


def registrants_named_like(name: str, *, exclude_pk: int | None = None) -> list[Registrant]:
    """The registrants whose name is near-identical to `name` (the same `name_key`)."""
    key = name_key(name)
    if not key:
        return []
    first_word = key.split()[0]
    candidates = Registrant.objects.filter(name__icontains=first_word).exclude(pk=exclude_pk)
    return [registrant for registrant in candidates if name_key(registrant.name) == key]
