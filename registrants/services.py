"""Writes to registrant records that involve more than one row."""

from django.db import transaction

from registrants.models import Contact, Signer

Person = Contact | Signer


def _default_field(person: Person) -> str:
    return "default_contact" if isinstance(person, Contact) else "default_signer"


@transaction.atomic
def person_save(*, person: Person, make_default: bool) -> None:
    """Save a contact or signer. It becomes the registrant's default when asked, or when the
    registrant has no default of that kind yet, so a registrant with people always has one."""
    person.save()
    registrant = person.registrant
    field = _default_field(person)
    if make_default or getattr(registrant, f"{field}_id") is None:
        setattr(registrant, field, person)
        registrant.save(update_fields=[field, "updated_at"])


@transaction.atomic
def person_delete(*, person: Person) -> None:
    """Delete a contact or signer; if it was the default, the oldest remaining one takes over."""
    registrant = person.registrant
    field = _default_field(person)
    was_default = getattr(registrant, f"{field}_id") == person.pk
    person_model = type(person)
    person.delete()
    if was_default:
        replacement = person_model.objects.filter(registrant=registrant).order_by("pk").first()
        setattr(registrant, field, replacement)
        registrant.save(update_fields=[field, "updated_at"])


def registrant_fill_defaults(*, registrant) -> None:
    """Give a registrant whose people were edited in bulk (admin, import) a default of each
    kind when it has people but no default."""
    changed = []
    for field, people in (
        ("default_contact", registrant.contacts),
        ("default_signer", registrant.signers),
    ):
        if getattr(registrant, f"{field}_id") is None:
            first = people.order_by("pk").first()
            if first is not None:
                setattr(registrant, field, first)
                changed.append(field)
    if changed:
        registrant.save(update_fields=[*changed, "updated_at"])
