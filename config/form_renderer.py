"""The form renderer (settings.FORM_RENDERER): Django's template renderer, where the widgets the
pages show most (inputs, check boxes, text areas and drop-downs) are written in Python instead
of through Django's widget templates.

Each such widget took a template and two or three included ones (input.html, attrs.html and,
for a drop-down, one select_option.html per option); a wizard step of 16 fields spent about a
sixth of its time there. The Python below writes the same HTML, character for character
(tests/test_form_renderer.py compares the two on every form the pages show). Whatever it does
not expect (a template overridden by an app, a widget from another template, a label that is
not text, a value the template would call) is left to the templates."""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise, cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"
# input.html and the templates that only include it.
INPUT_TEMPLATES = [
    f"{WIDGETS}{name}.html"
    for name in [
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    ]
]
TEXTAREA = f"{WIDGETS}textarea.html"
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"
# What the widget templates written here include.
INCLUDED = [f"{WIDGETS}input.html", f"{WIDGETS}attrs.html", OPTION]
DJANGO_WIDGET_TEMPLATES = Path(django.forms.__file__).parent / "templates" / "django" / "forms"


class Unusual(Exception):
    """A widget context the Python writers leave to the templates."""


def text(value) -> str:
    """`{{ value }}` for text."""
    if not isinstance(value, (str, Promise)):
        raise Unusual
    return conditional_escape(value)


def formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: stringformat keeps text marked safe as it is."""
    if callable(value):
        raise Unusual  # a template calls it first
    try:
        shown = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (TypeError, ValueError):
        raise Unusual from None  # stringformat shows nothing; the template does it
    return shown if isinstance(value, SafeData) else escape(shown)


def attributes(attrs: dict) -> str:
    """attrs.html: a True attribute by its name alone, a False one left out."""
    written = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            written.append(f" {text(name)}")
        else:
            written.append(f' {text(name)}="{formatted(value)}"')
    return "".join(written)


def write_input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{formatted(value)}"'
    return (
        f'<input type="{text(widget["type"])}" name="{text(widget["name"])}"{shown}'
        f"{attributes(widget['attrs'])}>"
    )


def write_textarea(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{text(widget["name"])}"{attributes(widget["attrs"])}>\n'
        f"{text(value) if value else ''}</textarea>"
    )


def write_select(widget: dict) -> str:
    written = [f'<select name="{text(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            written.append(f'\n  <optgroup label="{text(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                raise Unusual
            written.append(
                f'\n  <option value="{formatted(option["value"])}"'
                f"{attributes(option['attrs'])}>{text(option['label'])}</option>\n"
            )
        if group_name:
            written.append("\n  </optgroup>")
    written.append("\n</select>")
    return "".join(written)


class FormRenderer(DjangoTemplates):
    @cached_property
    def writers(self) -> dict:
        """The widget templates written in Python: those that are Django's own, and only if
        what they include is Django's own too (an app may override any of them)."""

        def djangos_own(template_name: str) -> bool:
            origin = Path(self.get_template(template_name).origin.name)
            return origin.is_relative_to(DJANGO_WIDGET_TEMPLATES)

        if not all(djangos_own(name) for name in INCLUDED):
            return {}
        candidates = {name: write_input for name in INPUT_TEMPLATES}
        candidates.update({TEXTAREA: write_textarea, SELECT: write_select})
        return {name: write for name, write in candidates.items() if djangos_own(name)}

    def render(self, template_name, context, request=None):
        write = self.writers.get(template_name)
        if write is not None:
            try:
                return write(context["widget"])
            except Unusual:
                pass
        return super().render(template_name, context, request)
