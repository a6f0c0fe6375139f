"""Uploaded exhibits: PDF only, of bounded size, stored per notice."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def notice_upload_path(instance, filename: str) -> str:
    notice_id = getattr(instance, "notice_id", None) or instance.pk
    return f"notices/{notice_id}/{get_valid_filename(PurePath(filename).name)}"


def pending_upload_path(instance, filename: str) -> str:
    # A folder per kept file, so that its own name is kept as chosen.
    return (
        f"pending/{instance.notice_id}/{instance.user_id}/{get_valid_filename(instance.field_key)}/"
        f"{get_valid_filename(PurePath(filename).name)}"
    )


def validate_pdf_upload(upload) -> None:
    """Accept a PDF of at most 10 MB: the name ends in .pdf and the bytes start like a PDF."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is larger than 10 MB; upload a smaller PDF.", code="file_too_large"
        )
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError("Upload a PDF file (its name ends in .pdf).", code="not_pdf")
    upload.seek(0)
    header = upload.read(5)
    upload.seek(0)
    if header != b"%PDF-":
        raise ValidationError(
            "This file is not a PDF, whatever its name says. Upload the PDF itself.",
            code="not_pdf",
        )
