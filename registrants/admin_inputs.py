"""What every ModelAdmin of the project needs so that odd query strings get a page, not a 500:
values that are not keys of the related table are left out of autocomplete widgets, and a date
drill-down past any calendar is an incorrect lookup like any other."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class _KeyCheckingAutocomplete:
    """An autocomplete widget that shows only values the related table could hold: the admin
    fills it from the query string (?registrant=abc) or from a form sent back with errors, and
    the stock widget queries the table with whatever it was given."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [key for key in value if self._is_key(key)], attr)

    def _is_key(self, key) -> bool:
        target = self.field.remote_field.model._meta.get_field(self.field.remote_field.field_name)
        try:
            target.run_validators(target.to_python(key))
        except (ValidationError, TypeError, ValueError):
            return False
        return True


class KeyCheckingAutocompleteSelect(_KeyCheckingAutocomplete, AutocompleteSelect):
    pass


class KeyCheckingAutocompleteSelectMultiple(_KeyCheckingAutocomplete, AutocompleteSelectMultiple):
    pass


class CheckedChangeList(ChangeList):
    def get_filters(self, request):
        # A year such as 99999999999 overflows datetime(), which the admin does not catch.
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class CheckedInputAdmin(admin.ModelAdmin):
    """Base of the project's ModelAdmins."""

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyCheckingAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyCheckingAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
