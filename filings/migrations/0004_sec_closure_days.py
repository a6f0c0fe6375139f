"""SEC closure days: the table, the days the SEC closed on a day that was not a federal
holiday, and the roles' permissions on them (compliance staff read them; registrant admins
keep them)."""

from datetime import date

from django.db import migrations, models

from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS, grant_permissions

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


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        app_label="filings",
        grants={COMPLIANCE_STAFF: READ, REGISTRANT_ADMINS: READ + EDIT},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0003_finalized_documents"),
        ("registrants", "0002_roles"),
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
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
