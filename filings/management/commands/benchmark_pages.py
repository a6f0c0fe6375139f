"""Measure every page under load, on SQLite and on PostgreSQL, against a bare Django view.

For each database the command migrates it, seeds it (a team's worth on SQLite; 5,000
registrants and 200,000 notices on PostgreSQL, through bulk inserts), starts gunicorn for the
application and for `config.benchmark_hello` as the README's production setup does (2 workers,
DEBUG off), and drives each page with wrk at 1 and at 20 connections, a run of the hello-world
view before each page's run, so that each ratio compares runs made side by side. It prints one
Markdown table per database (requests/s, p50, p95, p99, failed requests, times the hello-world
throughput, page size), the EXPLAIN of the notice list's searches and filters and of the
registrant list on PostgreSQL, and the PDF measures of `benchmark_pdf`. See docs/benchmarks.md
for results and the exact command.

It needs wrk (`make benchmark` installs the Debian package). Not part of the test suite.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PROJECT = Path(settings.BASE_DIR)
APP_PORT = 8741
HELLO_PORT = 8742
WRITER_MARK = "benchmark writer"


@dataclass(frozen=True)
class Page:
    label: str
    url: str  # formatted with the prepared database's facts
    method: str = "GET"
    body: str = ""  # "new_notice" or "part_3" for the two POSTs
    expect: int = 200


PAGES = [
    Page("dashboard", "/"),
    Page("notice list", "/notices/"),
    Page("notice list, deep page", "/notices/?page={deep_page}"),
    Page("notices: search by name", "/notices/?q={name_query}"),
    Page("notices: search by CIK", "/notices/?q={cik}"),
    Page("notices: search by file number", "/notices/?q={file_number}"),
    Page("notices: filter by registrant", "/notices/?registrant={registrant_id}"),
    Page("notices: filter by form", "/notices/?form_type=10-Q"),
    Page("notices: filter by status", "/notices/?status={status}"),
    Page("registrant list", "/registrants/"),
    Page("registrant list: search", "/registrants/?q={name_query}"),
    Page("registrant page", "/registrants/{registrant_id}/"),
    Page("registrant chooser (JSON)", "/registrants/choose/?q={name_query}"),
    Page("new notice: report step", "/notices/new/"),
    Page("report step", "/notices/{draft_id}/report/"),
    Page("Part I", "/notices/{draft_id}/part-1/"),
    Page("Part II", "/notices/{draft_id}/part-2/"),
    Page("Part III", "/notices/{draft_id}/part-3/"),
    Page("Part IV", "/notices/{draft_id}/part-4/"),
    Page("signature", "/notices/{draft_id}/signature/"),
    Page("review", "/notices/{draft_id}/review/"),
    Page("notice page (final)", "/notices/{final_id}/"),
    Page("filing summary", "/notices/{final_id}/edgar/"),
    Page("stored PDF", "/notices/{final_id}/documents/pdf/"),
    Page("deadline preview", "/deadlines/preview/?form_type=10-K&period_end=2026-03-31"),
    Page("calendar, one registrant", "/deadlines/registrants/{registrant_id}/calendar.ics"),
    Page("calendar, all registrants", "/deadlines/calendar.ics"),
    Page("save Part III (POST)", "/notices/{draft_id}/part-3/", "POST", "part_3", 302),
    Page("start a notice (POST)", "/notices/new/", "POST", "new_notice", 302),
]

LUA = """
wrk.method = "{method}"
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["Accept-Encoding"] = "gzip"
{post_headers}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %.0f %.0f %.0f\\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def progress(label: str, done: int, total: int) -> None:
    """A progress bar on stderr, redrawn in place."""
    width = 40
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r{label:<12} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


class Command(BaseCommand):
    help = (
        "Seed SQLite and PostgreSQL, serve the app and a hello-world view with gunicorn, drive "
        "each page with wrk and print requests/s, latency percentiles, errors and ratios."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--postgres-url",
            default="postgres://postgres@127.0.0.1:5432/late_filing_benchmark",
            help="An existing, empty or earlier-seeded PostgreSQL database (default: %(default)s)",
        )
        parser.add_argument("--databases", default="sqlite,postgres")
        parser.add_argument("--registrants", type=int, default=5000)
        parser.add_argument("--notices", type=int, default=200_000)
        parser.add_argument("--sqlite-registrants", type=int, default=20)
        parser.add_argument("--sqlite-notices", type=int, default=100)
        parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
        parser.add_argument("--connections", default="1,20")
        parser.add_argument(
            "--only",
            default="",
            help="words, separated by commas: only the pages whose label holds one of them",
        )
        parser.add_argument("--pdf-renders", type=int, default=1000)
        # Internal: what the orchestrating process asks of a child on a given database.
        parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--count-writes", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options) -> None:
        if options["prepare"]:
            from filings.benchmark_data import prepare

            facts = prepare(
                registrants=options["registrants"],
                notices=options["notices"],
                progress=progress,
                writer_mark=WRITER_MARK,
            )
            self.stdout.write("FACTS " + json.dumps(facts))
            return
        if options["count_writes"]:
            from filings.benchmark_data import written_notices

            self.stdout.write("WRITES " + json.dumps(written_notices(writer_mark=WRITER_MARK)))
            return
        if shutil.which("wrk") is None:
            raise CommandError("wrk is missing: `make benchmark` installs it (Debian's `wrk`).")
        self._run(options)

    # The orchestrator.

    def _run(self, options) -> None:
        connections = [int(c) for c in options["connections"].split(",")]
        words = [word.strip().lower() for word in options["only"].split(",")]
        pages = [p for p in PAGES if any(word in p.label.lower() for word in words)]
        self._describe_machine()
        workdir = Path(tempfile.mkdtemp(prefix="benchmark-pages-"))
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=PROJECT,
            env=self._environment(f"sqlite:///{workdir / 'static.sqlite3'}"),
            check=True,
        )
        try:
            for database in options["databases"].split(","):
                if database == "sqlite":
                    url = f"sqlite:///{workdir / 'benchmark.sqlite3'}"
                    sizes = (options["sqlite_registrants"], options["sqlite_notices"])
                else:
                    url = options["postgres_url"]
                    sizes = (options["registrants"], options["notices"])
                self._run_database(database, url, sizes, pages, connections, options)
            # The PDF measures run on the last database, which holds the demo's seed notice.
            if options["pdf_renders"]:
                self.stdout.write("\n## PDF through the app and bare WeasyPrint\n\n```")
                result = subprocess.run(
                    [sys.executable, "manage.py", "benchmark_pdf", "--renders"]
                    + [str(options["pdf_renders"])],
                    cwd=PROJECT,
                    env=self._environment(url),
                    capture_output=True,
                    text=True,
                )
                self.stdout.write(result.stdout + result.stderr + "```")
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _describe_machine(self) -> None:
        cpu = "unknown CPU"
        cpuinfo = Path("/proc/cpuinfo")
        if cpuinfo.exists():
            models = re.findall(r"model name\s*:\s*(.+)", cpuinfo.read_text())
            cpu = f"{len(models)} x {models[0]}" if models else cpu
        memory = ""
        meminfo = Path("/proc/meminfo")
        if meminfo.exists():
            kilobytes = int(re.search(r"MemTotal:\s*(\d+)", meminfo.read_text()).group(1))
            memory = f", {kilobytes / 1024 / 1024:.0f} GiB"
        wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
        self.stdout.write(f"# benchmark_pages, {date.today():%Y-%m-%d}\n")
        self.stdout.write(f"Machine: {cpu}{memory}; Python {sys.version.split()[0]}; ")
        self.stdout.write(f"{wrk.splitlines()[0] if wrk else 'wrk'}\n")

    def _environment(self, database_url: str, **extra: str) -> dict:
        return {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-" + "k" * 60,
            # 127.0.0.1 for wrk, localhost for the test client of benchmark_pdf.
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            **extra,
        }

    def _manage(self, database_url: str, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", "benchmark_pages", *args],
            cwd=PROJECT,
            env=self._environment(database_url),
            stdout=subprocess.PIPE,
            text=True,
        )
        if result.returncode:
            raise CommandError(f"benchmark_pages {' '.join(args)} failed on {database_url}")
        return result.stdout

    def _run_database(self, database, url, sizes, pages, connections, options) -> None:
        registrants, notices = sizes
        self.stdout.write(f"\n## {database}: {registrants:,} registrants, {notices:,} notices\n")
        output = self._manage(
            url, "--prepare", "--registrants", str(registrants), "--notices", str(notices)
        )
        facts = json.loads(output.split("FACTS ", 1)[1])
        if facts["explain"]:
            self.stdout.write(
                "\nEXPLAIN of the notice list's first page for each search and filter, of"
                " the registrant list's first page and of the registrants a search by name"
                " matches:\n"
            )
            for label, plan in facts["explain"].items():
                self.stdout.write(f"\n{label}:\n```\n{plan}\n```")
        servers = [
            self._gunicorn("config.wsgi", APP_PORT, url, "config.settings"),
            self._gunicorn("config.benchmark_hello", HELLO_PORT, url, "config.benchmark_hello"),
        ]
        try:
            for count in connections:
                self.stdout.write(
                    f"\n### {database}, {count} concurrent connection(s), {options['duration']} s"
                    " per run\n"
                )
                self.stdout.write(
                    "| page | req/s | p50 ms | p95 ms | p99 ms | failed | x hello | KB |\n"
                    "|---|---:|---:|---:|---:|---:|---:|---:|"
                )
                for page in pages:
                    self._measure(page, facts, count, options["duration"])
            if database == "sqlite" and any("POST" in page.label for page in pages):
                self._writers(url, facts, options["duration"])
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)

    def _gunicorn(self, module: str, port: int, url: str, settings_module: str):
        environment = self._environment(url, DJANGO_SETTINGS_MODULE=settings_module)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", module, "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "2", "--log-level", "warning"],
            cwd=PROJECT,
            env=environment,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                return server
            except urllib.error.HTTPError:
                return server  # answering, with a redirect to the login or a 4xx
            except OSError:
                time.sleep(0.2)
        server.terminate()
        raise CommandError(f"gunicorn {module} did not start on port {port}")

    def _request_parts(self, page: Page, facts: dict) -> tuple[str, str]:
        cookie = f"sessionid={facts['session']}; csrftoken={facts['csrf']}"
        body = ""
        if page.body:
            fields = dict(facts["bodies"][page.body], csrfmiddlewaretoken=facts["csrf"])
            body = urllib.parse.urlencode(fields)
        return cookie, body

    def _check(self, page: Page, url: str, facts: dict) -> tuple[int, int]:
        """The page's status and size, fetched once before the run: a page that redirects to the
        login or fails would make its figures meaningless."""
        cookie, body = self._request_parts(page, facts)
        request = urllib.request.Request(
            url,
            data=body.encode() if page.method == "POST" else None,
            headers={"Cookie": cookie, "Accept-Encoding": "gzip"}
            | ({"Content-Type": "application/x-www-form-urlencoded"} if body else {}),
            method=page.method,
        )

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=120)
            status, size = response.status, len(response.read())
        except urllib.error.HTTPError as error:
            status, size = error.code, len(error.read())
        except OSError:
            status, size = 0, 0  # no answer: the worker was killed at its timeout
        return status, size

    def _wrk(self, url: str, count: int, duration: int, lua: str) -> dict:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(lua)
        try:
            result = subprocess.run(
                ["wrk", "-t", str(min(count, 2)), "-c", str(count), "-d", f"{duration}s"]
                + ["--timeout", "30s", "-s", script.name, url],
                capture_output=True,
                text=True,
            )
        finally:
            os.unlink(script.name)
        line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
        values = [float(value) for value in line.split()[1:]]
        requests, microseconds, _bytes = values[:3]
        return {
            "rps": requests / (microseconds / 1e6),
            "failed": int(sum(values[3:8])),
            "p50": values[8] / 1000,
            "p95": values[9] / 1000,
            "p99": values[10] / 1000,
        }

    def _measure(self, page: Page, facts: dict, count: int, duration: int) -> None:
        url = f"http://127.0.0.1:{APP_PORT}{page.url.format(**facts)}"
        status, size = self._check(page, url, facts)
        if status != page.expect:
            self.stdout.write(
                f"| {page.label} | answered {status or 'nothing'}, not {page.expect} |"
            )
            self.stdout.flush()
            return
        cookie, body = self._request_parts(page, facts)
        post_headers = (
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
            f"wrk.body = {json.dumps(body)}"
            if page.method == "POST"
            else ""
        )
        script = LUA.format(method=page.method, cookie=cookie, post_headers=post_headers)
        # Not measured: a second at two connections, so that each worker has served the page
        # once (its first answer compiles the templates it uses, some 300 ms, which wrk's
        # correction for a stalled connection turns into dozens of slow samples).
        self._wrk(url, 2, 1, script)
        hello = self._wrk(
            f"http://127.0.0.1:{HELLO_PORT}/",
            count,
            duration,
            LUA.format(method="GET", cookie="", post_headers=""),
        )
        app = self._wrk(url, count, duration, script)
        self.stdout.write(
            f"| {page.label} | {app['rps']:.0f} | {app['p50']:.1f} | {app['p95']:.1f} "
            f"| {app['p99']:.1f} | {app['failed']} | {app['rps'] / hello['rps']:.3f} "
            f"| {size / 1024:.0f} |"
        )
        self.stdout.flush()

    def _writers(self, url: str, facts: dict, duration: int) -> None:
        """20 writers starting notices at once on SQLite: every request must succeed and every
        notice must arrive with its fields."""
        before = json.loads(self._manage(url, "--count-writes").split("WRITES ", 1)[1])
        page = next(p for p in PAGES if p.body == "new_notice")
        cookie, body = self._request_parts(page, facts)
        post_headers = (
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
            f"wrk.body = {json.dumps(body)}"
        )
        app = self._wrk(
            f"http://127.0.0.1:{APP_PORT}{page.url}",
            20,
            duration,
            LUA.format(method="POST", cookie=cookie, post_headers=post_headers),
        )
        after = json.loads(self._manage(url, "--count-writes").split("WRITES ", 1)[1])
        self.stdout.write(
            f"\n20 writers starting notices on SQLite for {duration} s: "
            f"{app['rps']:.0f} saves/s, p95 {app['p95']:.0f} ms, {app['failed']} failed; "
            f"{after['complete'] - before['complete']} notices saved with every field, "
            f"{after['incomplete']} with a field missing."
        )
