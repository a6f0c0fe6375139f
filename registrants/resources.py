from django.core.exceptions import ValidationError
from import_export import resources
from import_export.formats.base_formats import CSV

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

    def get_or_init_instance(self, instance_loader, row):
        """An `id` that names no registrant is an error of its row: it would otherwise create a
        registrant under that id (-1, 0, 99999999999...) instead of the next one."""
        instance, new = super().get_or_init_instance(instance_loader, row)
        if new and str(row.get("id") or "").strip():
            raise ValidationError(
                {
                    "id": ValidationError(
                        "No registrant has this id; leave it empty to add a new registrant.",
                        code="unknown_id",
                    )
                }
            )
        return instance, new


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class FormulaSafeCSV(CSV):
    """CSV whose export puts an apostrophe before any cell a spreadsheet would run as a formula,
    so `=HYPERLINK(...)` typed as a name opens as text. django-import-export's own option
    (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) only drops one leading "=", which leaves
    "==HYPERLINK(...)", "+..." and "@..." live."""

    def export_data(self, dataset, **kwargs):
        for _ in range(len(dataset)):
            row = dataset.lpop()
            dataset.append([_formula_safe(cell) for cell in row])
        return super().export_data(dataset, **kwargs)


def _formula_safe(cell):
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell
