"""The data `manage.py benchmark_pages` measures with: many registrants and notices inserted in
bulk (history rows are not written for them), the demo's final Lexington notice with its stored
documents, a draft with every step saved, and a signed-in compliance user who sees them all.
`manage.py benchmark_dashboard` seeds its registrants and notices the same way."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection, transaction
from django.utils.crypto import get_random_string

from filings.deadlines import EASTERN, REPORT_FORMS, NoticeDeadlines, compute_deadlines
from filings.demo import LEXINGTON_NAME, LEXINGTON_NOTICE, LEXINGTON_SIGNER, load_demo_notices
from filings.due_dates import notice_due_dates_refresh
from filings.models import Notice, NoticeFiling, NoticeSigner, NoticeStatus, ReportFiling
from filings.selectors import notices_for_list
from filings.wizard import STEPS
from filings.wizard_views import NOTICE_LIST_MAX_ROWS, NOTICES_PER_PAGE
from registrants.demo import load_demo_registrants
from registrants.models import Contact, FilerStatus, Registrant, Signer
from registrants.roles import COMPLIANCE_STAFF, REVIEWERS
from registrants.selectors import registrants_matching

BENCHMARK_USER = "benchmark-pages"
BENCHMARK_REVIEWER = "benchmark-reviewer"
BENCHMARK_TEAM = "Benchmark team"
BATCH = 5000
# The draft whose steps are measured; the benchmark's writers start notices for 30 June.
DRAFT_PERIOD_END = date(2026, 3, 31)
WORDS = [
    "Atlas",
    "Beacon",
    "Cedar",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Iron",
    "Juniper",
    "Keystone",
    "Lumen",
    "Meridian",
    "Northwind",
    "Orchard",
    "Pinnacle",
    "Quarry",
    "Ridge",
    "Summit",
    "Tidewater",
    "Union",
    "Vantage",
    "Willow",
    "Yardley",
    "Zenith",
]
OPERATING = [
    FilerStatus.LARGE_ACCELERATED,
    FilerStatus.ACCELERATED,
    FilerStatus.NON_ACCELERATED,
    FilerStatus.NON_ACCELERATED,
]
FORMS = {
    FilerStatus.INVESTMENT_COMPANY: ["N-CEN", "N-CSR"],
    FilerStatus.FOREIGN_PRIVATE_ISSUER: ["20-F"],
}


def _name(number: int) -> str:
    return f"{WORDS[number % len(WORDS)]} {WORDS[number // len(WORDS) % len(WORDS)]} {number} Inc."


def seed_registrants(count: int, progress: Callable) -> None:
    rng = random.Random(15)
    made = Registrant.objects.count()
    while made < count:
        batch = []
        for number in range(made, min(made + BATCH, count)):
            status = rng.choice(
                [*OPERATING, FilerStatus.INVESTMENT_COMPANY, FilerStatus.FOREIGN_PRIVATE_ISSUER]
            )
            batch.append(
                Registrant(
                    name=_name(number),
                    street=f"{number} Main Street",
                    city="New York",
                    state="New York",
                    postal_code="10017",
                    cik=f"{1_000_000 + number:010d}",
                    sec_file_number=f"001-{10_000 + number}",
                    fiscal_year_end_month=rng.choice([12, 12, 12, 3, 6, 9]),
                    fiscal_year_end_day=31,
                    filer_status=status,
                    is_active=rng.random() < 0.95,
                )
            )
        for registrant in batch:
            if registrant.fiscal_year_end_month in (6, 9):
                registrant.fiscal_year_end_day = 30
        Registrant.objects.bulk_create(batch)
        made += len(batch)
        progress("registrants", made, count)
    new_ones = Registrant.objects.filter(contacts__isnull=True)
    Contact.objects.bulk_create(
        Contact(registrant=r, name="Pat Doe", area_code="212", phone_number="555-0100")
        for r in new_ones
    )
    Signer.objects.bulk_create(
        Signer(registrant=r, name="Pat Doe", title="Chief Financial Officer")
        for r in Registrant.objects.filter(signers__isnull=True)
    )


# How a seeded notice moves along the lifecycle: notices whose deadline passed long ago are
# mostly filed (a few drafts were abandoned and are stale), those around today are in every
# state. Weights in percent.
SETTLED_STATUSES = {
    NoticeStatus.FILED: 93,
    NoticeStatus.DRAFT: 5,
    NoticeStatus.IN_REVIEW: 1,
    NoticeStatus.APPROVED: 0.5,
    NoticeStatus.SIGNED: 0.5,
}
OPEN_STATUSES = {
    NoticeStatus.FILED: 35,
    NoticeStatus.DRAFT: 30,
    NoticeStatus.IN_REVIEW: 15,
    NoticeStatus.APPROVED: 10,
    NoticeStatus.SIGNED: 10,
}
SETTLED_AFTER_DAYS = 60
SEEDED_YEARS = 10


def _quarter_ends(today: date) -> list[date]:
    """The calendar quarter ends of the last SEEDED_YEARS years, the latest before `today`."""
    return [
        date(year, month, 30 if month in (6, 9) else 31)
        for year in range(today.year - SEEDED_YEARS, today.year + 1)
        for month in (3, 6, 9, 12)
        if today - timedelta(days=365 * SEEDED_YEARS) < date(year, month, 28) < today
    ]


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass(frozen=True)
class _Seeded:
    """What a seeded notice became: its status, when EDGAR accepted it (filed ones) and when
    its report was filed (None while it is not)."""

    status: str
    accepted_at: datetime | None = None
    report_filed_on: date | None = None


def _lifecycle(rng: random.Random, deadlines: NoticeDeadlines, period_end: date, today: date):
    """A plausible state for a notice with these deadlines on `today`: filed mostly on its
    deadline (one in ten a few days late), its report mostly filed in the grace period, some
    late or never, none of it after yesterday."""
    settled = deadlines.notice_due < today - timedelta(days=SETTLED_AFTER_DAYS)
    status = _pick(rng, SETTLED_STATUSES if settled else OPEN_STATUSES)
    accepted_on = deadlines.notice_due + timedelta(days=rng.choice([0] * 9 + [3]))
    accepted_on = min(accepted_on, today - timedelta(days=1))
    if status != NoticeStatus.FILED:
        return _Seeded(status)
    if accepted_on <= period_end:
        return _Seeded(NoticeStatus.SIGNED)
    accepted_at = datetime.combine(accepted_on, clock(rng.choice([10, 15, 17])), tzinfo=EASTERN)
    chance = rng.random()
    if chance < 0.65:
        filed_on = deadlines.report_due + timedelta(days=rng.randrange(deadlines.grace_days + 1))
    elif chance < 0.8:
        filed_on = deadlines.grace_end + timedelta(days=rng.randrange(1, 120))
    else:
        filed_on = None
    if filed_on is not None:
        filed_on = max(filed_on, accepted_on)
    if filed_on is not None and filed_on >= today:
        filed_on = None
    return _Seeded(status, accepted_at, filed_on)


def seed_notices(count: int, progress: Callable, *, today: date | None = None) -> None:
    """Notices up to `count` in all, inserted in bulk: quarterly reports of the seeded
    registrants over the last ten years up to `today`, with the EDGAR filing records of the
    filed ones and the filing of most of their reports (filings.lifecycle writes the same rows
    one by one), and their dates on the dashboard (filings.due_dates)."""
    today = today or date.today()
    rng = random.Random(12)
    registrants = list(
        Registrant.objects.exclude(name=LEXINGTON_NAME).values_list(
            "pk", "name", "filer_status", "sec_file_number"
        )
    )
    quarter_ends = _quarter_ends(today)
    counted: dict[tuple, NoticeDeadlines] = {}
    made = Notice.objects.count()
    recorded_at = datetime.now(tz=EASTERN)
    while made < count:
        batch, seeded = [], []
        for _number in range(made, min(made + BATCH, count)):
            pk, name, status, file_number = rng.choice(registrants)
            form_type = rng.choice(FORMS.get(status, ["10-K", "10-Q", "10-Q", "10-Q"]))
            period_end = rng.choice(quarter_ends)
            key = (form_type, status, period_end)
            if key not in counted:
                counted[key] = compute_deadlines(
                    form_type=form_type, period_end=period_end, filer_status=status, closures=()
                )
            state = _lifecycle(rng, counted[key], period_end, today)
            seeded.append(state)
            batch.append(
                Notice(
                    registrant_id=pk,
                    status=state.status,
                    form_type=form_type,
                    filer_status=status,
                    period_end=period_end,
                    registrant_name=name,
                    sec_file_number=file_number,
                    street="1 Main Street",
                    city_state_zip="New York, New York 10017",
                    relief_claimed=rng.random() < 0.9,
                    third_party_cause=False,
                    narrative=(
                        f"The registrant could not complete its Form {form_type} for the period "
                        f"ended {period_end:%B %d, %Y} without unreasonable effort or expense "
                        "because the audit of its inventory count is not yet finished."
                    ),
                    contact_name="Pat Doe",
                    contact_area_code="212",
                    contact_phone="555-0100",
                    other_reports_filed=True,
                    significant_change=False,
                    signature_registrant_name=name,
                    signature_date=period_end + timedelta(days=REPORT_FORMS[form_type].grace_days),
                    saved_steps=[step.slug for step in STEPS if not step.is_review],
                )
            )
        Notice.objects.bulk_create(batch)
        pairs = [(notice, state) for notice, state in zip(batch, seeded, strict=True)]
        NoticeFiling.objects.bulk_create(
            NoticeFiling(
                notice=notice,
                accession_number=_accession_number(1, notice.pk),
                accepted_at=state.accepted_at,
                recorded_at=recorded_at,
                recorded_by_name=BENCHMARK_USER,
            )
            for notice, state in pairs
            if state.accepted_at
        )
        ReportFiling.objects.bulk_create(
            ReportFiling(
                notice=notice,
                accession_number=_accession_number(2, notice.pk),
                filed_on=state.report_filed_on,
                recorded_at=recorded_at,
                recorded_by_name=BENCHMARK_USER,
            )
            for notice, state in pairs
            if state.report_filed_on
        )
        # Bulk inserts send no signal: the dashboard's index is filled here.
        notice_due_dates_refresh(notices=Notice.objects.filter(pk__in=[n.pk for n in batch]))
        made += len(batch)
        progress("notices", made, count)


def _accession_number(filer: int, number: int) -> str:
    """A well-formed accession number of its own for each seeded record."""
    return f"{filer:010d}-{number // 1_000_000 % 100:02d}-{number % 1_000_000:06d}"


def _user(username: str = BENCHMARK_USER, role: str = COMPLIANCE_STAFF) -> User:
    user, _ = User.objects.get_or_create(username=username)
    user.groups.add(Group.objects.get(name=role))
    team, _ = Group.objects.get_or_create(name=BENCHMARK_TEAM)
    user.groups.add(team)
    through = Registrant.assigned_teams.through
    assigned = set(through.objects.filter(group=team).values_list("registrant_id", flat=True))
    through.objects.bulk_create(
        through(registrant_id=pk, group=team)
        for pk in Registrant.objects.values_list("pk", flat=True)
        if pk not in assigned
    )
    return user


def _signed_in_session(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _draft(user: User) -> Notice:
    """A draft of the Lexington notice with every step saved, for the wizard's pages."""
    registrant = Registrant.objects.get(name=LEXINGTON_NAME)
    draft = Notice.objects.filter(
        registrant=registrant, form_type="10-Q", period_end=DRAFT_PERIOD_END, is_amendment=False
    ).first()
    if draft is None:
        draft = Notice(registrant=registrant, **{**LEXINGTON_NOTICE, "form_type": "10-Q"})
        draft.period_end = DRAFT_PERIOD_END
        draft.filer_status = FilerStatus.NON_ACCELERATED
        draft.signature_date = date(2026, 5, 15)
        draft.created_by = draft.updated_by = user
        draft.save()
        NoticeSigner.objects.create(notice=draft, **LEXINGTON_SIGNER)
    return draft


def _explain() -> dict[str, str]:
    if connection.vendor != "postgresql":
        return {}
    user = User.objects.get(username=BENCHMARK_USER)
    sample = Registrant.objects.order_by("pk")[Registrant.objects.count() // 2]
    searches = {
        "first page": {},
        "search by name": {"q": sample.name.split()[0] + " " + sample.name.split()[1]},
        "search by CIK": {"q": sample.cik.lstrip("0")},
        "search by file number": {"q": sample.sec_file_number},
        "filter by registrant": {"registrant": sample},
        "filter by form": {"form_type": "10-Q"},
        "filter by status": {"status": NoticeStatus.DRAFT},
    }
    plans = {
        f"notice list, {label}": notices_for_list(user=user, **filters)[:25].explain(analyze=True)
        for label, filters in searches.items()
    }
    # As registrants.views.registrant_list reads its first page.
    active = Registrant.objects.visible_to(user).filter(is_active=True)
    plans["registrant list, first page"] = active[:25].explain(analyze=True)
    # The registrants a search names, as the notice list, the registrant list and the chooser
    # read them (the trigram indexes of migration registrants 0009).
    plans["registrants matching a search by name"] = (
        registrants_matching(Registrant.objects.all(), searches["search by name"]["q"])
        .values("pk")
        .explain(analyze=True)
    )
    return plans


def prepare(*, registrants: int, notices: int, progress: Callable, writer_mark: str) -> dict:
    """Migrate, seed up to the given numbers (a database seeded before is topped up, not
    seeded again), and answer the facts the benchmark's addresses and bodies need."""
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        load_demo_registrants()
        seed_registrants(registrants, progress)
        user = _user()
        # The demo notice is approved by someone else (segregation of duties).
        load_demo_notices(prepared_by=user, approved_by=_user(BENCHMARK_REVIEWER, REVIEWERS))
        draft = _draft(user)
    final = Notice.objects.get(
        registrant=draft.registrant,
        form_type=LEXINGTON_NOTICE["form_type"],
        period_end=LEXINGTON_NOTICE["period_end"],
        is_amendment=False,
    )
    with transaction.atomic():
        seed_notices(notices, progress)
    if connection.vendor == "postgresql":
        # As autovacuum would have done by the time a database grew this large (it is on by
        # default; a server with it off, like this machine's, would otherwise serve the
        # benchmark from tables that were never vacuumed: no visibility map for index-only
        # scans, every row's hint bits still to set).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    sample = Registrant.objects.order_by("pk")[Registrant.objects.count() // 2]
    lexington = draft.registrant
    return {
        "session": _signed_in_session(user),
        "csrf": get_random_string(32),
        "registrant_id": sample.pk,
        "name_query": sample.name.split()[0] + "+" + sample.name.split()[1],
        "cik": sample.cik.lstrip("0"),
        "file_number": sample.sec_file_number,
        "status": NoticeStatus.DRAFT,
        "deep_page": NOTICE_LIST_MAX_ROWS // NOTICES_PER_PAGE,
        "draft_id": draft.pk,
        "final_id": final.pk,
        "explain": _explain(),
        "bodies": {
            "part_3": {"narrative": LEXINGTON_NOTICE["narrative"], "action": "next"},
            "new_notice": {
                "registrant": lexington.pk,
                "form_type": "10-Q",
                "filer_status": "",
                "period_end": "2026-06-30",
                "distribution_date": "",
                "transmission_date": "",
                "transition_period_end": "",
                "transition_decision_date": "",
                "is_portion": "on",
                "portion_items": writer_mark,
                "amends": "",
                "planned_filing_date": "2026-08-14",
                "action": "exit",
            },
        },
    }


def written_notices(*, writer_mark: str) -> dict:
    """How many notices the writers started, with every field they sent and without."""
    written = Notice.objects.filter(portion_items=writer_mark)
    complete = written.filter(form_type="10-Q", period_end=date(2026, 6, 30), is_portion=True)
    return {"complete": complete.count(), "incomplete": written.count() - complete.count()}
