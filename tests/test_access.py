"""Access by registrant: every URL that names a registrant or anything of it, enumerated from
the URL resolver so that a new one cannot be forgotten, tried by three characters: the owner
(compliance staff assigned to the registrant), a colleague (the same permissions, assigned to
other registrants) and a registrant admin."""

import itertools

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from filings.document import notice_exhibits
from filings.formats import notice_files
from filings.lifecycle_views import MOVE_SLUGS
from filings.models import Notice
from filings.wizard import STEPS
from registrants.models import Registrant
from tests.conftest import make_registrant
from tests.signing_pages import linked_signer_with_attestation

PDF_BYTES = b"%PDF-1.4\n% a statement\n%%EOF\n"


def every_app_permission(user) -> None:
    """Every permission of the app's own models, so that only the assignment decides."""
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["registrants", "filings"])
    )


@pytest.fixture
def owner(compliance_user):
    every_app_permission(compliance_user)
    return compliance_user


@pytest.fixture
def colleague(colleague):
    every_app_permission(colleague)
    make_registrant(name="Harborview Analytics, Inc.").assigned_users.set([colleague])
    return colleague


@pytest.fixture
def notice_with_files(seed_notice):
    """The seed notice with both exhibits, as text and as PDF."""
    seed_notice.third_party_cause = True
    seed_notice.third_party_statement_text = "The auditor cannot complete its report in time."
    seed_notice.third_party_statement.save("statement.pdf", ContentFile(PDF_BYTES))
    signer = seed_notice.signers.get()
    signer.is_executive_officer = False
    signer.evidence_of_authority_text = "Power of attorney."
    signer.evidence_of_authority.save("authority.pdf", ContentFile(PDF_BYTES))
    return seed_notice


def patterns_with_ids(patterns=None, namespace=""):
    """(view name, parameter names) of every URL pattern outside the Django admin that takes
    an id; the admin is scoped by its querysets (tested below)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns_with_ids(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            parameters = list(entry.pattern.regex.groupindex)
            if any(name.endswith("_id") for name in parameters):
                yield f"{namespace}{entry.name}", parameters


def urls_of(notice: Notice) -> list[str]:
    """Every URL with an id, for the notice and its registrant, in every variant of its other
    parameters. A parameter this test does not know fails it."""
    registrant = notice.registrant
    people = {
        "contacts": registrant.contacts.get().pk,
        "signers": registrant.signers.get().pk,
    }
    choices = {
        "registrant_id": [registrant.pk],
        "notice_id": [notice.pk],
        "signer_id": [notice.signers.get().pk],
        "user_id": [linked_signer_with_attestation(registrant).pk],
        "kind": list(people),
        "slug": [step.slug for step in STEPS],
        "extension": ["htm", "txt"],
        "move": list(MOVE_SLUGS),
    }
    # The documents of the notice, as the registry lists them: the notice's and its exhibits'.
    urls = [
        file.url for file in notice_files(notice, notice_exhibits(notice, notice.signers.all()))
    ]
    for name, parameters in patterns_with_ids():
        if name == "filings:document":
            continue
        known = [parameter for parameter in parameters if parameter != "person_id"]
        for values in itertools.product(*(choices[parameter] for parameter in known)):
            kwargs = dict(zip(known, values, strict=True))
            if "person_id" in parameters:
                kwargs["person_id"] = people[kwargs["kind"]]
            urls.append(reverse(name, kwargs=kwargs))
    return urls


def status_of(client, method: str, url: str, data=None) -> int:
    response = getattr(client, method)(url, data)
    if response.streaming:
        b"".join(response.streaming_content)  # reads a download's file to its end, closing it
    return response.status_code


def test_every_url_with_an_id_is_covered(notice_with_files):
    names = {name for name, _ in patterns_with_ids()}
    assert {"registrants:detail", "filings:step", "filings:document"} <= names
    exhibit = f"/documents/exhibit-pdf/signer-{notice_with_files.signers.get().pk}/"
    assert any(url.endswith(exhibit) for url in urls_of(notice_with_files))
    assert "deadlines:registrant_calendar" in names
    assert len(urls_of(notice_with_files)) > len(names)


def test_a_colleague_assigned_elsewhere_gets_404_on_every_url_of_the_registrant(
    client, colleague, notice_with_files
):
    client.force_login(colleague)
    for url in urls_of(notice_with_files):
        assert status_of(client, "get", url) in {404, 405}, url
        assert status_of(client, "post", url, {"action": "next"}) == 404, url
    notice_with_files.refresh_from_db()
    assert notice_with_files.registrant.contacts.count() == 1
    assert not notice_with_files.is_final


def test_the_owner_and_an_admin_open_every_url_of_the_registrant(
    client, owner, registrant_admin, notice_with_files
):
    for user in (owner, registrant_admin):
        client.force_login(user)
        for url in urls_of(notice_with_files):
            # 302: a draft's page sends to its step; 405: a button's URL, opened without it.
            assert status_of(client, "get", url) in {200, 302, 405}, (user, url)


def test_lists_search_and_dashboard_show_only_assigned_registrants(client, colleague, seed_notice):
    client.force_login(colleague)
    for url in (
        reverse("home"),
        reverse("registrants:list") + "?status=all",
        reverse("registrants:list") + "?q=Precision",
        reverse("filings:list"),
        reverse("filings:list") + "?q=lenders",
        reverse("filings:new"),
    ):
        page = client.get(url).content.decode()
        assert "Lexington" not in page, url
    assert "Harborview" in client.get(reverse("registrants:list")).content.decode()
    calendar = client.get(reverse("deadlines:calendar")).content.decode()
    assert "Harborview" in calendar
    assert "Lexington" not in calendar


def test_step_one_refuses_a_registrant_or_notice_the_user_may_not_see(
    client, colleague, seed_notice
):
    client.force_login(colleague)
    prefilled = client.get(reverse("filings:new") + f"?amends={seed_notice.pk}")
    assert "Lexington" not in prefilled.content.decode()
    response = client.post(
        reverse("filings:new"),
        {"registrant": seed_notice.registrant.pk, "form_type": "10-K", "period_end": "2026-03-31"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Notice.objects.count() == 1


def test_the_deadline_preview_ignores_a_registrant_the_user_may_not_see(
    client, owner, colleague, lexington
):
    query = {"form_type": "10-K", "period_end": "2026-03-31", "registrant": lexington.pk}
    client.force_login(owner)
    assert client.get(reverse("deadlines:preview"), query).context["deadlines"] is not None
    client.force_login(colleague)
    response = client.get(reverse("deadlines:preview"), query)
    assert response.status_code == 200
    assert response.context["deadlines"] is None


def test_a_team_assignment_gives_its_members_access(client, colleague, lexington):
    client.force_login(colleague)
    url = reverse("registrants:detail", args=[lexington.pk])
    assert client.get(url).status_code == 404
    lexington.assigned_teams.add(colleague.groups.get(name="Team Harborview"))
    assert client.get(url).status_code == 200


def test_the_django_admin_shows_only_assigned_registrants_and_their_notices(
    client, colleague, seed_notice
):
    colleague.is_staff = True
    colleague.save()
    client.force_login(colleague)
    registrants = client.get(reverse("admin:registrants_registrant_changelist"))
    assert "Harborview" in registrants.content.decode()
    assert "Lexington" not in registrants.content.decode()
    assert (
        "Lexington" not in client.get(reverse("admin:filings_notice_changelist")).content.decode()
    )
    for name, object_id in (
        ("admin:registrants_registrant_change", seed_notice.registrant.pk),
        ("admin:registrants_contact_change", seed_notice.registrant.contacts.get().pk),
        ("admin:filings_notice_change", seed_notice.pk),
    ):
        response = client.get(reverse(name, args=[object_id]), follow=True)
        assert "doesn’t exist" in response.content.decode(), name
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "filings", "model_name": "notice", "field_name": "registrant", "term": "Lex"},
    )
    assert autocomplete.json()["results"] == []


def test_registrant_admins_see_every_registrant(registrant_admin, colleague, lexington):
    assert set(Registrant.objects.visible_to(registrant_admin)) == set(Registrant.objects.all())
    assert lexington not in Registrant.objects.visible_to(colleague)


def test_a_user_sees_the_registrants_assigned_to_them_or_their_teams_in_any_query(
    colleague, lexington
):
    from django.contrib.auth.models import Group

    own = make_registrant(name="Own Corp", sec_file_number="001-40001")
    own.assigned_teams.clear()
    own.assigned_users.add(colleague)
    by_team = make_registrant(name="Team Corp", sec_file_number="001-40002")
    by_team.assigned_teams.set([colleague.groups.get(name="Team Harborview")])
    other_team = make_registrant(name="Other Corp", sec_file_number="001-40003")
    other_team.assigned_teams.set([Group.objects.create(name="Team Elsewhere")])
    for registrant in (own, by_team, other_team, lexington):
        Notice.objects.create(registrant=registrant, form_type="10-Q")
    visible = Registrant.objects.visible_to(colleague)
    assert {own, by_team} <= set(visible) and not {other_team, lexington} & set(visible)
    # The same, with the registrants in a subquery (their table under another alias), and
    # across the notices (only these four registrants have any).
    assert set(Notice.objects.filter(registrant__in=visible.values("pk"))) == set(
        Notice.objects.visible_to(colleague)
    )
    assert {notice.registrant for notice in Notice.objects.visible_to(colleague)} == {own, by_team}
    colleague.groups.clear()
    on_the_next_page = type(colleague).objects.get(pk=colleague.pk)
    now_visible = set(Registrant.objects.visible_to(on_the_next_page))
    assert own in now_visible and by_team not in now_visible
