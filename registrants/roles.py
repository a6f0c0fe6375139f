"""The roles, as Django groups (created by migrations registrants 0002_roles and filings
0017_lifecycle), and the helper their data migrations use to grant permissions."""

COMPLIANCE_STAFF = "Compliance staff"
REGISTRANT_ADMINS = "Registrant admins"
# The filing lifecycle's roles (filings migration 0017_lifecycle): reviewers approve notices or
# send them back; signers sign them electronically.
REVIEWERS = "Reviewers"
SIGNERS = "Signers"


def grant_permissions(apps, *, app_label: str, grants: dict[str, list[str]]) -> None:
    """In a data migration: give each named group (created if missing) the permissions of
    `app_label` with the given codenames."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; a data migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
