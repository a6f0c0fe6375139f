from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from filings import record_panel
from filings.deadline_views import coming_deadlines
from filings.pagination import KeptCountPaginator, count_key
from filings.selectors import (
    NOTICE_TABLE_FIELDS,
    consequences_of_registrant,
    notice_table_rows,
    sec_closure_days,
)
from registrants.access import get_registrant_for_user
from registrants.forms import (
    ContactForm,
    RegistrantForm,
    RegistrantSearchForm,
    SignerForm,
    error_entries,
)
from registrants.history import HISTORY_PAGE_ENTRIES, history_cursor
from registrants.models import Contact, Registrant, Signer
from registrants.selectors import (
    REGISTRANT_TABLE_FIELDS,
    registrant_history,
    registrant_suggestions,
    registrant_table_rows,
    registrants_matching,
)
from registrants.services import person_delete, person_save

REGISTRANTS_PER_PAGE = 25
NOTICES_PER_PAGE = 25

# Each kind of person: its model, form, and the words the pages use for it.
PEOPLE = {
    "contacts": (Contact, ContactForm, "contact"),
    "signers": (Signer, SignerForm, "signer"),
}


def _require_person_permission(request: HttpRequest, action: str, kind: str) -> None:
    if not request.user.has_perm(f"registrants.{action}_{PEOPLE[kind][2]}"):
        raise PermissionDenied


def _get_person(registrant: Registrant, kind: str, person_id: int) -> Contact | Signer:
    """A contact or signer of this registrant; another registrant's person is a 404."""
    person_model = PEOPLE[kind][0]
    return get_object_or_404(person_model, pk=person_id, registrant=registrant)


@permission_required("registrants.view_registrant", raise_exception=True)
def registrant_list(request: HttpRequest) -> HttpResponse:
    """Template registrants/registrant_list.html; context: form (search), page (of registrants)."""
    form = RegistrantSearchForm(request.GET or None)
    registrants = Registrant.objects.visible_to(request.user)
    status, query = "active", ""
    if form.is_valid():
        status = form.cleaned_data["status"] or "active"
        query = form.cleaned_data["q"].strip()
        if query:
            registrants = registrants_matching(registrants, query)
    if status != "all":
        registrants = registrants.filter(is_active=status == "active")
    registrants = registrants.only(*REGISTRANT_TABLE_FIELDS)
    page = KeptCountPaginator(
        registrants,
        REGISTRANTS_PER_PAGE,
        count_key=count_key("registrant", request.user, {"q": query, "status": status}),
    ).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "registrants/registrant_list.html",
        {
            "form": form,
            "page": page,
            "registrant_rows": registrant_table_rows(page.object_list),
            "query_string": query_without_page.urlencode(),
        },
    )


@permission_required("registrants.view_registrant", raise_exception=True)
def registrant_choices(request: HttpRequest) -> JsonResponse:
    """JSON {"suggestions": [label, ...]} for a registrant chooser (registrants.choosers): the
    registrants the user may see that match `q`, only active ones with `active=1`."""
    registrants = Registrant.objects.visible_to(request.user)
    if request.GET.get("active"):
        registrants = registrants.filter(is_active=True)
    # PostgreSQL cannot search for a NUL character.
    query = request.GET.get("q", "")[:200].replace("\x00", "").strip()
    return JsonResponse({"suggestions": registrant_suggestions(registrants, query)})


@permission_required("registrants.view_registrant", raise_exception=True)
def registrant_detail(request: HttpRequest, registrant_id: int) -> HttpResponse:
    """Template registrants/registrant_detail.html; context: registrant, a page of its notices
    (when the user may see notices), most recently changed first, the consequences of its late
    reports (filings.timeliness.Consequence), its coming deadlines (an active registrant's; see
    filings.deadline_views.coming_deadlines), contacts, signers, history (its newest entries,
    registrants.history.HistoryPage)."""
    registrant = get_registrant_for_user(request.user, registrant_id)
    can_see_notices = request.user.has_perm("filings.view_notice")
    notices = (
        registrant.notices.only(*NOTICE_TABLE_FIELDS).order_by("-updated_at", "-pk")
        if can_see_notices
        else []
    )
    page = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    closures = sec_closure_days()
    return render(
        request,
        "registrants/registrant_detail.html",
        {
            **coming_deadlines([registrant] if registrant.is_active else [], closures=closures),
            "registrant": registrant,
            "consequences": (
                consequences_of_registrant(
                    registrant, today=record_panel.today_eastern(), closures=closures
                )
                if can_see_notices
                else None
            ),
            "page": page,
            "notice_rows": notice_table_rows(page.object_list),
            "contacts": registrant.contacts.all(),
            "signers": registrant.signers.all(),
            "history": registrant_history(registrant),
        },
    )


@permission_required("registrants.view_registrant", raise_exception=True)
def registrant_history_page(request: HttpRequest, registrant_id: int) -> HttpResponse:
    """Template registrants/registrant_history.html; context: registrant, cursor (where the
    page starts, from the query string: registrants.history.history_cursor) and history, a
    page of HISTORY_PAGE_ENTRIES entries of its history (registrants.history.HistoryPage)."""
    registrant = get_registrant_for_user(request.user, registrant_id)
    cursor = history_cursor(request.GET)
    return render(
        request,
        "registrants/registrant_history.html",
        {
            "registrant": registrant,
            "cursor": cursor,
            "history": registrant_history(registrant, limit=HISTORY_PAGE_ENTRIES, cursor=cursor),
        },
    )


@permission_required("registrants.add_registrant", raise_exception=True)
def registrant_create(request: HttpRequest) -> HttpResponse:
    form = RegistrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registrant = form.save()
        messages.success(request, f"Registrant {registrant.name} created.")
        return redirect(registrant)
    return render(
        request,
        "registrants/registrant_form.html",
        {"form": form, "error_summary": error_entries(form) if form.is_bound else []},
    )


@permission_required("registrants.change_registrant", raise_exception=True)
def registrant_edit(request: HttpRequest, registrant_id: int) -> HttpResponse:
    registrant = get_registrant_for_user(request.user, registrant_id)
    form = RegistrantForm(request.POST or None, instance=registrant)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Registrant {registrant.name} saved.")
        return redirect(registrant)
    return render(
        request,
        "registrants/registrant_form.html",
        {
            "form": form,
            "registrant": registrant,
            "error_summary": error_entries(form) if form.is_bound else [],
        },
    )


def _person_form_page(request, registrant: Registrant, kind: str, person=None) -> HttpResponse:
    person_model, form_class, noun = PEOPLE[kind]
    if person is None:
        person = person_model(registrant=registrant)
    saved_name = person.name  # the heading keeps it while the form shows what was typed
    form = form_class(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        person_save(person=form.save(commit=False), make_default=form.cleaned_data["make_default"])
        messages.success(request, f"{noun.capitalize()} {person.name} saved.")
        return redirect(registrant)
    return render(
        request,
        "registrants/person_form.html",
        {
            "form": form,
            "registrant": registrant,
            "person": person,
            "saved_name": saved_name,
            "noun": noun,
            "error_summary": error_entries(form) if form.is_bound else [],
        },
    )


def person_create(request: HttpRequest, registrant_id: int, kind: str) -> HttpResponse:
    _require_person_permission(request, "add", kind)
    return _person_form_page(request, get_registrant_for_user(request.user, registrant_id), kind)


def person_edit(
    request: HttpRequest, registrant_id: int, kind: str, person_id: int
) -> HttpResponse:
    _require_person_permission(request, "change", kind)
    registrant = get_registrant_for_user(request.user, registrant_id)
    return _person_form_page(request, registrant, kind, _get_person(registrant, kind, person_id))


@require_POST
def person_delete_view(
    request: HttpRequest, registrant_id: int, kind: str, person_id: int
) -> HttpResponse:
    _require_person_permission(request, "delete", kind)
    registrant = get_registrant_for_user(request.user, registrant_id)
    person = _get_person(registrant, kind, person_id)
    person_delete(person=person)
    messages.success(request, f"{PEOPLE[kind][2].capitalize()} {person.name} removed.")
    return redirect(registrant)
