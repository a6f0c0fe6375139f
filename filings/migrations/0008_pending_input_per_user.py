from django.db import migrations


def key_pending_input_by_user(apps, schema_editor):
    """Pending input was kept per step, {slug: fields}; it is now kept per user, {user id:
    {slug: fields}}. What a draft holds goes to the user who last changed it, who typed it."""
    Notice = apps.get_model("filings", "Notice")
    for notice in Notice.objects.filter(status="draft").exclude(pending_input={}):
        per_step = notice.pending_input
        notice.pending_input = {str(notice.updated_by_id): per_step} if notice.updated_by_id else {}
        notice.save(update_fields=["pending_input"])


def key_pending_input_by_step(apps, schema_editor):
    Notice = apps.get_model("filings", "Notice")
    for notice in Notice.objects.filter(status="draft").exclude(pending_input={}):
        notice.pending_input = {
            slug: fields for per_user in notice.pending_input.values() for slug, fields in per_user.items()
        }
        notice.save(update_fields=["pending_input"])


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0007_input_kept_through_login"),
    ]

    operations = [
        migrations.RunPython(key_pending_input_by_user, key_pending_input_by_step),
    ]
