"""Who may see which registrant: registrant admins see every one; everyone else sees the
registrants assigned to them or to one of their teams (Registrant.assigned_users and
assigned_teams), and with them those registrants' people and notices. Anything else is a 404,
as if it did not exist."""

from django.shortcuts import get_object_or_404

from accounts.backends import group_names
from registrants.roles import REGISTRANT_ADMINS


def sees_every_registrant(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return REGISTRANT_ADMINS in group_names(user)


def get_registrant_for_user(user, registrant_id: int):
    """The registrant, if `user` may see it; otherwise a 404."""
    from registrants.models import Registrant

    return get_object_or_404(Registrant.objects.visible_to(user), pk=registrant_id)
