"""The data `manage.py benchmark_pages` measures with: many registrants and notices inserted in
bulk (history rows are not written for them), the demo's final Lexington notice with its stored
documents, a draft with every step saved, and a signed-in compliance user who sees them all."""

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection, transaction
from django.utils.crypto import get_random_string

from filings.deadlines import REPORT_FORMS
from filings.demo import LEXINGTON_NAME, LEXINGTON_NOTICE, LEXINGTON_SIGNER, load_demo_notices
from filings.models import Notice, NoticeSigner, NoticeStatus
from filings.selectors import notices_for_list
from filings.wizard import STEPS
from filings.wizard_views import NOTICE_LIST_MAX_ROWS, NOTICES_PER_PAGE
from registrants.demo import load_demo_registrants
from registrants.models import Contact, FilerStatus, Registrant, Signer
from registrants.roles import COMPLIANCE_STAFF, REVIEWERS

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


def _seed_registrants(count: int, progress: Callable) -> None:
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


def _seed_notices(count: int, progress: Callable) -> None:
    rng = random.Random(12)
    registrants = list(
        Registrant.objects.exclude(name=LEXINGTON_NAME).values_list(
            "pk", "name", "filer_status", "sec_file_number"
        )
    )
    made = Notice.objects.count()
    statuses = NoticeStatus.values
    while made < count:
        batch = []
        for _number in range(made, min(made + BATCH, count)):
            pk, name, status, file_number = rng.choice(registrants)
            form_type = rng.choice(FORMS.get(status, ["10-K", "10-Q", "10-Q", "10-Q"]))
            period_end = date(2005, 3, 31) + timedelta(days=91 * rng.randrange(80))
            batch.append(
                Notice(
                    registrant_id=pk,
                    status=rng.choice(statuses),
                    form_type=form_type,
                    filer_status=status,
                    period_end=period_end,
                    registrant_name=name,
                    sec_file_number=file_number,
                    street="1 Main Street",
                    city_state_zip="New York, New York 10017",
                    relief_claimed=True,
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
        made += len(batch)
        progress("notices", made, count)


def _user() -> User:
    user, _ = User.objects.get_or_create(username=BENCHMARK_USER)
    user.groups.add(Group.objects.get(name=COMPLIANCE_STAFF))
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


def _reviewer() -> User:
    """A reviewer on the benchmark team, who approves the demo notice (another person than its
    preparer: segregation of duties)."""
    reviewer, _ = User.objects.get_or_create(username=BENCHMARK_REVIEWER)
    reviewer.groups.add(Group.objects.get(name=REVIEWERS), Group.objects.get(name=BENCHMARK_TEAM))
    return reviewer


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
    return {
        label: notices_for_list(user=user, **filters)[:25].explain(analyze=True)
        for label, filters in searches.items()
    }


def prepare(*, registrants: int, notices: int, progress: Callable, writer_mark: str) -> dict:
    """Migrate, seed up to the given numbers (a database seeded before is topped up, not
    seeded again), and answer the facts the benchmark's addresses and bodies need."""
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        load_demo_registrants()
        _seed_registrants(registrants, progress)
        user = _user()
        load_demo_notices(prepared_by=user, approved_by=_reviewer())
        draft = _draft(user)
    final = Notice.objects.get(
        registrant=draft.registrant,
        form_type=LEXINGTON_NOTICE["form_type"],
        period_end=LEXINGTON_NOTICE["period_end"],
        is_amendment=False,
    )
    with transaction.atomic():
        _seed_notices(notices, progress)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
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
