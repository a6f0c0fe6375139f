"""Both roles prepare notices: view, start and change them."""

from django.db import migrations

from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS, grant_permissions

NOTICE_PERMISSIONS = ["view_notice", "add_notice", "change_notice"]


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        app_label="filings",
        grants={COMPLIANCE_STAFF: NOTICE_PERMISSIONS, REGISTRANT_ADMINS: NOTICE_PERMISSIONS},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0001_initial"),
        ("registrants", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
