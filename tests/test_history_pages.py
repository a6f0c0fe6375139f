"""The history pages of a notice and of a registrant: every change, newest first, a page at a
time with links to older and newer changes, behind the same doors as the notice page and the
registrant page; and whatever their query string says, never an error."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from filings.models import Notice
from registrants.history import (
    BATCHES_MAX,
    HISTORY_PAGE_ENTRIES,
    HISTORY_PANEL_ENTRIES,
    ROWS_PER_ENTRY,
)
from registrants.models import Contact, Registrant
from tests import seed
from tests.conftest import make_registrant

pytestmark = pytest.mark.django_db

# The rows of each history a page reads at most: its batches, each twice the last.
ROWS_A_PAGE_READS = (ROWS_PER_ENTRY * HISTORY_PAGE_ENTRIES + 1) * (2**BATCHES_MAX - 1)


def notice_history_url(notice: Notice) -> str:
    return reverse("filings:history", args=[notice.pk])


def registrant_history_url(registrant: Registrant) -> str:
    return reverse("registrants:history", args=[registrant.pk])


def change_narrative(notice: Notice, versions: range) -> None:
    """Save the notice once for each version, its narrative ending "Version N."."""
    for version in versions:
        notice.narrative = f"{seed.NARRATIVE} Version {version}."
        notice.save()


def what_is_shown(page) -> list[str]:
    """Each entry's version of the narrative ("Version 7.") or, without one, its summary."""
    return [
        entry.changes[0].new.removeprefix(f"{seed.NARRATIVE} ") if entry.changes else entry.summary
        for entry in page.context["history"].entries
    ]


def pages_going(client: Client, url: str, way: str, query: str = "") -> list:
    """The page of a history page at `query` and each page its "Older changes" or "Newer
    changes" link (`way`) leads to; none reads more rows of a notice's history than its
    batches, and the row before its oldest to compare it with."""
    pages = []
    while not pages or query:
        with CaptureQueriesContext(connection) as queries:
            pages.append(client.get(f"{url}?{query}"))
        assert notice_rows_read(queries) <= ROWS_A_PAGE_READS + 1
        query = getattr(pages[-1].context["history"], f"{way}_query")
        assert (f"{way.title()} changes" in pages[-1].content.decode()) == bool(query)
    return pages


def notice_rows_read(queries) -> int:
    """The rows of the notice's history read: each batch's LIMIT, and one row for the lookup of
    the row before the oldest read (the notice is one object)."""
    return sum(
        int(limit[1]) if (limit := re.search(r"LIMIT (\d+)$", query["sql"])) else 1
        for query in queries
        if 'FROM "filings_historicalnotice"' in query["sql"]
    )


def test_the_history_page_of_a_notice_lists_every_change_a_page_at_a_time(
    compliance_client, seed_notice
):
    change_narrative(seed_notice, range(1, 61))
    url = notice_history_url(seed_notice)
    pages = pages_going(compliance_client, url, "older")
    shown = [what_is_shown(page) for page in pages]
    assert [len(entries) for entries in shown] == [HISTORY_PAGE_ENTRIES, HISTORY_PAGE_ENTRIES, 12]
    assert sum(shown, []) == [
        *(f"Version {version}." for version in range(60, 0, -1)),
        "Signer Warren Delano added by the system",
        "Notice created by the system",
    ]
    first = pages[0].content.decode()
    assert "Newer changes" not in first
    assert "<ins>" in first and "<del>" in first  # each difference, as on the panel
    # Back from the oldest page, a page at a time.
    going_newer = pages_going(compliance_client, url, "newer", pages[-1].request["QUERY_STRING"])
    assert [what_is_shown(page) for page in going_newer] == shown[::-1]


def test_a_notice_saved_1000_times_shows_the_changes_of_its_oldest_saves(
    compliance_client, seed_notice
):
    """Pages that read only saves that changed nothing say so and lead on to the older ones."""
    change_narrative(seed_notice, range(1, 4))
    for _ in range(1000):
        seed_notice.save()
    pages = pages_going(compliance_client, notice_history_url(seed_notice), "older")
    assert sum((what_is_shown(page) for page in pages), []) == [
        "Version 3.",
        "Version 2.",
        "Version 1.",
        "Signer Warren Delano added by the system",
        "Notice created by the system",
    ]
    assert "Nothing changed in the saves of this page." in pages[0].content.decode()
    [*_, last] = pages
    [oldest_change] = last.context["history"].entries[2].changes
    assert ("added", " Version 1.") in oldest_change.words
    # And back to the newest save, past the same saves.
    url = notice_history_url(seed_notice)
    going_newer = pages_going(compliance_client, url, "newer", last.request["QUERY_STRING"])
    assert sum((what_is_shown(page) for page in going_newer[1:]), []) == []
    assert len(going_newer) <= len(pages) + 1


def test_changes_of_one_moment_are_never_split_between_pages(compliance_client, seed_notice):
    """A page's links name a moment, so a page ends only after the last entry of its moment."""
    seed_notice._history_date = timezone.now()
    change_narrative(seed_notice, range(1, 5))
    del seed_notice._history_date
    change_narrative(seed_notice, range(5, HISTORY_PAGE_ENTRIES + 2))
    # Newest first: the 22 changes at moments of their own, then the four of one moment.
    pages = pages_going(compliance_client, notice_history_url(seed_notice), "older")
    assert [what_is_shown(page) for page in pages] == [
        [f"Version {version}." for version in range(HISTORY_PAGE_ENTRIES + 1, 0, -1)],
        ["Signer Warren Delano added by the system", "Notice created by the system"],
    ]


def test_the_review_page_links_to_the_history_page_when_it_shows_part_of_it(
    compliance_client, seed_notice
):
    change_narrative(seed_notice, range(1, HISTORY_PANEL_ENTRIES))
    # Its changes, the signer added and the notice created: one more than the panel shows.
    review = compliance_client.get(reverse("filings:step", args=[seed_notice.pk, "review"]))
    assert len(review.context["history"].entries) == HISTORY_PANEL_ENTRIES
    assert "See the full history" in review.content.decode()
    history_page = compliance_client.get(notice_history_url(seed_notice))
    assert len(history_page.context["history"].entries) == HISTORY_PANEL_ENTRIES + 1


def test_the_notice_page_links_to_the_history_page(compliance_client, reviewer_client, seed_notice):
    change_narrative(seed_notice, range(1, HISTORY_PANEL_ENTRIES + 1))
    page = reviewer_client.get(reverse("filings:resume", args=[seed_notice.pk])).content.decode()
    assert f'<a href="{notice_history_url(seed_notice)}">See the full history</a>' in page


def test_the_history_page_of_a_registrant_lists_its_people_and_those_removed(
    registrant_admin_client, lexington
):
    for number in range(1, HISTORY_PANEL_ENTRIES + 1):
        registrant_admin_client.post(
            reverse("registrants:person_create", args=[lexington.pk, "contacts"]),
            {"name": f"Ann Lee {number}", "area_code": "212", "phone_number": "555-0100"},
        )
    contact = lexington.contacts.get(name="Warren Delano")
    registrant_admin_client.post(
        reverse("registrants:person_delete", args=[lexington.pk, "contacts", contact.pk])
    )
    detail = registrant_admin_client.get(lexington.get_absolute_url()).content.decode()
    link = f'<a href="{registrant_history_url(lexington)}">See the full history</a>'
    assert link in detail
    page = registrant_admin_client.get(registrant_history_url(lexington))
    summaries = [entry.summary for entry in page.context["history"].entries]
    assert summaries[:3] == [
        "Default contact changed by robin",
        "Contact Warren Delano removed by robin",
        f"Contact Ann Lee {HISTORY_PANEL_ENTRIES} added by robin",
    ]
    assert summaries[-1] == "Registrant created by the system"
    assert "Contact Warren Delano added by the system" in summaries
    html = page.content.decode()
    assert "<h1" in html and html.count("<h1") == 1
    assert f'href="{lexington.get_absolute_url()}">Back to the registrant</a>' in html


def registrant_page_queries(client, registrant: Registrant) -> list[int]:
    """The queries of the registrant's page and of its history page."""
    counts = []
    for url in (registrant.get_absolute_url(), registrant_history_url(registrant)):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def save_people_and_registrant_unchanged(registrant: Registrant, people: int) -> None:
    """Add `people` contacts, then save each of them and the registrant once more, alternately
    and without a change: rows whose previous row of the same contact lies beyond the rows a
    page reads, and registrant rows with their assigned staff and teams to compare."""
    contacts = [
        Contact.objects.create(
            registrant=registrant,
            name=f"Ann Lee {number}",
            area_code="212",
            phone_number="555-0100",
        )
        for number in range(people)
    ]
    for contact in contacts:
        contact.save()
        registrant.save()


def test_the_registrant_pages_ask_as_many_queries_however_many_saves_changed_nothing(
    registrant_admin_client, registrant_admin, colleague
):
    """What the rows before those read and the rows' assigned staff held is read in one query
    a history and a field, not a query or four a row."""
    counts = []
    for people in (120, 240):
        registrant = make_registrant(name=f"Registrant of {people}")
        registrant.assigned_users.add(registrant_admin, colleague)
        save_people_and_registrant_unchanged(registrant, people)
        counts.append(registrant_page_queries(registrant_admin_client, registrant))
        # Saves that changed nothing make no entry (Registrant and contacts created only).
        page = registrant_admin_client.get(registrant.get_absolute_url())
        assert page.context["history"].entries == []
    assert counts[0] == counts[1]


@pytest.mark.parametrize("user", ["colleague", "outsider", None])
def test_the_history_pages_open_to_whoever_sees_the_notice_or_the_registrant(
    client, request, seed_notice, user
):
    """Another team's staff get a 404 as on the notice and registrant pages, a user in no
    role a 403, and an anonymous visitor the login page."""
    if user:
        client.force_login(request.getfixturevalue(user))
    for page, history_page in [
        (reverse("filings:resume", args=[seed_notice.pk]), notice_history_url(seed_notice)),
        (seed_notice.registrant.get_absolute_url(), registrant_history_url(seed_notice.registrant)),
    ]:
        expected = client.get(page).status_code
        assert expected in (302, 403, 404)
        assert client.get(history_page).status_code == expected


def test_the_owner_reads_both_history_pages(compliance_client, seed_notice):
    assert compliance_client.get(notice_history_url(seed_notice)).status_code == 200
    registrant_page = compliance_client.get(registrant_history_url(seed_notice.registrant))
    assert registrant_page.status_code == 200


@pytest.mark.parametrize(
    "query, status",
    [
        ("page=abc", 200),
        ("page=99999", 200),
        ("before=%00", 404),
        ("before=not-a-date", 404),
        ("after=", 404),
        ("before=" + "9" * 100_000, 404),
        ("before=2026-11-25T10:00:00", 404),  # a moment without its offset
        ("before=0001-01-01T00:00:00%2B14:00", 404),  # before year 1 in UTC
        ("after=9999-12-31T23:59:59-12:00", 404),  # after year 9999 in UTC
        ("before=2026-11-25T10:00:00%2B00:00&after=2026-11-25T10:00:00%2B00:00", 404),
        ("before=0001-01-01T00:00:00%2B00:00", 200),
        ("before=9999-12-31T23:59:59%2B00:00", 200),
        ("after=0001-01-01T00:00:00%2B00:00", 200),
    ],
)
def test_a_history_page_answers_any_query_string_without_an_error(
    compliance_client, seed_notice, query, status
):
    for url in [notice_history_url(seed_notice), registrant_history_url(seed_notice.registrant)]:
        assert compliance_client.get(f"{url}?{query}").status_code == status


def test_a_page_beyond_the_oldest_change_says_so_and_leads_to_the_newest(
    compliance_client, seed_notice
):
    url = notice_history_url(seed_notice)
    page = compliance_client.get(f"{url}?before=0001-01-01T00:00:00%2B00:00").content.decode()
    assert f'No changes here. <a href="{url}">See the newest changes</a>.' in page
