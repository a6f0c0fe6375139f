"""The dashboard's index (filings.models.NoticeDueDates), filled for the notices there are.

The rows are computed by filings.due_dates from the rules of the code that runs the migration,
over this migration's historical models (only the columns the rows need are read)."""

import django.db.models.deletion
from django.db import migrations, models


def fill_due_dates(apps, schema_editor):
    from filings.due_dates import REFRESH_BATCH, due_dates_rows

    notices = apps.get_model("filings", "Notice").objects.all()
    due_dates = apps.get_model("filings", "NoticeDueDates")
    closures = frozenset(
        apps.get_model("filings", "SecClosureDay").objects.values_list("date", flat=True)
    )
    batch = []
    for pk, row in due_dates_rows(notices, closures):
        batch.append(due_dates(notice_id=pk, **row))
        if len(batch) == REFRESH_BATCH:
            due_dates.objects.bulk_create(batch)
            batch = []
    due_dates.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0023_notice_list_indexes"),
        ("registrants", "0007_signer_user"),
    ]

    operations = [
        migrations.CreateModel(
            name="NoticeDueDates",
            fields=[
                (
                    "notice",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="due_dates",
                        serialize=False,
                        to="filings.notice",
                    ),
                ),
                ("registrant_name", models.CharField(max_length=200)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("in_review", "In review"),
                            ("approved", "Approved"),
                            ("signed", "Signed"),
                            ("filed", "Filed"),
                        ],
                        max_length=20,
                    ),
                ),
                ("notice_due", models.DateField(null=True)),
                ("stale_from", models.DateField(null=True)),
                ("awaiting_report_until", models.DateField(null=True)),
                ("late_report_from", models.DateField(null=True)),
                ("late_report_until", models.DateField(null=True)),
                (
                    "registrant",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="registrants.registrant",
                    ),
                ),
            ],
            options={
                "verbose_name": "dates of a notice on the dashboard",
                "verbose_name_plural": "dates of notices on the dashboard",
                "indexes": [
                    models.Index(
                        condition=models.Q(("stale_from__isnull", False)),
                        fields=["status", "notice_due", "registrant_name", "notice"],
                        name="due_dates_list_idx",
                    ),
                    models.Index(
                        condition=models.Q(("stale_from__isnull", False)),
                        fields=["-stale_from", "registrant_name", "notice"],
                        name="due_dates_stale_idx",
                    ),
                    models.Index(
                        condition=models.Q(("awaiting_report_until__isnull", False)),
                        fields=["awaiting_report_until", "registrant_name", "notice"],
                        name="due_dates_awaiting_idx",
                    ),
                    models.Index(
                        condition=models.Q(("late_report_from__isnull", False)),
                        fields=["late_report_from", "registrant_name", "notice"],
                        name="due_dates_late_idx",
                    ),
                ],
            },
        ),
        migrations.RunPython(fill_due_dates, migrations.RunPython.noop),
    ]
