"""Both roles prepare notices: view, start and change them."""

from django.db import migrations

from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS

NOTICE_PERMISSIONS = ["view_notice", "add_notice", "change_notice"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="filings", codename__in=NOTICE_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=[COMPLIANCE_STAFF, REGISTRANT_ADMINS]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="filings", codename__in=NOTICE_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=[COMPLIANCE_STAFF, REGISTRANT_ADMINS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0001_initial"),
        ("registrants", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
