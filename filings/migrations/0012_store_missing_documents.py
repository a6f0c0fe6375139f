"""Notices finalized before a document format existed (the EDGAR documents, the exhibits'
documents) get those documents stored, once, here; pages only ever read what is stored."""

from django.db import migrations


def store_missing_documents(apps, schema_editor):
    # The renderers work on the real models, not on historical ones: the service is imported
    # here, when the migration runs. A final notice no longer changes, so what it renders now
    # is what finalizing would have stored.
    from filings.models import Notice, NoticeStatus
    from filings.services import notice_store_missing_documents

    for notice in Notice.objects.filter(status=NoticeStatus.FINAL).iterator():
        notice_store_missing_documents(notice=notice)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0011_documents_by_format"),
    ]

    operations = [
        migrations.RunPython(store_missing_documents, migrations.RunPython.noop),
    ]
