"""The forms of signing (filings.signing): uploads of signed PDFs and the signature itself."""

from django import forms
from django.core.exceptions import ValidationError

from filings.signing import NotAPdf, read_pdf
from filings.uploads import validate_pdf_upload


class SignedPdfForm(forms.Form):
    """A manually signed PDF: the authentication document of a notice, or a signer's
    attestation. Checked to be a readable PDF of at most 10 MB; `content` holds its bytes."""

    file = forms.FileField(
        label="Signed PDF",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_pdf_upload(upload)
        content = upload.read()
        try:
            read_pdf(content)
        except NotAPdf as problem:
            raise ValidationError(str(problem), code="not_pdf") from None
        self.content = content
        return upload


class SignForm(forms.Form):
    """The signer's password (and authenticator code) at the moment of signing, and the
    SHA-256 of the PDF the page showed them."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    authenticator_code = forms.CharField(
        label="Authenticator code",
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text="The 6-digit code your authenticator app shows now.",
    )
    pdf_sha256 = forms.CharField(max_length=64, widget=forms.HiddenInput)
