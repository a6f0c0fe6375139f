"""accounts.backends.ModelBackendInOneQuery: the same answers as Django's ModelBackend, from
one query."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.backends import ModelBackendInOneQuery, group_ids, group_names
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


@pytest.mark.django_db
def test_the_user_of_a_session_comes_with_permissions_and_groups_in_one_query(
    django_assert_num_queries,
):
    user = make_user("sam", COMPLIANCE_STAFF)
    user.groups.add(team("Fund team"))
    user.user_permissions.add(Permission.objects.get(codename="delete_notice"))
    user.last_login = timezone.now()
    user.first_name = "Sam & 'Co'"
    user.save()
    expected = fresh(user)
    permissions = ModelBackend().get_all_permissions(fresh(user))
    groups = set(expected.groups.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        found = ModelBackendInOneQuery().get_user(user.pk)
        assert found.get_all_permissions() == permissions
        assert found.get_user_permissions() == {"filings.delete_notice"}
        assert group_ids(found) == groups
    # Every column as the ORM reads it, of the same type (SQLite gives dates as text).
    for field in User._meta.concrete_fields:
        ours, orms = getattr(found, field.attname), getattr(expected, field.attname)
        assert (ours, type(ours)) == (orms, type(orms)), field.name
    assert not found._state.adding and found._state.db == "default"
    assert found.get_session_auth_hash() == expected.get_session_auth_hash()


@pytest.mark.django_db
def test_no_user_for_an_unknown_or_inactive_session_user():
    user = make_user("sam", COMPLIANCE_STAFF)
    assert ModelBackendInOneQuery().get_user(user.pk + 1000) is None
    user.is_active = False
    user.save()
    assert ModelBackendInOneQuery().get_user(user.pk) is None


@pytest.mark.django_db
def test_a_page_reads_the_session_its_user_and_their_permissions_in_two_queries(
    client, django_assert_num_queries
):
    client.force_login(make_user("sam", COMPLIANCE_STAFF))
    client.get("/deadlines/preview/")  # the session settles
    with django_assert_num_queries(2):
        response = client.get("/deadlines/preview/")
    assert response.status_code == 200
    assert response.wsgi_request.user.username == "sam"


@pytest.mark.django_db
def test_a_superuser_of_a_session_has_every_permission():
    user = make_user("root")
    user.is_superuser = True
    user.save()
    found = ModelBackendInOneQuery().get_user(user.pk)
    assert found.get_all_permissions() == ModelBackend().get_all_permissions(fresh(user))
    assert len(found.get_all_permissions()) == Permission.objects.count()
