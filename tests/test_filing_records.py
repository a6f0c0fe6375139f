"""The EDGAR filing record of a notice and the late report's record: formats, the 5:30 p.m.
Eastern rule, the grace period and what a late report costs the registrant."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse

from filings import record_panel
from filings.lifecycle import MoveRefused, RecordRefused, notice_record_filing, notice_record_report
from filings.models import (
    NoticeEvent,
    NoticeFiling,
    NoticeIsFinal,
    NoticeStatus,
    ReportFiling,
    SecClosureDay,
)
from filings.selectors import consequences_of_registrant, deadlines_of_notice
from filings.timeliness import (
    CONSEQUENCE_RULES,
    LATE,
    NOT_FILED_LATE,
    NOT_YET_FILED,
    ON_TIME,
    WITHIN_GRACE,
    MissedReport,
    consequence_end,
    is_accession_number,
    notice_timeliness,
    registrant_consequences,
    report_outcome,
)
from registrants.models import FilerStatus
from tests.notice_factory import eastern, make_late_transition_report, make_notice

pytestmark = pytest.mark.django_db

ACCESSION = "0001193125-26-123456"


@pytest.fixture
def registrant(lexington):
    return lexington


@pytest.fixture
def signed(registrant):
    return make_notice(registrant)


def record(notice, user, accepted_at, accession=ACCESSION):
    return notice_record_filing(
        notice=notice, user=user, accession_number=accession, accepted_at=accepted_at
    )


# Accession numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, valid",
    [
        ("0001193125-26-123456", True),
        ("0000950170-04-000123", True),
        ("000119312526123456", False),
        ("0001193125-26-12345", False),
        ("001193125-26-123456", False),
        ("0001193125-2a-123456", False),
        (" 0001193125-26-123456", False),
        ("0001193125-26-123456\n", False),
        ("٠٠٠١١٩٣١٢٥-26-123456", False),  # Arabic-Indic digits are not EDGAR's
    ],
)
def test_accession_number_format(value, valid):
    assert is_accession_number(value) is valid


def test_a_wrong_accession_number_is_refused_beside_its_field(signed, compliance_user):
    with pytest.raises(RecordRefused) as refusal:
        record(signed, compliance_user, eastern(2026, 4, 1, 12, 0), accession="0001193125-26-1")
    assert refusal.value.field == "accession_number"
    assert "##########-##-######" in str(refusal.value)
    signed.refresh_from_db()
    assert signed.status == NoticeStatus.SIGNED


def test_an_accession_number_recorded_before_is_refused(registrant, signed, compliance_user):
    other = make_notice(registrant, period_end=date(2026, 3, 31), form_type="10-Q")
    record(other, compliance_user, eastern(2026, 5, 18, 12, 0))
    with pytest.raises(RecordRefused, match="already recorded"):
        record(signed, compliance_user, eastern(2026, 4, 1, 12, 0))
    other.refresh_from_db()
    with pytest.raises(RecordRefused, match="already recorded"):
        notice_record_report(
            notice=other, user=compliance_user, accession_number=ACCESSION, filed_on=date.today()
        )


# The 5:30 p.m. Eastern rule ------------------------------------------------------------


def timeliness_of(notice, accepted_at):
    return notice_timeliness(
        accepted_at=accepted_at, deadlines=deadlines_of_notice(notice), closures=frozenset()
    )


def test_accepted_at_17_29_59_eastern_on_the_deadline_day_is_timely(signed):
    result = timeliness_of(signed, eastern(2026, 4, 1, 17, 29, 59))
    assert result.deemed_filed_on == date(2026, 4, 1)
    assert result.timely


def test_accepted_at_17_30_01_eastern_on_the_deadline_day_is_one_business_day_late(signed):
    result = timeliness_of(signed, eastern(2026, 4, 1, 17, 30, 1))
    assert result.deemed_filed_on == date(2026, 4, 2)
    assert not result.timely
    assert result.business_days_late == 1


def test_the_cutoff_follows_daylight_time_in_utc(signed):
    # 1 April 2026 is daylight time (UTC-4): 5:29:59 p.m. Eastern is 21:29:59 UTC.
    from datetime import UTC

    assert timeliness_of(signed, datetime(2026, 4, 1, 21, 29, 59, tzinfo=UTC)).timely
    assert not timeliness_of(signed, datetime(2026, 4, 1, 21, 30, 1, tzinfo=UTC)).timely


def test_the_cutoff_follows_standard_time_in_utc(registrant):
    # A 10-Q for the quarter ended 30 September 2025: due Friday 14 November, notice due
    # Monday 17 November 2025, standard time (UTC-5): 5:30 p.m. is 22:30 UTC.
    from datetime import UTC

    notice = make_notice(registrant, form_type="10-Q", period_end=date(2025, 9, 30))
    assert deadlines_of_notice(notice).notice_due == date(2025, 11, 17)
    assert timeliness_of(notice, datetime(2025, 11, 17, 22, 29, 59, tzinfo=UTC)).timely
    # 21:30:01 UTC is 4:30:01 p.m. in standard time (it would be 5:30:01 p.m. in daylight time).
    assert timeliness_of(notice, datetime(2025, 11, 17, 21, 30, 1, tzinfo=UTC)).timely
    assert not timeliness_of(notice, datetime(2025, 11, 17, 22, 30, 1, tzinfo=UTC)).timely


def test_accepted_on_a_weekend_is_deemed_filed_the_next_business_day(registrant):
    # A 10-K due Friday 27 March: the notice is due Monday 30 March 2026.
    notice = make_notice(
        registrant, filer_status=FilerStatus.ACCELERATED, period_end=date(2026, 1, 11)
    )
    assert deadlines_of_notice(notice).notice_due == date(2026, 3, 30)
    saturday = timeliness_of(notice, eastern(2026, 3, 28, 10, 0))
    assert saturday.deemed_filed_on == date(2026, 3, 30)
    assert saturday.timely
    late_sunday = timeliness_of(notice, eastern(2026, 3, 29, 21, 0))
    assert late_sunday.deemed_filed_on == date(2026, 3, 30)


def test_accepted_on_the_deadline_evening_before_a_holiday_and_a_closure_day(registrant):
    # Notice due Wednesday 1 April; Thursday 2 April made an SEC closure day: accepted at
    # 6 p.m. on 1 April, the notice is deemed filed Friday 3 April, one business day late.
    SecClosureDay.objects.create(date=date(2026, 4, 2), reason="Test closure")
    notice = make_notice(registrant)
    result = notice_timeliness(
        accepted_at=eastern(2026, 4, 1, 18, 0),
        deadlines=deadlines_of_notice(notice),
        closures=frozenset({date(2026, 4, 2)}),
    )
    assert result.deemed_filed_on == date(2026, 4, 3)
    assert result.business_days_late == 1


# The service ----------------------------------------------------------------------------


def test_recording_the_filing_moves_the_notice_to_filed_with_an_event(signed, compliance_user):
    filing = record(signed, compliance_user, eastern(2026, 4, 1, 17, 0))
    signed.refresh_from_db()
    assert signed.status == NoticeStatus.FILED
    assert filing.accepted_at == eastern(2026, 4, 1, 17, 0)
    [event] = signed.events.all()
    assert event.action == NoticeEvent.Action.FILED
    assert (event.from_status, event.to_status) == (NoticeStatus.SIGNED, NoticeStatus.FILED)
    assert "0001193125-26-123456" in event.comment and "17:00:00 Eastern" in event.comment


@pytest.mark.parametrize("status", [NoticeStatus.DRAFT, NoticeStatus.APPROVED, NoticeStatus.FILED])
def test_the_filing_is_recorded_only_on_a_signed_notice(registrant, compliance_user, status):
    notice = make_notice(registrant, status=status)
    with pytest.raises(MoveRefused, match="only once it is signed"):
        record(notice, compliance_user, eastern(2026, 4, 1, 12, 0))
    assert not NoticeFiling.objects.exists()


def test_recording_needs_the_permission(signed, reviewer):
    with pytest.raises(MoveRefused, match="permission to record the EDGAR filing"):
        record(signed, reviewer, eastern(2026, 4, 1, 12, 0))
    assert not NoticeFiling.objects.exists()


def test_an_acceptance_in_the_future_is_refused(signed, compliance_user):
    from django.utils import timezone

    with pytest.raises(RecordRefused) as refusal:
        record(signed, compliance_user, timezone.now() + timedelta(hours=1))
    assert refusal.value.field == "accepted_at"


def test_records_never_change_or_go(signed, compliance_user):
    filing = record(signed, compliance_user, eastern(2026, 4, 1, 12, 0))
    filing.accession_number = "0001193125-26-999999"
    with pytest.raises(NoticeIsFinal):
        filing.save()
    with pytest.raises(NoticeIsFinal):
        filing.delete()
    with pytest.raises(NoticeIsFinal):
        NoticeFiling.objects.update(accession_number="0001193125-26-999999")
    with pytest.raises(NoticeIsFinal):
        NoticeFiling.objects.all().delete()
    assert NoticeFiling.objects.get().accession_number == ACCESSION


# The late report ------------------------------------------------------------------------


def filed(notice, user, accepted_at=None):
    record(notice, user, accepted_at or eastern(2026, 4, 1, 12, 0))
    notice.refresh_from_db()
    return notice


def outcome_of(notice, filed_on, today):
    deadlines = deadlines_of_notice(notice)
    timely = notice_timeliness(
        accepted_at=notice.filing.accepted_at, deadlines=deadlines, closures=frozenset()
    ).timely
    return report_outcome(
        deadlines=deadlines,
        notice_timely=timely,
        relief_claimed=bool(notice.relief_claimed),
        filed_on=filed_on,
        today=today,
    )


def test_a_report_filed_on_the_last_day_of_the_grace_period_is_within_it(signed, compliance_user):
    notice = filed(signed, compliance_user)
    outcome = outcome_of(notice, date(2026, 4, 15), date(2026, 5, 1))
    assert outcome.state == WITHIN_GRACE
    assert not outcome.is_late and outcome.missed_due_date is None


def test_a_report_filed_the_day_after_the_grace_period_is_late(signed, compliance_user):
    notice = filed(signed, compliance_user)
    outcome = outcome_of(notice, date(2026, 4, 16), date(2026, 5, 1))
    assert outcome.state == LATE
    assert outcome.missed_due_date == date(2026, 3, 31)


def test_a_report_filed_by_its_due_date_is_on_time(signed, compliance_user):
    notice = filed(signed, compliance_user)
    assert outcome_of(notice, date(2026, 3, 31), date(2026, 5, 1)).state == ON_TIME


def test_a_report_not_yet_filed_has_its_days_left(signed, compliance_user):
    notice = filed(signed, compliance_user)
    outcome = outcome_of(notice, None, date(2026, 4, 10))
    assert (outcome.state, outcome.days_left, outcome.last_day) == (
        NOT_YET_FILED,
        5,
        date(2026, 4, 15),
    )
    assert outcome_of(notice, None, date(2026, 4, 16)).state == NOT_FILED_LATE


def test_a_notice_without_relief_gives_no_grace(registrant, compliance_user):
    notice = filed(make_notice(registrant, relief_claimed=False), compliance_user)
    outcome = outcome_of(notice, date(2026, 4, 2), date(2026, 5, 1))
    assert not outcome.grace_applies
    assert outcome.state == LATE and outcome.last_day == date(2026, 3, 31)


def test_a_late_notice_gives_no_grace(signed, compliance_user):
    notice = filed(signed, compliance_user, eastern(2026, 4, 1, 17, 30, 1))
    outcome = outcome_of(notice, date(2026, 4, 10), date(2026, 5, 1))
    assert not outcome.grace_applies
    assert outcome.state == LATE


def test_the_report_is_recorded_once_on_a_filed_notice(signed, compliance_user):
    with pytest.raises(MoveRefused, match="only once it is filed"):
        notice_record_report(
            notice=signed,
            user=compliance_user,
            accession_number=ACCESSION,
            filed_on=date(2026, 4, 10),
        )
    notice = filed(signed, compliance_user)
    report = notice_record_report(
        notice=notice,
        user=compliance_user,
        accession_number="0001193125-26-200000",
        filed_on=date(2026, 4, 10),
    )
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.FILED
    assert notice.events.last().action == NoticeEvent.Action.REPORT_FILED
    assert report.filed_on == date(2026, 4, 10)
    with pytest.raises(MoveRefused, match="already recorded"):
        notice_record_report(
            notice=notice,
            user=compliance_user,
            accession_number="0001193125-26-200001",
            filed_on=date(2026, 4, 11),
        )
    assert ReportFiling.objects.count() == 1


def test_recording_the_report_needs_the_permission(signed, compliance_user, reviewer):
    notice = filed(signed, compliance_user)
    with pytest.raises(MoveRefused, match="permission"):
        notice_record_report(
            notice=notice,
            user=reviewer,
            accession_number="0001193125-26-200000",
            filed_on=date(2026, 4, 10),
        )


# What a late report costs ---------------------------------------------------------------


def test_the_consequence_dates_of_a_10k_due_31_march_2026():
    # The 10-K was due Tuesday 31 March 2026 (month M = March 2026). A Form S-3 filed on
    # 31 March 2027 looks back over March 2027's portion and the twelve calendar months
    # March 2026 to February 2027: it still reaches 31 March 2026. One filed on 1 April 2027
    # looks back over April 2026 to March 2027: it does not. So both end on 1 April 2027,
    # the first day of month M + 13.
    [timely_filer, form_s3] = CONSEQUENCE_RULES
    assert consequence_end(form_s3, date(2026, 3, 31)) == date(2027, 4, 1)
    assert consequence_end(timely_filer, date(2026, 3, 31)) == date(2027, 4, 1)
    # A 10-Q due 1 December 2026 (M = December): until 1 January 2028.
    assert consequence_end(form_s3, date(2026, 12, 1)) == date(2028, 1, 1)


def test_a_late_11k_does_not_count_and_an_unfiled_report_waits_for_the_report():
    late_11k = MissedReport("11-K", date(2026, 6, 29), filed=True)
    assert registrant_consequences(missed_reports=[late_11k], today=date(2026, 7, 1)) == []
    unfiled = MissedReport("10-Q", date(2024, 5, 15), filed=False)
    [timely, s3] = registrant_consequences(missed_reports=[unfiled], today=date(2026, 7, 1))
    assert s3.until == date(2025, 6, 1) and s3.waits_for_report
    filed_late = MissedReport("10-Q", date(2024, 5, 15), filed=True)
    assert registrant_consequences(missed_reports=[filed_late], today=date(2026, 7, 1)) == []


def test_the_registrant_keeps_the_latest_consequence(registrant, compliance_user):
    # Late 10-K (due 31 March 2026, filed 20 April) and a late 10-Q (due 15 May 2026, not
    # filed by 20 May, the end of its grace period): the 10-Q's May ends latest, 1 June 2027.
    tenk = filed(make_notice(registrant), compliance_user)
    notice_record_report(
        notice=tenk,
        user=compliance_user,
        accession_number="0001193125-26-300000",
        filed_on=date(2026, 4, 20),
    )
    tenq = make_notice(registrant, form_type="10-Q", period_end=date(2026, 3, 31))
    record(tenq, compliance_user, eastern(2026, 5, 18, 9, 0), accession="0001193125-26-300001")
    [timely, s3] = consequences_of_registrant(
        registrant, today=date(2026, 6, 1), closures=frozenset()
    )
    assert timely.until == s3.until == date(2027, 6, 1)
    assert s3.waits_for_report
    assert not timely.rule.confirmed and s3.rule.confirmed
    # Years later, the 10-Q still unfiled keeps both consequences; once it is filed, nothing
    # is left (both periods are past the window the registrant page reads by then).
    [timely, s3] = consequences_of_registrant(
        registrant, today=date(2030, 1, 2), closures=frozenset()
    )
    assert timely.waits_for_report and s3.waits_for_report and s3.until == date(2027, 6, 1)
    notice_record_report(
        notice=tenq,
        user=compliance_user,
        accession_number="0001193125-26-300002",
        filed_on=date(2026, 9, 1),
    )
    assert (
        consequences_of_registrant(registrant, today=date(2030, 1, 2), closures=frozenset()) == []
    )
    assert (
        consequences_of_registrant(registrant, today=date(2030, 12, 31), closures=frozenset()) == []
    )


def test_a_report_due_long_after_its_period_still_costs_the_registrant(registrant, compliance_user):
    # Its report due Monday 2 June 2025, eleven months after the period's end. Filed late on
    # 15 July 2025, it costs the registrant until 1 July 2026, past 615 days after the period.
    transition = make_late_transition_report(registrant)
    assert deadlines_of_notice(transition).report_due == date(2025, 6, 2)
    filed(transition, compliance_user, eastern(2025, 6, 2, 12, 0))
    notice_record_report(
        notice=transition,
        user=compliance_user,
        accession_number="0001193125-25-300003",
        filed_on=date(2025, 7, 15),
    )
    [timely, s3] = consequences_of_registrant(
        registrant, today=date(2026, 5, 1), closures=frozenset()
    )
    assert timely.until == s3.until == date(2026, 7, 1)
    assert (
        consequences_of_registrant(registrant, today=date(2026, 7, 1), closures=frozenset()) == []
    )


# Pages ----------------------------------------------------------------------------------


def notice_url(notice):
    return reverse("filings:resume", args=[notice.pk])


def post_filing(client, notice, **fields):
    data = {
        "accession_number": ACCESSION,
        "accepted_date": "2026-04-01",
        "accepted_time": "17:29:59",
        **fields,
    }
    return client.post(reverse("filings:record_filing", args=[notice.pk]), data)


def test_the_notice_page_records_the_filing_and_says_timely(compliance_client, signed):
    page = compliance_client.get(notice_url(signed)).content.decode()
    assert 'id="filing-record"' in page
    response = post_filing(compliance_client, signed)
    assert response.status_code == 302
    page = compliance_client.get(notice_url(signed)).content.decode()
    assert "Timely" in page and ACCESSION in page
    assert 'id="report-record"' in page
    # The time ends with "a.m." or "p.m.": no second full stop after it.
    assert "Recorded by casey, " in page and ".m.." not in page


def test_the_notice_page_says_late_after_5_30_pm(compliance_client, signed):
    post_filing(compliance_client, signed, accepted_time="17:30:01")
    page = compliance_client.get(notice_url(signed)).content.decode()
    assert "Late" in page
    assert "Filed 1 business day after the deadline" in page


def test_a_wrong_accession_number_shows_beside_the_field_with_the_input_kept(
    compliance_client, signed
):
    response = post_filing(compliance_client, signed, accession_number="12-34")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="filing-record-accession_number-error"' in page
    assert 'value="12-34"' in page and 'value="17:29:59"' in page
    signed.refresh_from_db()
    assert signed.status == NoticeStatus.SIGNED


@pytest.mark.parametrize(
    "fields",
    [
        {"accepted_date": "2026-02-31"},
        {"accepted_date": "0001-01-01"},
        {"accepted_date": "2025-12-31"},
        {"accepted_date": "99999-01-01"},
        {"accepted_time": "25:00"},
        {"accepted_time": "x"},
        {"accession_number": "\x00"},
        {"accession_number": "9" * 500},
        {"accession_number": ["a", "b"]},
    ],
)
def test_forged_filing_forms_are_errors_on_the_page(compliance_client, signed, fields):
    response = post_filing(compliance_client, signed, **fields)
    assert response.status_code == 400
    signed.refresh_from_db()
    assert signed.status == NoticeStatus.SIGNED


def test_forged_report_forms_are_errors_on_the_page(compliance_client, signed, compliance_user):
    notice = filed(signed, compliance_user)
    url = reverse("filings:record_report", args=[notice.pk])
    for data in (
        {"accession_number": "0001193125-26-400000", "filed_on": "2026-13-01"},
        {"accession_number": "0001193125-26-400000", "filed_on": "2025-01-01"},
        {"accession_number": ACCESSION, "filed_on": "2026-04-10"},
        {},
    ):
        assert compliance_client.post(url, data).status_code == 400
    assert not ReportFiling.objects.exists()


def test_a_reviewer_cannot_record_and_sees_no_form(reviewer_client, signed):
    assert 'id="filing-record"' not in reviewer_client.get(notice_url(signed)).content.decode()
    response = post_filing(reviewer_client, signed)
    assert response.status_code == 400
    assert "permission" in response.content.decode()
    signed.refresh_from_db()
    assert signed.status == NoticeStatus.SIGNED


def test_a_notice_of_another_team_is_a_404(client, colleague, signed):
    client.force_login(colleague)
    assert post_filing(client, signed).status_code == 404


def test_a_report_recorded_within_the_grace_period_on_the_page(
    compliance_client, signed, compliance_user
):
    notice = filed(signed, compliance_user)
    response = compliance_client.post(
        reverse("filings:record_report", args=[notice.pk]),
        {"accession_number": "0001193125-26-400000", "filed_on": "2026-04-15"},
    )
    assert response.status_code == 302
    page = compliance_client.get(notice_url(notice)).content.decode()
    assert "Within the grace period" in page
    registrant_page = compliance_client.get(
        reverse("registrants:detail", args=[notice.registrant_id])
    ).content.decode()
    assert "Timely filer" in registrant_page


def test_a_late_report_shows_its_consequences_on_the_registrant_page(
    compliance_client, signed, compliance_user, monkeypatch
):
    notice = filed(signed, compliance_user)
    compliance_client.post(
        reverse("filings:record_report", args=[notice.pk]),
        {"accession_number": "0001193125-26-400000", "filed_on": "2026-04-16"},
    )
    page = compliance_client.get(notice_url(notice)).content.decode()
    assert "Filed after its last day, April 15, 2026" in page
    registrant_url = reverse("registrants:detail", args=[notice.registrant_id])
    monkeypatch.setattr(record_panel, "today_eastern", lambda: date(2027, 3, 31))
    registrant_page = compliance_client.get(registrant_url).content.decode()
    assert "Not a timely filer until April 1, 2027" in registrant_page
    assert "Form S-3 not available until April 1, 2027" in registrant_page
    assert "the product's reading, unconfirmed" in registrant_page
    # From 1 April 2027 the missed due date of 31 March 2026 no longer counts.
    monkeypatch.setattr(record_panel, "today_eastern", lambda: date(2027, 4, 1))
    assert "Timely filer" in compliance_client.get(registrant_url).content.decode()
