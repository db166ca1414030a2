"""``manage.py reparse_reports [--report ID … | --stale] [--queue | --dry-run]``: read reports again.

Run after the importer's rules change (how agencies, places, years, sections and figures are
read): each current report's stored file (with ``--stale`` only those an older version of the
rules read, see ``reports.reading_rules``) is parsed again in its own transaction by
``reparse_report``, which keeps what staff corrected by hand and drops an agency left without
reports. A report the rules now refuse, or that would collide with another, keeps its stored
reading and is listed. Every report filed under another agency afterwards is printed;
``--dry-run`` prints the same and changes nothing. ``--queue`` leaves the work to the
background worker as a re-parse batch that staff follow in the admin; ``bin/run`` queues the
stale reports that way at every start, so the site is served meanwhile.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reports.ingest import RejectedFile
from reports.management.report_option import add_report_option, requested_report_ids
from reports.models import Report
from reports.uploads import create_reparse_batch, read_by_older_rules, reparse_report, stale_reports


class _DryRun(Exception):
    """Rolls back one report's re-parse after its outcome is read."""


class Command(BaseCommand):
    help = (
        "Parse the stored file of every current report (or of the reports given with --report, "
        "or of those an older version of the rules read with --stale) again with the importer's "
        "current rules, keeping staff corrections, and print each report now filed under another "
        "agency. A report that cannot be re-parsed keeps its stored reading and makes the command "
        "exit non-zero. --dry-run changes nothing; --queue leaves the work to the background worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_report_option(parser)
        parser.add_argument(
            "--stale",
            action="store_true",
            help="only reports an older version of the reading rules read (not synthetic ones)",
        )
        parser.add_argument("--dry-run", action="store_true", help="print what would change, store nothing")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="queue a re-parse batch for the background worker (followed in the admin) and return",
        )

    def handle(self, *args: object, **options: object) -> None:
        requested = options["report_ids"]
        if requested and options["stale"]:
            raise CommandError("give --report or --stale, not both")
        if options["queue"] and options["dry_run"]:
            raise CommandError("give --queue or --dry-run, not both")
        if requested:
            ids = requested_report_ids(requested)
        else:
            reports = stale_reports() if options["stale"] else Report.objects.current()
            ids = list(reports.order_by("pk").values_list("pk", flat=True))
        if options["queue"]:
            self._queue(ids)
        else:
            self._reparse(ids, dry_run=bool(options["dry_run"]))

    def _queue(self, ids: list[int]) -> None:
        if not ids:
            if waiting := read_by_older_rules().count():
                self.stdout.write(f"{waiting} reports read by older rules are already queued for the worker.")
            else:
                self.stdout.write("No report to re-parse: every report was read with the current rules.")
            return
        reports = Report.objects.filter(pk__in=ids).select_related("source_file").order_by("pk")
        batch = create_reparse_batch(reports, created_by=None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued {len(ids)} reports for the worker to re-parse: "
                f"import batch #{batch.pk} in the admin."
            )
        )

    def _reparse(self, ids: list[int], *, dry_run: bool) -> None:
        started = time.monotonic()
        moved, refused = [], []
        for done, pk in enumerate(ids, start=1):
            report = Report.objects.select_related("agency", "source_file").get(pk=pk)
            before = after = report.agency.name
            try:
                with transaction.atomic():
                    try:
                        after = reparse_report(report).agency.name
                    except RejectedFile as refusal:
                        refused.append((pk, refusal.reason))
                    if dry_run:
                        raise _DryRun
            except _DryRun:
                pass
            self.stderr.write(f"\r{done}/{len(ids)} reports ({time.monotonic() - started:.0f} s)", ending="")
            self.stderr.flush()
            if after != before:
                moved.append((pk, before, after))
        if ids:
            self.stderr.write("")
        for pk, before, after in moved:
            self.stdout.write(f"report {pk}: {before} → {after}")
        for pk, reason in refused:
            self.stderr.write(f"report {pk}: {reason}")
        verb = "Would re-parse" if dry_run else "Re-parsed"
        summary = f"{verb} {len(ids) - len(refused)} reports; {len(moved)} filed under another agency."
        if refused:
            raise CommandError(
                f"{summary} {len(refused)} could not be re-parsed and keep their stored reading."
            )
        self.stdout.write(self.style.SUCCESS(summary))
