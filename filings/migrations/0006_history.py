"""The audit trail of notices, their signers and SEC closure days (django-simple-history)."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('filings', '0005_edgar_documents'),
        ('registrants', '0002_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalNotice',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_user_name', models.CharField(blank=True, max_length=150, verbose_name='changed by')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('final', 'Final')], default='draft', max_length=20)),
                ('form_type', models.CharField(choices=[('10-K', 'Form 10-K'), ('20-F', 'Form 20-F'), ('11-K', 'Form 11-K'), ('10-Q', 'Form 10-Q'), ('10-D', 'Form 10-D'), ('N-CEN', 'Form N-CEN'), ('N-CSR', 'Form N-CSR')], max_length=10, verbose_name='report that is late')),
                ('filer_status', models.CharField(choices=[('large_accelerated', 'Large accelerated filer'), ('accelerated', 'Accelerated filer'), ('non_accelerated', 'Non-accelerated filer'), ('investment_company', 'Registered investment company (N-CEN, N-CSR)'), ('asset_backed_issuer', 'Asset-backed issuer (10-D)')], max_length=30, verbose_name='filer status for this period')),
                ('period_end', models.DateField(blank=True, null=True, verbose_name='for period ended')),
                ('is_transition_report', models.BooleanField(default=False, verbose_name='this is a transition report')),
                ('transition_period_end', models.DateField(blank=True, null=True, verbose_name='for the transition period ended')),
                ('is_portion', models.BooleanField(default=False, verbose_name='the notice relates to a portion of the report only')),
                ('portion_items', models.TextField(blank=True, verbose_name='items to which the notice relates')),
                ('is_amendment', models.BooleanField(default=False, verbose_name='this is an amended notice')),
                ('distribution_date', models.DateField(blank=True, help_text='Form 10-D is due 15 days after it.', null=True, verbose_name='distribution date')),
                ('transmission_date', models.DateField(blank=True, help_text='Form N-CSR is due 10 days after it. Leave blank if not yet known.', null=True, verbose_name='date the shareholder report was sent')),
                ('is_erisa_plan', models.BooleanField(default=False, help_text='Such plans file Form 11-K within 180 days instead of 90.', verbose_name='plan subject to ERISA filing under Rule 15d-21')),
                ('sec_file_number', models.CharField(blank=True, max_length=17, verbose_name='SEC file number')),
                ('cusip', models.CharField(blank=True, max_length=9, verbose_name='CUSIP number')),
                ('registrant_name', models.CharField(blank=True, max_length=200, verbose_name='full name of registrant')),
                ('former_name', models.CharField(blank=True, max_length=200, verbose_name='former name if applicable')),
                ('street', models.CharField(blank=True, max_length=200, verbose_name='address of principal executive office (street and number)')),
                ('city_state_zip', models.CharField(blank=True, max_length=200, verbose_name='city, state and ZIP code')),
                ('relief_claimed', models.BooleanField(blank=True, null=True, verbose_name='relief claimed under Rule 12b-25(b)')),
                ('third_party_cause', models.BooleanField(blank=True, null=True, verbose_name='someone other than the registrant cannot furnish a required opinion, report or certification')),
                ('third_party_statement', models.TextField(blank=True, max_length=100, verbose_name='statement of the third party (Rule 12b-25(c))')),
                ('narrative', models.TextField(blank=True, verbose_name='narrative')),
                ('contact_name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('contact_area_code', models.CharField(blank=True, max_length=8, validators=[django.core.validators.RegexValidator('^\\+?\\d[\\d ]{0,6}$', 'Enter the area code as digits, e.g. 212.', code='invalid_area_code')], verbose_name='area code')),
                ('contact_phone', models.CharField(blank=True, max_length=20, validators=[django.core.validators.RegexValidator('^\\d[\\d .-]{3,18}\\d$', 'Enter the telephone number as digits with optional hyphens, e.g. 319-4657.', code='invalid_phone_number')], verbose_name='telephone number')),
                ('other_reports_filed', models.BooleanField(blank=True, null=True, verbose_name='all other periodic reports of the preceding 12 months have been filed')),
                ('reports_not_filed', models.TextField(blank=True, verbose_name='reports not filed')),
                ('significant_change', models.BooleanField(blank=True, null=True, verbose_name='a significant change in results of operations is anticipated')),
                ('significant_change_explanation', models.TextField(blank=True, verbose_name='explanation of the anticipated change')),
                ('restatement_expected', models.BooleanField(blank=True, null=True, verbose_name='a restatement or correction of prior financial statements is expected')),
                ('signature_registrant_name', models.CharField(blank=True, max_length=200, verbose_name='name of registrant as specified in charter')),
                ('signature_date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('finalized_at', models.DateTimeField(blank=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('amends', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='filings.notice', verbose_name='notice being amended')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('finalized_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('registrant', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registrants.registrant')),
            ],
            options={
                'verbose_name': 'historical notice',
                'verbose_name_plural': 'historical notices',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalNoticeSigner',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_user_name', models.CharField(blank=True, max_length=150, verbose_name='changed by')),
                ('name', models.CharField(max_length=200)),
                ('title', models.CharField(max_length=200)),
                ('is_executive_officer', models.BooleanField(default=True, verbose_name='executive officer')),
                ('evidence_of_authority', models.TextField(blank=True, help_text='Required when the signer is not an executive officer (PDF).', max_length=100, verbose_name='evidence of authority to sign')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('notice', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='filings.notice')),
            ],
            options={
                'verbose_name': 'historical notice signer',
                'verbose_name_plural': 'historical notice signers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSecClosureDay',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_user_name', models.CharField(blank=True, max_length=150, verbose_name='changed by')),
                ('date', models.DateField(db_index=True)),
                ('reason', models.CharField(max_length=200)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical SEC closure day',
                'verbose_name_plural': 'historical SEC closure days',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
