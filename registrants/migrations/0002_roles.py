"""The two roles, as groups with their permissions.

Compliance staff read registrant records (and prepare notices once filings has its models);
registrant admins also create and edit registrants and their people."""

from django.db import migrations

from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS

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
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        return Permission.objects.filter(content_type__app_label="registrants", codename__in=codenames)

    compliance, _ = Group.objects.get_or_create(name=COMPLIANCE_STAFF)
    compliance.permissions.add(*permissions(READ))
    admins, _ = Group.objects.get_or_create(name=REGISTRANT_ADMINS)
    admins.permissions.add(*permissions(READ + EDIT))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[COMPLIANCE_STAFF, REGISTRANT_ADMINS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registrants", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
