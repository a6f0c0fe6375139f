import pytest
from django.core.exceptions import ValidationError

from registrants.models import Contact, Signer
from registrants.services import person_delete, person_save
from tests.conftest import make_registrant

pytestmark = pytest.mark.django_db


def test_cik_is_stored_zero_padded_to_ten_digits():
    registrant = make_registrant(cik="320193")
    assert registrant.cik == "0000320193"


def test_blank_cik_is_stored_as_none_so_many_registrants_can_lack_one():
    make_registrant(cik="")
    second = make_registrant(name="Second Fund", cik="")
    assert second.cik is None


def test_cik_of_eleven_digits_is_rejected():
    with pytest.raises(ValidationError) as error:
        make_registrant(cik="12345678901")
    assert "cik" in error.value.message_dict


def test_the_same_cik_written_differently_is_rejected_as_a_duplicate():
    make_registrant(cik="320193")
    with pytest.raises(ValidationError) as error:
        make_registrant(name="Copy", cik="0000320193")
    assert "cik" in error.value.message_dict


def test_cusip_and_file_number_are_normalized_to_upper_case():
    registrant = make_registrant(cusip="82661l101", sec_file_number=" 333-271234-a1 ")
    assert registrant.cusip == "82661L101"
    assert registrant.sec_file_number == "333-271234-A1"


def test_fiscal_year_end_day_must_exist_in_the_month():
    with pytest.raises(ValidationError) as error:
        make_registrant(fiscal_year_end_month=6, fiscal_year_end_day=31)
    assert error.value.message_dict["fiscal_year_end_day"] == ["June has only 30 days."]


def test_fiscal_year_may_end_on_the_last_day_of_february():
    registrant = make_registrant(fiscal_year_end_month=2, fiscal_year_end_day=29)
    assert registrant.fiscal_year_end_display == "February 29"


def test_city_state_zip_line_reads_like_part_one_of_the_form(lexington):
    assert lexington.city_state_zip == "New York, New York 10017"


def test_first_person_of_each_kind_becomes_the_default(lexington):
    assert lexington.default_contact.name == "Warren Delano"
    assert lexington.default_signer.title == "President, Co-Principal Executive Officer"


def test_marking_another_contact_default_moves_the_mark(lexington):
    first = lexington.default_contact
    second = Contact(
        registrant=lexington, name="Jane Roe", area_code="212", phone_number="555-0100"
    )
    person_save(person=second, make_default=True)
    lexington.refresh_from_db()
    assert lexington.default_contact == second
    assert not Contact.objects.get(pk=first.pk).is_default


def test_deleting_the_default_signer_hands_the_mark_to_the_remaining_one(lexington):
    other = Signer(registrant=lexington, name="Michael Lubin", title="Chairman")
    person_save(person=other, make_default=False)
    person_delete(person=lexington.default_signer)
    lexington.refresh_from_db()
    assert lexington.default_signer == other


def test_a_default_from_another_registrant_is_rejected(lexington):
    other = make_registrant(name="Other Corp")
    other.default_contact = lexington.default_contact
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "default_contact" in error.value.message_dict
