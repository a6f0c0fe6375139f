"""Moving a notice along its lifecycle through the pages, as the buttons post it."""

import re

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from filings.models import Notice, NoticeStatus
from filings.wizard import REVIEW, step_url
from registrants.roles import REVIEWERS


def hidden_fields(page: str, action: str) -> dict:
    """The hidden fields of the form on `page` that posts to `action` (its action, or a
    button's formaction)."""
    for form in re.findall(r"<form\b.*?</form>", page, re.S):
        if f'action="{action}"' in form:
            return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    raise AssertionError(f"no form posts to {action}")


def move_url(notice: Notice, move: str) -> str:
    return reverse("filings:move", args=[notice.pk, move])


def submit(client: Client, notice: Notice, comment: str = ""):
    """Post "Submit for review" as the review page does (whether or not it shows the button)."""
    version = client.get(step_url(notice, REVIEW)).context["version"]
    return client.post(move_url(notice, "submit"), {"version": version, "comment": comment})


def review_move(client: Client, notice: Notice, move: str, comment: str = "", step: str = ""):
    """Approve or send back from the notice page."""
    page = client.get(reverse("filings:resume", args=[notice.pk])).content.decode()
    fields = hidden_fields(page, move_url(notice, move))
    return client.post(move_url(notice, move), {**fields, "comment": comment, "step": step})


def reviewer_browser() -> Client:
    """A browser of a reviewer on the team of the test registrants (conftest.reviewer)."""
    from tests.conftest import TEAM, make_user, team

    user = User.objects.filter(username="riley").first() or make_user("riley", REVIEWERS)
    user.groups.add(team(TEAM))
    browser = Client()
    browser.force_login(user)
    return browser


def submit_and_approve(preparer: Client, approver: Client | None, notice: Notice) -> Notice:
    """The preparer submits the notice from the review page; a reviewer (`approver`, or one
    made now) approves it."""
    approver = approver or reviewer_browser()
    submit(preparer, notice)
    review_move(approver, notice, "approve")
    notice.refresh_from_db()
    assert notice.is_final, "the notice was not approved"
    return notice


def finalize(client: Client, notice: Notice) -> None:
    """Submit the notice from the review page and, if it went into review, approve it as a
    reviewer (conftest.reviewer); a refusal leaves the notice as it was."""
    submit(client, notice)
    notice.refresh_from_db()
    if notice.status == NoticeStatus.IN_REVIEW:
        review_move(reviewer_browser(), notice, "approve")
