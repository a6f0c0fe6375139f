"""SEC closure days: the table, the days the SEC closed on a day that was not a federal
holiday, and the roles' permissions on them (compliance staff read them; registrant admins
keep them)."""

from datetime import date

from django.db import migrations, models

from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS

CLOSURE_DAYS = [
    (date(2018, 12, 5), "National day of mourning for President George H. W. Bush"),
    (
        date(2020, 12, 24),
        "Christmas Eve: federal offices closed by Executive Order 13960",
    ),
    (date(2025, 1, 9), "National day of mourning for President Jimmy Carter"),
]

READ = ["view_secclosureday"]
EDIT = ["add_secclosureday", "change_secclosureday", "delete_secclosureday"]


def add_closure_days(apps, schema_editor):
    SecClosureDay = apps.get_model("filings", "SecClosureDay")
    for day, reason in CLOSURE_DAYS:
        SecClosureDay.objects.get_or_create(date=day, defaults={"reason": reason})


def remove_closure_days(apps, schema_editor):
    SecClosureDay = apps.get_model("filings", "SecClosureDay")
    SecClosureDay.objects.filter(date__in=[day for day, _ in CLOSURE_DAYS]).delete()


def grant_permissions(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; these are needed now.
    app_config = apps.get_app_config("filings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        return Permission.objects.filter(content_type__app_label="filings", codename__in=codenames)

    compliance, _ = Group.objects.get_or_create(name=COMPLIANCE_STAFF)
    compliance.permissions.add(*permissions(READ))
    admins, _ = Group.objects.get_or_create(name=REGISTRANT_ADMINS)
    admins.permissions.add(*permissions(READ + EDIT))


def revoke_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="filings", codename__in=READ + EDIT
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registrants", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="SecClosureDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(unique=True)),
                ("reason", models.CharField(max_length=200)),
            ],
            options={"verbose_name": "SEC closure day", "ordering": ["-date"]},
        ),
        migrations.RunPython(add_closure_days, remove_closure_days),
        migrations.RunPython(grant_permissions, revoke_permissions),
    ]
