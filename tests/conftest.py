import logging

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from filings import deadline_views
from registrants.demo import DEMO_REGISTRANTS
from registrants.models import Contact, Registrant, Signer
from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS, REVIEWERS
from registrants.services import person_save
from tests.notice_factory import eastern

PASSWORD = "correct-horse-battery"
LEXINGTON = DEMO_REGISTRANTS[0]
# The team of compliance staff that the registrants made by these tests are assigned to; a
# colleague on another team sees none of them (registrants.access).
TEAM = "Team Lexington"
OTHER_TEAM = "Team Harborview"


# The dashboard's clock in its tests: Wednesday 25 November 2026, 10 a.m. Eastern, the day
# before Thanksgiving.
NOW = eastern(2026, 11, 25, 10, 0)


@pytest.fixture
def now(monkeypatch):
    """The dashboard's today and now are NOW."""
    monkeypatch.setattr(deadline_views, "_today", lambda: NOW.date())
    monkeypatch.setattr(deadline_views, "_now", lambda: NOW)
    return NOW


def team(name: str) -> Group:
    return Group.objects.get_or_create(name=name)[0]


def make_user(username: str, role: str | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def compliance_user(db) -> User:
    """Compliance staff on the team the test registrants are assigned to."""
    user = make_user("casey", COMPLIANCE_STAFF)
    user.groups.add(team(TEAM))
    return user


@pytest.fixture
def colleague(db) -> User:
    """Compliance staff too, but on a team assigned to other registrants."""
    user = make_user("cameron", COMPLIANCE_STAFF)
    user.groups.add(team(OTHER_TEAM))
    return user


@pytest.fixture
def reviewer(db) -> User:
    """A reviewer on the team of the test registrants: approves notices or sends them back."""
    user = make_user("riley", REVIEWERS)
    user.groups.add(team(TEAM))
    return user


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
def reviewer_client(reviewer):
    """A browser of its own for the reviewer, beside the preparer's `client`."""
    reviewer_browser = Client()
    reviewer_browser.force_login(reviewer)
    return reviewer_browser


@pytest.fixture
def registrant_admin_client(client, registrant_admin):
    client.force_login(registrant_admin)
    return client


def make_registrant(**overrides) -> Registrant:
    fields = {**LEXINGTON["registrant"], **overrides}
    registrant = Registrant(**fields)
    registrant.full_clean()
    registrant.save()
    registrant.assigned_teams.add(team(TEAM))
    return registrant


@pytest.fixture
def lexington(db) -> Registrant:
    """The registrant of the seed notice, with its contact and signer."""
    registrant = make_registrant()
    [contact] = LEXINGTON["contacts"]
    [signer] = LEXINGTON["signers"]
    person_save(person=Contact(registrant=registrant, **contact), make_default=True)
    person_save(person=Signer(registrant=registrant, **signer), make_default=True)
    registrant.refresh_from_db()
    return registrant


@pytest.fixture
def seed_notice(lexington):
    """The Lexington notice of the seed, complete and without warnings, still a draft."""
    from filings.demo import LEXINGTON_NOTICE, LEXINGTON_SIGNER
    from filings.models import Notice, NoticeSigner

    notice = Notice.objects.create(registrant=lexington, **LEXINGTON_NOTICE)
    NoticeSigner.objects.create(notice=notice, **LEXINGTON_SIGNER)
    return notice


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks (the e-mails) run in the test's own process as they are queued; a
    test of the worker sets the database backend again."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def segregation_of_duties(settings):
    """The default, whatever SEGREGATION_OF_DUTIES the environment exports."""
    settings.SEGREGATION_OF_DUTIES = True


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of each test go to a folder of its own, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def weasyprint_warnings():
    """Any warning WeasyPrint logs (a font not found, a resource refused...) fails the test,
    unless the test expects it: it then takes the records out of this list."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)
    assert not records, [record.getMessage() for record in records]


def expire_session(client) -> None:
    """As when the session expires: the server forgets it, the browser keeps its cookies."""
    client.session.delete()


SEAL_PASSPHRASE = "seal-passphrase"


@pytest.fixture(scope="session")
def seal_pkcs12(tmp_path_factory):
    """The organisation's certificate as a PKCS#12 file, made once per test session (making
    an RSA key takes a while)."""
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    from filings.seal import make_self_signed_seal

    private_key, certificate = make_self_signed_seal("Test Organisation document seal")
    path = tmp_path_factory.mktemp("seal") / "seal.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"seal",
            private_key,
            certificate,
            None,
            BestAvailableEncryption(SEAL_PASSPHRASE.encode()),
        )
    )
    return path


@pytest.fixture
def organisation_seal(settings, seal_pkcs12):
    """The product seals with the test session's certificate, as production with its own."""
    settings.SEAL_PKCS12_PATH = str(seal_pkcs12)
    settings.SEAL_PKCS12_PASSPHRASE = SEAL_PASSPHRASE
    return seal_pkcs12
