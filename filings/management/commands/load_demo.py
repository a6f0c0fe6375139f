from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from filings.demo import load_demo_attestations, load_demo_notices
from registrants.demo import DEMO_REGISTRANTS, DEMO_USERS, load_demo_registrants, load_demo_users


class Command(BaseCommand):
    help = (
        "Load demo registrants, the Lexington Precision notice of the seed and one user per "
        "role. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "load_demo creates users with known passwords; it runs only with DEBUG on."
            )
        with transaction.atomic():
            load_demo_registrants()
            load_demo_users()
            load_demo_notices(
                prepared_by=User.objects.get(username="compliance"),
                approved_by=User.objects.get(username="reviewer"),
            )
            load_demo_attestations(uploaded_by=User.objects.get(username="compliance"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {len(DEMO_REGISTRANTS)} registrants and the approved "
                "Lexington Precision notice."
            )
        )
        self.stdout.write("Demo logins (user / password):")
        for username, password, role, is_superuser in DEMO_USERS:
            extra = ", superuser with the Django admin" if is_superuser else ""
            self.stdout.write(f"  {username} / {password}  ({role}{extra})")
