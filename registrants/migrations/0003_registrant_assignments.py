"""Registrants assigned to compliance staff and to teams (registrants.access)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('registrants', '0002_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='registrant',
            name='assigned_teams',
            field=models.ManyToManyField(blank=True, help_text='Groups whose members see and work on this registrant and its notices.', related_name='assigned_registrants', to='auth.group', verbose_name='assigned teams'),
        ),
        migrations.AddField(
            model_name='registrant',
            name='assigned_users',
            field=models.ManyToManyField(blank=True, help_text='Compliance staff who see and work on this registrant and its notices.', related_name='assigned_registrants', to=settings.AUTH_USER_MODEL, verbose_name='assigned staff'),
        ),
    ]
