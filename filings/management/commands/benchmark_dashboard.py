"""Measure the dashboard over many notices (see docs/benchmarks.md): its queries, size and time
with --notices notices (200,000 by default) seeded as `benchmark_pages` seeds them
(filings.benchmark_data: quarterly reports over the last ten years up to today, the old ones
mostly filed with their filing records, those around today in every state), made in a
transaction that is rolled back at the end."""

import statistics
import time

from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from filings.benchmark_data import seed_notices, seed_registrants
from filings.models import Notice, NoticeFiling, ReportFiling
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
        started = time.perf_counter()
        seed_registrants(Registrant.objects.count() + registrant_count, lambda *args: None)
        seed_notices(Notice.objects.count() + count, lambda *args: None)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum keeps them
        self.stdout.write(
            f"Made {count:,} notices ({NoticeFiling.objects.count():,} EDGAR filing records, "
            f"{ReportFiling.objects.count():,} report filings) in "
            f"{time.perf_counter() - started:.1f} s"
        )

        admin = User.objects.create_superuser("benchmark-dashboard", "", "unused")
        client = Client(HTTP_HOST="localhost")
        client.force_login(admin)
        queries = []

        def count_query(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count_query):
            response = client.get(reverse("home"))
        assert response.status_code == 200, response.status_code
        timings, kept = [], []
        for _ in range(repeats):
            # Read afresh, as after a change: nothing kept in the cache (filings.deadline_views);
            # then again, from the cache.
            cache.clear()
            for measured in (timings, kept):
                started = time.perf_counter()
                client.get(reverse("home"))
                measured.append(time.perf_counter() - started)
        page = response.content.decode()
        rows = page.count('<tr class="urgency-')
        upcoming = page.count('data-label="Days left"')
        self.stdout.write(f"Queries per dashboard: {len(queries)}")
        self.stdout.write(f"Rows shown: {rows} in the lists, {upcoming} coming report deadlines")
        self.stdout.write(f"Page size: {len(response.content) / 1024:.0f} KB")
        self.stdout.write(
            f"Median of {repeats} dashboards read afresh: {statistics.median(timings) * 1000:.0f}"
            f" ms (slowest {max(timings) * 1000:.0f} ms); from the cache: "
            f"{statistics.median(kept) * 1000:.0f} ms"
        )
