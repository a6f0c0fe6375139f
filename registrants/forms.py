from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse_lazy
from django.utils.text import format_lazy

from registrants.choosers import ChooserField
from registrants.identifiers import CIK_PATTERN, normalize_area_code, normalize_cik
from registrants.models import REGISTRANT_EDITABLE_FIELDS, Contact, Registrant, Signer, two_lines
from registrants.roles import SIGNERS
from registrants.selectors import registrant_label, registrants_named_by, registrants_named_like


def error_entries(form, label_prefix: str = "") -> list[tuple[str, str, str]]:
    """(anchor, label, message) for each error of a form, in the order the page shows its
    fields (its crispy layout, when it has one), for the error summary at the top of the page
    (templates/includes/error_summary.html). A group of radio buttons or check boxes is
    reached through its first box."""
    helper = getattr(form, "helper", None)
    layout = getattr(helper, "layout", None)
    order = [pointer.name for pointer in layout.get_field_names()] if layout else []
    names = [name for name in order if name in form.fields]
    names += [name for name in form.fields if name not in names]
    # A row of a repeated form ("Signer 2, ") says which row in its message.
    row = f"{label_prefix.rstrip(', ')}: " if label_prefix else ""
    entries = []
    for name in names:
        bound_field = form[name]
        anchor = bound_field.id_for_label or f"{bound_field.auto_id}_0"
        entries += [
            (anchor, f"{label_prefix}{bound_field.label}", f"{row}{error}")
            for error in bound_field.errors
        ]
    entries += [
        ("", label_prefix.rstrip(", ") or "Page", f"{row}{error}")
        for error in form.non_field_errors()
    ]
    return entries


class OptionalLabelsMixin:
    """Forms that say "(optional)" after the label of each field that may be left empty, and
    leave checking to the server (`novalidate`), as the wizard does."""

    def mark_optional_fields(self) -> None:
        """Label the optional fields; a required one left empty says what to do about it."""
        for form_field in self.fields.values():
            if isinstance(form_field.widget, forms.CheckboxInput):
                continue
            label = str(form_field.label)
            if not form_field.required:
                form_field.label = f"{label} (optional)"
            else:
                verb = "Choose" if isinstance(form_field.widget, forms.Select) else "Enter"
                form_field.error_messages["required"] = (
                    f"{verb} the {label[:1].lower()}{label[1:]}."
                )
        self.helper.attrs = {"novalidate": ""}


# A signer's title on one line, or two as filed notices show them.
TITLE_WIDGET = forms.Textarea(attrs={"rows": 2})
TITLE_HELP = (
    'A second line, such as "(Principal Financial and Accounting Officer)", goes on a new line.'
)


class RegistrantForm(OptionalLabelsMixin, forms.ModelForm):
    """A registrant record. A name near-identical to another registrant's is refused until the
    user confirms it is another company (`another_company`, offered only then); a CIK already
    on record names the registrant that has it."""

    another_company = forms.BooleanField(
        label="It is another company: save it under this name anyway", required=False
    )

    class Meta:
        model = Registrant
        fields = REGISTRANT_EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.mark_optional_fields()
        typed_name = self.data.get("name", "") if self.is_bound else ""
        self.namesakes = (
            registrants_named_like(typed_name, exclude_pk=self.instance.pk)
            if typed_name and typed_name != self.instance.name
            else []
        )
        names = ["name", "another_company", "former_name"] if self.namesakes else ["name"]
        if not self.namesakes:
            del self.fields["another_company"]
            names.append("former_name")
        self.helper.layout = Layout(
            Fieldset("Names", *names),
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

    def clean_cik(self) -> str | None:
        cik = self.cleaned_data["cik"]
        if cik and CIK_PATTERN.match(cik.strip()):
            holder = (
                Registrant.objects.filter(cik=normalize_cik(cik))
                .exclude(pk=self.instance.pk)
                .first()
            )
            if holder is not None:
                raise forms.ValidationError(
                    f"{holder.name} already has CIK {holder.cik}: a company is kept once. "
                    "Open its record instead.",
                    code="cik_taken",
                )
        return cik

    def clean(self):
        cleaned_data = super().clean()
        if self.namesakes and not cleaned_data.get("another_company"):
            others = "; ".join(registrant.distinguishing_label for registrant in self.namesakes)
            self.add_error(
                "name",
                forms.ValidationError(
                    f"A registrant with nearly this name is on record: {others}. If this is "
                    "another company, check \u201cIt is another company\u201d and save again.",
                    code="namesake",
                ),
            )
        return cleaned_data


class PersonForm(OptionalLabelsMixin, forms.ModelForm):
    """A contact or signer form with a "default for this registrant" box."""

    make_default = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["make_default"].initial = (
            self.instance.pk is not None and self.instance.is_default
        )
        self.helper = FormHelper()
        self.mark_optional_fields()


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

    def clean_area_code(self) -> str:
        return normalize_area_code(self.cleaned_data["area_code"])


class SignerForm(PersonForm):
    class Meta:
        model = Signer
        fields = ["name", "title", "is_executive_officer", "user"]
        widgets = {"title": TITLE_WIDGET}
        help_texts = {"title": TITLE_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["make_default"].label = "Default signer for new notices"
        # Only a user who may sign electronically (the Signers role) is offered.
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(groups__name=SIGNERS, is_active=True)
            .order_by("username")
        )
        self.helper.layout = Layout(
            "name",
            "title",
            "is_executive_officer",
            "user",
            "make_default",
            Submit("save", "Save signer"),
        )

    def clean_title(self) -> str:
        return two_lines(self.cleaned_data["title"])


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
