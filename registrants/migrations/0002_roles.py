"""The two roles, as groups with their permissions.

Compliance staff read registrant records; registrant admins also create and edit registrants and
their people. (Notice permissions come with the filings migrations.)"""

from django.db import migrations

from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS, grant_permissions

READ = ["view_registrant", "view_contact", "view_signer"]
EDIT = [
    "add_registrant",
    "change_registrant",
    "add_contact",
    "change_contact",
    "delete_contact",
    "add_signer",
    "change_signer",
    "delete_signer",
]


def create_roles(apps, schema_editor):
    grant_permissions(
        apps,
        app_label="registrants",
        grants={COMPLIANCE_STAFF: READ, REGISTRANT_ADMINS: READ + EDIT},
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[COMPLIANCE_STAFF, REGISTRANT_ADMINS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registrants", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
