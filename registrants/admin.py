from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from registrants.models import Contact, Registrant, Series, ShareClass, Signer
from registrants.resources import RegistrantResource
from registrants.services import person_delete, person_save, registrant_fill_defaults


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class SignerInline(admin.TabularInline):
    model = Signer
    extra = 0


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
class RegistrantAdmin(ImportExportModelAdmin):
    resource_classes = [RegistrantResource]
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
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]
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


class PersonAdmin(admin.ModelAdmin):
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
