"""``manage.py extract_indicators [--report ID …] [--all-versions]``: extract every report's figures again.

Run after the catalogue changes in the admin. Each report is re-extracted in its own
transaction (its values replaced, staff corrections re-applied); progress goes to stderr.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.indicators.store import ExtractionRun, extract_reports
from reports.models import Report


class Command(BaseCommand):
    help = "Re-extract the indicators of current reports (or the given ones) with the catalogue as it is now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--report", type=int, action="append", dest="report_ids", metavar="ID", help="only this report"
        )
        parser.add_argument(
            "--all-versions", action="store_true", help="superseded versions too (default: current reports)"
        )

    def handle(self, *args: object, **options: object) -> None:
        requested = options["report_ids"]
        if requested:
            ids = sorted(set(Report.objects.filter(pk__in=requested).values_list("pk", flat=True)))
            unknown = sorted(set(requested) - set(ids))
            if unknown:
                raise CommandError(f"no such report: {', '.join(map(str, unknown))}")
        else:
            reports = Report.objects.all() if options["all_versions"] else Report.objects.current()
            ids = list(reports.order_by("pk").values_list("pk", flat=True))
        started = time.monotonic()

        def progress(done: int, total: int, run: ExtractionRun) -> None:
            self.stderr.write(
                f"\r{done}/{total} reports, {run.values} values ({time.monotonic() - started:.0f} s)",
                ending="",
            )
            self.stderr.flush()

        run = extract_reports(ids, progress=progress)
        if ids:
            self.stderr.write("")
        for pk, message in run.failures:
            self.stderr.write(f"report {pk}: {message}")
        if run.failures:
            raise CommandError(f"{len(run.failures)} of {len(ids)} reports failed; their old values are kept")
        self.stdout.write(
            self.style.SUCCESS(
                f"Extracted {run.values} values from {run.reports} reports "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
