import pytest
from django.core.exceptions import ValidationError

from registrants.identifiers import (
    validate_cik,
    validate_class_id,
    validate_cusip,
    validate_sec_file_number,
    validate_series_id,
)


@pytest.mark.parametrize("cusip", ["313586109", "82661L101", "82661l101"])
def test_valid_cusips_are_accepted(cusip):
    validate_cusip(cusip)


@pytest.mark.parametrize(
    ("cusip", "code"),
    [
        ("313586108", "cusip_check_digit"),
        ("82661L100", "cusip_check_digit"),
        ("31358610", "invalid_cusip"),
        ("31358610-9", "invalid_cusip"),
    ],
)
def test_invalid_cusips_are_rejected(cusip, code):
    with pytest.raises(ValidationError) as error:
        validate_cusip(cusip)
    assert error.value.code == code


@pytest.mark.parametrize(
    "file_number", ["0-3252", "001-12227", "811-05037", "000-23092", "333-271234-01"]
)
def test_sec_file_numbers_in_the_sec_format_are_accepted(file_number):
    validate_sec_file_number(file_number)


@pytest.mark.parametrize(
    "file_number", ["12-", "abc", "0003-3252", "1-123456789", "001-12227-ABCDE", ""]
)
def test_malformed_sec_file_numbers_are_rejected(file_number):
    with pytest.raises(ValidationError):
        validate_sec_file_number(file_number)


@pytest.mark.parametrize("cik", ["1", "320193", "0000320193", "9999999999"])
def test_ciks_of_up_to_ten_digits_are_accepted(cik):
    validate_cik(cik)


@pytest.mark.parametrize("cik", ["12345678901", "32O193", "-1", ""])
def test_ciks_that_are_not_up_to_ten_digits_are_rejected(cik):
    with pytest.raises(ValidationError):
        validate_cik(cik)


@pytest.mark.parametrize("identifier", ["S000012345", "s000012345", " S000012345 "])
def test_series_identifiers_are_s_and_nine_digits(identifier):
    validate_series_id(identifier)


@pytest.mark.parametrize("identifier", ["S00001234", "C000012345", "S0000123456", "SX00012345"])
def test_other_series_identifiers_are_rejected(identifier):
    with pytest.raises(ValidationError) as error:
        validate_series_id(identifier)
    assert error.value.code == "invalid_series_id"


@pytest.mark.parametrize("identifier", ["C000034567", "c000034567"])
def test_class_identifiers_are_c_and_nine_digits(identifier):
    validate_class_id(identifier)


@pytest.mark.parametrize("identifier", ["S000034567", "C00003456", ""])
def test_other_class_identifiers_are_rejected(identifier):
    with pytest.raises(ValidationError) as error:
        validate_class_id(identifier)
    assert error.value.code == "invalid_class_id"
