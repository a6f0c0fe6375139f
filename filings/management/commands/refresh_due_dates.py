"""Compute every notice's dates on the dashboard again (filings.due_dates) and write those that
changed: the index follows every save by itself; this rebuilds it after writes that bypass
save(), such as rows inserted in bulk by a script."""

from django.core.management.base import BaseCommand
from django.db import transaction

from filings.due_dates import notice_due_dates_refresh
from filings.models import Notice


class Command(BaseCommand):
    help = "Rebuild the dashboard's index of notice dates; prints how many rows changed."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            written = notice_due_dates_refresh(notices=Notice.objects.all())
        self.stdout.write(f"{written} of {Notice.objects.count()} notices' dates written.")
