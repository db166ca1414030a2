"""``manage.py extract_indicators [--report ID …] [--all-versions]``: extract every report's figures again.

Run after the catalogue changes in the admin. Each report is re-extracted in its own
transaction (its values replaced, staff corrections re-applied); progress goes to stderr, and
so does a warning for every staff correction whose offsets no longer hold a figure (kept, not
applied).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.indicators.store import ExtractionRun, extract_reports
from reports.management.report_option import add_report_option, requested_report_ids
from reports.models import Report


class Command(BaseCommand):
    help = (
        "Re-extract the indicators of current reports (or of the reports given with --report) with "
        "the catalogue as it is now in the database. Each report's stored values are replaced, in "
        "its own transaction (a report that fails keeps its old values and the command exits "
        "non-zero), and staff corrections (指标校正) are re-applied; a correction whose offsets "
        "no longer hold a figure is kept and reported as a warning."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_report_option(parser, what="only this report (any version)")
        parser.add_argument(
            "--all-versions",
            action="store_true",
            help="superseded versions too (default: current reports only); not with --report",
        )

    def handle(self, *args: object, **options: object) -> None:
        requested = options["report_ids"]
        if requested and options["all_versions"]:
            raise CommandError(
                "--all-versions cannot be combined with --report: the given reports are extracted "
                "whatever their version; use one or the other"
            )
        if requested:
            ids = requested_report_ids(requested)
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
        for pk, message in run.unmatched:
            self.stderr.write(self.style.WARNING(f"warning: report {pk}: {message}"))
        for pk, message in run.failures:
            self.stderr.write(f"report {pk}: {message}")
        if run.failures:
            raise CommandError(f"{len(run.failures)} of {len(ids)} reports failed; their old values are kept")
        summary = (
            f"Extracted {run.values} values from {run.reports} reports in {time.monotonic() - started:.1f} s."
        )
        if run.unmatched:
            summary += f" {len(run.unmatched)} staff corrections no longer match a figure (see the warnings)."
        self.stdout.write(self.style.SUCCESS(summary))
