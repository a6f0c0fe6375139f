"""Random and hostile requests to every URL pattern of the project, the Django admin's included,
as an anonymous visitor, a compliance user and an admin: never a 5xx, and final notices, their
signers and their stored documents stay byte for byte as they were.

Hypothesis draws the URL, its path arguments (real ids, huge, zero, non-numeric), the method,
the query string or the form (huge strings, NUL characters, lone surrogates sent as invalid
UTF-8, fields missing or sent twice, forged formset counts and ids) and, for some POSTs, fake or
oversized uploads or a body declared too large. The run is bounded and derandomized, so each
run sends the same requests."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filings.demo import LEXINGTON_NOTICE
from filings.models import Notice, NoticeDocument, NoticeSigner, NoticeStatus
from filings.services import notice_finalize
from filings.uploads import MAX_UPLOAD_BYTES
from filings.wizard import STEPS
from registrants.roles import COMPLIANCE_STAFF
from tests import seed
from tests.conftest import make_user
from tests.test_wizard import post_step, start_notice, step_url

pytestmark = pytest.mark.django_db

HOSTILE_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "abc",
    "99999999999999999999",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "x" * 200_000,
    "\n\r\t",
    "2004-03-31",
    "9999-12-31",
]
MEANINGFUL_VALUES = [
    "True",
    "False",
    "on",
    "next",
    "back",
    "exit",
    "10-K",
    "10-Q",
    "N-CSR",
    "accelerated",
    "investment_company",
    "5000",
    "0",
    "1",
    "yes",
    "delete_selected",
]
FIELD_NAMES = sorted(
    {
        *(field.name for model in (Notice, NoticeSigner, User) for field in model._meta.fields),
        *(
            f"signers-{index}-{name}"
            for index in (0, 1, 9999)
            for name in (
                "id",
                "name",
                "title",
                "is_executive_officer",
                "evidence_of_authority",
                "DELETE",
            )
        ),
        *(
            f"signers-{name}"
            for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
        ),
        "action",
        "version",
        "copy_previous",
        "q",
        "page",
        "status",
        "registrant",
        "amends",
        "period_end",
        "form_type",
        "variant",
        "post",
        "_save",
        "_continue",
        "_selected_action",
        "select_across",
        "index",
        "o",
        "p",
        "e",
        "term",
        "app_label",
        "model_name",
        "field_name",
        "format",
        "resource",
        "import_file",
        "import_file_name",
        "original_file_name",
        "username",
        "password",
        "password1",
        "password2",
        "next",
        "cik",
        "cusip",
        "sec_file_number",
        "fiscal_year_end_month",
        "fiscal_year_end_day",
        "kind",
        "distribution_date",
        "transmission_date",
        "csrfmiddlewaretoken",
    }
)
UPLOADS = [
    ("statement.pdf", b"%PDF-1.4\n%%EOF\n"),
    ("statement.pdf", b"MZ not a pdf at all"),
    ("statement.exe", b"%PDF-1.4\n%%EOF\n"),
    ("", b""),
    ("big.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES),
]
ROLES = ["anonymous", "compliance", "admin"]
EXAMPLES_PER_PATTERN = 3
# The wizard's pages take the most fields, so they get more requests.
EXAMPLES_FOR = {"filings:step": 20, "filings:new": 20}


def url_patterns(resolver: URLResolver, namespace: str = ""):
    """(view name, argument names) of every named URL pattern, included ones too."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            yield from url_patterns(
                pattern, f"{namespace}:{inner}".strip(":") if inner else namespace
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = pattern.pattern
            arguments = tuple(sorted(getattr(route, "converters", {}) or route.regex.groupindex))
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, arguments


PATTERNS = sorted(set(url_patterns(get_resolver())))
KNOWN_ARGUMENTS = {
    "app_label": ["auth", "filings", "registrants"],
    "kind": ["contacts", "signers"],
    "slug": [step.slug for step in STEPS] + ["nope"],
    "extension": ["htm", "txt", "pdf"],
}


def pattern_cases() -> list[tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]]:
    """(view name, argument names, fixed arguments): a pattern taking a known argument, such as
    a wizard step's slug, is tried with each of its values, then with any value."""
    cases = []
    for name, arguments in PATTERNS:
        cases.append((name, arguments, ()))
        for argument in arguments:
            cases += [
                (name, arguments, ((argument, value),))
                for value in KNOWN_ARGUMENTS.get(argument, [])
            ]
    return cases


@st.composite
def hostile_request(
    draw,
    name: str,
    arguments: tuple[str, ...],
    fixed: tuple[tuple[str, str], ...],
    ids: dict[str, list[str]],
):
    """(role, method, path, body mode, pairs, uploads) of one request to the URL pattern;
    `ids` gives the real ids worth trying for each path argument ("" for any other)."""
    values = dict(fixed)
    for argument in arguments:
        if argument in values:
            continue
        kind = draw(st.sampled_from(["real"] * 3 + ["number", "text"]))
        if kind == "real":
            values[argument] = draw(
                st.sampled_from(KNOWN_ARGUMENTS.get(argument) or ids.get(argument) or ids[""])
            )
        elif kind == "number":
            values[argument] = str(draw(st.integers(0, 10**20)))
        else:
            values[argument] = draw(
                st.text(
                    st.characters(blacklist_categories=("Cs",), blacklist_characters="/"),
                    min_size=1,
                    max_size=12,
                )
            )
    try:
        path = reverse(name, kwargs=values)
    except NoReverseMatch:
        path = reverse(
            name,
            kwargs={
                argument: (KNOWN_ARGUMENTS.get(argument) or ids.get(argument) or ids[""])[0]
                for argument in values
            },
        )
    value = st.sampled_from(HOSTILE_TEXT + MEANINGFUL_VALUES + ids[""]) | st.text(max_size=30)
    key = st.sampled_from(FIELD_NAMES) | st.text(max_size=20)
    pairs = draw(st.lists(st.tuples(key, value), max_size=12))
    method = draw(st.sampled_from(["GET", "POST"]))
    mode = draw(st.sampled_from(["urlencoded", "multipart"] * 3 + ["declared-huge"]))
    uploads = draw(st.lists(st.tuples(key, st.sampled_from(UPLOADS)), max_size=2))
    return draw(st.sampled_from(ROLES)), method, path, mode, pairs, uploads


def final_state() -> list:
    """Every column of the final notices, their signers and their documents."""
    finals = {"notice__status": NoticeStatus.APPROVED}
    return [
        list(Notice.objects.filter(status=NoticeStatus.APPROVED).order_by("pk").values()),
        list(NoticeSigner.objects.filter(**finals).order_by("pk").values()),
        [
            {**row, "content": bytes(row["content"])}
            for row in NoticeDocument.objects.filter(**finals).order_by("pk").values()
        ],
    ]


def send(client: Client, method: str, path: str, mode: str, pairs, uploads):
    if method == "GET":
        query = urlencode(pairs, errors="surrogatepass")
        return client.get(f"{path}?{query}" if query else path)
    if mode == "declared-huge":
        return client.generic(
            "POST",
            path,
            b"x=1",
            content_type="application/x-www-form-urlencoded",
            CONTENT_LENGTH=str(300 * 1024 * 1024),
        )
    if mode == "urlencoded":
        body = urlencode(pairs, errors="surrogatepass")
        return client.generic("POST", path, body, content_type="application/x-www-form-urlencoded")
    data: dict[str, list] = {}
    for key, value in pairs:
        # Multipart text goes out as UTF-8: a lone surrogate is replaced, as a browser does.
        data.setdefault(key, []).append(value.encode("utf-8", "replace").decode("utf-8"))
    for key, (filename, content) in uploads:
        data.setdefault(key, []).append(SimpleUploadedFile(filename or "blank", content))
    return client.post(path, data)


@pytest.fixture
def world(seed_notice, lexington, django_user_model):
    """A final notice with its documents, a draft with a signer, and the three roles."""
    compliance = make_user("fuzz-compliance", COMPLIANCE_STAFF)
    admin = django_user_model.objects.create_superuser("fuzz-admin", password=None)
    final = notice_finalize(notice=seed_notice, user=compliance)
    # A complete draft, so that every step and the review can be opened.
    draft = Notice.objects.create(registrant=lexington, **LEXINGTON_NOTICE)
    draft_signer = NoticeSigner.objects.create(
        notice=draft, name="Warren Delano", title="President"
    )
    final_signer = final.signers.get()
    contact = lexington.default_contact
    ids = {
        "notice_id": [draft.pk, final.pk],
        "signer_id": [draft_signer.pk, final_signer.pk],
        "registrant_id": [lexington.pk],
        "person_id": [contact.pk, lexington.default_signer_id],
        "id": [compliance.pk, admin.pk],
        "": [draft.pk, final.pk, lexington.pk, contact.pk, compliance.pk, admin.pk],
    }
    ids = {argument: [str(pk) for pk in pks] for argument, pks in ids.items()}
    return {"ids": ids, "compliance": compliance, "admin": admin, "draft": draft}


def test_no_request_gets_a_server_error_or_changes_a_final_notice(world):
    before = final_state()

    def no_server_error(request):
        role, method, path, mode, pairs, uploads = request
        # Every step of the draft stays open: unsaved input kept by an earlier request would
        # otherwise send every later one back to that step.
        Notice.objects.filter(pk=world["draft"].pk, status=NoticeStatus.DRAFT).update(
            pending_input={}, saved_steps=LEXINGTON_NOTICE["saved_steps"]
        )
        # A fresh browser for each request (a POST to /logout/ signs only that one out).
        client = Client(raise_request_exception=True)
        if role != "anonymous":
            user = User.objects.filter(pk=world[role].pk).first()
            if user is not None:
                client.force_login(user)
        response = send(client, method, path, mode, pairs, uploads)
        assert response.status_code < 500, (role, method, path, mode, response.status_code)
        assert final_state() == before, (role, method, path, mode)

    # Every pattern gets its share of requests, a few each so that the suite stays fast.
    for name, arguments, fixed in pattern_cases():
        settings(
            max_examples=EXAMPLES_FOR.get(name, EXAMPLES_PER_PATTERN),
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            database=None,
        )(given(request=hostile_request(name, arguments, fixed, world["ids"]))(no_server_error))()


def test_step_one_sent_without_a_report_shows_the_error_and_stays_open(
    compliance_client, lexington
):
    # Found by the test above: the step's heading named the EDGAR type of no report.
    notice = start_notice(compliance_client, lexington)
    response = post_step(compliance_client, notice, "report", seed.report_step(form_type=""))
    assert response.status_code == 200
    assert "form_type" in response.context["form"].errors
    assert compliance_client.get(step_url(notice, "report")).status_code == 200
