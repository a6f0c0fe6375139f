"""Demo registrants and users: the Lexington Precision registrant of the seed notice, three
fictitious registrants of other filer statuses, one user per role, and a second compliance user
who is assigned to one registrant only (to show access by registrant). Loading again updates what
was loaded before instead of adding copies."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from registrants.models import (
    Contact,
    Exchange,
    FilerStatus,
    InvestmentCompanyType,
    Registrant,
    Series,
    ShareClass,
    Signer,
)
from registrants.roles import COMPLIANCE_STAFF, REGISTRANT_ADMINS, REVIEWERS, SIGNERS
from registrants.services import person_save

# (username, password, role, superuser)
DEMO_USERS = [
    ("admin", "admin-demo", REGISTRANT_ADMINS, True),
    ("compliance", "compliance-demo", COMPLIANCE_STAFF, False),
    ("harbor", "harbor-demo", COMPLIANCE_STAFF, False),
    ("reviewer", "reviewer-demo", REVIEWERS, False),
    ("signer", "signer-demo", SIGNERS, False),
]
# The demo users who sign electronically as a registrant's signer: (username, registrant, signer).
DEMO_SIGNER_USERS = [("signer", "Lexington Precision Corporation", "Warren Delano")]
HARBORVIEW_NAME = "Harborview Analytics, Inc."

DEMO_REGISTRANTS = [
    {
        # From ../shared/seeds/lexington_precision_nt10k_2004.txt.
        "registrant": {
            "name": "Lexington Precision Corporation",
            "street": "767 Third Avenue",
            "city": "New York",
            "state": "New York",
            "postal_code": "10017",
            "sec_file_number": "0-3252",
            "fiscal_year_end_month": 12,
            "fiscal_year_end_day": 31,
            "filer_status": FilerStatus.NON_ACCELERATED,
        },
        "contacts": [{"name": "Warren Delano", "area_code": "212", "phone_number": "319-4657"}],
        "signers": [
            {
                "name": "Warren Delano",
                "title": "President, Co-Principal Executive Officer",
                "is_executive_officer": True,
            }
        ],
    },
    {
        "registrant": {
            "name": "Harborview Analytics, Inc.",
            "former_name": "Harborview Data Systems, Inc.",
            "street": "200 Seaport Boulevard, Suite 1400",
            "city": "Boston",
            "state": "MA",
            "postal_code": "02210",
            "cik": "0001990101",
            "sec_file_number": "001-38412",
            "cusip": "41238A105",
            "fiscal_year_end_month": 12,
            "fiscal_year_end_day": 31,
            "filer_status": FilerStatus.LARGE_ACCELERATED,
            "exchange": Exchange.NASDAQ,
        },
        "contacts": [
            {
                "name": "Priya Raman",
                "area_code": "617",
                "phone_number": "555-0142",
                "email": "priya.raman@harborview.example",
            },
            {
                "name": "Daniel Okafor",
                "area_code": "617",
                "phone_number": "555-0187",
                "email": "daniel.okafor@harborview.example",
            },
        ],
        "signers": [
            {
                "name": "Margaret Chen",
                "title": "Chief Financial Officer",
                "is_executive_officer": True,
            },
            {
                "name": "Thomas Albright",
                "title": "Corporate Secretary",
                "is_executive_officer": False,
            },
        ],
    },
    {
        "registrant": {
            "name": "Cedar Ridge Bancorp",
            "street": "45 Main Street",
            "city": "Harrisonburg",
            "state": "VA",
            "postal_code": "22801",
            "cik": "0001990202",
            "sec_file_number": "000-51234",
            "cusip": "15073K204",
            "fiscal_year_end_month": 6,
            "fiscal_year_end_day": 30,
            "filer_status": FilerStatus.ACCELERATED,
        },
        "contacts": [{"name": "Laura Whitfield", "area_code": "540", "phone_number": "555-0119"}],
        "signers": [
            {
                "name": "Robert Hale",
                "title": "President and Chief Executive Officer",
                "is_executive_officer": True,
            }
        ],
    },
    {
        "registrant": {
            "name": "Meridian Tax-Exempt Income Fund",
            "street": "One Liberty Plaza, 12th Floor",
            "city": "New York",
            "state": "NY",
            "postal_code": "10006",
            "cik": "0001990303",
            "sec_file_number": "811-09876",
            "fiscal_year_end_month": 10,
            "fiscal_year_end_day": 31,
            "filer_status": FilerStatus.INVESTMENT_COMPANY,
            "investment_company_type": InvestmentCompanyType.OPEN_END,
        },
        # Fictitious identifiers, like the fund itself.
        "series": [
            (
                "S000071234",
                "Meridian Tax-Exempt Income Fund",
                [("C000223401", "Class A"), ("C000223402", "Institutional Class")],
            )
        ],
        "contacts": [
            {
                "name": "Sofia Marquez",
                "area_code": "212",
                "phone_number": "555-0166",
                "email": "fund.admin@meridianfunds.example",
            }
        ],
        "signers": [{"name": "Alan Brooks", "title": "Treasurer", "is_executive_officer": True}],
    },
]


def load_demo_registrants() -> None:
    for entry in DEMO_REGISTRANTS:
        fields = entry["registrant"]
        registrant, _ = Registrant.objects.update_or_create(name=fields["name"], defaults=fields)
        for person_model, key in ((Contact, "contacts"), (Signer, "signers")):
            for position, person_fields in enumerate(entry[key]):
                person, _ = person_model.objects.update_or_create(
                    registrant=registrant, name=person_fields["name"], defaults=person_fields
                )
                person_save(person=person, make_default=position == 0)
        for identifier, name, classes in entry.get("series", []):
            series, _ = Series.objects.update_or_create(
                identifier=identifier, defaults={"registrant": registrant, "name": name}
            )
            for class_identifier, class_name in classes:
                ShareClass.objects.update_or_create(
                    identifier=class_identifier, defaults={"series": series, "name": class_name}
                )


def load_demo_users() -> None:
    for username, password, role, is_superuser in DEMO_USERS:
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.set_password(password)
        # Example addresses (RFC 2606), so the demo's e-mails show on the worker's console.
        user.email = f"{username}@filings.example"
        user.is_staff = is_superuser
        user.is_superuser = is_superuser
        user.save()
        user.groups.add(Group.objects.get(name=role))
    # Registrant admins see every registrant; compliance staff only those assigned to them.
    demo_registrants = Registrant.objects.filter(
        name__in=[entry["registrant"]["name"] for entry in DEMO_REGISTRANTS]
    )
    for username in ("compliance", "reviewer", "signer"):
        get_user_model().objects.get(username=username).assigned_registrants.add(*demo_registrants)
    for username, registrant_name, signer_name in DEMO_SIGNER_USERS:
        signer = Signer.objects.get(registrant__name=registrant_name, name=signer_name)
        signer.user = get_user_model().objects.get(username=username)
        signer.save()
    harbor = get_user_model().objects.get(username="harbor")
    harbor.assigned_registrants.add(Registrant.objects.get(name=HARBORVIEW_NAME))
