"""E-mail on each move of the lifecycle: who gets which mail, and what it says."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone

from filings import notifications
from filings.lifecycle import MoveRefused, notice_approve, notice_return, notice_submit
from filings.models import NoticeEvent, NoticeStatus
from filings.notifications import notify_move
from registrants.roles import COMPLIANCE_STAFF, REVIEWERS, SIGNERS
from tests.conftest import OTHER_TEAM, TEAM, team
from tests.lifecycle_pages import review_move, submit
from tests.notice_factory import eastern, file_notice, make_notice


def with_address(user):
    user.email = f"{user.username}@filings.example"
    user.save(update_fields=["email"])
    return user


def on_team(username: str, role: str, team_name: str = TEAM) -> User:
    """A user who never logs in here (no password to hash: the tests stay fast)."""
    user = User.objects.create(username=username, email=f"{username}@filings.example")
    user.groups.add(Group.objects.get(name=role), team(team_name))
    return user


@pytest.fixture
def people(compliance_user, reviewer, registrant_admin, colleague):
    """Everyone with an address: the preparer casey, a colleague devon who edited the notice
    last, the reviewer riley and the registrant admin robin (who sees every registrant), the
    signer sam; and, on another team, the reviewer rowan, the signer sid and the colleague
    cameron, who may not see the test registrants."""
    for user in (compliance_user, reviewer, registrant_admin, colleague):
        with_address(user)
    return {
        "devon": on_team("devon", COMPLIANCE_STAFF),
        "sam": on_team("sam", SIGNERS),
        "rowan": on_team("rowan", REVIEWERS, OTHER_TEAM),
        "sid": on_team("sid", SIGNERS, OTHER_TEAM),
    }


@pytest.fixture
def notice(seed_notice, people):
    """The seed notice, last changed by devon."""
    seed_notice.updated_by = people["devon"]
    seed_notice.save()
    return seed_notice


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def addresses(*usernames: str) -> list[str]:
    return sorted(f"{username}@filings.example" for username in usernames)


def test_a_submitted_notice_goes_to_the_reviewers_who_see_its_registrant(
    notice, compliance_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice_submit(notice=notice, user=compliance_user)

    # Not rowan, a reviewer on another team; not casey, who submitted it.
    assert recipients() == addresses("riley", "robin")
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert mail.outbox[0].subject == (
        "NT 10-K of Lexington Precision Corporation: submitted for review by casey"
    )


def test_a_returned_notice_goes_to_who_submitted_it_and_who_changed_it_last(
    notice, compliance_user, reviewer, django_capture_on_commit_callbacks
):
    notice_submit(notice=notice, user=compliance_user)
    with django_capture_on_commit_callbacks(execute=True):
        notice_return(notice=notice, user=reviewer, comment="Name the auditor.", step="part-3")

    assert recipients() == addresses("casey", "devon")
    body = mail.outbox[0].body
    assert "Sent back to draft by riley" in body
    assert "Name the auditor." in body


def test_an_approved_notice_goes_to_the_signers_who_see_its_registrant_and_the_preparer(
    notice, client, compliance_user, reviewer_client, django_capture_on_commit_callbacks
):
    client.force_login(compliance_user)
    submit(client, notice)
    with django_capture_on_commit_callbacks(execute=True):
        review_move(reviewer_client, notice, "approve", comment="Ready to sign.")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.APPROVED

    # Not sid, a signer on another team; not riley, who approved it.
    assert recipients() == addresses("casey", "sam")


@pytest.mark.parametrize(
    "action", [NoticeEvent.Action.SIGNED, NoticeEvent.Action.FILED, "a move added later"]
)
def test_later_moves_go_to_the_preparer_and_the_reviewers(
    action, notice, compliance_user, people, django_capture_on_commit_callbacks
):
    notice_submit(notice=notice, user=compliance_user)
    with django_capture_on_commit_callbacks(execute=True):
        event = NoticeEvent.objects.create(
            notice=notice,
            action=action,
            at=timezone.now(),
            user=people["sam"],
            user_name="sam",
        )
        notify_move(event)

    assert recipients() == addresses("casey", "devon", "riley", "robin")


def test_the_mail_names_the_notice_the_move_who_the_comment_the_deadline_and_links_to_it(
    notice, compliance_user, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://filings.example.com"
    notice.registrant_name = "Lexington & O'Neil Precision Corporation"
    notice.save()
    notice_submit(notice=notice, user=compliance_user)
    with django_capture_on_commit_callbacks(execute=True):
        notice_return(notice=notice, user=reviewer, comment="Name the auditor.", step="part-3")

    body = mail.outbox[0].body
    # Plain text: the name as typed, not escaped for HTML.
    assert (
        "NT 10-K of Lexington & O'Neil Precision Corporation, period ended December 31, 2003"
        in (body)
    )
    assert "Sent back to draft by riley on " in body
    assert "Status after this move: draft." in body
    assert 'Comment on "Part III' in body
    assert "Notice deadline: Wednesday, March 31, 2004" in body
    # Its notice deadline passed long ago: filed now, it would earn no grace period.
    assert (
        "Report due: Tuesday, March 30, 2004, with no grace period (the notice deadline has "
        "passed, Rule 12b-25(b))" in body
    )
    assert f"Open the notice: https://filings.example.com/notices/{notice.pk}/" in body


def test_a_comment_or_a_name_with_line_breaks_adds_no_header(
    notice, compliance_user, reviewer, django_capture_on_commit_callbacks
):
    notice.registrant_name = "Lexington\r\nBcc: thief@elsewhere.example"
    notice.save()
    notice_submit(notice=notice, user=compliance_user)
    with django_capture_on_commit_callbacks(execute=True):
        notice_return(
            notice=notice,
            user=reviewer,
            comment="Fix it.\nBcc: thief@elsewhere.example\r\nSubject: gotcha",
        )

    message = mail.outbox[0]
    headers = message.message().as_string().split("\n\n", 1)[0]
    assert "thief" not in headers.replace("Lexington Bcc: thief@elsewhere.example", "")
    assert message.message()["Bcc"] is None
    assert message.bcc == []
    assert "\n" not in message.subject
    assert "Fix it.\nBcc: thief@elsewhere.example" in message.body


def test_nobody_without_an_address_gets_mail_and_the_others_still_do(
    notice, compliance_user, registrant_admin, django_capture_on_commit_callbacks
):
    registrant_admin.email = ""
    registrant_admin.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        notice_submit(notice=notice, user=compliance_user)

    assert recipients() == addresses("riley")


def test_a_move_that_is_refused_sends_nothing(
    notice, compliance_user, django_capture_on_commit_callbacks
):
    notice_submit(notice=notice, user=compliance_user)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MoveRefused):
        # casey may not approve; nothing is recorded, nothing is sent.
        notice_approve(notice=notice, user=compliance_user)
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_a_mail_queued_in_the_database(
    settings, compliance_user, reviewer, lexington
):
    """The real setup: the move queues the mail in the database; `db_worker` sends it."""
    from django_tasks_db.models import DBTaskResult

    from filings.demo import LEXINGTON_NOTICE, LEXINGTON_SIGNER
    from filings.models import Notice, NoticeSigner

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with_address(reviewer)
    notice = Notice.objects.create(registrant=lexington, **LEXINGTON_NOTICE)
    NoticeSigner.objects.create(notice=notice, **LEXINGTON_SIGNER)

    notice_submit(notice=notice, user=compliance_user)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    assert recipients() == addresses("riley")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.parametrize(
    ("relief_claimed", "accepted_at", "line"),
    [
        (
            True,
            eastern(2026, 4, 1, 17, 29),
            "Late report due by (end of the grace period): Wednesday, April 15, 2026",
        ),
        # Rule 12b-25(b): a late notice, or one claiming no relief, gives no grace period.
        (
            True,
            eastern(2026, 4, 1, 17, 31),
            "Report due: Tuesday, March 31, 2026, with no grace period (the notice was filed "
            "after its deadline, Rule 12b-25(b))",
        ),
        (
            False,
            eastern(2026, 4, 1, 17, 29),
            "Report due: Tuesday, March 31, 2026, with no grace period (Part II claims no "
            "relief, Rule 12b-25(b))",
        ),
    ],
)
def test_the_filed_mail_says_whether_the_report_has_a_grace_period(
    lexington,
    people,
    compliance_user,
    django_capture_on_commit_callbacks,
    relief_claimed,
    accepted_at,
    line,
):
    notice = make_notice(lexington, relief_claimed=relief_claimed)
    with django_capture_on_commit_callbacks(execute=True):
        file_notice(notice, compliance_user, accepted_at, "0001193125-26-123456")
    [body, *_] = {message.body for message in mail.outbox}
    assert line in body
    assert ("Late report due by" in body) == line.startswith("Late report due by")


@pytest.mark.parametrize(
    ("relief_claimed", "today", "line"),
    [
        (
            True,
            date(2026, 4, 1),
            "Late report due by (end of the grace period, when the notice is filed by its "
            "deadline): Wednesday, April 15, 2026",
        ),
        (
            True,
            date(2026, 4, 2),
            "Report due: Tuesday, March 31, 2026, with no grace period (the notice deadline "
            "has passed, Rule 12b-25(b))",
        ),
        (
            False,
            date(2026, 4, 1),
            "Report due: Tuesday, March 31, 2026, with no grace period (Part II claims no "
            "relief, Rule 12b-25(b))",
        ),
        (
            None,
            date(2026, 4, 1),
            "Report due: Tuesday, March 31, 2026; by Wednesday, April 15, 2026 (end of the grace "
            "period) when Part II claims relief and the notice is filed by its deadline",
        ),
    ],
)
def test_before_filing_the_mail_says_when_the_report_is_due(
    lexington, monkeypatch, relief_claimed, today, line
):
    monkeypatch.setattr(notifications, "today_eastern", lambda: today)
    notice = make_notice(lexington, status=NoticeStatus.IN_REVIEW, relief_claimed=relief_claimed)
    text = render_to_string("filings/email/deadlines.txt", notifications._mail_context(notice))
    assert "Notice deadline: Wednesday, April 1, 2026 (5:30 p.m. Eastern on EDGAR)" in text
    assert line in text
