"""Which reports a registrant owes and when: pure, no database."""

from datetime import date

import pytest

from filings.schedule import PERIODIC_REPORTS, ReportStatus, fiscal_year_end, upcoming_reports
from registrants.models import FilerStatus

D = date.fromisoformat


def reports(month, day, filer_status, today, horizon_days=60, closures=()):
    return upcoming_reports(
        fiscal_year_end_month=month,
        fiscal_year_end_day=day,
        filer_status=filer_status,
        today=D(today),
        closures=closures,
        horizon_days=horizon_days,
    )


def summary(upcoming):
    return [
        (report.form_type, report.period_end.isoformat(), report.deadlines.report_due.isoformat())
        for report in upcoming
    ]


def test_every_filer_status_has_its_reports():
    assert set(PERIODIC_REPORTS) == set(FilerStatus.values)


def test_a_calendar_year_company_owes_its_10_k_in_the_spring():
    upcoming = reports(12, 31, "non_accelerated", "2026-02-01")
    assert summary(upcoming) == [("10-K", "2025-12-31", "2026-03-31")]
    [ten_k] = upcoming
    assert (ten_k.status, ten_k.days_left, ten_k.description) == (
        ReportStatus.DUE,
        58,
        "Annual report",
    )


def test_quarters_end_three_six_and_nine_months_after_a_june_year_end():
    upcoming = reports(6, 30, "accelerated", "2026-01-01", horizon_days=365)
    assert summary(upcoming) == [
        ("10-Q", "2025-12-31", "2026-02-09"),
        ("10-Q", "2026-03-31", "2026-05-11"),
        ("10-K", "2026-06-30", "2026-09-14"),
        ("10-Q", "2026-09-30", "2026-11-09"),
    ]
    assert [report.description for report in upcoming] == [
        "Second-quarter report",
        "Third-quarter report",
        "Annual report",
        "First-quarter report",
    ]


def test_a_february_year_end_follows_the_month_ends():
    upcoming = reports(2, 29, "large_accelerated", "2027-01-01", horizon_days=365)
    assert [report.period_end.isoformat() for report in upcoming] == [
        "2026-11-30",
        "2027-02-28",
        "2027-05-31",
        "2027-08-31",
    ]
    assert fiscal_year_end(2028, 2, 29) == D("2028-02-29")


def test_a_fund_owes_n_cen_and_n_csr_after_the_year_end_and_n_csr_after_the_half_year():
    year_end = reports(10, 31, "investment_company", "2026-12-01")
    assert summary(year_end) == [
        ("N-CSR", "2026-10-31", "2027-01-11"),
        ("N-CEN", "2026-10-31", "2027-01-14"),
    ]
    half_year = reports(10, 31, "investment_company", "2026-06-01")
    assert summary(half_year) == [("N-CSR", "2026-04-30", "2026-07-09")]
    assert half_year[0].description == "Semi-annual shareholder report"


def test_an_asset_backed_issuer_is_shown_its_10_k_only():
    upcoming = reports(12, 31, "asset_backed_issuer", "2026-01-01", horizon_days=365)
    assert summary(upcoming) == [("10-K", "2025-12-31", "2026-03-31")]


@pytest.mark.parametrize(
    "today, status, days_left",
    [
        ("2026-03-31", ReportStatus.DUE, 0),
        ("2026-04-01", ReportStatus.OVERDUE, -1),
        ("2026-04-02", ReportStatus.GRACE_PERIOD, -2),
        ("2026-04-15", ReportStatus.GRACE_PERIOD, -15),
    ],
)
def test_a_past_due_report_stays_listed_until_its_grace_period_ends(today, status, days_left):
    [ten_k, *_] = reports(12, 31, "non_accelerated", today)
    assert ten_k.period_end == D("2025-12-31")
    assert (ten_k.status, ten_k.days_left) == (status, days_left)


def test_a_report_is_dropped_the_day_after_its_grace_period_ends():
    assert "2025-12-31" not in [
        p for _, p, _ in summary(reports(12, 31, "non_accelerated", "2026-04-16"))
    ]


def test_the_horizon_includes_its_last_day():
    # The 10-K of 2025 is due 31 March 2026, 58 days after 1 February.
    assert summary(reports(12, 31, "non_accelerated", "2026-02-01", horizon_days=57)) == []
    assert len(reports(12, 31, "non_accelerated", "2026-02-01", horizon_days=58)) == 1


def test_closure_days_move_the_listed_dates():
    [ten_k] = reports(12, 31, "non_accelerated", "2026-02-01", closures={D("2026-03-31")})
    assert ten_k.deadlines.report_due == D("2026-04-01")
