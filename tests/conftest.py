import pytest
from django.contrib.auth.models import Group, User

from registrants.models import Contact, FilerStatus, Registrant, Signer
from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS
from registrants.services import person_save

PASSWORD = "correct-horse-battery"


def make_user(username: str, role: str | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def compliance_user(db) -> User:
    return make_user("casey", COMPLIANCE_STAFF)


@pytest.fixture
def registrant_admin(db) -> User:
    return make_user("robin", REGISTRANT_ADMINS)


@pytest.fixture
def outsider(db) -> User:
    """Logged in, but in neither role."""
    return make_user("oscar")


@pytest.fixture
def compliance_client(client, compliance_user):
    client.force_login(compliance_user)
    return client


@pytest.fixture
def registrant_admin_client(client, registrant_admin):
    client.force_login(registrant_admin)
    return client


def make_registrant(**overrides) -> Registrant:
    fields = {
        "name": "Lexington Precision Corporation",
        "street": "767 Third Avenue",
        "city": "New York",
        "state": "New York",
        "postal_code": "10017",
        "sec_file_number": "0-3252",
        "fiscal_year_end_month": 12,
        "fiscal_year_end_day": 31,
        "filer_status": FilerStatus.NON_ACCELERATED,
    }
    fields.update(overrides)
    registrant = Registrant(**fields)
    registrant.full_clean()
    registrant.save()
    return registrant


@pytest.fixture
def lexington(db) -> Registrant:
    """The registrant of the seed notice, with its contact and signer."""
    registrant = make_registrant()
    person_save(
        person=Contact(
            registrant=registrant, name="Warren Delano", area_code="212", phone_number="319-4657"
        ),
        make_default=True,
    )
    person_save(
        person=Signer(
            registrant=registrant,
            name="Warren Delano",
            title="President, Co-Principal Executive Officer",
            is_executive_officer=True,
        ),
        make_default=True,
    )
    registrant.refresh_from_db()
    return registrant


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of each test go to a folder of its own, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
