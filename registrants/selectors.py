"""Reads of registrant data for the pages."""

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from config.table_urls import url_of_each
from registrants.choosers import SUGGESTIONS, key_of
from registrants.history import (
    HISTORY_PANEL_ENTRIES,
    HistoryCursor,
    HistoryPage,
    history_entries,
)
from registrants.identifiers import normalize_cik
from registrants.models import Contact, Registrant, Signer


@dataclass(frozen=True)
class RegistrantTableRow:
    """A registrant as a row of templates/registrants/registrant_list.html, its cells written
    out."""

    url: str
    name: str
    is_active: bool
    cik: str
    sec_file_number: str
    filer_status: str
    fiscal_year_end: str


# The columns a row of the registrant list reads (registrant_table_rows).
REGISTRANT_TABLE_FIELDS = [
    "name",
    "is_active",
    "cik",
    "sec_file_number",
    "filer_status",
    "fiscal_year_end_month",
    "fiscal_year_end_day",
]


def registrant_table_rows(registrants) -> list[RegistrantTableRow]:
    """The rows of the registrant list for `registrants`, read with REGISTRANT_TABLE_FIELDS.
    Written here rather than by the template's tags and filters, which took 2.3 ms for 25
    rows (a reverse() a row among them, config.table_urls)."""
    url_of = url_of_each("registrants:detail")
    return [
        RegistrantTableRow(
            url=url_of(registrant.pk),
            name=registrant.name,
            is_active=registrant.is_active,
            cik=registrant.cik or "\u2014",
            sec_file_number=registrant.sec_file_number or "\u2014",
            filer_status=registrant.get_filer_status_display(),
            fiscal_year_end=registrant.fiscal_year_end_display,
        )
        for registrant in registrants
    ]


def registrant_history(
    registrant: Registrant,
    *,
    limit: int = HISTORY_PANEL_ENTRIES,
    cursor: HistoryCursor | None = None,
) -> HistoryPage:
    """Changes to the registrant and to its contacts and signers (those removed since
    included), newest first: the newest `limit` (the History panel of its page), or a page of
    its history page from `cursor`."""
    people = {Contact: "Contact", Signer: "Signer"}
    return history_entries(
        [
            Registrant.history.filter(id=registrant.pk),
            Contact.history.filter(registrant_id=registrant.pk),
            Signer.history.filter(registrant_id=registrant.pk),
        ],
        noun="Registrant",
        subject=lambda record: (
            f"{people[record.instance_type]} {record.name}"
            if record.instance_type in people
            else ""
        ),
        limit=limit,
        cursor=cursor,
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


def registrants_matching(registrants: QuerySet[Registrant], query: str) -> QuerySet[Registrant]:
    """Those of `registrants` whose name or former name contains `query`, whose SEC file number
    contains it, or whose CIK it is (with or without the leading zeros)."""
    matches = (
        Q(name__icontains=query)
        | Q(former_name__icontains=query)
        | Q(sec_file_number__icontains=query)
    )
    if query.isdigit() and len(query) <= 10:
        matches |= Q(cik=normalize_cik(query))
    return registrants.filter(matches)


def registrant_label(registrant: Registrant) -> str:
    """How a registrant is shown and suggested in a chooser: its name and what tells it apart
    from a namesake (its CIK, or else its city), ending with its key (registrants.choosers)."""
    if registrant.cik:
        return f"{registrant.name} (CIK {registrant.cik})"
    place = ", ".join(part for part in (registrant.city, registrant.state) if part)
    return f"{registrant.name}{', ' + place if place else ''} (#{registrant.pk})"


def registrants_named_by(registrants: QuerySet[Registrant], typed: str) -> QuerySet[Registrant]:
    """The registrants a text typed into a chooser names: a suggestion (its CIK or # key), a
    CIK, an SEC file number, or a whole name or former name, case aside."""
    key = key_of(typed)
    if key:
        return registrants.filter(**key)
    if typed.isdigit() and len(typed) <= 10:
        return registrants.filter(cik=normalize_cik(typed))
    return registrants.filter(
        Q(sec_file_number__iexact=typed) | Q(name__iexact=typed) | Q(former_name__iexact=typed)
    )


def registrant_suggestions(registrants: QuerySet[Registrant], query: str) -> list[str]:
    """The chooser's suggestions for what has been typed so far, names in order."""
    if not query:
        return []
    found = registrants_matching(registrants, query)
    if query.isdigit():
        # A CIK being typed is suggested before it is complete.
        found = found | registrants.filter(cik__contains=query)
    found = found.order_by("name", "pk")[:SUGGESTIONS]
    return [registrant_label(registrant) for registrant in found]
