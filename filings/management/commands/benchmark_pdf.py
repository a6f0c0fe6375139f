"""Measure the PDF renderer (see docs/benchmarks.md): time through the app beside bare
WeasyPrint on the same HTML, the download of a stored PDF, and memory over many renders.
Works on a throwaway copy of the seed notice that is rolled back at the end."""

import gc
import statistics
import time
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.urls import reverse
from weasyprint import HTML

from filings.demo import LEXINGTON_NOTICE, LEXINGTON_SIGNER
from filings.models import Notice, NoticeSigner
from filings.pdf import STATIC_DIR, notice_pdf_html, render_notice_pdf
from filings.services import notice_finalize
from registrants.demo import DEMO_REGISTRANTS
from registrants.models import Registrant


def resident_memory_mb() -> float:
    """This process's resident set size (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def median_seconds(action, repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


class Command(BaseCommand):
    help = "Benchmark PDF rendering and downloads (results: docs/benchmarks.md)."

    def add_arguments(self, parser):
        parser.add_argument("--repeats", type=int, default=30, help="timed renders of each kind")
        parser.add_argument("--renders", type=int, default=1000, help="renders for the memory test")

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            self._run(options["repeats"], options["renders"])
            transaction.set_rollback(True)

    def _run(self, repeats: int, renders: int) -> None:
        registrant = Registrant.objects.create(
            **{**DEMO_REGISTRANTS[0]["registrant"], "name": "Benchmark Precision Corporation"}
        )
        notice = Notice.objects.create(registrant=registrant, **LEXINGTON_NOTICE)
        NoticeSigner.objects.create(notice=notice, **LEXINGTON_SIGNER)
        html = notice_pdf_html(notice)
        base_url = STATIC_DIR.as_uri() + "/"

        render_notice_pdf(notice)  # warm up: fonts, templates
        HTML(string=html, base_url=base_url).write_pdf()
        app = median_seconds(lambda: render_notice_pdf(notice), repeats)
        bare = median_seconds(lambda: HTML(string=html, base_url=base_url).write_pdf(), repeats)

        user = User.objects.create_user("benchmark")
        final = notice_finalize(notice=notice, user=user)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        user.user_permissions.add(*self._notice_permissions())
        # Compliance staff see the notices of the registrants assigned to them only.
        registrant.assigned_users.add(user)
        url = reverse("filings:document", args=[final.pk, "pdf"])
        assert client.get(url).status_code == 200
        download = median_seconds(lambda: client.get(url), repeats)

        gc.collect()
        memory_before = resident_memory_mb()
        for _ in range(renders):
            render_notice_pdf(final)
        gc.collect()
        memory_after = resident_memory_mb()

        self.stdout.write(f"Median of {repeats} renders of the seed notice:")
        self.stdout.write(f"  through the app      {app * 1000:8.1f} ms")
        self.stdout.write(f"  bare WeasyPrint      {bare * 1000:8.1f} ms")
        self.stdout.write(
            f"  app overhead         {(app / bare - 1) * 100:+8.1f} %  (target: at most +10 %)"
        )
        self.stdout.write(f"Median download of the stored PDF: {download * 1000:.1f} ms")
        self.stdout.write(
            f"Memory (RSS) before and after {renders} renders: {memory_before:.1f} MB -> "
            f"{memory_after:.1f} MB, growth {memory_after - memory_before:+.1f} MB "
            "(target: under 20 MB)"
        )

    @staticmethod
    def _notice_permissions():
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(content_type__app_label="filings", codename="view_notice")
