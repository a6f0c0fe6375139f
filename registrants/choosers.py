"""Choosers: a text box that suggests matching records as the user types, for lists too long
for a drop-down (thousands of registrants, a registrant's hundreds of notices).

The box posts what was typed as `<name>_search`; the field finds the one record it names
(`resolve`). Suggestions come from a small JSON view (`data-chooser-url`) into the box's
`<datalist>` (static/js/chooser.js); without JavaScript the box is a plain text input and the
same typed text is resolved on the server. A link or a script may still send the record's id as
`<name>`, as with a drop-down."""

import re
from collections.abc import Callable

from django import forms
from django.db.models import Model, QuerySet
from django.utils.html import format_html

SEARCH_SUFFIX = "_search"
# The suggestions sent for one keystroke.
SUGGESTIONS = 10
# A suggestion ends with its key: "(CIK 0000012345)" or "(#42)".
KEY_AT_END = re.compile(r"\((?:CIK (?P<cik>\d{10})|#(?P<pk>\d{1,12}))\)\s*$")


class Typed(str):
    """Text typed into a chooser, as opposed to the id a link or a script sends."""


class ChooserInput(forms.TextInput):
    def __init__(self, *, url: str, attrs: dict | None = None):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.url = url

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {})}
        options_id = f"{attrs.get('id') or name}-options"
        attrs.update({"list": options_id, "data-chooser-url": self.url})
        box = super().render(name + SEARCH_SUFFIX, value, attrs, renderer)
        return format_html('{}<datalist id="{}"></datalist>', box, options_id)

    def value_from_datadict(self, data, files, name):
        typed = data.get(name + SEARCH_SUFFIX)
        if typed is not None:
            return Typed(typed.strip())
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name + SEARCH_SUFFIX not in data and name not in data


class ChooserField(forms.ModelChoiceField):
    """A record of `queryset` chosen by typing: `label` gives the text a record is shown and
    suggested as, `resolve(queryset, text)` the records a typed text names."""

    def __init__(
        self,
        queryset: QuerySet,
        *,
        url: str,
        label_of: Callable[[Model], str],
        resolve: Callable[[QuerySet, str], QuerySet],
        not_found: str,
        attrs: dict | None = None,
        **kwargs,
    ):
        self.label_of = label_of
        self.resolve = resolve
        self.not_found = not_found
        super().__init__(queryset, widget=ChooserInput(url=url, attrs=attrs), **kwargs)

    def label_from_instance(self, obj: Model) -> str:
        return self.label_of(obj)

    def prepare_value(self, value):
        if isinstance(value, Typed) or value in self.empty_values:
            return value
        if isinstance(value, Model):
            return self.label_of(value)
        try:
            record = self.queryset.filter(pk=value).first()
        except (TypeError, ValueError):
            return ""
        return self.label_of(record) if record else ""

    def to_python(self, value):
        if not isinstance(value, Typed):
            return super().to_python(value)
        if not value:
            return None
        matches = list(self.resolve(self.queryset, value)[:2])
        if len(matches) == 1:
            return matches[0]
        message = "Several match “%(typed)s”: type more of it or choose a suggestion."
        if not matches:
            message = self.not_found
        raise forms.ValidationError(message, code="invalid_choice", params={"typed": value})

    def has_changed(self, initial, data):
        return str(self.prepare_value(initial)) != str(data or "")


def key_of(text: str) -> dict[str, str]:
    """The key a suggestion ends with, as {"cik": ...} or {"pk": ...}; {} for other text."""
    match = KEY_AT_END.search(text)
    if not match:
        return {}
    return {name: value for name, value in match.groupdict().items() if value}
