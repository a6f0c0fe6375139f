"""The audit trail of registrants (with their assignments), contacts and signers (django-simple-history)."""

import django.core.validators
import django.db.models.deletion
import registrants.identifiers
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('registrants', '0003_registrant_assignments'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalContact',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_user_name', models.CharField(blank=True, max_length=150, verbose_name='changed by')),
                ('name', models.CharField(max_length=200)),
                ('area_code', models.CharField(max_length=8, validators=[django.core.validators.RegexValidator('^\\+?\\d[\\d ]{0,6}$', 'Enter the area code as digits, e.g. 212.', code='invalid_area_code')])),
                ('phone_number', models.CharField(max_length=20, validators=[django.core.validators.RegexValidator('^\\d[\\d .-]{3,18}\\d$', 'Enter the telephone number as digits with optional hyphens, e.g. 319-4657.', code='invalid_phone_number')], verbose_name='telephone number')),
                ('email', models.EmailField(blank=True, max_length=254)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('registrant', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registrants.registrant')),
            ],
            options={
                'verbose_name': 'historical contact',
                'verbose_name_plural': 'historical contacts',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalRegistrant',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_user_name', models.CharField(blank=True, max_length=150, verbose_name='changed by')),
                ('name', models.CharField(max_length=200, verbose_name='name as specified in charter')),
                ('former_name', models.CharField(blank=True, max_length=200, verbose_name='former name')),
                ('street', models.CharField(max_length=200, verbose_name='street and number')),
                ('city', models.CharField(max_length=100)),
                ('state', models.CharField(blank=True, max_length=100, verbose_name='state or province')),
                ('postal_code', models.CharField(blank=True, max_length=20, verbose_name='ZIP or postal code')),
                ('country', models.CharField(default='United States', max_length=100)),
                ('cik', models.CharField(blank=True, db_index=True, help_text='Central Index Key: up to 10 digits.', max_length=10, null=True, validators=[registrants.identifiers.validate_cik], verbose_name='CIK')),
                ('sec_file_number', models.CharField(blank=True, help_text='For example 0-3252, 001-12227 or 811-05037.', max_length=17, validators=[registrants.identifiers.validate_sec_file_number], verbose_name='SEC file number')),
                ('cusip', models.CharField(blank=True, help_text='Optional.', max_length=9, validators=[registrants.identifiers.validate_cusip], verbose_name='CUSIP')),
                ('fiscal_year_end_month', models.PositiveSmallIntegerField(choices=[(1, 'January'), (2, 'February'), (3, 'March'), (4, 'April'), (5, 'May'), (6, 'June'), (7, 'July'), (8, 'August'), (9, 'September'), (10, 'October'), (11, 'November'), (12, 'December')], default=12, verbose_name='fiscal year end (month)')),
                ('fiscal_year_end_day', models.PositiveSmallIntegerField(default=31, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(31)], verbose_name='fiscal year end (day)')),
                ('filer_status', models.CharField(choices=[('large_accelerated', 'Large accelerated filer'), ('accelerated', 'Accelerated filer'), ('non_accelerated', 'Non-accelerated filer'), ('investment_company', 'Registered investment company (N-CEN, N-CSR)'), ('asset_backed_issuer', 'Asset-backed issuer (10-D)')], default='non_accelerated', max_length=30)),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('default_contact', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registrants.contact')),
                ('default_signer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registrants.signer')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical registrant',
                'verbose_name_plural': 'historical registrants',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalRegistrant_assigned_teams',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('group', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='auth.group')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='registrants.historicalregistrant')),
                ('registrant', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registrants.registrant')),
            ],
            options={
                'verbose_name': 'HistoricalRegistrant_assigned_teams',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalRegistrant_assigned_users',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='registrants.historicalregistrant')),
                ('registrant', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registrants.registrant')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'HistoricalRegistrant_assigned_users',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSigner',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_user_name', models.CharField(blank=True, max_length=150, verbose_name='changed by')),
                ('name', models.CharField(max_length=200)),
                ('title', models.CharField(max_length=200)),
                ('is_executive_officer', models.BooleanField(default=True, help_text='A signer who is not an executive officer must file evidence of authority.', verbose_name='executive officer')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('registrant', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registrants.registrant')),
            ],
            options={
                'verbose_name': 'historical signer',
                'verbose_name_plural': 'historical signers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
