"""The forms of the filing records (filings.record_views): the notice's EDGAR filing and the
late report's filing. The accession number's format and uniqueness are the service's to
check (filings.lifecycle), so a script and a page meet the same rule."""

from datetime import datetime

from django import forms

from filings.deadlines import EASTERN
from filings.timeliness import ACCESSION_FORMAT


def _accession_number_field() -> forms.CharField:
    return forms.CharField(
        label="Accession number",
        max_length=100,
        help_text=f"As EDGAR's acceptance message shows it: {ACCESSION_FORMAT}.",
        widget=forms.TextInput(
            attrs={"class": "form-control font-monospace", "autocomplete": "off"}
        ),
    )


class FilingRecordForm(forms.Form):
    """The notice's EDGAR filing: accession number and acceptance date and time, in US Eastern
    time (standard or daylight, whichever was in effect), as EDGAR's acceptance message gives
    them."""

    accession_number = _accession_number_field()
    accepted_date = forms.DateField(
        label="Acceptance date",
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    accepted_time = forms.TimeField(
        label="Acceptance time (Eastern)",
        help_text="Hours, minutes and seconds, 24-hour clock, e.g. 17:29:59.",
        widget=forms.TimeInput(attrs={"type": "time", "step": "1", "class": "form-control"}),
    )

    # Where a service refusal about a value is shown.
    FIELD_OF = {"accession_number": "accession_number", "accepted_at": "accepted_date"}

    def accepted_at(self) -> datetime:
        """The acceptance as an aware datetime in Eastern time."""
        return datetime.combine(
            self.cleaned_data["accepted_date"], self.cleaned_data["accepted_time"], tzinfo=EASTERN
        )


class ReportRecordForm(forms.Form):
    """The late report's filing: its accession number and filing date."""

    accession_number = _accession_number_field()
    filed_on = forms.DateField(
        label="Filing date",
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )

    FIELD_OF = {"accession_number": "accession_number", "filed_on": "filed_on"}
