"""The audit trail in words: django-simple-history keeps a row for every save or delete of the
tracked models (who, when, all field values); this module turns those rows into the sentences of
the "History" panels ("Narrative changed by casey, November 25, 2026, 2:02 p.m.") with each
difference, the newest few on a page's panel and all of them, a page at a time, on the history
pages of a notice and of a registrant.

The rows are never edited or deleted by the app: no page writes them and the Django admin does not
offer them (simple-history's admin is not used: its history form saves an old version back). Each
row keeps the user's name, so it still says who made a change after that user is deleted."""

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.dispatch import receiver
from django.http import Http404, QueryDict
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

# Text longer than this shows its difference word by word rather than as old and new values.
WORD_DIFF_MIN_CHARACTERS = 60
# How many entries a History panel shows, and a page of a history page.
HISTORY_PANEL_ENTRIES = 10
HISTORY_PAGE_ENTRIES = 25
# The rows of each history a page reads at first for each entry it shows (most saves of a
# draft change nothing tracked and make no entry), then twice as many when that is not enough.
# After BATCHES_MAX batches it shows what it found and links to the rest: no index of the
# history tables keeps an object's rows in order, so each batch may sort all of them.
ROWS_PER_ENTRY = 3
BATCHES_MAX = 2
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


def _display_related(model_field: models.ManyToManyField, pks: Iterable) -> str:
    """The objects a many-to-many field held, by their primary keys (one deleted since, such
    as a user, by its id)."""
    pks = set(pks)
    found = model_field.related_model._base_manager.filter(pk__in=pks)
    names = {item.pk: str(item) for item in found}
    deleted = [f"(deleted, id {pk})" for pk in sorted(pks - set(names))]
    return ", ".join([*sorted(names.values()), *deleted]) or "(none)"


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


def _related_held(records: list) -> dict[int, dict[str, frozenset]]:
    """What the many-to-many fields of the historical rows `records` (of one model) held,
    {history_id: {field name: pks}}, read from simple-history's rows of their through tables in
    one query per field."""
    held = {record.history_id: {} for record in records}
    if not records:
        return held
    for model_field in records[0]._history_m2m_fields:
        through_history = getattr(type(records[0]), model_field.name).model
        rows = through_history.objects.filter(history_id__in=list(held)).values_list(
            "history_id", model_field.m2m_reverse_field_name()
        )
        by_row = {history_id: set() for history_id in held}
        for history_id, pk in rows:
            by_row[history_id].add(pk)
        for history_id, pks in by_row.items():
            held[history_id][model_field.name] = frozenset(pks)
    return held


def _changes(record, previous, *, was: dict, now: dict) -> list[FieldChange]:
    """What `record` changed since `previous`; `was` and `now` are what their many-to-many
    fields held ({field name: pks}, as `_related_held` reads them)."""
    model = record.instance_type
    # Most saves change nothing tracked (the wizard saves a step as it is): told apart by the
    # plain values, without diff_against's copies of both rows (about a third of the time).
    if was == now and _tracked_values(record) == _tracked_values(previous):
        return []
    by_name = {
        model_field.name: model_field
        for model_field in [*model._meta.fields, *model._meta.many_to_many]
    }
    # The many-to-many fields are compared from `was` and `now`, not by diff_against's two
    # queries a field.
    delta = record.diff_against(previous, excluded_fields=list(now))
    changed = [(by_name[change.field], change.old, change.new) for change in delta.changes] + [
        (by_name[name], was[name], pks) for name, pks in now.items() if was[name] != pks
    ]
    changes = []
    for model_field, old_value, new_value in sorted(
        changed, key=lambda change: list(by_name).index(change[0].name)
    ):
        if model_field.many_to_many:
            old = _display_related(model_field, old_value)
            new = _display_related(model_field, new_value)
        else:
            old, new = _display(model_field, old_value), _display(model_field, new_value)
        words = []
        if (
            isinstance(old_value, str)
            and isinstance(new_value, str)
            and max(len(old_value), len(new_value)) >= WORD_DIFF_MIN_CHARACTERS
        ):
            words = _word_diff(old_value, new_value)
        label = str(model_field.verbose_name)
        changes.append(FieldChange(label[0].upper() + label[1:], old, new, words))
    return changes


@dataclass(frozen=True)
class HistoryCursor:
    """Where a page of history starts: the entries before `moment` (`older`), or those after
    it."""

    moment: datetime
    older: bool


@dataclass(frozen=True)
class HistoryPage:
    """Entries of a history, newest first, and the moments the pages of older and newer
    entries start from (None: no such page)."""

    entries: list[HistoryEntry]
    older: datetime | None
    newer: datetime | None

    @property
    def older_query(self) -> str:
        return urlencode({"before": self.older.isoformat()}) if self.older else ""

    @property
    def newer_query(self) -> str:
        return urlencode({"after": self.newer.isoformat()}) if self.newer else ""


def history_cursor(query: QueryDict) -> HistoryCursor | None:
    """The cursor in a history page's query string, `before` or `after` a moment as
    HistoryPage writes them; None for the newest entries. Anything else is a 404."""
    given = [name for name in ("before", "after") if name in query]
    if not given:
        return None
    try:
        [name] = given
        moment = datetime.fromisoformat(query[name])
        if timezone.is_naive(moment):
            raise ValueError("A moment without its offset")
        # Converted here: a moment near year 1 or 9999 may have no UTC equivalent.
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise Http404("No such page of history") from error
    return HistoryCursor(moment=moment, older=name == "before")


def _row_order(record) -> tuple:
    return (record.history_date, record.history_id)


def _rows_before(history_date, history_id) -> Q:
    """The rows before the row of `history_date` and `history_id` in `_row_order`."""
    same_moment = Q(history_date=history_date, history_id__lt=history_id)
    return Q(history_date__lt=history_date) | same_moment


class _HistoryRows:
    """The rows of history querysets on one side of a cursor, read from the end nearest the
    cursor (the newest rows first; the oldest first after an `after` cursor) in batches, each
    twice the last, each of a queryset going on where its last one stopped."""

    def __init__(
        self, histories: Iterable[models.QuerySet], cursor: HistoryCursor | None, *, batch: int
    ):
        self.histories = list(histories)
        self.newest_first = cursor is None or cursor.older
        self.window = Q()
        if cursor is not None:
            self.window = Q(**{f"history_date__{self._onwards}": cursor.moment})
        self.batch = batch
        self.batches_read = 0
        self.read_rows = [[] for _ in self.histories]
        self.finished = [False for _ in self.histories]
        self.read_previous = {}
        self.fetched_previous = {}
        # What the rows' many-to-many fields held, by (queryset index, history_id).
        self.related_held: dict[tuple[int, int], dict[str, frozenset]] = {}
        self.changes_found = {}

    @property
    def _onwards(self) -> str:
        """The lookup of the rows further on in the order they are read."""
        return "lt" if self.newest_first else "gt"

    @property
    def all_read(self) -> bool:
        return all(self.finished)

    def read(self) -> None:
        """The next batch of each queryset not yet read to its end."""
        ordering = ["history_date", "history_id"]
        if self.newest_first:
            ordering = [f"-{name}" for name in ordering]
        for index, history in enumerate(self.histories):
            if self.finished[index]:
                continue
            rows = self.read_rows[index]
            batch = history.filter(self.window)
            if rows:
                batch = batch.filter(self._further_than(rows[-1]))
            batch = list(batch.order_by(*ordering)[: self.batch])
            rows.extend(batch)
            self.finished[index] = len(batch) < self.batch
        self.batches_read += 1
        self.batch *= 2

    def _further_than(self, record) -> Q:
        return Q(**{f"history_date__{self._onwards}": record.history_date}) | Q(
            history_date=record.history_date,
            **{f"history_id__{self._onwards}": record.history_id},
        )

    def _frontier(self) -> datetime | None:
        """The moment from which rows may still be unread (None when every row is read): the
        moment of the last row read of the queryset read least far, which may hold more rows
        of that moment."""
        ends = [
            rows[-1].history_date
            for rows, finished in zip(self.read_rows, self.finished, strict=True)
            if not finished
        ]
        if not ends:
            return None
        return max(ends) if self.newest_first else min(ends)

    def first_moment(self) -> datetime | None:
        """The moment of the first row read (None when none was)."""
        firsts = [rows[0].history_date for rows in self.read_rows if rows]
        if not firsts:
            return None
        return max(firsts) if self.newest_first else min(firsts)

    def settled(self) -> list[tuple[int, models.Model]]:
        """(queryset index, row) of the rows read before which no unread row can come, in the
        order they are read; and the row before each row of the same object, when read."""
        frontier = self._frontier()
        settled = []
        for index, rows in enumerate(self.read_rows):
            last_of_object = {}
            for record in sorted(rows, key=_row_order):
                self.read_previous[index, record.history_id] = last_of_object.get(record.id)
                last_of_object[record.id] = record
                if frontier is None or (
                    record.history_date > frontier
                    if self.newest_first
                    else record.history_date < frontier
                ):
                    settled.append((index, record))
        settled.sort(key=lambda item: _row_order(item[1]), reverse=self.newest_first)
        return settled

    def prepare(self, settled: list[tuple[int, models.Model]]) -> None:
        """Read what working out the changes of the settled rows takes, whatever the number of
        rows and objects: the row before the oldest read row of each object (one query a
        history) and what the rows' many-to-many fields held (one query a field)."""
        for index, history in enumerate(self.histories):
            records = [
                record
                for record_index, record in settled
                if record_index == index and record.history_type == "~"
            ]
            # Each object's oldest read row is the only one without its previous row read.
            wanting = {
                record.history_id: record
                for record in records
                if self.read_previous.get((index, record.history_id)) is None
                and (index, record.history_id) not in self.fetched_previous
            }
            if wanting:
                earlier = (
                    history.filter(id=OuterRef("id"))
                    .filter(_rows_before(OuterRef("history_date"), OuterRef("history_id")))
                    .order_by("-history_date", "-history_id")
                    .values("history_id")[:1]
                )
                before = history.filter(history_id__in=wanting).values(previous=Subquery(earlier))
                found = {row.id: row for row in history.filter(history_id__in=before)}
                for history_id, record in wanting.items():
                    self.fetched_previous[index, history_id] = found.get(record.id)
            if records and records[0]._history_m2m_fields:
                compared = records + [
                    previous
                    for record in records
                    if (previous := self._previous(index, record)) is not None
                ]
                unread = [
                    row for row in compared if (index, row.history_id) not in self.related_held
                ]
                for history_id, held in _related_held(unread).items():
                    self.related_held[index, history_id] = held

    def changes(self, index: int, record) -> list[FieldChange]:
        """What the change `record` changed, worked out once (after `prepare`): [] when it
        changed nothing tracked or has nothing before it to compare it with."""
        key = (index, record.history_id)
        if key not in self.changes_found:
            previous = self._previous(index, record)
            self.changes_found[key] = []
            if previous is not None:
                self.changes_found[key] = _changes(
                    record,
                    previous,
                    was=self.related_held.get((index, previous.history_id), {}),
                    now=self.related_held.get(key, {}),
                )
        return self.changes_found[key]

    def _previous(self, index: int, record):
        """The row before `record` of the same object, or None for its first: among the rows
        read, or as `prepare` read it."""
        key = (index, record.history_id)
        previous = self.read_previous.get(key)
        if previous is not None:
            return previous
        return self.fetched_previous.get(key)


def _entry(record, changes: list[FieldChange], *, noun: str, subject) -> HistoryEntry:
    own_action, part_action = ACTIONS[record.history_type]
    record_subject = subject(record)
    if record_subject:
        action = part_action
    else:
        action = own_action
        record_subject = "" if record.history_type == "~" else noun
    return HistoryEntry(
        when=record.history_date,
        who=record.history_user_name or "the system",
        subject=record_subject,
        action=action,
        changes=changes,
    )


def _entries(rows: _HistoryRows, settled: list, *, noun: str, subject) -> Iterator[HistoryEntry]:
    """The entries of the settled rows, in the order they are read; a change that touched no
    tracked field (the wizard's bookkeeping is not tracked), or with nothing to compare it
    with, is left out."""
    for index, record in settled:
        changes = rows.changes(index, record) if record.history_type == "~" else []
        if record.history_type == "~" and not changes:
            continue
        yield _entry(record, changes, noun=noun, subject=subject)


def _first(entries: Iterator[HistoryEntry], limit: int) -> tuple[list[HistoryEntry], bool]:
    """The first `limit` entries with any others of the moment of the last of them (a page
    never ends inside a moment: a cursor is a moment), and whether another entry follows."""
    taken = []
    for entry in entries:
        if len(taken) >= limit and entry.when != taken[-1].when:
            return taken, True
        taken.append(entry)
    return taken, False


def history_entries(
    histories: Iterable[models.QuerySet],
    *,
    noun: str,
    subject=lambda record: "",
    limit: int = HISTORY_PANEL_ENTRIES,
    cursor: HistoryCursor | None = None,
) -> HistoryPage:
    """The newest `limit` entries of the history rows of `histories` (querysets of one or
    several tracked models), or the `limit` entries next to `cursor`, newest first. `noun`
    names the page's own object ("Notice"); `subject(record)` names what a row is about: ""
    for the page's own object, e.g. "Signer Ann Lee" for one of its people.

    Rows are read in batches from the cursor's end, ROWS_PER_ENTRY for each entry wanted, then
    twice as many, until one more entry than shown is found or every row is read, or
    BATCHES_MAX batches are read (and some row settled): then the page holds fewer entries (or
    none: a draft saved hundreds of times without a change) and its cursor goes on from the
    rows read. What a page reads is bounded however long the history."""
    rows = _HistoryRows(histories, cursor, batch=ROWS_PER_ENTRY * limit + 1)
    while True:
        rows.read()
        settled = rows.settled()
        rows.prepare(settled)
        taken, more = _first(_entries(rows, settled, noun=noun, subject=subject), limit)
        if more or rows.all_read or (rows.batches_read >= BATCHES_MAX and settled):
            break
    # The next page in the order rows are read goes on after the last entry shown, or after
    # the last row settled when BATCHES_MAX cut this page short.
    far = None
    if more:
        far = taken[-1].when
    elif not rows.all_read:
        far = settled[-1][1].history_date
    # The page on the other side of the cursor goes on from the first row read (the page of
    # the newest entries has none).
    near = rows.first_moment() if cursor is not None else None
    if rows.newest_first:
        return HistoryPage(taken, older=far, newer=near)
    return HistoryPage(taken[::-1], older=near, newer=far)
