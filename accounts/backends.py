from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


class ModelBackendInOneQuery(ModelBackend):
    """Django's ModelBackend, reading a user's own permissions, their groups' permissions and
    their groups' names and ids in one query (load_permissions_and_groups) instead of three,
    and with the user of a session (get_user) in the same query:
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

    def get_user(self, user_id):
        """The user of a session, with the permissions and groups every page asks for, in one
        query instead of two."""
        user = user_with_permissions_and_groups(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


@cache
def _permissions_and_groups_branches(prefix: str) -> list[str]:
    """The three parts of the query of a user's permissions and groups (own permissions, their
    groups' permissions, their groups' ids and names), each selecting `prefix` first, each with
    the user's id as its one parameter. Written once from the models' tables: every request
    runs them, and building them through the ORM each time cost more than running them."""
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
    return [
        f"SELECT {prefix}'user', {permission_columns} "
        f"JOIN {table(own)} ON {column(own, 'permission')} = {column(permission, 'id')} "
        f"WHERE {column(own, 'user')} = %s",
        f"SELECT {prefix}'group', {permission_columns} "
        f"JOIN {table(granted)} ON {column(granted, 'permission')} = {column(permission, 'id')} "
        f"JOIN {table(in_group)} ON {column(in_group, 'group')} = {column(granted, 'group')} "
        f"WHERE {column(in_group, 'user')} = %s",
        f"SELECT {prefix}'name', CAST({column(group, 'id')} AS VARCHAR(20)), "
        f"{column(group, 'name')} FROM {table(group)} "
        f"JOIN {table(in_group)} ON {column(in_group, 'group')} = {column(group, 'id')} "
        f"WHERE {column(in_group, 'user')} = %s",
    ]


@cache
def _user_with_permissions_and_groups_sql() -> str:
    """The user's row (its columns, then three NULLs), followed by the rows of their
    permissions and groups (NULLs in the user's columns, then the three of
    _permissions_and_groups_branches)."""
    quote = connection.ops.quote_name
    meta = get_user_model()._meta
    columns = ", ".join(f"{quote(meta.db_table)}.{quote(f.column)}" for f in meta.concrete_fields)
    nulls = "NULL, " * len(meta.concrete_fields)
    own_row = (
        f"SELECT {columns}, NULL, NULL, NULL FROM {quote(meta.db_table)} "
        f"WHERE {quote(meta.db_table)}.{quote(meta.pk.column)} = %s"
    )
    return " UNION ALL ".join([own_row, *_permissions_and_groups_branches(nulls)])


def _keep_permissions_and_groups(user, rows) -> None:
    """Set `_group_names` and `_group_ids` on `user` from the rows of
    _permissions_and_groups_branches, and Django's permission caches (`_user_perm_cache`,
    `_group_perm_cache`, read by ModelBackend) unless they are set or the user is a
    superuser."""
    found = {"user": set(), "group": set()}
    groups = {}
    for source, app_label_or_id, name in rows:
        if source == "name":
            groups[int(app_label_or_id)] = name
        else:
            found[source].add(f"{app_label_or_id}.{name}")
    user._group_ids = set(groups)
    user._group_names = set(groups.values())
    if user.is_superuser:
        return  # ModelBackend gives a superuser every permission, not those read here
    if not hasattr(user, "_user_perm_cache"):
        user._user_perm_cache = found["user"]
    if not hasattr(user, "_group_perm_cache"):
        user._group_perm_cache = found["group"]


def load_permissions_and_groups(user) -> None:
    """Read `user`'s permissions and groups in one query (_keep_permissions_and_groups),
    unless they are read already."""
    if hasattr(user, "_group_names"):
        return
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(_permissions_and_groups_branches("")), [user.pk] * 3)
        _keep_permissions_and_groups(user, cursor.fetchall())


def user_with_permissions_and_groups(user_id):
    """The user `user_id` with their permissions and groups read (load_permissions_and_groups),
    all in one query; None when there is no such user. The user's columns are converted as the
    ORM converts them (SQLite, say, gives dates as text)."""
    meta = get_user_model()._meta
    fields = meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(_user_with_permissions_and_groups_sql(), [user_id] * (1 + 3))
        rows = cursor.fetchall()
    own = [row[: len(fields)] for row in rows if row[len(fields)] is None]
    if not own:
        return None
    values = []
    for field, value in zip(fields, own[0], strict=True):
        column = field.get_col(meta.db_table)
        for convert in connection.ops.get_db_converters(column) + column.get_db_converters(
            connection
        ):
            value = convert(value, column, connection)
        values.append(value)
    user = get_user_model().from_db(connection.alias, [field.attname for field in fields], values)
    _keep_permissions_and_groups(
        user, [row[len(fields) :] for row in rows if row[len(fields)] is not None]
    )
    return user


def group_names(user) -> set[str]:
    """The names of `user`'s groups (read with their permissions, in one query)."""
    load_permissions_and_groups(user)
    return user._group_names


def group_ids(user) -> set[int]:
    """The ids of `user`'s groups (read with their permissions, in one query)."""
    load_permissions_and_groups(user)
    return user._group_ids
