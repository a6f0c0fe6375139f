"""The notice wizard as a list of steps, and the rules for moving between them.

A step is complete when it has been saved at least once and holds no unsaved input that failed
validation. Nobody gets past the first incomplete step: opening a later one sends the user back
to it. Whatever the rules module still finds wrong across steps is listed on the review."""

from dataclasses import dataclass

from django.http import QueryDict

from filings import forms as step_forms
from filings.models import Notice
from filings.rules import (
    STEP_PART_I,
    STEP_PART_II,
    STEP_PART_III,
    STEP_PART_IV,
    STEP_REPORT,
    STEP_SIGNATURE,
)

STEP_REVIEW = "review"


@dataclass(frozen=True)
class Step:
    slug: str
    label: str
    title: str
    form_class: type | None = None

    @property
    def is_review(self) -> bool:
        return self.slug == STEP_REVIEW


STEPS = [
    Step(STEP_REPORT, "Report and period", "Report and period", step_forms.ReportForm),
    Step(STEP_PART_I, "Part I", "Part I — Registrant information", step_forms.PartIForm),
    Step(STEP_PART_II, "Part II", "Part II — Rules 12b-25(b) and (c)", step_forms.PartIIForm),
    Step(STEP_PART_III, "Part III", "Part III — Narrative", step_forms.PartIIIForm),
    Step(STEP_PART_IV, "Part IV", "Part IV — Other information", step_forms.PartIVForm),
    Step(STEP_SIGNATURE, "Signature", "Signature", step_forms.SignatureForm),
    Step(STEP_REVIEW, "Review", "Review the notice"),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def step_index(step: Step) -> int:
    return STEPS.index(step)


def previous_step(step: Step) -> Step | None:
    index = step_index(step)
    return STEPS[index - 1] if index > 0 else None


def next_step(step: Step) -> Step:
    return STEPS[min(step_index(step) + 1, len(STEPS) - 1)]


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
    for step in STEPS:
        if step.is_review or step.slug not in done:
            return step
    raise AssertionError("the review step is always last")


def pending_data(notice: Notice, step: Step, user) -> QueryDict | None:
    """What `user` typed on the step but did not save, as form data, or None."""
    stored = notice.pending_input_of(user).get(step.slug)
    return as_query_dict(stored) if stored else None


def as_query_dict(lists: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in lists.items():
        data.setlist(key, values)
    return data


class SignatureStepForm:
    """The signature step: the signature block and the signers, validated and saved together."""

    def __init__(self, data=None, files=None, *, instance: Notice):
        self.form = step_forms.SignatureForm(data, files, instance=instance)
        self.formset = step_forms.SignerFormSet(data, files, instance=instance, prefix="signers")
        self.instance = instance
        self.is_bound = self.form.is_bound

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.formset.is_valid()])

    @property
    def notice_fields(self) -> list[str]:
        return self.form.notice_fields

    def save_related(self) -> None:
        self.formset.save()

    def kept_input(self) -> dict[str, list[str]]:
        """The signature fields and the signers' rows as typed (at most MAX_SIGNERS rows),
        with a management form rebuilt from the notice's own signers: what was posted for it
        is not trusted, so a broken or forged one cannot lock the step."""
        kept = self.form.kept_input()
        prefix = self.formset.prefix
        row_fields = [*step_forms.SignerForm.Meta.fields, "id", "DELETE"]
        saved_signers = self.instance.signers.count()
        rows = 0
        for index in range(step_forms.MAX_SIGNERS):
            typed = {
                f"{prefix}-{index}-{field}": step_forms.kept_values(
                    self.form.data, f"{prefix}-{index}-{field}"
                )
                for field in row_fields
                if f"{prefix}-{index}-{field}" in self.form.data
            }
            if typed or index < saved_signers:
                kept.update(typed)
                rows = index + 1
        kept.update(
            {
                f"{prefix}-TOTAL_FORMS": [str(max(rows, saved_signers))],
                f"{prefix}-INITIAL_FORMS": [str(saved_signers)],
                f"{prefix}-MIN_NUM_FORMS": ["0"],
                f"{prefix}-MAX_NUM_FORMS": [str(step_forms.MAX_SIGNERS)],
            }
        )
        return kept

    def error_entries(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) for every error of the step, signers' rows included."""
        entries = error_entries(self.form)
        for number, signer_form in enumerate(self.formset.forms, start=1):
            entries += error_entries(signer_form, f"Signer {number}, ")
        entries += [("", "Signers", error) for error in self.formset.non_form_errors()]
        return entries


def error_entries(form, label_prefix: str = "") -> list[tuple[str, str, str]]:
    """(anchor, label, message) for each error of a form, for the summary at the top of the
    page; a group of radio buttons is reached through its first button."""
    entries = []
    for field in form:
        anchor = field.id_for_label or f"{field.auto_id}_0"
        entries += [(anchor, f"{label_prefix}{field.label}", error) for error in field.errors]
    entries += [("", label_prefix.rstrip(", ") or "Page", e) for e in form.non_field_errors()]
    return entries


def bind_step_form(step: Step, notice: Notice, data=None, files=None):
    if step.slug == STEP_SIGNATURE:
        return SignatureStepForm(data, files, instance=notice)
    return step.form_class(data, files, instance=notice)
