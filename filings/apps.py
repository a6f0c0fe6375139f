from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "filings"
    verbose_name = "Filings"

    def ready(self) -> None:
        from config import database  # noqa: F401  (replaces connections a migration outdated)
        from filings import (
            checks,  # noqa: F401  (registers the system checks)
            due_dates,  # noqa: F401  (keeps the dashboard's index current)
            middleware,  # noqa: F401  (notes typed input kept for a user signing in)
        )
