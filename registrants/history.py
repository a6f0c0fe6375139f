"""The audit trail in words: django-simple-history keeps a row for every save or delete of the
tracked models (who, when, all field values); this module turns those rows into the sentences of
the "History" panels ("Narrative changed by casey, November 25, 2026, 2:02 p.m.") with each
difference.

The rows are never edited or deleted by the app: no page writes them and the Django admin does not
offer them (simple-history's admin is not used: its history form saves an old version back). Each
row keeps the user's name, so it still says who made a change after that user is deleted."""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

# Text longer than this shows its difference word by word rather than as old and new values.
WORD_DIFF_MIN_CHARACTERS = 60
# What a row did, said of the page's own object and of one of its parts (a signer, a contact).
ACTIONS = {"+": ("created", "added"), "~": ("changed", "changed"), "-": ("deleted", "removed")}


class HistoryUserName(models.Model):
    """A base of every historical model: the user's name, kept as text beside the foreign key
    (which becomes empty when the user is deleted)."""

    history_user_name = models.CharField("changed by", max_length=150, blank=True)

    class Meta:
        abstract = True


@receiver(pre_create_historical_record)
def keep_user_name(sender, history_instance, history_user, **kwargs) -> None:
    if history_user is not None:
        history_instance.history_user_name = history_user.get_username()


class HistoricalRecordsWithReverseM2M(HistoricalRecords):
    """simple-history's records, also when a tracked many-to-many field changes from the other
    side (`user.assigned_registrants.add(registrant)`): simple-history would record the user
    with the registrant's history model; this records each registrant concerned instead."""

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        m2m_field = self.cls._meta.get_field(attr)
        if action == "pre_clear":
            # The registrants are known only before the clear.
            linked = self.cls._base_manager.filter(**{m2m_field.name: instance})
            instance._registrants_before_clear = list(linked.values_list("pk", flat=True))
            return None
        if action == "post_clear":
            pk_set = instance.__dict__.pop("_registrants_before_clear", [])
        if action in ("post_add", "post_remove", "post_clear"):
            for owner in self.cls._base_manager.filter(pk__in=pk_set or []):
                super().m2m_changed(owner, action, attr, None, False, **kwargs)
        return None


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    # For long text: (kind, words) runs, kind one of "same", "removed", "added".
    words: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    subject: str
    action: str
    changes: list[FieldChange]

    @property
    def summary(self) -> str:
        """What happened, e.g. "Narrative and Contact name changed by casey" or "Signer Ann
        Lee added by robin"."""
        if self.action == "changed":
            labels = [change.label for change in self.changes]
            what = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
            what = f"{self.subject}: {what[0].lower()}{what[1:]}" if self.subject else what
        else:
            what = self.subject
        return f"{what} {self.action} by {self.who}"


def _display(model_field: models.Field, value) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(model_field, models.BooleanField):
        return "Yes" if value else "No"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else f"(deleted, id {value})"
    if isinstance(model_field, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    # Written as the pages write dates: "April 30, 2026" and "April 30, 2026, 3:05 p.m."
    # (imported here: the filters' module imports the models, which import this one).
    from filings.templatetags.dates import long_date, long_datetime

    if isinstance(value, datetime):
        return long_datetime(timezone.localtime(value))
    if isinstance(value, date):
        return long_date(value)
    return str(value)


def _display_related(model_field: models.ManyToManyField, rows: list[dict]) -> str:
    """The objects a many-to-many field held, from simple-history's rows of its through table."""
    target = model_field.m2m_reverse_field_name()
    related = model_field.related_model._base_manager.filter(pk__in=[row[target] for row in rows])
    return ", ".join(sorted(str(item) for item in related)) or "(none)"


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    runs = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", "".join(old_words[old_start:old_end])))
            continue
        if old_end > old_start:
            runs.append(("removed", "".join(old_words[old_start:old_end])))
        if new_end > new_start:
            runs.append(("added", "".join(new_words[new_start:new_end])))
    return runs


def _tracked_values(record) -> list:
    """The values of the fields diff_against compares (many-to-many fields aside)."""
    return [getattr(record, field.attname) for field in record.tracked_fields if field.editable]


def _changes(record, previous) -> list[FieldChange]:
    model = record.instance_type
    # Most saves change nothing tracked (the wizard saves a step as it is): told apart by the
    # plain values, without diff_against's copies of both rows (about a third of the time).
    if not record._history_m2m_fields and _tracked_values(record) == _tracked_values(previous):
        return []
    delta = record.diff_against(previous)
    changes = []
    by_name = {
        model_field.name: model_field
        for model_field in [*model._meta.fields, *model._meta.many_to_many]
    }
    for change in sorted(delta.changes, key=lambda change: list(by_name).index(change.field)):
        model_field = by_name[change.field]
        if model_field.many_to_many:
            old, new = (
                _display_related(model_field, change.old),
                _display_related(model_field, change.new),
            )
        else:
            old, new = _display(model_field, change.old), _display(model_field, change.new)
        words = []
        if (
            isinstance(change.old, str)
            and isinstance(change.new, str)
            and max(len(change.old), len(change.new)) >= WORD_DIFF_MIN_CHARACTERS
        ):
            words = _word_diff(change.old, change.new)
        label = str(model_field.verbose_name)
        changes.append(FieldChange(label[0].upper() + label[1:], old, new, words))
    return changes


def history_entries(
    histories: Iterable[models.QuerySet],
    *,
    noun: str,
    subject=lambda record: "",
    limit: int = 200,
) -> list[HistoryEntry]:
    """The newest `limit` entries of the history rows of `histories` (querysets of one or
    several tracked models), newest first. `noun` names the page's own object ("Notice");
    `subject(record)` names what a row is about: "" for the page's own object, e.g. "Signer
    Ann Lee" for one of its people. A change that touched no tracked field (the wizard's
    bookkeeping is not tracked) is left out. Only the newest `limit` + 1 rows of each queryset
    are read, so a notice saved thousands of times opens as fast as a new one."""
    records = [
        record
        for history in histories
        for record in history.order_by("-history_date", "-history_id")[: limit + 1]
    ]
    ordered = sorted(records, key=lambda record: (record.history_date, record.history_id))
    previous_of = {}
    entries = []
    for record in ordered:
        key = (type(record), record.id)
        previous = previous_of.get(key)
        previous_of[key] = record
        own_action, part_action = ACTIONS[record.history_type]
        record_subject = subject(record)
        changes = _changes(record, previous) if record.history_type == "~" and previous else []
        if record.history_type == "~" and not changes:
            continue
        if record_subject:
            action = part_action
        else:
            action = own_action
            record_subject = "" if record.history_type == "~" else noun
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user_name or "the system",
                subject=record_subject,
                action=action,
                changes=changes,
            )
        )
    entries.reverse()
    return entries[:limit]
