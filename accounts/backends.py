from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


class ModelBackendInOneQuery(ModelBackend):
    """Django's ModelBackend, reading a user's own permissions, their groups' permissions and
    their groups' names and ids in one query (load_permissions_and_groups) instead of three:
    every page asks for all of them (the permissions to show its links, the groups for access
    by registrant, registrants.access and registrants.models.visible_registrants). Cached on
    the user object for the request, as Django caches permissions."""

    def _get_permissions(self, user_obj, obj, from_name):
        if (
            user_obj.is_active
            and not user_obj.is_anonymous
            and not user_obj.is_superuser
            and obj is None
        ):
            load_permissions_and_groups(user_obj)
        return super()._get_permissions(user_obj, obj, from_name)


@cache
def _permissions_and_groups_sql() -> str:
    """The query, written once from the models' tables: every request runs it, and building it
    through the ORM each time cost more than running it."""
    quote = connection.ops.quote_name
    user_model = get_user_model()
    own = user_model.user_permissions.through._meta
    in_group = user_model.groups.through._meta
    granted = Group.permissions.through._meta

    def table(meta) -> str:
        return quote(meta.db_table)

    def column(meta, field: str) -> str:
        return f"{table(meta)}.{quote(meta.get_field(field).column)}"

    permission, content_type, group = Permission._meta, ContentType._meta, Group._meta
    permission_columns = (
        f"{column(content_type, 'app_label')}, {column(permission, 'codename')} "
        f"FROM {table(permission)} JOIN {table(content_type)} "
        f"ON {column(content_type, 'id')} = {column(permission, 'content_type')}"
    )
    return (
        f"SELECT 'user', {permission_columns} "
        f"JOIN {table(own)} ON {column(own, 'permission')} = {column(permission, 'id')} "
        f"WHERE {column(own, 'user')} = %s "
        f"UNION ALL SELECT 'group', {permission_columns} "
        f"JOIN {table(granted)} ON {column(granted, 'permission')} = {column(permission, 'id')} "
        f"JOIN {table(in_group)} ON {column(in_group, 'group')} = {column(granted, 'group')} "
        f"WHERE {column(in_group, 'user')} = %s "
        f"UNION ALL SELECT 'name', CAST({column(group, 'id')} AS VARCHAR(20)), "
        f"{column(group, 'name')} FROM {table(group)} "
        f"JOIN {table(in_group)} ON {column(in_group, 'group')} = {column(group, 'id')} "
        f"WHERE {column(in_group, 'user')} = %s"
    )


def load_permissions_and_groups(user) -> None:
    """Set Django's permission caches (`_user_perm_cache`, `_group_perm_cache`, read by
    ModelBackend), `_group_names` and `_group_ids` on `user`, in one query, unless they are
    set."""
    if hasattr(user, "_group_names"):
        return
    found = {"user": set(), "group": set()}
    groups = {}
    with connection.cursor() as cursor:
        cursor.execute(_permissions_and_groups_sql(), [user.pk] * 3)
        for source, app_label_or_id, name in cursor.fetchall():
            if source == "name":
                groups[int(app_label_or_id)] = name
            else:
                found[source].add(f"{app_label_or_id}.{name}")
    user._group_ids = set(groups)
    user._group_names = set(groups.values())
    if not hasattr(user, "_user_perm_cache"):
        user._user_perm_cache = found["user"]
    if not hasattr(user, "_group_perm_cache"):
        user._group_perm_cache = found["group"]


def group_names(user) -> set[str]:
    """The names of `user`'s groups (read with their permissions, in one query)."""
    load_permissions_and_groups(user)
    return user._group_names


def group_ids(user) -> set[int]:
    """The ids of `user`'s groups (read with their permissions, in one query)."""
    load_permissions_and_groups(user)
    return user._group_ids
