from import_export import resources

from registrants.models import REGISTRANT_EDITABLE_FIELDS, Registrant


class RegistrantResource(resources.ModelResource):
    """CSV columns of a registrant. A row with an `id` updates that registrant; a row without one
    creates a new registrant. Every row is validated like the edit form, and a file with any bad
    row imports nothing."""

    class Meta:
        model = Registrant
        fields = ["id", *REGISTRANT_EDITABLE_FIELDS]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
