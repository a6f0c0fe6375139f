"""The form renderer (config/form_renderer.py) writes in Python the widgets Django writes with its
templates: the HTML must be the same, character for character."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from config.form_renderer import FormRenderer
from filings.wizard import STEPS
from tests import seed

DJANGOS = "django.forms.renderers.DjangoTemplates"
OURS = "config.form_renderer.FormRenderer"

CHOICES = [
    (1, "One & two"),
    ("", "---------"),
    ("Group <b>", [(2, "Two"), (3, gettext_lazy("Three"))]),
    ("quote", 'Say "hi"'),
]
WIDGETS = [
    (forms.TextInput(attrs={"class": 'a"b', "required": True, "disabled": False}), "x<y&'\""),
    (forms.TextInput(attrs={"maxlength": 5, "aria-describedby": "id_f_help"}), None),
    (forms.TextInput(), 0),
    (forms.TextInput(), mark_safe("<b>kept</b>")),
    (forms.TextInput(), ("a", 1)),
    (forms.TextInput(attrs={"placeholder": gettext_lazy("Name")}), gettext_lazy("Value")),
    (forms.DateInput(attrs={"type": "date"}), "2026-03-31"),
    (forms.EmailInput(), "a@example.com"),
    (forms.NumberInput(attrs={"min": 0, "step": "any"}), 12),
    (forms.PasswordInput(render_value=True), "secret&"),
    (forms.PasswordInput(), "never shown"),
    (forms.HiddenInput(), 5),
    (forms.URLInput(), "https://example.com/?a=1&b=2"),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.CheckboxInput(), "on"),
    (forms.Textarea(), "line one\n<line two>"),
    (forms.Textarea(attrs={"rows": 3}), ""),
    (forms.Textarea(), None),
    (forms.Select(choices=CHOICES), 2),
    (forms.Select(choices=CHOICES), ""),
    (forms.Select(choices=CHOICES), None),
    (forms.Select(choices=[(1, 5), (2, 6)]), 1),  # labels that are not text
    (forms.SelectMultiple(choices=CHOICES), [1, 3]),
    (forms.NullBooleanSelect(), True),
    (forms.RadioSelect(choices=CHOICES), 1),  # written by its templates
    (forms.ClearableFileInput(), None),  # written by its templates
]


@pytest.mark.parametrize(("widget", "value"), WIDGETS)
def test_a_widget_is_written_as_djangos_templates_write_it(widget, value):
    attrs = {"id": "id_field"}
    ours = widget.render("field", value, attrs, renderer=FormRenderer())
    djangos = widget.render("field", value, attrs, renderer=DjangoTemplates())
    assert ours == djangos


def test_the_widgets_the_pages_show_most_are_written_in_python():
    written = FormRenderer().writers
    for name in ("text", "date", "checkbox", "textarea", "select", "hidden", "number"):
        assert f"django/forms/widgets/{name}.html" in written
    assert "django/forms/widgets/radio.html" not in written


def test_a_widget_the_writers_do_not_expect_is_left_to_the_templates():
    # A template calls what it is given to show; the writers leave that to it.
    widget = forms.TextInput(attrs={"data-shown": lambda: "called"})
    ours = widget.render("field", "", {"id": "id_field"}, renderer=FormRenderer())
    assert ours == widget.render("field", "", {"id": "id_field"}, renderer=DjangoTemplates())
    assert 'data-shown="called"' in ours


def test_a_value_that_cannot_be_shown_is_left_to_the_templates():
    class Unprintable:
        def __str__(self):
            raise ValueError("no text")

    widget = forms.TextInput(attrs={"data-x": Unprintable()})
    ours = widget.render("field", "", {"id": "id_field"}, renderer=FormRenderer())
    assert ours == widget.render("field", "", {"id": "id_field"}, renderer=DjangoTemplates())
    assert 'data-x=""' in ours


# Every <input>, <select> (with its options) and <textarea> of a page.
FIELDS = re.compile(r"<input\b[^>]*>|<select\b.*?</select>|<textarea\b.*?</textarea>", re.S)
# The CSRF token is masked afresh on every page.
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


def fields_of(response) -> list[str]:
    assert response.status_code == 200
    return [TOKEN.sub(r'\1"', field) for field in FIELDS.findall(response.content.decode())]


def test_every_form_page_shows_the_same_fields_with_either_renderer(
    settings, client, compliance_user, registrant_admin, seed_notice
):
    pages = [reverse("filings:step", args=[seed_notice.pk, step.slug]) for step in STEPS]
    pages += [
        reverse("filings:new"),
        reverse("filings:list") + "?form_type=10-K&status=draft",
        reverse("deadlines:preview") + "?form_type=10-K&period_end=2026-03-31",
    ]
    registrant_pages = [
        reverse("registrants:create"),
        reverse("registrants:edit", args=[seed_notice.registrant_id]),
    ]
    # Part I refused, so shown again with its errors (and kept as pending input).
    part_1 = reverse("filings:step", args=[seed_notice.pk, "part-1"])
    refused_part_1 = {**seed.PART_I, "cusip": "313586108", "street": ""}

    def every_page(renderer: str) -> list[list[str]]:
        settings.FORM_RENDERER = renderer
        client.force_login(compliance_user)
        shown = [fields_of(client.get(url)) for url in pages]
        client.force_login(registrant_admin)
        return shown + [fields_of(client.get(url)) for url in registrant_pages]

    def refused(renderer: str) -> list[str]:
        settings.FORM_RENDERER = renderer
        client.force_login(compliance_user)
        response = client.post(part_1, refused_part_1)
        assert "street" in response.context["form"].errors
        return fields_of(response)

    ours = every_page(OURS)
    assert ours == every_page(DJANGOS)
    assert refused(OURS) == refused(DJANGOS)
    assert sum(len(fields) for fields in ours) > 60
    assert any("<select" in field for fields in ours for field in fields)
    assert any("<textarea" in field for fields in ours for field in fields)
