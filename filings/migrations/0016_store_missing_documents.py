"""Storing the documents of notices finalized before a document format existed moved to
0025_store_missing_documents, after 0017_lifecycle made final notices approved. A database that
ran this migration before keeps what it stored; 0018 stores only what is still missing."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0015_history"),
        ("registrants", "0005_assignments_and_history"),
    ]

    operations = []
