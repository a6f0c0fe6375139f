"""The dashboard's index counted again: a late report is now listed from its own last day for
as long as it costs the registrant, no longer cut off 615 days after its period end
(filings.due_dates). Filled as migration 0024 fills it."""

from importlib import import_module

from django.db import migrations


def fill_again(apps, schema_editor):
    apps.get_model("filings", "NoticeDueDates").objects.all().delete()
    import_module("filings.migrations.0024_notice_due_dates").fill_due_dates(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("filings", "0025_store_missing_documents")]

    operations = [migrations.RunPython(fill_again, migrations.RunPython.noop)]
