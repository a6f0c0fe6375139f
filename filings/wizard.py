"""The notice wizard: its steps, each declared once, and the rules for moving between them.

A step carries its slug, titles, form and page layout, and any panel shown below the form. The
rules module (filings.rules) knows fields, not steps: a step answers for the problems of the
fields its form saves, so the review links each problem to the step that fixes it and each
step's form shows its own problems next to its fields.

A step is complete when it has been saved at least once and holds no unsaved input that failed
validation. Nobody gets past the first incomplete step: opening a later one sends the user back
to it."""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.http import QueryDict
from django.urls import reverse

from filings import forms as step_forms
from filings.models import Notice
from filings.rules import SIGNERS, Problem, notice_problems
from filings.selectors import deadlines_of_notice, notice_urgency


def _deadline_panel(notice: Notice, now: datetime) -> dict:
    deadlines = deadlines_of_notice(notice)
    # An amendment has no deadline of its own.
    urgency = None if notice.is_amendment else notice_urgency(deadlines, now=now)
    return {"deadlines": deadlines, "urgency": urgency}


@dataclass(frozen=True)
class Step:
    slug: str
    label: str  # in the progress indicator
    title: str  # the page's heading
    form_class: type | None = None  # None for the review
    template: str = "filings/steps/fields.html"  # lays out the form
    panel: str = ""  # a template shown below the form
    # What the panel needs, from the notice and the current time.
    panel_context: Callable[[Notice, datetime], dict] | None = None
    extra_fields: tuple[str, ...] = field(default=())  # saved besides the notice's columns

    @property
    def is_review(self) -> bool:
        return self.form_class is None

    @property
    def takes_files(self) -> bool:
        """Whether the step's page can post a file: only then can files be kept for it."""
        return self.form_class is not None and self.form_class.takes_files()

    @property
    def fields(self) -> list[str]:
        """The notice's fields this step saves; its problems are the problems of these."""
        if self.form_class is None:
            return []
        return [*self.form_class.notice_fields(), *self.extra_fields]

    def bind(self, notice: Notice, data=None, files=None, *, user=None):
        """The step's form for the notice, as `user` sees it. It works on a copy, so that input
        that does not validate never reaches the notice the page shows."""
        return self.form_class(data, files, instance=copy.copy(notice), user=user)


STEPS = [
    Step(
        "report",
        "Report and period",
        "Report and period",
        step_forms.ReportForm,
        panel="filings/steps/deadlines_panel.html",
        panel_context=_deadline_panel,
    ),
    Step("part-1", "Part I", "Part I — Registrant information", step_forms.PartIForm),
    Step(
        "part-2",
        "Part II",
        "Part II — Rules 12b-25(b) and (c)",
        step_forms.PartIIForm,
        panel="filings/steps/third_party_statement_panel.html",
    ),
    Step("part-3", "Part III", "Part III — Narrative", step_forms.PartIIIForm),
    Step("part-4", "Part IV", "Part IV — Other information", step_forms.PartIVForm),
    Step(
        "signature",
        "Signature",
        "Signature",
        step_forms.SignatureStepForm,
        template="filings/steps/signature.html",
        extra_fields=(SIGNERS,),
    ),
    Step("review", "Review", "Review the notice"),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
FIRST_STEP = STEPS[0]
REVIEW = STEPS[-1]
STEP_OF_FIELD = {name: step for step in STEPS for name in step.fields}


def step_index(step: Step) -> int:
    return STEPS.index(step)


def previous_step(step: Step) -> Step | None:
    index = step_index(step)
    return STEPS[index - 1] if index > 0 else None


def next_step(step: Step) -> Step:
    return STEPS[min(step_index(step) + 1, len(STEPS) - 1)]


def step_of(problem: Problem) -> Step:
    return STEP_OF_FIELD[problem.field]


def problems_by_step(notice: Notice) -> list[tuple[Step, Problem]]:
    """The notice's problems with the step that fixes each, in the order of the steps."""
    pairs = [(step_of(problem), problem) for problem in notice_problems(notice)]
    return sorted(pairs, key=lambda pair: step_index(pair[0]))


def completed_slugs(notice: Notice, user=None) -> set[str]:
    """The steps saved at least once and holding no unsaved input of `user`."""
    pending = notice.pending_input_of(user)
    return {
        step.slug
        for step in STEPS
        if not step.is_review and step.slug in notice.saved_steps and step.slug not in pending
    }


def first_incomplete_step(notice: Notice, user=None) -> Step:
    """The step `user` resuming the notice should land on; the review once all are done."""
    done = completed_slugs(notice, user)
    return next(step for step in STEPS if step.is_review or step.slug not in done)


def pending_data(notice: Notice, step: Step, user) -> QueryDict | None:
    """What `user` typed on the step but did not save, as form data, or None."""
    stored = notice.pending_input_of(user).get(step.slug)
    return as_query_dict(stored) if stored else None


def as_query_dict(lists: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in lists.items():
        data.setlist(key, values)
    return data


def step_url(notice, step: Step, *, return_to_review: bool = False) -> str:
    url = reverse("filings:step", args=[notice.pk, step.slug])
    return f"{url}?return=review" if return_to_review else url
