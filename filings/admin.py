from django.contrib import admin
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join

from filings.models import (
    AuthenticationDocument,
    ElectronicSignature,
    Notice,
    NoticeSigner,
    SecClosureDay,
    SignatureAttestation,
)
from registrants.admin import VisibleRegistrantsAdmin
from registrants.admin_inputs import CheckedInputAdmin
from registrants.history import history_entries


class NoticeSignerInline(admin.TabularInline):
    model = NoticeSigner
    extra = 0

    # The signers of a final notice are part of its stored documents.
    def has_add_permission(self, request, obj=None):
        return (obj is None or not obj.is_final) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return (obj is None or not obj.is_final) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.is_final) and super().has_delete_permission(request, obj)


@admin.register(Notice)
class NoticeAdmin(VisibleRegistrantsAdmin):
    list_display = [
        "registrant",
        "form_type",
        "is_amendment",
        "period_end",
        "status",
        "updated_at",
        "updated_by_name",
    ]
    list_filter = ["status", "form_type", "is_amendment"]
    list_select_related = ["registrant"]
    search_fields = ["registrant__name", "registrant_name", "narrative"]
    readonly_fields = [
        "created_at",
        "created_by",
        "created_by_name",
        "updated_at",
        "updated_by",
        "updated_by_name",
        "saved_steps",
        "pending_input",
    ]
    autocomplete_fields = ["registrant", "amends"]
    inlines = [NoticeSignerInline]

    def get_readonly_fields(self, request, obj=None):
        # The status changes only by finalizing, and a final notice no longer changes at all:
        # its stored documents must keep matching it.
        if obj is not None and obj.is_final:
            return [field.name for field in self.model._meta.fields]
        return [
            *self.readonly_fields,
            "status",
            "finalized_at",
            "finalized_by",
            "finalized_by_name",
        ]

    # A final notice is shown, never saved (Save would write its row) and never deleted.
    def has_change_permission(self, request, obj=None):
        return (obj is None or not obj.is_final) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.is_final) and super().has_delete_permission(request, obj)


# The changes a closure day's admin page shows, newest first: a day is seldom changed at all.
CLOSURE_DAY_HISTORY_ENTRIES = 100


@admin.register(SecClosureDay)
class SecClosureDayAdmin(CheckedInputAdmin):
    list_display = ["date", "weekday", "reason"]
    search_fields = ["reason"]
    date_hierarchy = "date"
    readonly_fields = ["change_history"]

    @admin.display(description="History")
    def change_history(self, closure_day: SecClosureDay) -> str:
        history = history_entries(
            [closure_day.history.all()], noun="Closure day", limit=CLOSURE_DAY_HISTORY_ENTRIES
        )
        entries = format_html_join(
            "\n",
            "<p>{}, {}{}</p>",
            (
                (
                    entry.summary,
                    dateformat.format(timezone.localtime(entry.when), "j M Y H:i"),
                    "".join(f"; {c.label}: {c.old} \u2192 {c.new}" for c in entry.changes),
                )
                for entry in history.entries
            ),
        )
        if history.older:
            entries += format_html("\n<p>Older changes are not shown.</p>")
        return entries or "No changes recorded yet."

    @admin.display(description="Weekday")
    def weekday(self, closure_day: SecClosureDay) -> str:
        return f"{closure_day.date:%A}"


class RetainedRecordAdmin(admin.ModelAdmin):
    """Signing records (Regulation S-T Rule 302(b)) are shown, never added or changed here,
    and deleted one by one only after their retention period (no bulk delete). A stored
    file's bytes are downloaded from the product's pages, not shown here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return (
            obj is not None
            and obj.retained_until <= timezone.now()
            and super().has_delete_permission(request, obj)
        )


@admin.register(AuthenticationDocument)
class AuthenticationDocumentAdmin(RetainedRecordAdmin):
    list_display = ["filename", "notice", "kind", "created_at", "created_by_name", "sha256"]
    list_filter = ["kind"]
    exclude = ["content"]

    def get_queryset(self, request):
        notices = Notice.objects.visible_to(request.user)
        return super().get_queryset(request).filter(notice__in=notices).defer("content")


@admin.register(ElectronicSignature)
class ElectronicSignatureAdmin(RetainedRecordAdmin):
    list_display = ["signer_name", "user_name", "notice", "signed_at", "ip_address"]

    def get_queryset(self, request):
        notices = Notice.objects.visible_to(request.user)
        return super().get_queryset(request).filter(notice__in=notices)


@admin.register(SignatureAttestation)
class SignatureAttestationAdmin(RetainedRecordAdmin):
    list_display = ["user_name", "uploaded_at", "uploaded_by_name", "sha256"]
    exclude = ["content"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")
