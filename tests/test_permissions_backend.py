"""accounts.backends.ModelBackendInOneQuery: the same answers as Django's ModelBackend, from
one query."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from accounts.backends import group_ids, group_names
from registrants.access import sees_every_registrant
from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS
from tests.conftest import make_user, team

User = get_user_model()


def fresh(user):
    return User.objects.get(pk=user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [COMPLIANCE_STAFF, REGISTRANT_ADMINS, None])
def test_permissions_and_groups_come_from_one_query_and_match_djangos_backend(
    role, django_assert_num_queries
):
    user = make_user("sam", role)
    user.groups.add(team("Fund team"))
    groups = list(fresh(user).groups.all())
    user.user_permissions.add(Permission.objects.get(codename="delete_notice"))
    django_backend = ModelBackend()
    expected = {
        "user": django_backend.get_user_permissions(fresh(user)),
        "group": django_backend.get_group_permissions(fresh(user)),
        "all": django_backend.get_all_permissions(fresh(user)),
    }
    assert "filings.delete_notice" in expected["user"]

    user = fresh(user)
    with django_assert_num_queries(1):
        assert user.get_user_permissions() == expected["user"]
        assert user.get_group_permissions() == expected["group"]
        assert user.get_all_permissions() == expected["all"]
        assert user.has_perm("filings.delete_notice")
        assert sees_every_registrant(user) == (role == REGISTRANT_ADMINS)
        assert group_names(user) == {group.name for group in groups}
        assert group_ids(user) == {group.pk for group in groups}


@pytest.mark.django_db
def test_an_inactive_user_has_no_permission():
    user = make_user("sam", REGISTRANT_ADMINS)
    user.is_active = False
    user.save()
    assert fresh(user).get_all_permissions() == set()
    assert not fresh(user).has_perm("filings.view_notice")
