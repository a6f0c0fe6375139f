"""Queue the reminders due today of the notice deadlines and grace period ends (filings/
reminders.py), for cron or a systemd timer. Run as often as you like: a reminder is queued
once."""

from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone

from filings.management.base import OneLineErrorCommand
from filings.reminders import due_reminders, reminder_queue


class Command(OneLineErrorCommand):
    help = (
        "Queue the e-mail reminders due today: 2 and 1 business days before each notice "
        "deadline and grace period end, and on the day. Meant for a daily cron job or systemd "
        "timer; the worker (db_worker) sends them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date", dest="today", help="act as if today were this day, YYYY-MM-DD"
        )

    def handle(self, *args, today: str | None = None, **options) -> None:
        today = _parse_date(today) if today else timezone.localdate()
        reminders, skipped = due_reminders(today=today)
        queued = sum(reminder_queue(reminder) for reminder in reminders)
        self.stdout.write(
            f"{today.isoformat()}: {queued} reminders queued, "
            f"{len(reminders) - queued} queued before, "
            f"{skipped} skipped (no e-mail address)."
        )


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date; write it as YYYY-MM-DD.") from None
