"""The notice page (a notice that is no longer a draft, or seen by someone who may not edit
it), its history page, and the moves along the lifecycle made from it and from the review
page."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from filings.access import get_notice_for_user
from filings.document import notice_document
from filings.formats import notice_files
from filings.forms import MoveForm
from filings.lifecycle import (
    APPROVE,
    RETURN,
    SUBMIT,
    MoveRefused,
    approver_must_differ,
    moves_for,
    notice_approve,
    notice_return,
    notice_submit,
)
from filings.models import Notice, NoticeStatus
from filings.record_panel import records_panel_context
from filings.rules import notice_problems
from filings.selectors import (
    deadlines_of_notice,
    exchange_steps_of_notice,
    notice_history,
)
from filings.services import notice_version
from filings.signing import signing_overview
from filings.signing_forms import SignedPdfForm
from filings.wizard import REVIEW, STEPS, step_url
from registrants.history import HISTORY_PAGE_ENTRIES, history_cursor

# The URL slug of each move made from a page, and where the page is.
MOVE_SLUGS = {"submit": SUBMIT, "return": RETURN, "approve": APPROVE}
WIZARD_STEPS = [step for step in STEPS if not step.is_review]


def notice_page(
    request: HttpRequest,
    notice: Notice,
    *,
    move_form: MoveForm | None = None,
    authentication_form: SignedPdfForm | None = None,
    records_forms: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The notice with its state, the moves the user may make, its signing (signing_overview),
    its timeline, its stored documents with their SHA-256 and its history (template
    filings/notice_detail.html)."""
    document = notice_document(notice)
    deadlines = deadlines_of_notice(notice)
    moves = moves_for(notice, request.user)
    return render(
        request,
        "filings/notice_detail.html",
        {
            "files": notice_files(notice, document["exhibits"]),
            "deadlines": deadlines,
            "exchange_steps": exchange_steps_of_notice(notice, deadlines),
            "history": notice_history(notice),
            "events": notice.events.all(),
            "moves": {move.action: move for move in moves},
            "move_form": move_form or MoveForm(steps=WIZARD_STEPS),
            "version": notice_version(notice),
            # What the preparer was warned of, for the reviewer to weigh.
            "warnings": (
                [problem for problem in notice_problems(notice) if not problem.blocking]
                if notice.status == NoticeStatus.IN_REVIEW
                else []
            ),
            "approver_is_last_editor": (
                approver_must_differ() and notice.updated_by_id == request.user.pk
            ),
            **signing_overview(notice, request.user),
            "authentication_form": authentication_form or SignedPdfForm(),
            **records_panel_context(notice, deadlines, user=request.user, **(records_forms or {})),
            **document,
        },
        status=status,
    )


def notice_history_page(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Template filings/notice_history.html; context: notice, cursor (where the page starts,
    from the query string: registrants.history.history_cursor) and history, a page of
    HISTORY_PAGE_ENTRIES entries of its history (registrants.history.HistoryPage). The notice
    is fetched as for the notice page."""
    notice = get_notice_for_user(request, notice_id, change=False)
    cursor = history_cursor(request.GET)
    return render(
        request,
        "filings/notice_history.html",
        {
            "notice": notice,
            "cursor": cursor,
            "history": notice_history(notice, limit=HISTORY_PAGE_ENTRIES, cursor=cursor),
        },
    )


@require_POST
def notice_move(request: HttpRequest, notice_id: int, move: str) -> HttpResponse:
    """Submit, send back or approve (MOVE_SLUGS), with the comment given. A refusal is shown on
    the page the move was made from, with the comment kept."""
    notice = get_notice_for_user(request, notice_id, change=False)
    chosen = MOVE_SLUGS.get(move)
    if chosen is None:
        raise Http404("No such move")
    form = MoveForm(request.POST, steps=WIZARD_STEPS)
    if not form.is_valid():
        if chosen is SUBMIT:
            messages.error(request, "The comment is too long; keep it under 2,000 characters.")
            return redirect(step_url(notice, REVIEW))
        return notice_page(request, notice, move_form=form, status=400)
    try:
        comment = form.cleaned_data["comment"]
        version = form.cleaned_data["version"] or None
        if chosen is SUBMIT:
            notice_submit(notice=notice, user=request.user, comment=comment, seen_version=version)
            messages.success(
                request, "The notice is submitted for review. Nobody can change it while it is."
            )
        elif chosen is RETURN:
            notice_return(
                notice=notice, user=request.user, comment=comment, step=form.cleaned_data["step"]
            )
            messages.success(request, "The notice is back in draft, with your comment.")
        else:
            notice_approve(notice=notice, user=request.user, comment=comment, seen_version=version)
            messages.success(
                request,
                "The notice is approved and final. Its documents are stored; it is ready for "
                "signature.",
            )
    except MoveRefused as refusal:
        if chosen is SUBMIT:
            messages.error(request, str(refusal))
            return redirect(step_url(notice, REVIEW))
        # Sending back without saying why is the one refusal that concerns a field.
        form.add_error(
            "comment" if chosen is RETURN and not comment.strip() else None, str(refusal)
        )
        notice.refresh_from_db()
        return notice_page(request, notice, move_form=form, status=400)
    return redirect("filings:resume", notice.pk)
