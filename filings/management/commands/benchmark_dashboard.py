"""Measure the dashboard over many notices (see docs/benchmarks.md): its queries and time with
--notices notices (200,000 by default) of every state spread over ten years, made in a
transaction that is rolled back at the end."""

import random
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from filings.deadlines import EASTERN
from filings.models import Notice, NoticeFiling, NoticeStatus
from registrants.demo import DEMO_REGISTRANTS
from registrants.models import Registrant


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the dashboard over many notices (rolled back at the end)."

    def add_arguments(self, parser):
        parser.add_argument("--notices", type=int, default=200_000)
        parser.add_argument("--registrants", type=int, default=200)
        parser.add_argument("--repeats", type=int, default=10)

    def handle(self, *args, notices: int, registrants: int, repeats: int, **options):
        try:
            with transaction.atomic():
                self._measure(notices, registrants, repeats)
                raise Rollback
        except Rollback:
            pass

    def _measure(self, count: int, registrant_count: int, repeats: int) -> None:
        rng = random.Random(12)
        template = DEMO_REGISTRANTS[0]["registrant"]
        made = Registrant.objects.bulk_create(
            Registrant(
                **{
                    **template,
                    "name": f"Benchmark Registrant {index}",
                    "cik": None,
                    "sec_file_number": f"000-{90000 + index}",
                }
            )
            for index in range(registrant_count)
        )
        statuses = [
            (NoticeStatus.FILED, 70),
            (NoticeStatus.DRAFT, 20),
            (NoticeStatus.IN_REVIEW, 4),
            (NoticeStatus.APPROVED, 3),
            (NoticeStatus.SIGNED, 3),
        ]
        population = [status for status, weight in statuses for _ in range(weight)]
        today = date.today()
        started = time.perf_counter()
        batch = []
        for index in range(count):
            quarter_end = today - timedelta(days=rng.randrange(0, 3650))
            batch.append(
                Notice(
                    registrant=made[index % registrant_count],
                    status=rng.choice(population),
                    form_type=rng.choice(["10-K", "10-Q"]),
                    filer_status="non_accelerated",
                    period_end=quarter_end,
                    relief_claimed=True,
                    registrant_name=f"Benchmark Registrant {index % registrant_count}",
                )
            )
            if len(batch) == 5000:
                Notice.objects.bulk_create(batch)
                batch = []
        Notice.objects.bulk_create(batch)
        filed = Notice.objects.filter(status=NoticeStatus.FILED).order_by("-period_end")[:500]

        NoticeFiling.objects.bulk_create(
            NoticeFiling(
                notice=notice,
                accession_number=f"0000000000-00-{index:06d}",
                accepted_at=datetime.combine(
                    notice.period_end + timedelta(days=46), clock(12), tzinfo=EASTERN
                ),
                recorded_at=datetime.now(tz=EASTERN),
                recorded_by_name="benchmark",
            )
            for index, notice in enumerate(filed)
        )
        self.stdout.write(f"Made {count:,} notices in {time.perf_counter() - started:.1f} s")

        admin = User.objects.create_superuser("benchmark-dashboard", "", "unused")
        client = Client(HTTP_HOST="localhost")
        client.force_login(admin)
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(reverse("home"))
        assert response.status_code == 200, response.status_code
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            client.get(reverse("home"))
            timings.append(time.perf_counter() - started)
        rows = response.content.decode().count('<tr class="urgency-')
        self.stdout.write(f"Queries per dashboard: {len(queries)}")
        self.stdout.write(f"Rows shown: {rows}")
        self.stdout.write(
            f"Median of {repeats} dashboards: {statistics.median(timings) * 1000:.0f} ms "
            f"(slowest {max(timings) * 1000:.0f} ms)"
        )
