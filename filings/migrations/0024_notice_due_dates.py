"""The dashboard's index (filings.models.NoticeDueDates), filled for the notices there are.

The dates are computed by filings.due_dates from the rules of their time, over this
migration's historical models (only the columns the deadlines need are read)."""

import django.db.models.deletion
from django.db import migrations, models


def fill_due_dates(apps, schema_editor):
    from filings.due_dates import due_dates_rows

    notices = apps.get_model("filings", "Notice").objects.all()
    due_dates = apps.get_model("filings", "NoticeDueDates")
    closures = frozenset(
        apps.get_model("filings", "SecClosureDay").objects.values_list("date", flat=True)
    )
    batch = []
    for pk, dates in due_dates_rows(notices, closures):
        batch.append(due_dates(notice_id=pk, **dates))
        if len(batch) == 2000:
            due_dates.objects.bulk_create(batch)
            batch = []
    due_dates.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("filings", "0023_notice_list_indexes")]

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
            ],
            options={
                "verbose_name": "dates of a notice on the dashboard",
                "verbose_name_plural": "dates of notices on the dashboard",
                "indexes": [
                    models.Index(fields=["stale_from", "status"], name="due_dates_stale_idx"),
                    models.Index(
                        fields=["awaiting_report_until"], name="due_dates_awaiting_idx"
                    ),
                    models.Index(
                        fields=["late_report_from", "late_report_until"],
                        name="due_dates_late_idx",
                    ),
                ],
            },
        ),
        migrations.RunPython(fill_due_dates, migrations.RunPython.noop),
    ]
