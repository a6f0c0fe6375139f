"""The notice wizard's pages: the list of notices, starting a notice, each step, the review
and what is done from it (finalizing, the reviewer's reason, confirming copied text)."""

from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from filings.access import get_notice_for_user
from filings.deadlines import (
    EASTERN,
    deemed_filing_date,
    is_after_cutoff_on_deadline_day,
    is_past_notice_deadline,
)
from filings.document import long_date, notice_document
from filings.formats import notice_files
from filings.forms import (
    DeadlinePreviewForm,
    NoticeFilterForm,
    NoticeStartForm,
    RestatementReviewForm,
)
from filings.lifecycle import SUBMIT, last_return, moves_for
from filings.lifecycle_views import notice_page
from filings.middleware import KEPT_INPUT_WAITING, keeps_typed_input_through_login
from filings.models import Notice, NoticeIsFinal, NoticeNotEditable
from filings.pagination import KeptCountPaginator, count_key
from filings.rules import copied_text_problems
from filings.selectors import (
    deadlines_of_notice,
    exchange_steps_of_notice,
    notice_answers_version,
    notice_history,
    notice_suggestions,
    notice_table_rows,
    notices_for_list,
    pending_uploads,
    sec_closure_days,
)
from filings.services import (
    NoticeChangedMeanwhile,
    NoticeNotReady,
    notice_confirm_copied_text,
    notice_create,
    notice_discard_pending,
    notice_drop_pending_uploads,
    notice_keep_pending,
    notice_keep_uploads,
    notice_record_restatement_review,
    notice_save_step,
    notice_to_copy_from,
    notice_version,
    typed_input_take,
    typed_input_waiting,
)
from filings.uploads import validate_pdf_upload
from filings.wizard import (
    FIRST_STEP,
    REVIEW,
    STEPS,
    STEPS_BY_SLUG,
    Step,
    as_query_dict,
    completed_slugs,
    first_incomplete_step,
    next_step,
    pending_data,
    previous_step,
    problems_by_step,
    step_index,
    step_url,
)
from registrants.models import Registrant
from registrants.selectors import registrants_named_by

NOTICES_PER_PAGE = 25
# Step 1 opened for a report that already has notices names this many of them, latest first.
SAME_REPORT_SHOWN = 3
# Why a notice that is not a draft cannot be changed, by whether it is final.
NOT_EDITABLE = {
    False: "this notice is in review and cannot be changed until a reviewer sends it back.",
    True: "this notice is final and can no longer change; file an amendment.",
}

# The notice list counts and pages through this many notices at most: past it, the list says
# "1,000 or more" and the search and filters narrow it. Counting 200,000 notices on every page
# would cost more than the rest of the page.
NOTICE_LIST_MAX_ROWS = 1000


# The hidden field of a step page with the version of the answers it was loaded with.
VERSION_FIELD = "answers_version"


def _progress(notice: Notice | None, current: Step, user) -> list[dict]:
    """The progress indicator: each step with its state and, when it can be opened, its URL."""
    done = completed_slugs(notice, user) if notice else set()
    reachable = step_index(first_incomplete_step(notice, user)) if notice else 0
    return [
        {
            "step": step,
            "number": number,
            "is_current": step == current,
            "is_complete": step.slug in done,
            "url": step_url(notice, step) if notice and number - 1 <= reachable else "",
        }
        for number, step in enumerate(STEPS, start=1)
    ]


@permission_required("filings.view_notice", raise_exception=True)
def notice_list(request: HttpRequest) -> HttpResponse:
    """Template filings/notice_list.html; context: page of notices (KeptCountPaginator), the
    filter form, max_rows."""
    form = NoticeFilterForm(request.GET)
    form.fields["registrant"].queryset = form.fields["registrant"].queryset.filter(
        pk__in=Registrant.objects.visible_to(request.user).values("pk")
    )
    # A filter that does not parse is ignored, not an error.
    filters = form.cleaned_data if form.is_valid() else {}
    notices = notices_for_list(user=request.user, **filters)
    page = KeptCountPaginator(
        notices,
        NOTICES_PER_PAGE,
        count_key=count_key("notice", request.user, filters),
        cap=NOTICE_LIST_MAX_ROWS,
    ).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "filings/notice_list.html",
        {
            "page": page,
            "notice_rows": notice_table_rows(page.object_list),
            "form": form,
            "query_string": query_without_page.urlencode(),
            "max_rows": f"{NOTICE_LIST_MAX_ROWS:,}",
        },
    )


def _id_parameter(request: HttpRequest, name: str) -> int | None:
    """A positive id from the query string, or None for anything else."""
    value = request.GET.get(name, "")
    if value.isascii() and value.isdecimal() and len(value) <= 12:
        return int(value)
    return None


def _report_parameters(request: HttpRequest) -> dict:
    """The report a coming-deadline row starts a notice for ("Start notice"): its form, period
    end and filer status from the query string, each left out unless it is a valid answer."""
    parameters = DeadlinePreviewForm(
        {name: request.GET.get(name, "") for name in ("form_type", "period_end", "filer_status")}
    )
    parameters.is_valid()
    return {
        name: parameters.cleaned_data[name]
        for name in ("form_type", "period_end", "filer_status")
        if parameters.cleaned_data.get(name) and name not in parameters.errors
    }


@permission_required("filings.view_notice", raise_exception=True)
def notice_choices(request: HttpRequest) -> JsonResponse:
    """JSON {"suggestions": [label, ...]} for the "notice being amended" chooser: the notices
    the user may see of one registrant, given by id (`registrant`) or as typed into its
    chooser (`registrant_search`), that match `q`."""
    registrants = Registrant.objects.visible_to(request.user)
    typed = request.GET.get("registrant_search")
    if typed is not None:
        registrants = registrants_named_by(registrants, _typed_parameter(typed))
    else:
        registrants = registrants.filter(pk=_id_parameter(request, "registrant") or 0)
    found = list(registrants[:2])
    if len(found) != 1:
        return JsonResponse({"suggestions": []})
    notices = Notice.objects.visible_to(request.user).filter(registrant=found[0])
    query = _typed_parameter(request.GET.get("q", ""))
    return JsonResponse({"suggestions": notice_suggestions(notices, query)})


def _typed_parameter(value: str) -> str:
    # PostgreSQL cannot search for a NUL character.
    return value[:200].replace("\x00", "").strip()


@keeps_typed_input_through_login
@permission_required("filings.add_notice", raise_exception=True)
def notice_new(request: HttpRequest) -> HttpResponse:
    """Step 1 for a notice that does not exist yet; a valid submit creates the draft."""
    initial = {
        "registrant": _id_parameter(request, "registrant"),
        "planned_filing_date": _today(),
        **_report_parameters(request),
    }
    amends_id = _id_parameter(request, "amends")
    visible_notices = Notice.objects.visible_to(request.user)
    original = visible_notices.filter(pk=amends_id).first() if amends_id else None
    if original is not None:
        # "Start an amendment": the same report and period, linked to the notice it amends.
        initial.update(
            registrant=original.registrant_id,
            form_type=original.form_type,
            filer_status=original.filer_status,
            period_end=original.period_end,
            is_amendment=True,
            amends=original.pk,
        )
    # "Start notice" on a report that has a notice already: say so, with a link to it.
    same_report = []
    if (
        request.method == "GET"
        and original is None
        and all(initial.get(name) for name in ("registrant", "form_type", "period_end"))
    ):
        same_report = list(
            visible_notices.filter(
                registrant_id=initial["registrant"],
                form_type=initial["form_type"],
                period_end=initial["period_end"],
                is_amendment=False,
            ).order_by("-updated_at", "-pk")[:SAME_REPORT_SHOWN]
        )
    data = request.POST or _input_kept_through_login(request)
    form = NoticeStartForm(data or None, initial=initial)
    form.fields["registrant"].queryset = form.fields["registrant"].queryset.filter(
        pk__in=Registrant.objects.visible_to(request.user).values("pk")
    )
    form.fields["amends"].queryset = visible_notices
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["copy_previous"] and not notice_to_copy_from(
            form.cleaned_data["registrant"]
        ):
            messages.info(
                request,
                "The registrant has no earlier notice with Parts III and IV filled in; they "
                "start from the registrant record.",
            )
        notice = notice_create(
            registrant=form.cleaned_data["registrant"],
            answers=form.answers(),
            copy_previous=form.cleaned_data["copy_previous"],
            saved_step=FIRST_STEP.slug,
            signature_date=form.cleaned_data["planned_filing_date"] or _today(),
            user=request.user,
        )
        if request.POST.get("action") == "exit":
            messages.success(request, "Notice started and saved.")
            return redirect("filings:list")
        return redirect(step_url(notice, next_step(FIRST_STEP)))
    return render(
        request,
        "filings/step.html",
        {
            "form": form,
            "step": FIRST_STEP,
            "progress": _progress(None, FIRST_STEP, request.user),
            "is_new": True,
            "same_report_notices": same_report,
            "error_summary": form.error_entries() if form.is_bound else [],
        },
    )


@permission_required("filings.view_notice", raise_exception=True)
def notice_resume(request: HttpRequest, notice_id: int) -> HttpResponse:
    """A draft, for whoever may edit it: the first step that is not complete. Otherwise the
    notice page (filings.lifecycle_views.notice_page): its state, the moves the user may
    make, its timeline and documents."""
    notice = get_notice_for_user(request, notice_id, change=False)
    if notice.is_editable and request.user.has_perm("filings.change_notice"):
        return redirect(step_url(notice, first_incomplete_step(notice, request.user)))
    return notice_page(request, notice)


def _input_kept_through_login(request: HttpRequest):
    """What this user posted to this page after their session expired, once, as form data."""
    if not request.session.get(KEPT_INPUT_WAITING):
        return None
    data = typed_input_take(user=request.user, path=request.path)
    if not typed_input_waiting(user=request.user):
        del request.session[KEPT_INPUT_WAITING]
    if data is None:
        return None
    messages.warning(
        request,
        "You were signed out before this page was saved. What you typed is back on the page: "
        "check it and press Next to save it. Files chosen for upload must be chosen again.",
    )
    return as_query_dict(data)


@keeps_typed_input_through_login
def notice_step(request: HttpRequest, notice_id: int, slug: str) -> HttpResponse:
    """One wizard step (template filings/step.html), or the review (filings/review.html).
    Every valid submit saves; an invalid one keeps what was typed as pending input."""
    notice = get_notice_for_user(request, notice_id, change=True)
    step = STEPS_BY_SLUG.get(slug)
    if step is None:
        raise Http404("No such step")
    if not notice.is_editable:
        messages.info(request, capfirst(NOT_EDITABLE[notice.is_final]))
        return redirect("filings:resume", notice.pk)
    first_incomplete = first_incomplete_step(notice, request.user)
    if step_index(step) > step_index(first_incomplete):
        messages.info(request, f"Finish \u201c{first_incomplete.title}\u201d first.")
        return redirect(step_url(notice, first_incomplete))
    if step.is_review:
        return _review(request, notice)

    return_to_review = request.GET.get("return") == "review"
    if request.method == "POST":
        try:
            return _submit_step(request, notice, step, return_to_review)
        except NoticeNotEditable as refusal:
            # Submitted or approved in another tab while this page was being filled in.
            messages.info(
                request,
                "Nothing was changed: " + NOT_EDITABLE[isinstance(refusal, NoticeIsFinal)],
            )
            return redirect("filings:resume", notice.pk)
    data = _input_kept_through_login(request) or pending_data(notice, step, request.user)
    if data:
        files = _kept_files(request, notice, step, MultiValueDict())
        form = step.bind(notice, data, files, user=request.user)
        # Typed against the answers of that time: a save checks that they are still those.
        loaded_version = data.get(VERSION_FIELD)
    else:
        form = step.bind(notice, user=request.user)
        loaded_version = None
    return _step_page(request, notice, step, form, return_to_review, version=loaded_version)


def _kept_files(request, notice: Notice, step: Step, chosen: MultiValueDict) -> MultiValueDict:
    """The files chosen now, and those kept from an earlier try for the fields without one."""
    files = chosen.copy()
    for kept in _kept_uploads(request, notice, step):
        if kept.field_key not in files:
            with kept.file.open("rb") as handle:
                files[kept.field_key] = SimpleUploadedFile(
                    kept.filename, handle.read(), "application/pdf"
                )
    return files


def _kept_uploads(request, notice: Notice, step: Step) -> list:
    """The files kept for the user on the step until it is saved (none on a step without files)."""
    if not step.takes_files:
        return []
    return pending_uploads(notice=notice, step_slug=step.slug, user=request.user)


def _with_version(kept: dict, version: str | None) -> dict:
    """What was typed, with the version of the answers the page was loaded with."""
    return {**kept, VERSION_FIELD: [version]} if version else kept


def _valid_pdfs(files: MultiValueDict, keys: list[str]) -> dict:
    """The valid PDFs among the files posted under the form's own file fields."""
    uploads = {}
    for key, upload in files.items():
        if key not in keys:
            continue
        try:
            validate_pdf_upload(upload)
        except ValidationError:
            continue
        uploads[key] = upload
    return uploads


def _submit_step(
    request: HttpRequest, notice: Notice, step: Step, return_to_review: bool
) -> HttpResponse:
    """Save a step, or keep what was typed when it does not validate (see notice_step)."""
    action = request.POST.get("action", "next")
    if action == "discard":
        notice_discard_pending(notice=notice, step_slug=step.slug, user=request.user)
        messages.info(request, "Your unsaved changes to this page are discarded.")
        return redirect(request.get_full_path())
    form = step.bind(
        notice,
        request.POST,
        _kept_files(request, notice, step, request.FILES),
        user=request.user,
    )
    back_to = previous_step(step) if action == "back" else None
    if form.is_valid():
        try:
            notice_save_step(
                notice=notice,
                step_slug=step.slug,
                answers=form.answers(),
                signer_rows=form.signer_rows(),
                seen_version=request.POST.get(VERSION_FIELD),
                version_fields=step.fields,
                user=request.user,
            )
        except NoticeChangedMeanwhile as changed:
            return _changed_meanwhile(request, changed.saved, step, form, return_to_review)
        if step.takes_files:
            notice_drop_pending_uploads(notice=notice, step_slug=step.slug, user=request.user)
        if action == "exit" or (action == "back" and back_to is None):
            messages.success(request, "Your notice is saved. Resume it from this list.")
            return redirect("filings:list")
        if back_to is not None:
            return redirect(step_url(notice, back_to))
        return redirect(step_url(notice, REVIEW if return_to_review else next_step(step)))
    loaded_version = request.POST.get(VERSION_FIELD)
    notice_keep_pending(
        notice=notice,
        step_slug=step.slug,
        kept=_with_version(form.kept_input(), loaded_version),
        user=request.user,
    )
    notice_keep_uploads(
        notice=notice,
        step_slug=step.slug,
        uploads=_valid_pdfs(request.FILES, form.file_keys()),
        user=request.user,
    )
    if action in {"exit", "back"}:
        messages.warning(
            request,
            f"\u201c{step.title}\u201d has problems, so it is not saved yet; what you typed "
            "is kept and shown when you return to it.",
        )
        return redirect(step_url(notice, back_to) if back_to else reverse("filings:list"))
    return _step_page(
        request,
        Notice.objects.get(pk=notice.pk),
        step,
        form,
        return_to_review,
        version=loaded_version,
    )


def _changed_meanwhile(request, saved: Notice, step: Step, form, return_to_review) -> HttpResponse:
    """A colleague saved this step after the page was loaded: nothing is written. What the
    user typed is kept and shown again, beside the answers now saved, to merge and save."""
    changes = {
        "rows": changed_answers(step, saved, form),
        "saved_by": saved.updated_by,
        "saved_at": saved.updated_at,
    }
    # The user has now seen the answers as saved: what they typed is kept against those.
    notice_keep_pending(
        notice=saved,
        step_slug=step.slug,
        kept=_with_version(form.kept_input(), notice_answers_version(saved, step.fields)),
        user=request.user,
    )
    notice = Notice.objects.get(pk=saved.pk)
    typed = step.bind(notice, as_query_dict(form.kept_input()), user=request.user)
    typed.is_valid()
    return _step_page(request, notice, step, typed, return_to_review, changes)


def changed_answers(step: Step, saved: Notice, form) -> list[dict]:
    """The step's answers that differ between the saved notice and what the user typed, each
    with its label and both versions as text. Uploads are not compared: a new file replaces
    the saved one only when the page is saved."""
    rows = []
    for name, typed in form.answers().items():
        model_field = Notice._meta.get_field(name)
        if isinstance(model_field, FileField):
            continue
        saved_text = _answer_text(model_field, getattr(saved, name))
        typed_text = _answer_text(model_field, typed)
        if saved_text != typed_text:
            rows.append(
                {
                    "label": capfirst(model_field.verbose_name),
                    "saved": saved_text,
                    "typed": typed_text,
                }
            )
    if (signer_rows := form.signer_rows()) is not None:
        saved_signers = [f"{signer.name}, {signer.title}" for signer in saved.signers.all()]
        typed_signers = [
            f"{row['name']}, {row['title']}" for row in signer_rows if not row.get("DELETE")
        ]
        if saved_signers != typed_signers:
            rows.append(
                {
                    "label": "Signers",
                    "saved": "\n".join(saved_signers),
                    "typed": "\n".join(typed_signers),
                }
            )
    return rows


def _answer_text(model_field, value) -> str:
    if value is None or value == "":
        return "(no answer)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return long_date(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _step_page(
    request, notice, step, form, return_to_review, changes=None, version=None
) -> HttpResponse:
    """The step's page. `version` is the version of the answers the user's input was typed
    against, when it is shown again; otherwise the answers as saved now."""
    error_summary = form.error_entries() if form.is_bound else []
    if changes:
        error_summary = [
            (
                "changed-answers",
                "Page",
                "Someone else saved this page after you opened it. Nothing of yours is lost: "
                "compare the answers, merge them, and save again.",
            ),
            *error_summary,
        ]
    return render(
        request,
        "filings/step.html",
        {
            "notice": notice,
            "form": form,
            "step": step,
            "progress": _progress(notice, step, request.user),
            "has_previous": previous_step(step) is not None,
            "return_to_review": return_to_review,
            "error_summary": error_summary,
            "version_field": VERSION_FIELD,
            "version": version or notice_answers_version(notice, step.fields),
            "shows_unsaved_input": form.is_bound,
            "changes": changes,
            "kept_uploads": _kept_uploads(request, notice, step),
            "returned": _returned_about(notice, step),
            **(step.panel_context(notice, _now()) if step.panel_context else {}),
        },
    )


def _returned_about(notice: Notice, step: Step):
    """The reviewer's comment the notice was sent back with, on the step it concerns (the
    review page shows a comment about the notice as a whole, and every comment)."""
    returned = last_return(notice)
    if returned is None or not (step.is_review or returned.step == step.slug):
        return None
    return returned


def _now() -> datetime:
    """The current time; tests replace this seam to stand at a deadline."""
    return timezone.now()


def _today() -> date:
    """Today in Eastern time, where SEC deadlines are counted."""
    return _now().astimezone(EASTERN).date()


def timing_warnings(deadlines, now: datetime) -> list[str]:
    """What the clock says about filing the notice now: past its deadline, or on the deadline
    day after the 5:30 p.m. Eastern cut-off of Regulation S-T Rule 13(a)(2)."""
    today = now.astimezone(EASTERN).date()
    notice_due = deadlines.notice_due
    if is_past_notice_deadline(deadlines=deadlines, today=today):
        return [
            f"The last day to file this notice was {notice_due:%A, %B} {notice_due.day}, "
            f"{notice_due.year}. Filed now, the notice is late and the report cannot be deemed "
            "filed on time under Rule 12b-25(b)."
        ]
    if is_after_cutoff_on_deadline_day(now=now, deadline=notice_due):
        deemed = deemed_filing_date(submitted_at=now, closures=sec_closure_days())
        return [
            "It is after 5:30 p.m. Eastern on the last day to file this notice: an EDGAR "
            f"submission started now counts as filed on {deemed:%A, %B} {deemed.day}, a day late."
        ]
    return []


def _review(request: HttpRequest, notice: Notice) -> HttpResponse:
    # The signers, read once: the rules check them and the document lists them.
    prefetch_related_objects([notice], "signers")
    forms = {}
    problems = []
    for step, problem in problems_by_step(notice):
        form = forms.setdefault(step.slug, step.bind(notice, user=request.user))
        # The link lands on the control itself (static/js/app.js focuses it).
        anchor = form.field_anchor(problem.field)
        url = f"{step_url(notice, step, return_to_review=True)}#{anchor}"
        problems.append({"problem": problem, "url": url, "step": step})
    deadlines = deadlines_of_notice(notice)
    document = notice_document(notice)
    edit_urls = {
        step.slug.replace("-", "_"): step_url(notice, step, return_to_review=True)
        for step in STEPS
        if not step.is_review
    }
    return render(
        request,
        "filings/review.html",
        {
            "notice": notice,
            "step": REVIEW,
            "progress": _progress(notice, REVIEW, request.user),
            "blocking": [entry for entry in problems if entry["problem"].blocking],
            "warnings": [entry for entry in problems if not entry["problem"].blocking],
            "edit_urls": edit_urls,
            "deadlines": deadlines,
            "timing_warnings": (
                timing_warnings(deadlines, _now()) if deadlines and not notice.is_amendment else []
            ),
            "version": notice_version(notice),
            "may_submit": SUBMIT in moves_for(notice, request.user),
            "returned": _returned_about(notice, REVIEW),
            "restatement_review_form": (
                RestatementReviewForm()
                if any(
                    entry["problem"].blocking and entry["problem"].field == "restatement_expected"
                    for entry in problems
                )
                else None
            ),
            "copied_text_flagged": bool(copied_text_problems(notice)),
            "exchange_steps": exchange_steps_of_notice(notice, deadlines),
            "files": notice_files(notice, document["exhibits"]),
            "history": notice_history(notice),
            **document,
        },
    )


@require_POST
def notice_restatement_review(request: HttpRequest, notice_id: int) -> HttpResponse:
    """A reviewer records why the notice may be finished although it does not disclose the
    expected restatement (the review page's form)."""
    notice = get_notice_for_user(request, notice_id, change=True)
    form = RestatementReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason before recording it.")
    else:
        try:
            notice_record_restatement_review(
                notice=notice, reason=form.cleaned_data["reason"], user=request.user
            )
            messages.success(request, "The reviewer's reason is recorded.")
        except NoticeNotEditable as refusal:
            messages.error(request, capfirst(NOT_EDITABLE[isinstance(refusal, NoticeIsFinal)]))
        except NoticeNotReady as reason:
            messages.error(request, str(reason))
    return redirect(step_url(notice, REVIEW))


@require_POST
def notice_confirm_copied_text_view(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The user confirms that the text copied from an earlier notice still holds."""
    notice = get_notice_for_user(request, notice_id, change=True)
    try:
        notice_confirm_copied_text(notice=notice, user=request.user)
    except NoticeNotEditable as refusal:
        messages.error(request, capfirst(NOT_EDITABLE[isinstance(refusal, NoticeIsFinal)]))
    return redirect(step_url(notice, REVIEW))
