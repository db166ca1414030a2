"""``manage.py rebuild_search_index [--missing]``: index every report again, or only the unindexed
(all of them, the fast way, when the index is empty)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from reports.models import Report
from reports.search import index_reports, rebuild_index
from reports.search.index_functions import use_fastest_functions
from reports.search.models import SearchReport

MISSING_BATCH = 200


class Command(BaseCommand):
    help = "Drop the search index and index every report again, showing progress."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--missing",
            action="store_true",
            help="only index reports that have no search rows yet (cheap; bin/run uses it at start)",
        )

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        # The C index functions if the server has their library now (bin/_system.sh installs it).
        language = use_fastest_functions(connection)
        self.stdout.write(f"Search index functions run in {language}.")

        def progress(done: int, total: int) -> None:
            elapsed = time.monotonic() - started
            self.stdout.write(f"\r{done}/{total} reports indexed ({elapsed:.0f} s)", ending="")
            self.stdout.flush()

        # An empty index (a new library, or one a migration emptied because what is indexed
        # changed) is built in full, the fast way, even when only the missing were asked for.
        if options["missing"] and SearchReport.objects.exists():
            # Reports stored before search existed, or loaded by a path that skipped indexing.
            missing = list(Report.objects.filter(search_entry__isnull=True).values_list("pk", flat=True))
            count = 0
            for start in range(0, len(missing), MISSING_BATCH):
                count += index_reports(missing[start : start + MISSING_BATCH])
                progress(start + len(missing[start : start + MISSING_BATCH]), len(missing))
        else:
            count = rebuild_index(progress)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count} reports in {time.monotonic() - started:.1f} s.")
        )
