"""crispy-forms' field template for Bootstrap 5 (`bootstrap5/field.html`), written in Python.

crispy-forms renders each field of a layout with that template, given the whole page's context
(django-crispy-forms' `render_field`, and its `as_crispy_field` filter). The template, the
`crispy_field` tag it calls and the templates it includes (help text, errors, radio buttons)
took about two thirds of a wizard step's rendering: some 0.6 ms a field, 10 ms of the report
step's 18 ms. This template backend answers that one name with a template object that writes
the same HTML in Python; the pages still lay out their forms with crispy-forms (FormHelper,
Layout, Fieldset, Row, Column) and crispy-forms still renders everything else.

The HTML is the same as the template's but for the white space between and inside tags, which
a browser shows alike (tests/test_crispy_fields.py compares the two, white space collapsed, on
every form the pages show, blank and with errors). It changes the widget's classes as the
`crispy_field` tag does. Whatever it does not expect is left to the template itself: a layout
that sets a field's tag, label or field class or wrapper class, a horizontal form, a file
input that offers to clear its file, a widget made of widgets, a value or label the template
would show otherwise, and a `bootstrap5` template overridden by an app.

Listed first in settings.TEMPLATES; every other name goes on to Django's templates."""

from decimal import Decimal
from pathlib import Path

import crispy_bootstrap5
from crispy_forms.templatetags.crispy_forms_filters import optgroups
from django import forms
from django.conf import settings
from django.template import TemplateDoesNotExist, engines
from django.template.backends.base import BaseEngine
from django.utils.functional import Promise, cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe

from config.form_renderer import Unusual, attributes, text

FIELD = "bootstrap5/field.html"
# The templates that FIELD includes, and which the Python below writes too.
INCLUDED = [
    "bootstrap5/layout/radio_checkbox_select.html",
    "bootstrap5/layout/help_text_and_errors.html",
    "bootstrap5/layout/help_text.html",
    "bootstrap5/layout/field_errors.html",
    "bootstrap5/layout/field_errors_block.html",
    "bootstrap5/layout/attrs.html",
    "bootstrap5/layout/field_file.html",
]
CRISPY_BOOTSTRAP5_TEMPLATES = Path(crispy_bootstrap5.__file__).parent / "templates"


def unlocalized(value) -> str:
    """`{{ value|unlocalize }}`."""
    if isinstance(value, SafeData):
        return str(value)
    if isinstance(value, (str, Promise, bool, int, float, Decimal)):
        return escape(str(value))
    raise Unusual  # a date, or anything the template would format


def with_classes(field, classes: str) -> str:
    """`{% crispy_field field 'class' classes %}`: the widget's class name and `classes` added
    to the widget's own classes (kept on the widget, as the tag keeps them), then the widget."""
    widget = field.field.widget
    if hasattr(widget, "widgets") or hasattr(widget, "widget"):
        raise Unusual  # a widget made of widgets, or one wrapping another
    class_name = type(widget).__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    own = widget.attrs.get("class", "")
    if not own:
        own = class_name
    elif own.find(class_name) == -1:
        own += f" {class_name}"
    for name in classes.split():
        if name not in own.split():
            own += f" {name}"
    widget.attrs["class"] = own
    return str(field)


def help_text(field, context: dict) -> str:
    """help_text.html."""
    if not field.help_text:
        return ""
    shown = str(field.help_text)
    if context.get("help_text_inline"):
        return f'\n<span id="{text(field.auto_id)}_helptext" class="form-text">{shown}</span>\n'
    id_attribute = f'id="{text(field.auto_id)}_helptext" ' if field.auto_id else ""
    return f'\n<div {id_attribute}class="form-text">{shown}</div>\n'


def error_list(field, *, tag: str) -> str:
    """The field's errors, each in a `tag`, as field_errors.html (<span>) and
    field_errors_block.html (<p>) write them."""
    auto_id = text(field.auto_id)
    shown = "".join(
        f'\n<{tag} id="error_{number}_{auto_id}"><strong>{conditional_escape(error)}</strong>'
        f"</{tag}>"
        for number, error in enumerate(field.errors, start=1)
    )
    field_id = text(field.errors.field_id)
    return f'\n<div id="{field_id}_error" class="invalid-feedback">{shown}\n</div>\n'


def errors(field, context: dict, *, tag: str) -> str:
    """field_errors.html and field_errors_block.html."""
    if not (context.get("form_show_errors") and field.errors):
        return ""
    return error_list(field, tag=tag)


def help_text_and_errors(field, context: dict) -> str:
    """help_text_and_errors.html."""
    inline_help, inline_errors = context.get("help_text_inline"), context.get("error_text_inline")
    written = []
    if inline_help and not inline_errors:
        written.append(help_text(field, context))
    written.append(errors(field, context, tag="span" if inline_errors else "p"))
    if not inline_help:
        written.append(help_text(field, context))
    return "\n".join(written)


def radio_checkbox_select(field, context: dict) -> str:
    """radio_checkbox_select.html: each choice a check box or radio button with its label."""
    flat_attrs = context.get("flat_attrs")
    inline = context.get("inline_class")
    invalid = " is-invalid" if field.errors else ""
    written = [f"\n<div {f' {conditional_escape(flat_attrs)}' if flat_attrs else ''}>\n"]
    groups = list(optgroups(field))
    for group_number, (group, options, _index) in enumerate(groups, start=1):
        if group:
            written.append(f"\n<strong>{text(group)}</strong>\n")
        for option_number, option in enumerate(options, start=1):
            written.append(
                f'\n<div class="form-check{" form-check-inline" if inline else ""}">\n'
                f'<input type="{text(option["type"])}" class="form-check-input{invalid}" '
                f'name="{text(field.html_name)}" value="{unlocalized(option["value"])}" '
                f"{attributes(option['attrs'])}>\n"
                f'<label for="{text(option["attrs"].get("id", ""))}" class="form-check-label">\n'
                f"{unlocalized(option['label'])}\n</label>\n"
            )
            last = option_number == len(options) and group_number == len(groups)
            if field.errors and last and not inline:
                written.append(errors(field, context, tag="p"))
            written.append("\n</div>\n")
    written.append("\n</div>\n")
    if field.errors and inline:
        written.append(error_list(field, tag="p"))
    written.append(help_text(field, context))
    return "".join(written)


def file_input(field, context: dict) -> str:
    """field_file.html, for a file input that offers no file already uploaded to clear."""
    if isinstance(field.field.widget, forms.ClearableFileInput):
        raise Unusual
    invalid = " is-invalid" if field.errors else ""
    wrapper = ' class="is-invalid"' if field.errors else ""
    disabled = " disabled" if field.field.disabled else ""
    written = []
    for subwidget in field.subwidgets:
        data = subwidget.data
        own = data["attrs"].get("class")
        others = attributes(
            {name: value for name, value in data["attrs"].items() if name != "class"}
        )
        written.append(
            f"\n<div{wrapper}>\n"
            f'<input type="{text(data["type"])}" name="{text(data["name"])}" '
            f'class="form-control{f" {text(own)}" if own else ""}{invalid}"{disabled}{others}>\n'
            f"{help_text_and_errors(field, context)}\n</div>\n"
        )
    return "".join(written)


def write_field(context: dict) -> str:
    """field.html, for a field of a vertical form with no tag, label, field or wrapper class of
    its own."""
    field = context["field"]
    if field.is_hidden:
        return f"\n{field}\n"
    if any(context.get(name) for name in ("tag", "label_class", "field_class", "wrapper_class")):
        raise Unusual
    form_class = context.get("form_class")
    if isinstance(form_class, str) and "form-horizontal" in form_class:
        raise Unusual
    widget = field.field.widget
    checkbox = isinstance(widget, forms.CheckboxInput)
    choices = isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect))
    show_labels = context.get("form_show_labels")
    required = field.field.required
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    css = conditional_escape(field.css_classes())
    written = ['\n<div class="mb-3">\n'] if checkbox else []
    wrapper = "form-check" if checkbox and show_labels else "mb-3"
    written.append(
        f'\n<div id="div_{text(field.auto_id)}" class="{wrapper}{f" {css}" if css else ""}">\n'
    )
    if field.label and not checkbox and show_labels:
        if field.use_fieldset:
            described = field.aria_describedby
            described = f' aria-describedby="{text(described)}"' if described else ""
            written.append(f"\n<fieldset{described}>\n")
        tag = "legend" if field.use_fieldset else "label"
        label_for = f'for="{text(field.id_for_label)}"' if field.id_for_label else ""
        classes = "form-label" + (" requiredField" if required else "")
        classes += " fs-6" if field.use_fieldset else ""
        written.append(
            f'<{tag}\n{label_for} class="{classes}">\n{text(field.label)}{asterisk}\n</{tag}>\n'
        )
    if choices:
        written.append(radio_checkbox_select(field, context))
    elif checkbox and show_labels:
        written.append(
            with_classes(field, "form-check-input" + (" is-invalid" if field.errors else ""))
        )
        written.append(
            f'\n<label for="{text(field.id_for_label)}" class="form-check-label'
            f'{" requiredField" if required else ""}">\n{text(field.label)}{asterisk}\n</label>\n'
        )
        written.append(help_text_and_errors(field, context))
    elif isinstance(widget, forms.FileInput):
        written.append(file_input(field, context))
    else:
        kind = "form-select" if isinstance(widget, forms.Select) else "form-control"
        kind = "form-check-input" if checkbox else kind
        written.append(with_classes(field, kind + (" is-invalid" if field.errors else "")))
        written.append(help_text_and_errors(field, context))
    if field.use_fieldset and field.label and show_labels:
        written.append("</fieldset>\n")
    written.append("\n</div>\n")
    if checkbox:
        written.append("\n</div>\n")
    return "".join(written)


class FieldTemplate:
    """FIELD written by write_field, or by the template itself when write_field leaves it."""

    def __init__(self, template):
        self.template = template

    def render(self, context=None, request=None):
        if isinstance(context, dict) and "field" in context:
            try:
                return mark_safe(write_field(context))
            except Unusual:
                pass
        return self.template.render(context, request)


class FieldTemplates(BaseEngine):
    """A template backend that knows one template, FIELD (settings.TEMPLATES)."""

    def __init__(self, params):
        params = params.copy()
        params.pop("OPTIONS")
        super().__init__(params)

    @cached_property
    def field_template(self):
        """FieldTemplate over the template the other backends find for FIELD; that template
        alone if it or one it includes is not crispy-bootstrap5's own."""
        others = [engine for engine in engines.all() if engine is not self]

        def found(name: str):
            for engine in others:
                try:
                    return engine.get_template(name)
                except TemplateDoesNotExist:
                    continue
            raise TemplateDoesNotExist(name, backend=self)

        template = found(FIELD)
        for name in [FIELD, *INCLUDED]:
            origin = Path(found(name).origin.name)
            if not origin.is_relative_to(CRISPY_BOOTSTRAP5_TEMPLATES):
                return template
        return FieldTemplate(template)

    def get_template(self, template_name):
        if template_name != FIELD:
            raise TemplateDoesNotExist(template_name, backend=self)
        return self.field_template

    def from_string(self, template_code):
        raise TemplateDoesNotExist("(a template from a string)", backend=self)
