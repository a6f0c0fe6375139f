"""crispy-forms' field template written in Python (config/crispy_fields.py) writes what the
template writes: the same HTML, but for white space, which a browser collapses."""

import re

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from crispy_forms.utils import default_field_template
from django import forms
from django.template import Context, Template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from config import crispy_fields
from config.crispy_fields import FIELD, FieldTemplate, write_field
from filings.wizard import STEPS
from tests import seed

pytestmark = pytest.mark.django_db

CHOICES = [("a", "A & b"), ("", "None"), ("c", gettext_lazy("See"))]
GROUPED = [("Group <1>", [("a", "A"), ("b", "B")]), ("Group 2", [("c", "C")])]


class Everything(forms.Form):
    required_css_class = "needed"
    error_css_class = 'wrong &"x"'  # escaped in the class attribute

    text = forms.CharField(help_text="Help <b>kept</b>", max_length=5)
    optional = forms.CharField(required=False, label=gettext_lazy("Optional"))
    narrative = forms.CharField(widget=forms.Textarea(attrs={"class": "mine", "rows": 3}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    count = forms.IntegerField(min_value=1)
    kind = forms.ChoiceField(choices=CHOICES)
    agree = forms.BooleanField(help_text="Tick it")
    maybe = forms.BooleanField(required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, help_text="One")
    grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    numbers = forms.TypedChoiceField(
        choices=[(1, "One"), (2, "Two")], coerce=int, widget=forms.RadioSelect
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    upload = forms.FileField(
        help_text="PDF", widget=forms.FileInput(attrs={"accept": ".pdf", "class": "mine"})
    )
    clearable = forms.FileField(required=False)  # left to the template
    unlabelled = forms.CharField(label="", required=False)

    def __init__(self, *args, helper: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # Each field by its name, as the pages' layouts name them (a form without a layout is
        # written by crispy-forms' display_form.html, which includes the template itself).
        self.helper.layout = Layout(*self.fields)
        for name, value in (helper or {}).items():
            setattr(self.helper, name, value)


REFUSED = {"text": "too long", "count": "0", "kind": "x", "radio": "x", "many": ["x"], "agree": ""}
HELPERS = [
    {},
    {"form_show_labels": False},
    {"form_show_errors": False},
    {"help_text_inline": True},
    {"help_text_inline": True, "error_text_inline": False},
    {"error_text_inline": False},
    {"form_class": "form-horizontal", "label_class": "col-2", "field_class": "col-10"},
    {"layout": Layout(Field("text", wrapper_class="extra"), Field("kind", css_class="big"))},
]

# A browser shows a run of white space as one space.
SPACES = re.compile(r"\s+")
FORMS = re.compile(r"<form\b.*?</form>", re.S)
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


def collapsed(html: str) -> str:
    return SPACES.sub(" ", TOKEN.sub(r'\1"', html))


@pytest.fixture
def fresh_field_template():
    """crispy-forms keeps the field template it found: found afresh in the test, and again
    after it, once the settings are back."""
    default_field_template.cache_clear()
    yield
    default_field_template.cache_clear()


@pytest.fixture
def templates_only(settings, fresh_field_template):
    """Switch to the template itself: every template from Django's templates alone."""

    python, django = settings.TEMPLATES
    assert python["BACKEND"] == "config.crispy_fields.FieldTemplates"

    def switch(on: bool) -> None:
        settings.TEMPLATES = [django] if on else [python, django]
        # crispy-forms keeps the field template it found.
        default_field_template.cache_clear()

    return switch


@pytest.fixture
def python_writes(monkeypatch):
    """How many fields the Python has written (a list, one entry a field)."""
    written = []

    def counted(context):
        html = write_field(context)
        written.append(context["field"].name)
        return html

    monkeypatch.setattr(crispy_fields, "write_field", counted)
    return written


def crispy(form) -> str:
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


@pytest.mark.parametrize("helper", HELPERS)
@pytest.mark.parametrize("data", [None, REFUSED])
def test_every_kind_of_field_is_written_as_the_template_writes_it(
    templates_only, python_writes, helper, data
):
    def written(templates: bool) -> str:
        templates_only(templates)
        return crispy(Everything(data, helper=helper))

    ours = written(False)
    by_python = len(python_writes)
    assert collapsed(ours) == collapsed(written(True))
    assert len(python_writes) == by_python  # none when the template is asked for
    if "form_class" in helper:
        assert python_writes == ["secret"]  # a horizontal form is left to the template
    elif "layout" in helper:
        assert python_writes == ["kind"]  # a wrapper class of its own: the template
    else:
        # Every field but the file input that offers to clear its file.
        assert by_python == len(Everything.base_fields) - 1


def test_the_field_template_is_written_in_python_and_left_to_the_template_when_unusual():
    template = get_template(FIELD)
    assert isinstance(template, FieldTemplate)
    form = Everything()
    context = {"field": form["text"], "form_show_labels": True, "form_show_errors": True}
    assert 'class="textinput form-control"' in template.render(context)
    # A file input that offers to clear its file and a field with a tag of its own: the
    # template, which the test above compares to itself, so checked here.
    clearable = template.render({**context, "field": form["clearable"]})
    assert clearable == template.template.render({**context, "field": form["clearable"]})
    with_tag = template.render({**context, "tag": "td"})
    assert with_tag.lstrip().startswith("<td ")


def test_a_label_that_is_not_text_is_left_to_the_template(templates_only):
    def written(templates: bool) -> str:
        templates_only(templates)
        form = Everything()
        form.fields["text"].label = mark_safe("<em>Text</em>")
        form.fields["count"].label = 5
        return crispy(form)

    ours = written(False)
    assert "<em>Text</em>" in ours and collapsed(ours) == collapsed(written(True))


def forms_of(response) -> str:
    assert response.status_code == 200, response.status_code
    found = FORMS.findall(response.content.decode())
    assert found
    return collapsed("".join(found))


def test_every_form_page_shows_the_same_forms_with_the_template(
    templates_only, python_writes, client, compliance_user, registrant_admin, seed_notice
):
    registrant = seed_notice.registrant_id
    pages = [reverse("filings:step", args=[seed_notice.pk, step.slug]) for step in STEPS]
    pages += [reverse("filings:new"), reverse("two_factor")]
    registrant_pages = [
        reverse("registrants:create"),
        reverse("registrants:edit", args=[registrant]),
        reverse("registrants:person_create", args=[registrant, "contacts"]),
        reverse("registrants:person_create", args=[registrant, "signers"]),
    ]
    refused = [
        (reverse("filings:step", args=[seed_notice.pk, "part-1"]), {**seed.PART_I, "cusip": "1"}),
        (reverse("filings:new"), seed.report_step(registrant, period_end="31 March")),
    ]

    def every_page(templates: bool) -> list[str]:
        templates_only(templates)
        client.logout()
        shown = [forms_of(client.get(reverse("login")))]
        client.force_login(compliance_user)
        shown += [forms_of(client.get(url)) for url in pages]
        client.force_login(registrant_admin)
        shown += [forms_of(client.get(url)) for url in registrant_pages]
        shown.append(forms_of(client.post(reverse("registrants:create"), {"name": ""})))
        return shown

    def refused_pages(templates: bool) -> list[str]:
        # After every page: a refused step keeps what was typed, and the steps after it wait.
        templates_only(templates)
        client.force_login(compliance_user)
        return [forms_of(client.post(url, data)) for url, data in refused]

    def compared(shown) -> list[str]:
        ours = shown(False)
        by_python = len(python_writes)
        assert ours == shown(True)
        assert by_python > 0 and len(python_writes) == by_python
        return ours

    ours = compared(every_page) + compared(refused_pages)
    assert len(python_writes) > 100
    everything = "".join(ours)
    assert "invalid-feedback" in everything and 'type="radio"' in everything
    assert everything.count('class="mb-3') > 50


@pytest.mark.parametrize(
    "overridden", ["bootstrap5/field.html", "bootstrap5/layout/field_file.html"]
)
def test_a_template_overridden_by_the_project_is_left_to_the_templates(
    settings, fresh_field_template, tmp_path, overridden
):
    (tmp_path / overridden).parent.mkdir(parents=True)
    (tmp_path / overridden).write_text('<p class="overridden">{{ field.name }}</p>')
    python, django = settings.TEMPLATES
    settings.TEMPLATES = [python, {**django, "DIRS": [tmp_path, *django["DIRS"]]}]
    assert not isinstance(get_template(FIELD), FieldTemplate)
    form = Everything()
    form.helper.layout = Layout("upload")
    assert 'class="overridden"' in crispy(form)
