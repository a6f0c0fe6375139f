"""SEC identifiers: CIK, file number, CUSIP, and the series and class identifiers of an
investment company (formats in FORM_12B25.md §1 and §6)."""

import re

from django.core.exceptions import ValidationError

CIK_PATTERN = re.compile(r"^\d{1,10}$")
# 1-3 digits, hyphen, 1-8 digits, optionally a hyphen and a 1-4 character suffix.
SEC_FILE_NUMBER_PATTERN = re.compile(r"^\d{1,3}-\d{1,8}(-[A-Z0-9]{1,4})?$")
CUSIP_PATTERN = re.compile(r"^[A-Z0-9*@#]{9}$")
CUSIP_SPECIAL_VALUES = {"*": 36, "@": 37, "#": 38}
# EDGAR's series and class (contract) identifiers: "S" or "C" and nine digits.
SERIES_ID_PATTERN = re.compile(r"^S\d{9}$")
CLASS_ID_PATTERN = re.compile(r"^C\d{9}$")


def normalize_area_code(value: str) -> str:
    """The area code as stored: "(212)", as people type it from printed notices, is "212"."""
    value = value.strip()
    if value.startswith("(") and value.endswith(")"):
        value = value[1:-1].strip()
    return value


def area_code_display(value: str) -> str:
    """The area code as filed notices print it: "(212)"; empty stays empty."""
    return f"({value})" if value else ""


def normalize_cik(value: str) -> str:
    """The CIK as EDGAR shows it: ten digits, zero-padded."""
    return value.strip().zfill(10)


def validate_cik(value: str) -> None:
    if not CIK_PATTERN.match(value.strip()):
        raise ValidationError(
            "Enter the CIK as up to 10 digits, e.g. 320193 or 0000320193.", code="invalid_cik"
        )


def normalize_sec_file_number(value: str) -> str:
    return value.strip().upper()


def validate_sec_file_number(value: str) -> None:
    normalized = normalize_sec_file_number(value)
    if len(normalized) > 17 or not SEC_FILE_NUMBER_PATTERN.match(normalized):
        raise ValidationError(
            "Enter the SEC file number as digits, a hyphen and digits, e.g. 0-3252, 001-12227 "
            "or 811-05037.",
            code="invalid_file_number",
        )


def cusip_check_digit(first_eight: str) -> int:
    """The ninth CUSIP character, by the modulus 10 "double-add-double" method."""
    total = 0
    for position, character in enumerate(first_eight):
        if character.isdigit():
            value = int(character)
        elif character.isalpha():
            value = ord(character) - ord("A") + 10
        else:
            value = CUSIP_SPECIAL_VALUES[character]
        if position % 2 == 1:
            value *= 2
        total += value // 10 + value % 10
    return (10 - total % 10) % 10


def normalize_cusip(value: str) -> str:
    return value.strip().upper()


def validate_cusip(value: str) -> None:
    cusip = normalize_cusip(value)
    if not CUSIP_PATTERN.match(cusip):
        raise ValidationError(
            "A CUSIP is 9 characters: letters, digits, *, @ or #.", code="invalid_cusip"
        )
    if not cusip[8].isdigit() or int(cusip[8]) != cusip_check_digit(cusip[:8]):
        raise ValidationError(
            "This CUSIP's check digit does not match; check for a mistyped character.",
            code="cusip_check_digit",
        )


def normalize_series_or_class_id(value: str) -> str:
    return value.strip().upper()


def validate_series_id(value: str) -> None:
    if not SERIES_ID_PATTERN.match(normalize_series_or_class_id(value)):
        raise ValidationError(
            "Enter the series identifier as S and nine digits, e.g. S000012345.",
            code="invalid_series_id",
        )


def validate_class_id(value: str) -> None:
    if not CLASS_ID_PATTERN.match(normalize_series_or_class_id(value)):
        raise ValidationError(
            "Enter the class identifier as C and nine digits, e.g. C000034567.",
            code="invalid_class_id",
        )
