from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from filings.deadlines import REPORT_FORM_CHOICES, REPORT_FORMS
from filings.uploads import notice_upload_path, pending_upload_path
from registrants.history import HistoryUserName
from registrants.models import (
    FilerStatus,
    Registrant,
    area_code_validator,
    phone_number_validator,
    two_lines_validator,
    visible_registrants,
)


class NoticeStatus(models.TextChoices):
    """The lifecycle of a notice, in order (filings.lifecycle moves a notice along it). From
    APPROVED on, the notice is final: its content and stored documents never change, and only
    its status moves on; a correction is filed as an amendment."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    SIGNED = "signed", "Signed"
    FILED = "filed", "Filed"


STATUS_ORDER = list(NoticeStatus.values)
FINAL_STATUSES = (NoticeStatus.APPROVED, NoticeStatus.SIGNED, NoticeStatus.FILED)


class NoticeNotEditable(Exception):
    """The notice's content cannot be changed now."""


class NoticeIsFinal(NoticeNotEditable):
    """A final notice no longer changes."""


class NoticeInReview(NoticeNotEditable):
    """A notice in review is not edited: a reviewer approves it or sends it back to draft."""


def _forget_user_on_drafts(collector, field, sub_objs, using) -> None:
    """on_delete for the people who created, changed or finalized a notice: deleting the user
    clears the link on drafts only. A final notice's row is left as it is, so it keeps the
    user's id (the column has no database constraint for this reason) and the name copied
    beside it."""
    collector.add_field_update(field, None, sub_objs.exclude(status__in=FINAL_STATUSES))


def _forget_signer_user_on_drafts(collector, field, sub_objs, using) -> None:
    """on_delete for the user who signs a notice's signer row: cleared on drafts only; a final
    notice's signer keeps the user's id, and its signature keeps the user's name."""
    collector.add_field_update(field, None, sub_objs.exclude(notice__status__in=FINAL_STATUSES))


def _protect_final_notices(collector, field, sub_objs, using) -> None:
    """on_delete for the notice an amendment amends: refused while a final notice names it,
    cleared on drafts."""
    finals = sub_objs.filter(status__in=FINAL_STATUSES)
    if finals:
        raise models.ProtectedError(
            "A final notice amends this notice, and a final notice no longer changes.",
            set(finals),
        )
    collector.add_field_update(field, None, sub_objs)


def _user_link(verbose_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=_forget_user_on_drafts,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


def _kept_user_link(related_name: str = "+", **options) -> models.ForeignKey:
    """A link to a user that outlives the user: no database constraint, nothing done on
    delete; the user name is copied beside it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name=related_name,
        **options,
    )


class NoticeQuerySet(models.QuerySet):
    """Bulk writes refuse to touch a final notice, as Notice.save() and delete() do."""

    def update(self, **kwargs):
        self._refuse_final()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_final()
        return super().delete()

    def visible_to(self, user) -> "NoticeQuerySet":
        """The notices of the registrants `user` may see (`visible_registrants`)."""
        return self.filter(visible_registrants(user, "registrant_id"))

    def final(self) -> "NoticeQuerySet":
        return self.filter(status__in=FINAL_STATUSES)

    def _refuse_final(self) -> None:
        if self.final().exists():
            raise NoticeIsFinal


class Notice(models.Model):
    """A Form 12b-25 notice. Part I and the signature block are copied from the registrant when
    the notice is started, so later edits to the registrant do not change the notice."""

    registrant = models.ForeignKey(Registrant, on_delete=models.PROTECT, related_name="notices")
    status = models.CharField(
        max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT
    )

    # Cover: the report that is late and its period.
    form_type = models.CharField("report that is late", max_length=10, choices=REPORT_FORM_CHOICES)
    filer_status = models.CharField(
        "filer status for this period", max_length=30, choices=FilerStatus.choices
    )
    period_end = models.DateField("for period ended", null=True, blank=True)
    is_transition_report = models.BooleanField("this is a transition report", default=False)
    transition_period_end = models.DateField(
        "for the transition period ended", null=True, blank=True
    )
    is_portion = models.BooleanField(
        "the notice relates to a portion of the report only", default=False
    )
    portion_items = models.TextField("items to which the notice relates", blank=True)
    is_amendment = models.BooleanField("this is an amended notice", default=False)
    amends = models.ForeignKey(
        "self",
        on_delete=_protect_final_notices,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name="notice being amended",
    )
    distribution_date = models.DateField(
        "distribution date", null=True, blank=True, help_text="Form 10-D is due 15 days after it."
    )
    transmission_date = models.DateField(
        "date the shareholder report was sent",
        null=True,
        blank=True,
        help_text="Form N-CSR is due 10 days after it. Leave blank if not yet known.",
    )
    transition_decision_date = models.DateField(
        "date of the decision to change the fiscal year",
        null=True,
        blank=True,
        help_text="The transition report is due the form's number of days after the end of the "
        "transition period or after this date, whichever is later (Rules 13a-10 and 15d-10).",
    )
    # NT-NCEN and NT-NCSR: the series the notice is for (EDGAR series identifiers, kept as
    # chosen), or all of the registrant's series.
    all_series = models.BooleanField("the notice is for all series", default=False)
    series_identifiers = models.JSONField("series", default=list, blank=True)
    is_erisa_plan = models.BooleanField(
        "plan subject to ERISA filing under Rule 15d-21",
        default=False,
        help_text="Such plans file Form 11-K within 180 days instead of 90.",
    )

    # Cover boxes and Part I, copied from the registrant.
    sec_file_number = models.CharField("SEC file number", max_length=17, blank=True)
    cusip = models.CharField("CUSIP number", max_length=9, blank=True)
    registrant_name = models.CharField("full name of registrant", max_length=200, blank=True)
    former_name = models.CharField("former name if applicable", max_length=200, blank=True)
    street = models.CharField(
        "address of principal executive office (street and number)", max_length=200, blank=True
    )
    city_state_zip = models.CharField("city, state and ZIP code", max_length=200, blank=True)
    # Other registrants filing the notice jointly, by CIK.
    co_registrant_ciks = models.JSONField("co-registrants", default=list, blank=True)

    # Part II.
    relief_claimed = models.BooleanField(
        "relief claimed under Rule 12b-25(b)", null=True, blank=True
    )
    third_party_cause = models.BooleanField(
        "someone other than the registrant cannot furnish a required opinion, report or "
        "certification",
        null=True,
        blank=True,
    )
    third_party_statement_text = models.TextField(
        "text of the third party's statement (Rule 12b-25(c))", blank=True
    )
    third_party_statement = models.FileField(
        "signed statement of the third party, as PDF (Rule 12b-25(c))",
        upload_to=notice_upload_path,
        blank=True,
    )

    # Part III.
    narrative = models.TextField("narrative", blank=True)

    # Part IV.
    contact_name = models.CharField("name", max_length=200, blank=True)
    contact_area_code = models.CharField(
        "area code", max_length=8, blank=True, validators=[area_code_validator]
    )
    contact_phone = models.CharField(
        "telephone number", max_length=20, blank=True, validators=[phone_number_validator]
    )
    other_reports_filed = models.BooleanField(
        "all other periodic reports of the preceding 12 months have been filed",
        null=True,
        blank=True,
    )
    reports_not_filed = models.TextField("reports not filed", blank=True)
    significant_change = models.BooleanField(
        "a significant change in results of operations is anticipated", null=True, blank=True
    )
    significant_change_explanation = models.TextField(
        "explanation of the anticipated change", blank=True
    )
    restatement_expected = models.BooleanField(
        "a restatement or correction of prior financial statements is expected",
        null=True,
        blank=True,
    )
    # A reviewer's reason for finishing a notice whose Part III or Part IV(3) does not disclose
    # an expected restatement, with who recorded it and when.
    restatement_review_reason = models.TextField(blank=True)
    restatement_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    restatement_reviewed_at = models.DateTimeField(null=True, blank=True)
    # Printed after Part IV, before the signature (e.g. a forward-looking statements legend).
    additional_statement = models.TextField(
        "statement after Part IV",
        blank=True,
        help_text="Optional, e.g. a forward-looking statements legend. Printed before the "
        "signature.",
    )
    # "Start from the registrant's last notice": the notice copied, and whether the user has
    # confirmed that the copied text still holds.
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    copied_text_confirmed = models.BooleanField(default=False)

    # Signature block.
    signature_registrant_name = models.CharField(
        "name of registrant as specified in charter", max_length=200, blank=True
    )
    signature_date = models.DateField("date", null=True, blank=True)

    # Wizard bookkeeping: the steps saved at least once, and what each user typed on a step but
    # did not save because it did not validate (kept so that nothing typed is lost), as
    # {user id: {step slug: {field: [values]}}}: a colleague never sees another's typing.
    saved_steps = models.JSONField(default=list, blank=True)
    pending_input = models.JSONField(default=dict, blank=True)

    # Who did what: a link to the user, and the user name copied when the link is set, so that
    # a final notice still names its people after their accounts are deleted.
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = _user_link("created by")
    created_by_name = models.CharField("created by (name)", max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = _user_link("updated by")
    updated_by_name = models.CharField("updated by (name)", max_length=150, blank=True)
    finalized_at = models.DateTimeField(null=True, blank=True)
    finalized_by = _user_link("finalized by")
    finalized_by_name = models.CharField("finalized by (name)", max_length=150, blank=True)

    objects = NoticeQuerySet.as_manager()
    # The wizard's bookkeeping (which steps were saved, what was typed but not yet valid) and
    # the record of the last change are not history of their own: each history row has its
    # user and time.
    history = HistoricalRecords(
        excluded_fields=[
            "saved_steps",
            "pending_input",
            "updated_at",
            "updated_by",
            "updated_by_name",
        ],
        bases=[HistoryUserName],
    )

    class Meta:
        ordering = ["-updated_at"]
        # The notice list and a registrant's page show the most recently changed first, whole
        # or filtered by registrant, status or form: each reads its first page from an index.
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="notice_recent_idx"),
            models.Index(
                fields=["registrant", "-updated_at", "-id"], name="notice_registrant_recent_idx"
            ),
            models.Index(fields=["status", "-updated_at", "-id"], name="notice_status_recent_idx"),
            models.Index(fields=["form_type", "-updated_at", "-id"], name="notice_form_recent_idx"),
            # The dashboard narrows each of its lists by status and a window of period ends.
            models.Index(fields=["status", "period_end"], name="notice_status_period"),
        ]
        # One permission for each move along the lifecycle (filings.lifecycle).
        permissions = [
            ("submit_notice", "Can submit a notice for review"),
            ("return_notice", "Can send a notice in review back to draft"),
            ("approve_notice", "Can approve a notice"),
            ("sign_notice", "Can sign a notice electronically"),
            ("upload_authentication", "Can upload a manually signed authentication document"),
            ("record_filing", "Can record the EDGAR filing of a notice"),
            ("record_report", "Can record the filing of the late report"),
        ]

    def __str__(self) -> str:
        period = self.period_end.isoformat() if self.period_end else "no period yet"
        return (
            f"{self.edgar_submission_type} for {self.registrant_name or self.registrant} ({period})"
        )

    def save(self, *args, update_fields=None, **kwargs) -> None:
        """Save, unless the stored row is final: a final notice never changes, whatever the
        path (a stale form, the admin, a script). The save that approves a draft is allowed,
        since the stored row is not final then; after it, only the status may move, and only
        on along the lifecycle (a save with update_fields=["status"])."""
        if not self._state.adding:
            stored = Notice.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored in FINAL_STATUSES and not (
                update_fields is not None
                and set(update_fields) == {"status"}
                and STATUS_ORDER.index(self.status) > STATUS_ORDER.index(stored)
            ):
                raise NoticeIsFinal
        copied = [link for link in USER_LINKS if self._copy_user_name(link)]
        if update_fields is not None:
            update_fields = [
                *update_fields,
                *(f"{link}_name" for link in copied if link in update_fields),
            ]
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("filings:resume", args=[self.pk])

    def _copy_user_name(self, link: str) -> bool:
        """Copy the user name of a link set in memory beside it; True when copied."""
        if not Notice._meta.get_field(link).is_cached(self):
            return False
        user = getattr(self, link)
        setattr(self, f"{link}_name", user.get_username() if user is not None else "")
        return True

    def delete(self, *args, **kwargs):
        if Notice.objects.filter(pk=self.pk).final().exists():
            raise NoticeIsFinal
        return super().delete(*args, **kwargs)

    def pending_input_of(self, user) -> dict[str, dict[str, list[str]]]:
        """What `user` typed and did not save, by step slug; nothing for no user."""
        if user is None or user.pk is None:
            return {}
        return self.pending_input.get(str(user.pk), {})

    @property
    def is_editable(self) -> bool:
        return self.status == NoticeStatus.DRAFT

    @property
    def is_final(self) -> bool:
        """Approved or later: the content and the stored documents no longer change."""
        return self.status in FINAL_STATUSES

    @property
    def edgar_submission_type(self) -> str:
        """The EDGAR submission type, e.g. "NT 10-K", "NT-NCEN", or "NT 10-Q/A" for an
        amendment."""
        report_form = REPORT_FORMS.get(self.form_type)
        if report_form is None:
            # Step 1 shown again with its report left empty: the notice is not saved like this.
            return "Form 12b-25"
        base = report_form.edgar_type
        return f"{base}/A" if self.is_amendment else base


USER_LINKS = ("created_by", "updated_by", "finalized_by")


class WrittenOnceQuerySet(models.QuerySet):
    """Bulk writes obey WrittenOnce: no update, no delete."""

    def update(self, **kwargs):
        raise NoticeIsFinal

    def delete(self):
        raise NoticeIsFinal


class WrittenOnce(models.Model):
    """A record written once and never changed or deleted, by any path (a page, the admin, a
    script): the timeline of a notice, what was filed on EDGAR. A draft's records go with the
    draft (a cascade deletes without calling delete())."""

    objects = WrittenOnceQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise NoticeIsFinal
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise NoticeIsFinal


class NoticeEvent(WrittenOnce):
    """One entry of a notice's timeline: a move along the lifecycle (with the status before and
    after), a signature or a record, with who, when and the comment given. Written once by
    filings.lifecycle and never changed; a draft's events go with the draft."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Sent back to draft"
        APPROVED = "approved", "Approved"
        SIGNED = "signed", "Signed"
        FILED = "filed", "Filing recorded"
        REPORT_FILED = "report_filed", "Late report's filing recorded"
        SIGNATURE = "signature", "Signed electronically"

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=20, choices=NoticeStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=NoticeStatus.choices, blank=True)
    at = models.DateTimeField()
    user = _kept_user_link(null=True, blank=True)
    user_name = models.CharField(max_length=150, blank=True)
    comment = models.TextField(blank=True)
    # For a notice sent back to draft: the wizard step the comment concerns ("" for the whole
    # notice), shown to the preparer on that step.
    step = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.user_name or 'nobody'} at {self.at}"

    def get_step_title(self) -> str:
        """The title of the wizard step a comment concerns."""
        from filings.wizard import STEPS_BY_SLUG

        step = STEPS_BY_SLUG.get(self.step)
        return step.title if step else self.step


class NoticeSigner(models.Model):
    """A person signing the notice, copied from the registrant's signers or typed in."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="signers")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, validators=[two_lines_validator])
    is_executive_officer = models.BooleanField("executive officer", default=True)
    # The product user who may sign this row electronically (filings.signing), copied from the
    # registrant's signer; none for a signer who signs on paper.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=_forget_signer_user_on_drafts,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="signs electronically as user",
    )
    evidence_of_authority_text = models.TextField("text of the evidence of authority", blank=True)
    evidence_of_authority = models.FileField(
        "evidence of authority to sign, as PDF",
        upload_to=notice_upload_path,
        blank=True,
    )

    history = HistoricalRecords(bases=[HistoryUserName])

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}".replace("\n", " ")

    # The signers of a final notice are part of its stored documents.
    def save(self, *args, **kwargs) -> None:
        self._refuse_if_notice_final()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_notice_final()
        return super().delete(*args, **kwargs)

    def _refuse_if_notice_final(self) -> None:
        if Notice.objects.filter(pk=self.notice_id).final().exists():
            raise NoticeIsFinal


class PendingUpload(models.Model):
    """A file chosen on a wizard step whose page did not validate for another reason, kept
    for the user who chose it until the step is saved, so that nobody has to choose it again."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="pending_uploads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=20)
    field_key = models.CharField(max_length=100)  # the form field's name, prefix included
    file = models.FileField(upload_to=pending_upload_path)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "user", "field_key"], name="one_pending_upload_per_field"
            )
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        return PurePath(self.file.name).name


class NoticeDocument(models.Model):
    """A document of a finalized notice, rendered once and kept byte for byte: every download
    serves these bytes, and the SHA-256 lets a printed or filed copy be matched to them.
    `kind` is the slug of its format in filings.formats; `exhibit` the key of the exhibit it
    belongs to ("" for the notice itself)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20)
    exhibit = models.CharField(max_length=20, blank=True, default="")
    filename = models.CharField(max_length=100)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["exhibit", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "kind", "exhibit"], name="one_document_of_each_kind"
            )
        ]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        """Where the stored bytes are downloaded."""
        args = [self.notice_id, self.kind, *([self.exhibit] if self.exhibit else [])]
        return reverse("filings:document", args=args)


class NoticeDueDates(models.Model):
    """Where a notice sits on the dashboard, as dates: derived from the notice, its filing
    records, its registrant's investment company type and the SEC closure days
    (filings.due_dates computes them from the deadline and timeliness rules and refreshes them
    on every write of those). Each list of the dashboard is then one query along an index of
    this table, however many notices there are. Derived data, never edited and rebuilt at
    will; not the notice's content, which never changes once final. A date is None where the
    notice is never on the list it serves."""

    notice = models.OneToOneField(
        Notice, on_delete=models.CASCADE, primary_key=True, related_name="due_dates"
    )
    # Copied from the notice and its registrant, so that each list is picked and sorted from
    # this table's indexes alone: the registrant (whose notices a user may see), its name (the
    # lists sort by it after the date) and the notice's status.
    registrant = models.ForeignKey(
        Registrant, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    registrant_name = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=NoticeStatus.choices)
    # Not yet filed: its own Form 12b-25 deadline (Rule 12b-25(a)), the lists of notices not yet
    # filed sort by it; and the first day it counts as stale, the stale list sorts by it. The
    # last date there is for a notice without a deadline of its own (an amendment has none) or
    # without a period end.
    notice_due = models.DateField(null=True)
    stale_from = models.DateField(null=True)
    # Filed, its report not yet filed: the last day the notice waits for it.
    awaiting_report_until = models.DateField(null=True)
    # Filed, its report late: the first day it counts as late, and the first day it no longer
    # shows among the late reports.
    late_report_from = models.DateField(null=True)
    late_report_until = models.DateField(null=True)

    class Meta:
        verbose_name = "dates of a notice on the dashboard"
        verbose_name_plural = "dates of notices on the dashboard"
        # One for each kind of list, in the list's order; each holds only the rows that can be
        # on such a list.
        indexes = [
            models.Index(
                fields=["status", "notice_due", "registrant_name", "notice"],
                name="due_dates_list_idx",
                condition=models.Q(stale_from__isnull=False),
            ),
            models.Index(
                fields=["-stale_from", "registrant_name", "notice"],
                name="due_dates_stale_idx",
                condition=models.Q(stale_from__isnull=False),
            ),
            models.Index(
                fields=["awaiting_report_until", "registrant_name", "notice"],
                name="due_dates_awaiting_idx",
                condition=models.Q(awaiting_report_until__isnull=False),
            ),
            models.Index(
                fields=["late_report_from", "registrant_name", "notice"],
                name="due_dates_late_idx",
                condition=models.Q(late_report_from__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Dates of notice {self.notice_id} on the dashboard"


class InputKeptThroughLogin(models.Model):
    """A wizard page posted after its user's session expired, kept for that user only until
    they sign in again and open the page (see filings.middleware)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=200)
    typed = models.JSONField()
    kept_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "path"], name="one_kept_input_per_page")
        ]

    def __str__(self) -> str:
        return f"{self.path} ({self.kept_at:%Y-%m-%d %H:%M})"


class SecClosureDay(models.Model):
    """A day the SEC was closed although it was not a federal holiday, such as a national day
    of mourning. Deadlines treat it as a holiday (Rule 0-3)."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    history = HistoricalRecords(bases=[HistoryUserName])

    class Meta:
        ordering = ["-date"]
        verbose_name = "SEC closure day"

    def __str__(self) -> str:
        return f"{self.date.isoformat()}: {self.reason}"


class ReminderSent(models.Model):
    """A reminder of a deadline queued for one person: one row for each notice, deadline,
    number of business days left and recipient. The unique constraint is what makes a second
    run of `send_reminders`, or two runs at once, queue nothing the first one queued."""

    class Kind(models.TextChoices):
        NOTICE_DEADLINE = "notice_deadline", "Notice deadline"
        GRACE_PERIOD_END = "grace_period_end", "End of the grace period"

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    deadline = models.DateField()
    business_days_left = models.PositiveSmallIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "kind", "deadline", "business_days_left", "user"],
                name="one_reminder_per_notice_deadline_day_and_user",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.deadline.isoformat()} "
            f"({self.business_days_left} business days left) to {self.user}"
        )


# Regulation S-T Rule 302(b): what signs a notice and how long it is kept.


class RecordRetained(Exception):
    """A signing record is never changed, and not deleted before its retention period ends."""


def years_after(moment, years: int):
    """The same moment `years` later (February 29 becomes February 28)."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


class RetainedRecordQuerySet(models.QuerySet):
    """Bulk writes obey the rows' own rules: no update ever, no delete while one is kept."""

    def update(self, **kwargs):
        raise RecordRetained("A signing record never changes.")

    def delete(self):
        from django.utils import timezone

        now = timezone.now()
        if any(record.retained_until > now for record in self):
            raise RecordRetained("A signing record is kept for its retention period.")
        return super().delete()


class RetainedRecord(models.Model):
    """Written once, never changed; deleted only after `retained_until` (a property of each
    kind of record)."""

    objects = RetainedRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise RecordRetained("A signing record never changes.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from django.utils import timezone

        if self.retained_until > timezone.now():
            raise RecordRetained(
                f"This record is kept until {self.retained_until:%B %-d, %Y} "
                "(Regulation S-T Rule 302(b))."
            )
        return super().delete(*args, **kwargs)


# Rule 302(b)(1): the filer keeps each authentication document for five years.
AUTHENTICATION_RETENTION_YEARS = 5
# Rule 302(b)(2): the attestation is kept for at least seven years after the signer's last
# electronically signed authentication document.
ATTESTATION_RETENTION_YEARS = 7


class AuthenticationDocument(RetainedRecord):
    """The signed authentication document of a notice (Regulation S-T Rule 302(b)): the
    manually signed one uploaded, or the one the product made and sealed when every signer had
    signed electronically. Its bytes are kept in the database, so every server serves them."""

    class Kind(models.TextChoices):
        MANUAL = "manual", "Manually signed, uploaded"
        SEALED = "sealed", "Signed electronically, sealed by the product"

    notice = models.OneToOneField(Notice, on_delete=models.PROTECT, related_name="authentication")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    filename = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField("SHA-256", max_length=64)
    page_count = models.PositiveIntegerField()
    # What did not match the notice when it was uploaded (shown beside it, never refused).
    warnings = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()
    created_by = _kept_user_link(null=True, blank=True)
    created_by_name = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("filings:authentication", args=[self.notice_id])

    @property
    def retained_until(self):
        return years_after(self.created_at, AUTHENTICATION_RETENTION_YEARS)


class SignatureAttestation(RetainedRecord):
    """The document a signer signed by hand before signing electronically for the first
    time, agreeing that their electronic signature is the legal equivalent of their manual
    signature (Regulation S-T Rule 302(b)(2)). One per user, kept in the database."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="signature_attestation",
    )
    user_name = models.CharField(max_length=150)
    filename = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField()
    uploaded_by = _kept_user_link(null=True, blank=True)
    uploaded_by_name = models.CharField(max_length=150)

    def __str__(self) -> str:
        return f"Attestation of {self.user_name}"

    def get_absolute_url(self) -> str:
        return reverse("filings:attestation", args=[self.user_id])

    @property
    def retained_until(self):
        last_signature = (
            ElectronicSignature.objects.filter(user_id=self.user_id)
            .order_by("-signed_at")
            .values_list("signed_at", flat=True)
            .first()
        )
        latest = max(filter(None, [self.uploaded_at, last_signature]))
        return years_after(latest, ATTESTATION_RETENTION_YEARS)


class ElectronicSignature(RetainedRecord):
    """One signer's electronic signature of a notice's signing PDF (Regulation S-T Rule
    302(b)(2); EDGAR Filer Manual Vol. II 5.1.2): who signed as which signer, when, from
    which address, after which checks, and the SHA-256 of the exact PDF signed. It is part of
    the authentication document, and kept as long."""

    notice = models.ForeignKey(
        Notice, on_delete=models.PROTECT, related_name="electronic_signatures"
    )
    notice_signer = models.OneToOneField(
        NoticeSigner, on_delete=models.PROTECT, related_name="electronic_signature"
    )
    user = _kept_user_link()
    user_name = models.CharField(max_length=150)
    signer_name = models.CharField(max_length=200)
    signer_title = models.CharField(max_length=200)
    signed_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    pdf_sha256 = models.CharField("SHA-256 of the PDF signed", max_length=64)
    # The checks made at the moment of signing: the password, and the authenticator code of a
    # user with two-factor sign-in.
    authenticator_code_checked = models.BooleanField()

    class Meta:
        ordering = ["signed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.signer_name} ({self.user_name}) at {self.signed_at}"

    @property
    def retained_until(self):
        return years_after(self.signed_at, AUTHENTICATION_RETENTION_YEARS)


class OrganisationSeal(models.Model):
    """The demo seal's key and self-signed certificate, made on first use when no PKCS#12
    file is configured (filings.seal), kept here so it survives restarts and every server
    seals with the same one. Production configures its own certificate instead."""

    private_key_pem = models.TextField()
    certificate_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Demo seal made {self.created_at:%Y-%m-%d}"


class _RecordedFiling(WrittenOnce):
    """A filing recorded on EDGAR's word, with who recorded it and when."""

    recorded_at = models.DateTimeField()
    recorded_by = _kept_user_link(null=True, blank=True)
    recorded_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        abstract = True


class NoticeFiling(_RecordedFiling):
    """The EDGAR filing of a notice (filings.lifecycle.notice_record_filing): its accession
    number and the date and time EDGAR accepted it. One per notice."""

    notice = models.OneToOneField(Notice, on_delete=models.CASCADE, related_name="filing")
    accession_number = models.CharField(max_length=20, unique=True)
    accepted_at = models.DateTimeField("EDGAR acceptance date and time")

    class Meta:
        verbose_name = "EDGAR filing of a notice"

    def __str__(self) -> str:
        return f"{self.accession_number} ({self.notice})"


class ReportFiling(_RecordedFiling):
    """The filing of the late report itself (the 10-K, 10-Q...) that a notice was about
    (filings.lifecycle.notice_record_report): its accession number and filing date."""

    notice = models.OneToOneField(Notice, on_delete=models.CASCADE, related_name="report_filing")
    accession_number = models.CharField(max_length=20, unique=True)
    filed_on = models.DateField("filing date")

    class Meta:
        verbose_name = "filing of a late report"

    def __str__(self) -> str:
        return f"{self.accession_number} ({self.notice})"
