from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core import signing
from django.core.exceptions import BadRequest
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ConfirmImportForm
from import_export.tmp_storages import CacheStorage

from registrants.admin_inputs import CheckedInputAdmin
from registrants.models import Contact, Registrant, Series, ShareClass, Signer
from registrants.resources import FormulaSafeCSV, RegistrantResource
from registrants.services import person_delete, person_save, registrant_fill_defaults


class VisibleRegistrantsAdmin(CheckedInputAdmin):
    """The admin of a model that belongs to a registrant: lists, opens and offers only the
    registrants the user may see (registrants.access), like the app's pages."""

    registrant_lookup = "registrant"

    def get_queryset(self, request):
        visible = Registrant.objects.visible_to(request.user).values("pk")
        return super().get_queryset(request).filter(**{f"{self.registrant_lookup}__in": visible})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Registrant and "queryset" not in kwargs:
            kwargs["queryset"] = Registrant.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class SignerInline(admin.TabularInline):
    model = Signer
    extra = 0


IMPORT_FILE_MAX_AGE_SECONDS = 24 * 60 * 60


def _import_file_salt(user) -> str:
    return f"registrants.import-file.{user.pk}"


class ImportConfirmForm(ConfirmImportForm):
    """The confirm step of a CSV import. The temporary file comes back under its name signed for
    the user who uploaded it, so a forged name can neither read nor delete any other file; a
    forged format or a file already imported is a form error, not a crash."""

    format = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    resource = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)

    def __init__(self, *args, user, format_count: int, resource_count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["format"].choices = [(index, index) for index in range(format_count)]
        self.fields["resource"].choices = [(index, index) for index in range(resource_count)]

    def clean_import_file_name(self) -> str:
        try:
            name = signing.loads(
                self.cleaned_data["import_file_name"],
                salt=_import_file_salt(self.user),
                max_age=IMPORT_FILE_MAX_AGE_SECONDS,
            )
        except signing.BadSignature:
            name = None
        if not name or CacheStorage(name=name).read() is None:
            raise forms.ValidationError(
                "This import is no longer available (already imported or expired). "
                "Choose the file again.",
                code="import_file_gone",
            )
        return name


class SeriesInline(admin.TabularInline):
    model = Series
    extra = 0
    show_change_link = True  # its classes are kept on the series' own page


class ShareClassInline(admin.TabularInline):
    model = ShareClass
    extra = 0


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["identifier", "name", "registrant"]
    search_fields = ["identifier", "name", "registrant__name"]
    inlines = [ShareClassInline]


@admin.register(Registrant)
class RegistrantAdmin(ImportExportModelAdmin, VisibleRegistrantsAdmin):
    resource_classes = [RegistrantResource]
    export_formats = [FormulaSafeCSV]
    registrant_lookup = "pk"
    # The file between the preview and the confirmation is kept in the cache (the database or
    # Redis), so the confirmation may reach another app server.
    tmp_storage_class = CacheStorage
    confirm_form_class = ImportConfirmForm

    def get_export_queryset(self, request):
        # The export reads the list's filters from the query string; a filter the list would
        # refuse (an unknown field, a bad value) is a bad request, not a server error.
        try:
            return super().get_export_queryset(request)
        except IncorrectLookupParameters as error:
            raise BadRequest("The export's filters are not valid.") from error

    list_display = [
        "name",
        "cik",
        "sec_file_number",
        "filer_status",
        "fiscal_year_end_display",
        "is_active",
        "updated_at",
    ]
    list_filter = ["filer_status", "is_active", "fiscal_year_end_month"]
    search_fields = ["name", "former_name", "cik", "sec_file_number", "cusip"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "former_name", "is_active"]}),
        ("Address", {"fields": ["street", "city", "state", "postal_code", "country"]}),
        ("SEC identifiers", {"fields": ["cik", "sec_file_number", "cusip"]}),
        (
            "Reporting",
            {
                "fields": [
                    "fiscal_year_end_month",
                    "fiscal_year_end_day",
                    "filer_status",
                    "investment_company_type",
                    "exchange",
                ]
            },
        ),
        ("Defaults for new notices", {"fields": ["default_contact", "default_signer"]}),
        (
            "Access",
            {
                "fields": ["assigned_users", "assigned_teams"],
                "description": "Compliance staff see this registrant and its notices only when "
                "assigned to it, themselves or through a team. Registrant admins see every "
                "registrant.",
            },
        ),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [ContactInline, SignerInline]
    filter_horizontal = ["assigned_users", "assigned_teams"]

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {
            **super().get_confirm_form_kwargs(request, import_form),
            "user": request.user,
            "format_count": len(self.get_import_formats()),
            "resource_count": len(self.get_import_resource_classes(request)),
        }

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if initial:
            initial["import_file_name"] = signing.dumps(
                initial["import_file_name"], salt=_import_file_salt(request.user)
            )
        return initial

    inlines = [ContactInline, SignerInline, SeriesInline]

    @admin.display(description="Fiscal year end", ordering="fiscal_year_end_month")
    def fiscal_year_end_display(self, registrant: Registrant) -> str:
        return registrant.fiscal_year_end_display

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The default contact and signer are chosen among the registrant's own people.
        if db_field.name in {"default_contact", "default_signer"}:
            registrant_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = db_field.related_model.objects.filter(registrant_id=registrant_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        registrant_fill_defaults(registrant=form.instance)


class PersonAdmin(VisibleRegistrantsAdmin):
    """Saves and deletes through the services, so the registrant keeps a default person."""

    list_select_related = ["registrant"]
    autocomplete_fields = ["registrant"]

    def get_readonly_fields(self, request, obj=None):
        # A person stays with the registrant it was created for.
        return ["registrant"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        person_save(person=obj, make_default=False)

    def delete_model(self, request, obj):
        person_delete(person=obj)

    def delete_queryset(self, request, queryset):
        for person in queryset.select_related("registrant"):
            person_delete(person=person)


@admin.register(Contact)
class ContactAdmin(PersonAdmin):
    list_display = ["name", "registrant", "area_code", "phone_number", "email"]
    search_fields = ["name", "email", "registrant__name"]


@admin.register(Signer)
class SignerAdmin(PersonAdmin):
    list_display = ["name", "title", "registrant", "is_executive_officer"]
    list_filter = ["is_executive_officer"]
    search_fields = ["name", "title", "registrant__name"]
