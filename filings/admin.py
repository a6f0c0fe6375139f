from django.contrib import admin

from filings.models import SecClosureDay


@admin.register(SecClosureDay)
class SecClosureDayAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "reason"]
    search_fields = ["reason"]
    date_hierarchy = "date"

    @admin.display(description="Weekday")
    def weekday(self, closure_day: SecClosureDay) -> str:
        return f"{closure_day.date:%A}"
