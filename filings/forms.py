"""The wizard's forms, one per step.

What a step must contain is decided by the rules module (filings.rules): each form asks it about
the notice as the form would save it and shows its blocking problems next to the fields. The
forms themselves only parse input, and carry the Conditions under which a field is shown: the
page hides a field until the answer calls for it (with JavaScript), and clean() discards what a
hidden field holds, so the server applies the same rule with or without JavaScript."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row
from django import forms
from django.db import models as db_models
from django.urls import reverse, reverse_lazy

from filings.deadlines import REPORT_FORM_CHOICES
from filings.models import Notice, NoticeSigner, NoticeStatus
from filings.rules import (
    EARLIEST_DATE,
    LATEST_DATE,
    NOTICE_CONDITIONS,
    PART_III_FIELDS,
    PART_IV_FIELDS,
    SIGNER_CONDITIONS,
    Condition,
    applies,
    notice_problems,
    signer_problems,
)
from filings.selectors import notice_label, notices_named_by
from filings.uploads import validate_pdf_upload
from registrants.choosers import ChooserField, ChooserInput
from registrants.forms import (
    TITLE_HELP,
    TITLE_WIDGET,
    error_entries,
    registrant_chooser,
)
from registrants.identifiers import (
    normalize_area_code,
    normalize_cusip,
    normalize_sec_file_number,
    validate_cusip,
    validate_sec_file_number,
)
from registrants.models import FilerStatus, Registrant, two_lines

YES_NO = [("True", "Yes"), ("False", "No")]
# Dates are typed as text: a browser's date input sends nothing for a date typed in part, so it
# would vanish; typed text is kept with the page and explained (DATE_EXAMPLE).
DATE_INPUT = forms.DateInput(
    attrs={"autocomplete": "off", "spellcheck": "false"}, format="%Y-%m-%d"
)
DATE_EXAMPLE = "For example, 03/31/2026 or 2026-03-31."
# Widgets a browser leaves out of a submission when nothing is chosen; any other field missing
# from a POST means the request was not made by our page.
MAY_BE_OMITTED = (forms.RadioSelect, forms.CheckboxInput, forms.FileInput, ChooserInput)


def yes_no_field(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "True",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


def pdf_field(label: str, help_text: str = "PDF, at most 10 MB.") -> forms.FileField:
    # A plain file input: a stored file is shown through the permission-checked link of the
    # page, never through its storage URL.
    return forms.FileField(
        label=label,
        required=False,
        validators=[validate_pdf_upload],
        help_text=help_text,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


def kept_values(data, key: str) -> list[str]:
    # PostgreSQL cannot store NUL characters in text or JSON.
    return [value.replace("\x00", "") for value in data.getlist(key)]


class _Answers:
    """A form's answers as attributes, for the rules' conditions: what the form cleaned, and
    the saved value of anything else."""

    def __init__(self, form: forms.ModelForm):
        self._form = form

    def __getattr__(self, name: str):
        cleaned_data = getattr(self._form, "cleaned_data", {})
        if name in cleaned_data:
            return cleaned_data[name]
        return getattr(self._form.instance, name)


class ConditionalFieldsMixin:
    """Fields shown only when an answer calls for them, by the rules' conditions: the page
    hides such a field until then (with JavaScript), and clean() discards what a hidden field
    holds, so the server applies the same rule with or without JavaScript."""

    field_conditions: dict[str, Condition] = NOTICE_CONDITIONS

    def condition_of(self, name: str) -> Condition | None:
        return self.field_conditions.get(name)

    def wrap(self, name: str):
        """The field, inside a container that the page shows or hides by its condition."""
        condition = self.condition_of(name)
        if condition is None:
            return name
        return Div(
            name,
            css_class="conditional-field",
            data_show_if=self.add_prefix(condition.controller),
            data_show_values=condition.value_strings,
        )

    def discard_hidden_answers(self, cleaned_data: dict) -> None:
        answers = _Answers(self)
        for name in self.fields:
            if name in self.field_conditions and not applies(answers, name, self.field_conditions):
                self._errors.pop(name, None)
                cleaned_data[name] = self._empty_value(name)

    def _empty_value(self, name: str):
        model_field = self._meta.model._meta.get_field(name)
        if isinstance(model_field, db_models.FileField):
            return False  # clears a stored file
        if isinstance(model_field, db_models.BooleanField):
            return None if model_field.null else False
        if isinstance(model_field, db_models.JSONField):
            return []
        return None if model_field.null else ""


class StepForm(ConditionalFieldsMixin, forms.ModelForm):
    """A wizard step's form: conditional fields, the rules' problems as field errors, and a
    crispy layout. Fields in `optional` say so in their label; every other shown field is
    needed, as the rules module decides."""

    optional: tuple[str, ...] = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user  # who fills the page in; choices of other registrants depend on it
        for name, form_field in self.fields.items():
            form_field.required = False
            if isinstance(form_field, forms.DateField):
                form_field.error_messages["invalid"] = (
                    f"{form_field.label}: enter a full date, with month, day and year. "
                    f"{DATE_EXAMPLE}"
                )
                form_field.help_text = form_field.help_text or DATE_EXAMPLE
            if name in self.optional:
                form_field.label = f"{form_field.label} (optional)"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = self.layout()

    @classmethod
    def notice_fields(cls) -> list[str]:
        """The notice's columns the step saves."""
        return list(cls._meta.fields)

    @classmethod
    def takes_files(cls) -> bool:
        """Whether the step's page can post a file (and keep it until the step is saved)."""
        return any(
            isinstance(form_field, forms.FileField) for form_field in cls.base_fields.values()
        )

    def layout(self) -> Layout:
        return Layout(*[self.wrap(name) for name in self.fields])

    def clean(self):
        cleaned_data = super().clean()
        for name, form_field in self.fields.items():
            if not isinstance(
                form_field.widget, MAY_BE_OMITTED
            ) and form_field.widget.value_omitted_from_data(
                self.data, self.files, self.add_prefix(name)
            ):
                self.add_error(
                    name,
                    forms.ValidationError(
                        "This answer was missing from what the browser sent. Reload the page "
                        "and try again.",
                        code="missing",
                    ),
                )
        self.discard_hidden_answers(cleaned_data)
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        # The notice as it would be saved: the rules say what is still missing in this form.
        for problem in notice_problems(self.instance):
            if (
                problem.blocking
                and problem.blocks_step
                and problem.field in self.fields
                and problem.field not in self._errors
            ):
                self.add_error(problem.field, forms.ValidationError(problem.message, code="rules"))

    def answers(self) -> dict:
        """The cleaned answers to save on the notice: for a file, the upload, False to clear
        the stored file, or None to keep it."""
        return {
            name: self.cleaned_data[name] for name in self.notice_fields() if name in self.fields
        }

    def signer_rows(self) -> list[dict] | None:
        """The signers' rows of the page; None on a page without signers."""
        return None

    def file_keys(self) -> list[str]:
        """The names under which the page posts files."""
        return [
            self.add_prefix(name)
            for name, form_field in self.fields.items()
            if isinstance(form_field, forms.FileField)
        ]

    def kept_input(self) -> dict[str, list[str]]:
        """The submitted values of this form's own fields, to keep when they do not validate."""
        keys = [self.add_prefix(name) for name in self.fields]
        return {key: kept_values(self.data, key) for key in keys if key in self.data}

    def error_entries(self) -> list[tuple[str, str, str]]:
        return error_entries(self)

    def field_anchor(self, name: str) -> str:
        """The id of the control that answers `name` (a group of boxes: its first box), for
        links that take the user to it; the field's container when the page has none."""
        if name not in self.fields:
            return f"div_id_{name}"
        bound_field = self[name]
        return bound_field.id_for_label or f"{bound_field.auto_id}_0"


def notice_chooser() -> ChooserField:
    """The "notice being amended": typed as its number or chosen from the suggestions of the
    registrant's notices (registrants.choosers); the form narrows the queryset."""
    return ChooserField(
        Notice.objects.all(),
        url=reverse_lazy("filings:choose"),
        label_of=notice_label,
        resolve=notices_named_by,
        not_found="No notice of this registrant is numbered “%(typed)s”: choose a suggestion "
        "or type the number shown in the notice list.",
        required=False,
        label="Notice being amended",
        help_text="Type the report or year to see the registrant's notices, or its number.",
    )


class ReportForm(StepForm):
    """Step 1: which report is late and for which period."""

    optional = ("amends",)
    amends = notice_chooser()
    series_identifiers = forms.MultipleChoiceField(
        label="Series the notice is for",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="EDGAR asks NT-NCEN and NT-NCSR submissions for the series identifiers. "
        "The registrant's series and classes are kept on its record.",
    )

    class Meta:
        model = Notice
        fields = [
            "form_type",
            "filer_status",
            "period_end",
            "distribution_date",
            "transmission_date",
            "is_erisa_plan",
            "is_transition_report",
            "transition_period_end",
            "transition_decision_date",
            "all_series",
            "series_identifiers",
            "is_portion",
            "portion_items",
            "is_amendment",
            "amends",
        ]
        widgets = {
            "form_type": forms.RadioSelect,
            "period_end": DATE_INPUT,
            "transition_period_end": DATE_INPUT,
            "transition_decision_date": DATE_INPUT,
            "distribution_date": DATE_INPUT,
            "transmission_date": DATE_INPUT,
            "portion_items": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "transmission_date": "Date the shareholder report was sent to shareholders, if known",
        }
        help_texts = {
            "transmission_date": "Form N-CSR is due 10 days after this date (Rule 30b2-1); "
            "Rule 30e-1 requires the report to be sent within 60 days of the period end. "
            "Without it, the deadlines shown are the latest possible ones (70 days).",
        }

    def __init__(self, *args, registrant: Registrant | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrant = registrant if registrant else getattr(self.instance, "registrant", None)
        self.fields["form_type"].choices = REPORT_FORM_CHOICES
        if "series_identifiers" in self.fields:
            choices = [
                (series.identifier, str(series))
                for series in (self.registrant.series.all() if self.registrant else [])
            ]
            if choices:
                self.fields["series_identifiers"].choices = choices
            else:
                # No series on record, or a new notice whose registrant is chosen on this very
                # page: its series are chosen on the next visit to this step, and the review
                # asks for them until then.
                del self.fields["series_identifiers"]
                self.helper.layout = self.layout()
        amendable = Notice.objects.filter(registrant=self.registrant)
        if self.instance.pk:
            amendable = amendable.exclude(pk=self.instance.pk)
        self.fields["amends"].queryset = amendable
        if self.registrant is not None:
            self.fields[
                "amends"
            ].widget.url = f"{reverse('filings:choose')}?registrant={self.registrant.pk}"

    def layout(self) -> Layout:
        return Layout(
            Fieldset(
                "Report",
                "form_type",
                "filer_status",
                Row(Column("period_end", css_class="col-md-4")),
                self.wrap("distribution_date"),
                self.wrap("transmission_date"),
                self.wrap("is_erisa_plan"),
            ),
            *self.series_layout(),
            Fieldset(
                "Transition report, portion, amendment",
                self.wrap("is_transition_report"),
                self.wrap("transition_period_end"),
                self.wrap("transition_decision_date"),
                "is_portion",
                self.wrap("portion_items"),
                "is_amendment",
                self.wrap("amends"),
            ),
        )

    def series_layout(self) -> list:
        if "series_identifiers" not in self.fields:
            return []
        return [
            Fieldset(
                "Series (NT-NCEN, NT-NCSR)",
                self.wrap("all_series"),
                self.wrap("series_identifiers"),
            )
        ]

    def clean_amends(self):
        amends = self.cleaned_data.get("amends")
        if amends is not None and amends.registrant_id != self.registrant.pk:
            raise forms.ValidationError(
                "Choose a notice of the same registrant.", code="other_registrant"
            )
        return amends


class NoticeStartForm(ReportForm):
    """Step 1 for a new notice: also the registrant, and whether to start from its last
    notice."""

    registrant = registrant_chooser(
        active_only=True,
        label="Registrant",
        help_text="Type its name, CIK or SEC file number and choose it from the suggestions.",
    )
    copy_previous = forms.BooleanField(
        label="Start from the registrant's last notice (copies Part III and Part IV)",
        required=False,
    )
    planned_filing_date = forms.DateField(
        label="Planned filing date",
        required=False,
        widget=DATE_INPUT,
        help_text="The notice is dated this day; change it on the signature step. Left empty, "
        "today.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, registrant=None, **kwargs)
        self.fields["registrant"].required = True
        self.fields["registrant"].error_messages["required"] = "Choose the registrant."
        self.fields["filer_status"].choices = [
            ("", "As on the registrant record"),
            *FilerStatus.choices,
        ]
        self.fields["amends"].queryset = Notice.objects.all()
        # Its suggestions are of the registrant typed into the box above.
        self.fields["amends"].widget.attrs["data-chooser-with"] = "registrant_search"

    def layout(self) -> Layout:
        layout = super().layout()
        layout.fields.insert(0, Fieldset("Registrant", "registrant", "copy_previous"))
        layout.fields[1].fields.append(Row(Column("planned_filing_date", css_class="col-md-4")))
        return layout

    def clean_amends(self):
        return self.cleaned_data.get("amends")

    def clean_planned_filing_date(self):
        planned = self.cleaned_data["planned_filing_date"]
        if planned is not None and not EARLIEST_DATE <= planned <= LATEST_DATE:
            raise forms.ValidationError("Enter a date between 1934 and 2099.", code="range")
        return planned

    def clean(self):
        cleaned_data = super().clean()
        registrant = cleaned_data.get("registrant")
        amends = cleaned_data.get("amends")
        if registrant and amends and amends.registrant_id != registrant.pk:
            self.add_error(
                "amends",
                forms.ValidationError(
                    "Choose a notice of the same registrant.", code="other_registrant"
                ),
            )
        if registrant and not cleaned_data.get("filer_status"):
            cleaned_data["filer_status"] = registrant.filer_status
        return cleaned_data


class PartIForm(StepForm):
    optional = ("former_name", "sec_file_number", "cusip", "co_registrant_ciks")
    co_registrant_ciks = forms.MultipleChoiceField(
        label="Other registrants filing this notice jointly",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Those named so far; untick one to take it off.",
    )

    class Meta:
        model = Notice
        fields = [
            "registrant_name",
            "former_name",
            "street",
            "city_state_zip",
            "sec_file_number",
            "cusip",
            "co_registrant_ciks",
        ]

    add_co_registrant = registrant_chooser(
        active_only=True,
        required=False,
        label="Add a co-registrant",
        help_text="Type its name, CIK or SEC file number; it is added when the page is saved.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only registrants the user may see can be named (registrants.access). The boxes are
        # those already named (or posted), not every registrant: there may be thousands.
        visible = (
            Registrant.objects.visible_to(self.user) if self.user else Registrant.objects.none()
        )
        others = visible.filter(is_active=True, cik__isnull=False).exclude(
            pk=self.instance.registrant_id
        )
        named = set(self.instance.co_registrant_ciks or [])
        if self.is_bound:
            named.update(self.data.getlist(self.add_prefix("co_registrant_ciks"))[:100])
        self.fields["co_registrant_ciks"].choices = [
            (registrant.cik, f"{registrant.name} (CIK {registrant.cik})")
            for registrant in others.filter(cik__in=named).order_by("name")
        ]
        self.fields["add_co_registrant"].queryset = others

    def clean(self):
        cleaned_data = super().clean()
        added = cleaned_data.get("add_co_registrant")
        ciks = cleaned_data.get("co_registrant_ciks") or []
        if added is not None and added.cik not in ciks:
            cleaned_data["co_registrant_ciks"] = [*ciks, added.cik]
        return cleaned_data

    def layout(self) -> Layout:
        return Layout(
            Fieldset(
                "Part I — Registrant information",
                "registrant_name",
                "former_name",
                "street",
                "city_state_zip",
            ),
            Fieldset(
                "Cover boxes",
                Row(Column("sec_file_number"), Column("cusip")),
            ),
            Fieldset("Co-registrants", "co_registrant_ciks", "add_co_registrant"),
        )

    def clean_sec_file_number(self):
        value = self.cleaned_data["sec_file_number"]
        if value:
            validate_sec_file_number(value)
            value = normalize_sec_file_number(value)
        return value

    def clean_cusip(self):
        value = self.cleaned_data["cusip"]
        if value:
            validate_cusip(value)
            value = normalize_cusip(value)
        return value


class PartIIForm(StepForm):
    relief_claimed = yes_no_field(
        "Does the registrant seek relief under Rule 12b-25(b)?",
        "Yes checks the Part II box: (a) the reasons in Part III could not be eliminated without "
        "unreasonable effort or expense; (b) the report will be filed within the grace period; "
        "(c) any statement required by Rule 12b-25(c) is attached.",
    )
    third_party_cause = yes_no_field(
        "Is the report late because someone other than the registrant (for example, the "
        "auditor) cannot furnish a required opinion, report or certification?"
    )
    third_party_statement = pdf_field(
        "The signed statement as PDF",
        "PDF, at most 10 MB. EDGAR files the text above as Exhibit 99; the PDF rides along as "
        "an unofficial copy.",
    )
    optional = ("third_party_statement",)

    class Meta:
        model = Notice
        fields = [
            "relief_claimed",
            "third_party_cause",
            "third_party_statement_text",
            "third_party_statement",
        ]
        widgets = {"third_party_statement_text": forms.Textarea(attrs={"rows": 8})}
        labels = {
            "third_party_statement_text": "Text of the statement signed by that person, giving "
            "the reasons (Rule 12b-25(c))"
        }


class PartIIIForm(StepForm):
    class Meta:
        model = Notice
        fields = PART_III_FIELDS
        widgets = {"narrative": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "narrative": "State in reasonable detail why the report, or the portion of it, could "
            "not be filed within the prescribed time period."
        }


class PartIVForm(StepForm):
    other_reports_filed = yes_no_field(
        "(2) Have all other periodic reports required under Section 13 or 15(d) of the "
        "Securities Exchange Act of 1934 or Section 30 of the Investment Company Act of 1940 "
        "during the preceding 12 months (or for such shorter period that the registrant was "
        "required to file such reports) been filed?"
    )
    significant_change = yes_no_field(
        "(3) Is it anticipated that any significant change in results of operations from the "
        "corresponding period for the last fiscal year will be reflected by the earnings "
        "statements to be included in the subject report or portion thereof?"
    )
    restatement_expected = yes_no_field(
        "Is a restatement or correction of prior financial statements expected?",
        "Not a question of the form itself: if the answer is Yes, Part III and the Part IV(3) "
        "explanation must say so.",
    )

    optional = ("additional_statement",)

    class Meta:
        model = Notice
        fields = [*PART_IV_FIELDS, "additional_statement"]
        widgets = {
            "reports_not_filed": forms.Textarea(attrs={"rows": 3}),
            "significant_change_explanation": forms.Textarea(attrs={"rows": 10}),
            "additional_statement": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "reports_not_filed": "Identify the report(s) not filed",
            "significant_change_explanation": "Explanation of the anticipated change, both "
            "narratively and quantitatively, and, if appropriate, why a reasonable estimate of "
            "the results cannot be made",
        }

    def layout(self) -> Layout:
        return Layout(
            Fieldset(
                "(1) Person to contact in regard to this notification",
                Row(
                    Column("contact_name", css_class="col-md-6"),
                    Column("contact_area_code", css_class="col-md-2"),
                    Column("contact_phone", css_class="col-md-4"),
                ),
            ),
            Fieldset("Other reports", "other_reports_filed", self.wrap("reports_not_filed")),
            Fieldset(
                "Results of operations",
                "significant_change",
                self.wrap("significant_change_explanation"),
                "restatement_expected",
            ),
            Fieldset("After Part IV", "additional_statement"),
        )

    def clean_contact_area_code(self) -> str:
        return normalize_area_code(self.cleaned_data["contact_area_code"])


class SignatureForm(StepForm):
    class Meta:
        model = Notice
        fields = ["signature_registrant_name", "signature_date"]
        widgets = {"signature_date": DATE_INPUT}


class SignerForm(ConditionalFieldsMixin, forms.ModelForm):
    field_conditions = SIGNER_CONDITIONS
    evidence_of_authority = pdf_field(
        "Evidence of authority as PDF (optional)",
        "PDF, at most 10 MB. EDGAR files the text above as Exhibit 24; the PDF rides along as "
        "an unofficial copy.",
    )

    class Meta:
        model = NoticeSigner
        fields = [
            "name",
            "title",
            "is_executive_officer",
            "evidence_of_authority_text",
            "evidence_of_authority",
        ]
        widgets = {
            "title": TITLE_WIDGET,
            "evidence_of_authority_text": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"title": TITLE_HELP}
        labels = {
            "evidence_of_authority_text": "Text of the evidence of authority to sign (for "
            "example, the power of attorney)"
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the signer's name."
        self.fields["title"].error_messages["required"] = "Enter the signer's title."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-5"), Column("title", css_class="col-md-7")),
            "is_executive_officer",
            self.wrap("evidence_of_authority_text"),
            self.wrap("evidence_of_authority"),
        )

    def clean_title(self) -> str:
        return two_lines(self.cleaned_data["title"])

    def clean(self):
        cleaned_data = super().clean()
        self.discard_hidden_answers(cleaned_data)
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        for problem in signer_problems(self.instance):
            if problem.field not in self._errors:
                self.add_error(problem.field, forms.ValidationError(problem.message, code="rules"))


class BaseSignerFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this signer"

    def clean(self):
        super().clean()
        # The id field accepts any signer; a row must be one of this notice's own.
        own = set(self.get_queryset().values_list("pk", flat=True))
        for form in self.forms:
            signer = form.cleaned_data.get("id") if hasattr(form, "cleaned_data") else None
            if signer is not None and signer.pk not in own:
                raise forms.ValidationError(
                    "A signer on this page is no longer on the notice. Discard your unsaved "
                    "changes to see the signers as saved.",
                    code="other_signer",
                )
        if any(self.errors):
            return
        # Blank extra rows have empty cleaned_data; removed rows are marked DELETE.
        signers = [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not signers:
            raise forms.ValidationError("Add at least one signer.", code="no_signer")


MAX_SIGNERS = 10
SignerFormSet = forms.inlineformset_factory(
    Notice,
    NoticeSigner,
    form=SignerForm,
    formset=BaseSignerFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_SIGNERS,
    absolute_max=MAX_SIGNERS,
    validate_max=True,
)


class SignatureStepForm:
    """The signature step: the signature block and the signers, validated together."""

    def __init__(self, data=None, files=None, *, instance: Notice, user=None):
        self.form = SignatureForm(data, files, instance=instance, user=user)
        self.formset = SignerFormSet(data, files, instance=instance, prefix="signers")
        self.instance = instance
        self.is_bound = self.form.is_bound

    @classmethod
    def notice_fields(cls) -> list[str]:
        return SignatureForm.notice_fields()

    @classmethod
    def takes_files(cls) -> bool:
        return True  # each signer's evidence of authority

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.formset.is_valid()])

    def answers(self) -> dict:
        return self.form.answers()

    def file_keys(self) -> list[str]:
        return [
            signer_form.add_prefix("evidence_of_authority") for signer_form in self.formset.forms
        ]

    def signer_rows(self) -> list[dict]:
        """Each signer's row as cleaned, blank extra rows left out: `id` is the saved signer
        (None for a new one), `DELETE` whether it is removed."""
        return [row for row in self.formset.cleaned_data if row]

    def kept_input(self) -> dict[str, list[str]]:
        """The signature fields and the signers' rows as typed (at most MAX_SIGNERS rows),
        with a management form rebuilt from the notice's own signers: what was posted for it
        is not trusted, so a broken or forged one cannot lock the step."""
        kept = self.form.kept_input()
        prefix = self.formset.prefix
        row_fields = [*SignerForm.Meta.fields, "id", "DELETE"]
        saved_signers = self.instance.signers.count()
        rows = 0
        for index in range(MAX_SIGNERS):
            typed = {
                f"{prefix}-{index}-{name}": kept_values(self.form.data, f"{prefix}-{index}-{name}")
                for name in row_fields
                if f"{prefix}-{index}-{name}" in self.form.data
            }
            if typed or index < saved_signers:
                kept.update(typed)
                rows = index + 1
        kept.update(
            {
                f"{prefix}-TOTAL_FORMS": [str(max(rows, saved_signers))],
                f"{prefix}-INITIAL_FORMS": [str(saved_signers)],
                f"{prefix}-MIN_NUM_FORMS": ["0"],
                f"{prefix}-MAX_NUM_FORMS": [str(MAX_SIGNERS)],
            }
        )
        return kept

    def field_anchor(self, name: str) -> str:
        """The signature block's control for `name`, or the first signer's."""
        if name in self.form.fields or not self.formset.forms:
            return self.form.field_anchor(name)
        signer_form = self.formset.forms[0]
        if name not in signer_form.fields:
            return self.form.field_anchor(name)
        return signer_form[name].id_for_label or f"{signer_form[name].auto_id}_0"

    def error_entries(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) for every error of the step, signers' rows included."""
        entries = error_entries(self.form)
        for number, signer_form in enumerate(self.formset.forms, start=1):
            entries += error_entries(signer_form, f"Signer {number}, ")
        entries += [("", "Signers", error) for error in self.formset.non_form_errors()]
        return entries


class NoticeFilterForm(forms.Form):
    """The search and filters of the notice list."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    registrant = registrant_chooser(
        required=False, attrs={"class": "form-control", "placeholder": "All"}
    )
    form_type = forms.ChoiceField(
        label="Form",
        choices=[("", "All"), *REPORT_FORM_CHOICES],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = forms.ChoiceField(
        choices=[("", "All"), *NoticeStatus.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class DeadlinePreviewForm(forms.Form):
    """What step 1 has filled in so far, to preview the report's deadlines."""

    form_type = forms.ChoiceField(choices=REPORT_FORM_CHOICES)
    period_end = forms.DateField()
    filer_status = forms.ChoiceField(choices=FilerStatus.choices, required=False)
    registrant = registrant_chooser(required=False)
    distribution_date = forms.DateField(required=False)
    transmission_date = forms.DateField(required=False)
    is_erisa_plan = forms.BooleanField(required=False)
    is_transition_report = forms.BooleanField(required=False)
    is_amendment = forms.BooleanField(required=False)
    transition_period_end = forms.DateField(required=False)
    transition_decision_date = forms.DateField(required=False)

    def clean(self):
        cleaned_data = super().clean()
        for name in (
            "period_end",
            "distribution_date",
            "transmission_date",
            "transition_period_end",
            "transition_decision_date",
        ):
            value = cleaned_data.get(name)
            if value and not EARLIEST_DATE <= value <= LATEST_DATE:
                self.add_error(name, "Enter a date between 1934 and 2099.")
        return cleaned_data


class RestatementReviewForm(forms.Form):
    """A reviewer's reason for finishing a notice that does not disclose an expected
    restatement in Part III and Part IV(3)."""

    reason = forms.CharField(
        label="Why the notice may be finished without disclosing the restatement",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": "Give the reason."},
    )

    def clean_reason(self):
        return self.cleaned_data["reason"].replace("\x00", "")


class MoveForm(forms.Form):
    """A move along the lifecycle (filings.lifecycle): the comment recorded with it, the step a
    notice sent back to draft must change, and the version of the notice the page showed."""

    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    step = forms.ChoiceField(
        label="The step to change",
        required=False,
        choices=[("", "The notice as a whole")],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [
            ("", "The notice as a whole"),
            *((step.slug, step.title) for step in steps),
        ]

    def clean_comment(self):
        return self.cleaned_data["comment"].replace("\x00", "")
