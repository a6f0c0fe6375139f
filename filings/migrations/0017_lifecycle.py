"""The filing lifecycle: statuses draft, in review, approved, signed, filed; the timeline of
each notice; a permission for each move and the roles that hold them. Notices that were final
become approved, with an event saying when and by whom they were finalized."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from registrants.roles import (
    COMPLIANCE_STAFF,
    REGISTRANT_ADMINS,
    REVIEWERS,
    SIGNERS,
    grant_permissions,
)

READ_REGISTRANTS = ["view_registrant", "view_contact", "view_signer"]
PREPARE = ["submit_notice", "upload_authentication", "record_filing", "record_report"]
REVIEW = ["return_notice", "approve_notice"]


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        app_label="filings",
        grants={
            COMPLIANCE_STAFF: PREPARE,
            REGISTRANT_ADMINS: PREPARE + REVIEW,
            REVIEWERS: ["view_notice", *REVIEW],
            SIGNERS: ["view_notice", "sign_notice"],
        },
    )
    grant_permissions(
        apps,
        app_label="registrants",
        grants={REVIEWERS: READ_REGISTRANTS, SIGNERS: READ_REGISTRANTS},
    )


def final_becomes_approved(apps, schema_editor):
    Notice = apps.get_model("filings", "Notice")
    NoticeEvent = apps.get_model("filings", "NoticeEvent")
    for notice in Notice.objects.filter(status="final").order_by("pk"):
        NoticeEvent.objects.create(
            notice=notice,
            action="approved",
            from_status="",
            to_status="approved",
            at=notice.finalized_at or notice.updated_at,
            user_id=notice.finalized_by_id,
            user_name=notice.finalized_by_name,
            comment="Finalized before the product recorded reviews; recorded as approved.",
        )
    Notice.objects.filter(status="final").update(status="approved")


class Migration(migrations.Migration):

    dependencies = [
        ('filings', '0016_store_missing_documents'),
        ('registrants', '0005_assignments_and_history'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='notice',
            options={'ordering': ['-updated_at'], 'permissions': [('submit_notice', 'Can submit a notice for review'), ('return_notice', 'Can send a notice in review back to draft'), ('approve_notice', 'Can approve a notice'), ('sign_notice', 'Can sign a notice electronically'), ('upload_authentication', 'Can upload a manually signed authentication document'), ('record_filing', 'Can record the EDGAR filing of a notice'), ('record_report', 'Can record the filing of the late report')]},
        ),
        migrations.AlterField(
            model_name='historicalnotice',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('approved', 'Approved'), ('signed', 'Signed'), ('filed', 'Filed')], default='draft', max_length=20),
        ),
        migrations.AlterField(
            model_name='notice',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('approved', 'Approved'), ('signed', 'Signed'), ('filed', 'Filed')], default='draft', max_length=20),
        ),
        migrations.CreateModel(
            name='NoticeEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('submitted', 'Submitted for review'), ('returned', 'Sent back to draft'), ('approved', 'Approved'), ('signed', 'Signed'), ('filed', 'Filing recorded'), ('report_filed', "Late report's filing recorded")], max_length=30)),
                ('from_status', models.CharField(blank=True, choices=[('draft', 'Draft'), ('in_review', 'In review'), ('approved', 'Approved'), ('signed', 'Signed'), ('filed', 'Filed')], max_length=20)),
                ('to_status', models.CharField(blank=True, choices=[('draft', 'Draft'), ('in_review', 'In review'), ('approved', 'Approved'), ('signed', 'Signed'), ('filed', 'Filed')], max_length=20)),
                ('at', models.DateTimeField()),
                ('user_name', models.CharField(blank=True, max_length=150)),
                ('comment', models.TextField(blank=True)),
                ('step', models.CharField(blank=True, max_length=20)),
                ('notice', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='filings.notice')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(final_becomes_approved, migrations.RunPython.noop),
    ]
