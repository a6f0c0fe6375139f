from import_export import resources

from registrants.models import Registrant


class RegistrantResource(resources.ModelResource):
    """CSV columns of a registrant. A row with an `id` updates that registrant; a row without one
    creates a new registrant. Every row is validated like the edit form, and a file with any bad
    row imports nothing."""

    class Meta:
        model = Registrant
        fields = (
            "id",
            "name",
            "former_name",
            "street",
            "city",
            "state",
            "postal_code",
            "country",
            "cik",
            "sec_file_number",
            "cusip",
            "fiscal_year_end_month",
            "fiscal_year_end_day",
            "filer_status",
            "is_active",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
