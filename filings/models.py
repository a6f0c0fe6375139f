from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from filings.deadlines import REPORT_FORM_CHOICES, REPORT_FORMS
from filings.uploads import notice_upload_path, pending_upload_path
from registrants.history import HistoryUserName
from registrants.models import FilerStatus, Registrant, area_code_validator, phone_number_validator


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class NoticeIsFinal(Exception):
    """A final notice no longer changes."""


def _forget_user_on_drafts(collector, field, sub_objs, using) -> None:
    """on_delete for the people who created, changed or finalized a notice: deleting the user
    clears the link on drafts only. A final notice's row is left as it is, so it keeps the
    user's id (the column has no database constraint for this reason) and the name copied
    beside it."""
    collector.add_field_update(field, None, sub_objs.exclude(status=NoticeStatus.FINAL))


def _protect_final_notices(collector, field, sub_objs, using) -> None:
    """on_delete for the notice an amendment amends: refused while a final notice names it,
    cleared on drafts."""
    finals = sub_objs.filter(status=NoticeStatus.FINAL)
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


class NoticeQuerySet(models.QuerySet):
    """Bulk writes refuse to touch a final notice, as Notice.save() and delete() do."""

    def update(self, **kwargs):
        self._refuse_final()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_final()
        return super().delete()

    def visible_to(self, user) -> "NoticeQuerySet":
        """The notices of the registrants `user` may see (Registrant.objects.visible_to)."""
        return self.filter(registrant__in=Registrant.objects.visible_to(user))

    def _refuse_final(self) -> None:
        if self.filter(status=NoticeStatus.FINAL).exists():
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
        ]

    def __str__(self) -> str:
        period = self.period_end.isoformat() if self.period_end else "no period yet"
        return (
            f"{self.edgar_submission_type} for {self.registrant_name or self.registrant} ({period})"
        )

    def save(self, *args, update_fields=None, **kwargs) -> None:
        """Save, unless the stored row is final: a final notice never changes, whatever the
        path (a stale form, the admin, a script). The save that finalizes a draft is allowed,
        since the stored row is still a draft then."""
        if (
            not self._state.adding
            and Notice.objects.filter(pk=self.pk, status=NoticeStatus.FINAL).exists()
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
        if Notice.objects.filter(pk=self.pk, status=NoticeStatus.FINAL).exists():
            raise NoticeIsFinal
        return super().delete(*args, **kwargs)

    def pending_input_of(self, user) -> dict[str, dict[str, list[str]]]:
        """What `user` typed and did not save, by step slug; nothing for no user."""
        if user is None or user.pk is None:
            return {}
        return self.pending_input.get(str(user.pk), {})

    @property
    def is_final(self) -> bool:
        return self.status == NoticeStatus.FINAL

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


class NoticeSigner(models.Model):
    """A person signing the notice, copied from the registrant's signers or typed in."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="signers")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    is_executive_officer = models.BooleanField("executive officer", default=True)
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
        return f"{self.name}, {self.title}"

    # The signers of a final notice are part of its stored documents.
    def save(self, *args, **kwargs) -> None:
        self._refuse_if_notice_final()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_notice_final()
        return super().delete(*args, **kwargs)

    def _refuse_if_notice_final(self) -> None:
        if Notice.objects.filter(pk=self.notice_id, status=NoticeStatus.FINAL).exists():
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
