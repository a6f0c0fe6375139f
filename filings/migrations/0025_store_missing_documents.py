"""Notices finalized before a document format existed (the EDGAR documents, the exhibits'
documents) get those documents stored, once, here; pages only ever read what is stored.

The renderers need the real models, so this runs after every migration of its time, when the
real models match the schema. A database without final notices (every new one) skips it. An
older database with final notices that is migrated past a later migration adding a column must
first be migrated to this one with the code of its time."""

from django.db import migrations

FINAL_STATUSES = ["approved", "signed", "filed"]


def store_missing_documents(apps, schema_editor):
    notices = apps.get_model("filings", "Notice").objects
    if not notices.filter(status__in=FINAL_STATUSES).exists():
        return
    # The renderers work on the real models, not on historical ones: the service is imported
    # here, when the migration runs. A final notice no longer changes, so what it renders now
    # is what finalizing would have stored.
    from filings.models import Notice
    from filings.services import notice_store_missing_documents

    for notice in Notice.objects.final().iterator():
        notice_store_missing_documents(notice=notice)


class Migration(migrations.Migration):
    dependencies = [("filings", "0024_notice_due_dates")]

    operations = [
        migrations.RunPython(store_missing_documents, migrations.RunPython.noop),
    ]
