"""The deadlines where users see them: step 1 of the wizard, the review page, the dashboard."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from filings import deadline_views, wizard_views
from filings.demo import LEXINGTON_NOTICE, LEXINGTON_SIGNER
from filings.models import Notice, NoticeSigner
from filings.services import notice_finalize
from tests.test_wizard import step_url

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")

# FYE 2026-03-31, accelerated 10-K: due Monday 2026-06-15 (the 75th day is a Sunday), notice
# by 2026-06-16, grace period ends 2026-06-30.
ACCELERATED_10K = {
    "form_type": "10-K",
    "period_end": date(2026, 3, 31),
    "filer_status": "accelerated",
}


@pytest.fixture
def notice(lexington) -> Notice:
    notice = Notice.objects.create(registrant=lexington, **{**LEXINGTON_NOTICE, **ACCELERATED_10K})
    NoticeSigner.objects.create(notice=notice, **LEXINGTON_SIGNER)
    return notice


def test_the_preview_shows_the_three_dates_once_form_period_and_status_are_known(
    compliance_client, lexington
):
    url = reverse("deadlines:preview")
    incomplete = compliance_client.get(url, {"form_type": "10-K"}).content.decode()
    assert "appear once the report, the period end and the filer status are known" in incomplete
    page = compliance_client.get(
        url, {"form_type": "10-K", "period_end": "2026-03-31", "registrant": lexington.pk}
    ).content.decode()
    # The registrant's own status (non-accelerated: 90 days) when none is chosen.
    assert "Mon, June 29, 2026" in page
    page = compliance_client.get(
        url, {"form_type": "10-K", "period_end": "2026-03-31", "filer_status": "accelerated"}
    ).content.decode()
    for day in ["Mon, June 15, 2026", "Tue, June 16, 2026", "Tue, June 30, 2026"]:
        assert day in page
    ten_d = compliance_client.get(url, {"form_type": "10-D", "period_end": "2026-03-31"})
    assert "distribution date" in ten_d.content.decode()


def test_the_preview_needs_a_login_and_the_notice_role(client, outsider):
    url = reverse("deadlines:preview")
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_step_one_of_a_started_notice_shows_its_dates(compliance_client, notice):
    page = compliance_client.get(step_url(notice, "report")).content.decode()
    assert 'id="deadline-preview"' in page
    assert "Tue, June 16, 2026" in page


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 6, 16, 17, 0, tzinfo=EASTERN), None),
        (datetime(2026, 6, 16, 17, 45, tzinfo=EASTERN), "counts as filed on Wednesday, June 17"),
        (datetime(2026, 6, 17, 9, 0, tzinfo=EASTERN), "The last day to file this notice was"),
    ],
)
def test_the_review_shows_the_dates_and_warns_when_time_runs_out(
    compliance_client, notice, monkeypatch, now, expected
):
    monkeypatch.setattr(wizard_views, "_now", lambda: now)
    response = compliance_client.get(step_url(notice, "review"))
    page = response.content.decode()
    assert "Tue, June 30, 2026" in page
    if expected is None:
        assert response.context["timing_warnings"] == []
    else:
        [warning] = response.context["timing_warnings"]
        assert expected in warning
        assert expected in page


def fix_now(monkeypatch, day: date) -> None:
    """The dashboard's today, at 9 a.m. Eastern."""
    monkeypatch.setattr(deadline_views, "_today", lambda: day)
    monkeypatch.setattr(
        deadline_views, "_now", lambda: datetime(day.year, day.month, day.day, 9, tzinfo=EASTERN)
    )


def test_the_dashboard_lists_drafts_in_business_days_and_stale_ones_apart(
    compliance_client, notice, lexington, monkeypatch
):
    stale = Notice.objects.create(
        registrant=lexington,
        **{**LEXINGTON_NOTICE, **ACCELERATED_10K, "period_end": date(2025, 12, 31)},
    )
    fix_now(monkeypatch, date(2026, 6, 12))
    response = compliance_client.get(reverse("home"))
    sections = response.context["sections"]
    assert [row.notice for row in sections["drafts"].rows] == [notice]
    assert [row.notice for row in sections["stale"].rows] == [stale]
    page = response.content.decode()
    # Friday 12 June: Monday 15 and Tuesday 16 June are left.
    assert "2 business days left: due Tuesday, June 16" in page
    assert "Overdue" not in page


def test_an_approved_notice_waits_for_signatures_and_is_overdue_once_its_deadline_passes(
    compliance_client, notice, monkeypatch
):
    final = notice_finalize(notice=notice, user=None)
    fix_now(monkeypatch, date(2026, 6, 16))
    response = compliance_client.get(reverse("home"))
    [row] = response.context["sections"]["approved"].rows
    assert row.notice == final and row.urgency.level == "today"
    fix_now(monkeypatch, date(2026, 6, 17))
    page = compliance_client.get(reverse("home")).content.decode()
    assert "Overdue: the deadline passed 1 business day ago" in page


def test_the_preview_counts_a_transition_report_from_the_later_decision(compliance_client):
    page = compliance_client.get(
        reverse("deadlines:preview"),
        {
            "form_type": "10-K",
            "period_end": "2025-12-31",
            "filer_status": "non_accelerated",
            "is_transition_report": "on",
            "transition_period_end": "2026-03-31",
            "transition_decision_date": "2026-05-15",
        },
    ).content.decode()
    assert "Thu, August 13, 2026" in page


def test_step_one_shows_a_transition_reports_dates(compliance_client, notice):
    notice.is_transition_report = True
    notice.transition_period_end = date(2026, 3, 31)
    notice.transition_decision_date = date(2026, 5, 15)
    notice.filer_status = "non_accelerated"
    notice.save()
    page = compliance_client.get(step_url(notice, "report")).content.decode()
    assert "Thu, August 13, 2026" in page


def test_an_n_csr_without_its_sending_date_shows_the_latest_possible_due_date(
    compliance_client, notice, monkeypatch
):
    monkeypatch.setattr(deadline_views, "_today", lambda: date(2026, 5, 1))
    notice.form_type = "N-CSR"
    notice.filer_status = "investment_company"
    notice.save()
    step = compliance_client.get(step_url(notice, "report")).content.decode()
    assert "latest possible due date" in step
    assert "Date the shareholder report was sent to shareholders, if known" in step
    dashboard = compliance_client.get(reverse("home")).content.decode()
    assert "latest possible" in dashboard
    notice.transmission_date = date(2026, 5, 29)
    notice.save()
    step = compliance_client.get(step_url(notice, "report")).content.decode()
    assert "latest possible due date" not in step


def test_step_one_says_how_urgent_the_notice_deadline_is_in_words_and_colour(
    compliance_client, monkeypatch
):
    url = reverse("deadlines:preview")
    # Accelerated 10-K for 2026-03-31: file the notice by Tuesday 16 June 2026.
    for now, colour, words in [
        (
            datetime(2026, 6, 16, 15, 0, tzinfo=EASTERN),
            "alert-warning",
            "Due today: 2 h 30 min left before 5:30 p.m. Eastern",
        ),
        (
            datetime(2026, 6, 15, 12, 0, tzinfo=EASTERN),
            "alert-warning",
            "Due the next business day",
        ),
        (datetime(2026, 6, 10, 12, 0, tzinfo=EASTERN), "alert-info", "4 business days left"),
        (
            datetime(2026, 6, 19, 12, 0, tzinfo=EASTERN),
            "alert-danger",
            "the deadline passed 2 business days ago",  # June 19 is Juneteenth
        ),
    ]:
        monkeypatch.setattr(deadline_views, "_now", lambda now=now: now)
        page = compliance_client.get(url, {**ACCELERATED_10K, "period_end": "2026-03-31"})
        html = page.content.decode()
        assert "Form 12b-25 deadline." in html and words in html
        assert colour in html
    amendment = compliance_client.get(
        url, {**ACCELERATED_10K, "period_end": "2026-03-31", "is_amendment": "on"}
    )
    assert "Form 12b-25 deadline" not in amendment.content.decode()


def test_a_saved_notice_shows_its_urgency_on_step_one(compliance_client, notice, monkeypatch):
    monkeypatch.setattr(wizard_views, "_now", lambda: datetime(2026, 6, 22, 9, 0, tzinfo=EASTERN))
    notice.saved_steps = ["report"]
    notice.save()
    page = compliance_client.get(step_url(notice, "report")).content.decode()
    # June 17, 18 and 22 (June 19 is Juneteenth).
    assert "Form 12b-25 deadline. Overdue: the deadline passed 3 business days ago" in page
