from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import CharField, Value


class ModelBackendInOneQuery(ModelBackend):
    """Django's ModelBackend, reading a user's own permissions, their groups' permissions and
    their groups' names in one query (load_permissions_and_groups) instead of three: every page
    asks for all of them (the permissions to show its links, the groups for access by
    registrant, registrants.access). Cached on the user object for the request, as Django
    caches permissions."""

    def _get_permissions(self, user_obj, obj, from_name):
        if (
            user_obj.is_active
            and not user_obj.is_anonymous
            and not user_obj.is_superuser
            and obj is None
        ):
            load_permissions_and_groups(user_obj)
        return super()._get_permissions(user_obj, obj, from_name)


def load_permissions_and_groups(user) -> None:
    """Set Django's permission caches (`_user_perm_cache`, `_group_perm_cache`, read by
    ModelBackend) and `_group_names` on `user`, in one query, unless they are set."""
    if hasattr(user, "_group_names"):
        return

    def kind(name: str) -> Value:
        return Value(name, output_field=CharField())

    own = Permission.objects.filter(user=user).annotate(kind=kind("user"))
    grouped = Permission.objects.filter(group__user=user).annotate(kind=kind("group"))
    fields = ("kind", "content_type__app_label", "codename")
    groups = (
        Group.objects.filter(user=user)
        .annotate(kind=kind("name"), app_label=kind(""))
        .values_list("kind", "app_label", "name")
    )
    rows = (
        own.values_list(*fields)
        .order_by()
        .union(grouped.values_list(*fields).order_by(), groups.order_by(), all=True)
    )
    found = {"user": set(), "group": set(), "name": set()}
    for source, app_label, name in rows:
        found[source].add(name if source == "name" else f"{app_label}.{name}")
    user._group_names = found["name"]
    if not hasattr(user, "_user_perm_cache"):
        user._user_perm_cache = found["user"]
    if not hasattr(user, "_group_perm_cache"):
        user._group_perm_cache = found["group"]


def group_names(user) -> set[str]:
    """The names of `user`'s groups (read with their permissions, in one query)."""
    load_permissions_and_groups(user)
    return user._group_names
