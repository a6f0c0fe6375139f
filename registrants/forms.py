from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.text import format_lazy

from registrants.choosers import ChooserField
from registrants.models import REGISTRANT_EDITABLE_FIELDS, Contact, Registrant, Signer
from registrants.selectors import registrant_label, registrants_named_by


class RegistrantForm(forms.ModelForm):
    class Meta:
        model = Registrant
        fields = REGISTRANT_EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("Names", "name", "former_name"),
            Fieldset(
                "Address of principal executive office",
                "street",
                Row(
                    Column("city", css_class="col-md-5"),
                    Column("state", css_class="col-md-4"),
                    Column("postal_code", css_class="col-md-3"),
                ),
                "country",
            ),
            Fieldset(
                "SEC identifiers",
                Row(Column("cik"), Column("sec_file_number"), Column("cusip")),
            ),
            Fieldset(
                "Reporting",
                Row(Column("fiscal_year_end_month"), Column("fiscal_year_end_day")),
                "filer_status",
                Row(Column("investment_company_type"), Column("exchange")),
                "is_active",
            ),
            Submit("save", "Save registrant"),
        )


class PersonForm(forms.ModelForm):
    """A contact or signer form with a "default for this registrant" box."""

    make_default = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["make_default"].initial = (
            self.instance.pk is not None and self.instance.is_default
        )
        self.helper = FormHelper()


class ContactForm(PersonForm):
    class Meta:
        model = Contact
        fields = ["name", "area_code", "phone_number", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["make_default"].label = "Default contact for new notices"
        self.helper.layout = Layout(
            "name",
            Row(
                Column("area_code", css_class="col-md-3"),
                Column("phone_number", css_class="col-md-5"),
            ),
            "email",
            "make_default",
            Submit("save", "Save contact"),
        )


class SignerForm(PersonForm):
    class Meta:
        model = Signer
        fields = ["name", "title", "is_executive_officer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["make_default"].label = "Default signer for new notices"
        self.helper.layout = Layout(
            "name", "title", "is_executive_officer", "make_default", Submit("save", "Save signer")
        )


class RegistrantSearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "class": "form-control",
                "placeholder": "Name, CIK or file number",
            }
        ),
    )
    status = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("active", "Active"), ("inactive", "Inactive"), ("all", "All")],
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def registrant_chooser(*, active_only: bool = False, **kwargs) -> ChooserField:
    """A registrant chosen by typing its name, CIK or file number (registrants.choosers); the
    view narrows the queryset to the registrants the user may see."""
    url = reverse_lazy("registrants:choose")
    queryset = Registrant.objects.all()
    if active_only:
        url = format_lazy("{}?active=1", url)
        queryset = queryset.filter(is_active=True)
    return ChooserField(
        queryset,
        url=url,
        label_of=registrant_label,
        resolve=registrants_named_by,
        not_found="No registrant matches “%(typed)s”: type its CIK, SEC file number or "
        "whole name, or choose a suggestion.",
        **kwargs,
    )
