"""``manage.py reparse_reports [--report ID … | --stale] [--dry-run]``: read reports again.

Run after the importer's rules change (how agencies, places, years and sections are read): each
current report's stored file (with ``--stale`` only those an older version of the rules read,
see ``reports.reading_rules``; ``bin/run`` does that at every start) is parsed again in its own
transaction by ``reparse_report``, which keeps what staff corrected by hand and drops an agency
left without reports. A report the rules now refuse, or that would collide with another, keeps
its stored reading and is listed. Every report filed under another agency afterwards is
printed; ``--dry-run`` prints the same and changes nothing.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reports.ingest import RejectedFile
from reports.management.report_option import add_report_option, requested_report_ids
from reports.models import Report
from reports.reading_rules import reading_rules_version
from reports.uploads import reparse_report


class _DryRun(Exception):
    """Rolls back one report's re-parse after its outcome is read."""


class Command(BaseCommand):
    help = (
        "Parse the stored file of every current report (or of the reports given with --report) "
        "again with the importer's current rules, keeping staff corrections, and print each "
        "report now filed under another agency. A report that cannot be re-parsed keeps its "
        "stored reading and makes the command exit non-zero. --dry-run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_report_option(parser)
        parser.add_argument(
            "--stale",
            action="store_true",
            help="only reports an older version of the reading rules read (not synthetic ones)",
        )
        parser.add_argument("--dry-run", action="store_true", help="print what would change, store nothing")

    def handle(self, *args: object, **options: object) -> None:
        requested = options["report_ids"]
        if requested and options["stale"]:
            raise CommandError("give --report or --stale, not both")
        if requested:
            ids = requested_report_ids(requested)
        else:
            reports = Report.objects.current()
            if options["stale"]:
                # Synthetic reports were generated, not read: there is nothing to read again.
                reports = reports.filter(is_synthetic=False).exclude(read_with=reading_rules_version())
            ids = list(reports.order_by("pk").values_list("pk", flat=True))
        dry_run = bool(options["dry_run"])
        started = time.monotonic()
        moved, refused = [], []
        for done, pk in enumerate(ids, start=1):
            report = Report.objects.select_related("agency", "source_file").get(pk=pk)
            before = report.agency.name
            try:
                with transaction.atomic():
                    after = reparse_report(report).agency.name
                    if dry_run:
                        raise _DryRun
            except _DryRun:
                pass
            except RejectedFile as refusal:
                refused.append((pk, refusal.reason))
                continue
            finally:
                self.stderr.write(
                    f"\r{done}/{len(ids)} reports ({time.monotonic() - started:.0f} s)", ending=""
                )
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
