from django.contrib import admin

from filings.models import Notice, NoticeSigner, SecClosureDay


class NoticeSignerInline(admin.TabularInline):
    model = NoticeSigner
    extra = 0


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = [
        "registrant",
        "form_type",
        "is_amendment",
        "period_end",
        "status",
        "updated_at",
        "updated_by",
    ]
    list_filter = ["status", "form_type", "is_amendment"]
    list_select_related = ["registrant", "updated_by"]
    search_fields = ["registrant__name", "registrant_name", "narrative"]
    readonly_fields = [
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "saved_steps",
        "pending_input",
    ]
    autocomplete_fields = ["registrant", "amends"]
    inlines = [NoticeSignerInline]


@admin.register(SecClosureDay)
class SecClosureDayAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "reason"]
    search_fields = ["reason"]
    date_hierarchy = "date"

    @admin.display(description="Weekday")
    def weekday(self, closure_day: SecClosureDay) -> str:
        return f"{closure_day.date:%A}"
