"""``manage.py rebuild_search_index``: index every report again, from nothing."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from reports.search import rebuild_index


class Command(BaseCommand):
    help = "Drop the search index and index every report again, showing progress."

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            elapsed = time.monotonic() - started
            self.stdout.write(f"\r{done}/{total} reports indexed ({elapsed:.0f} s)", ending="")
            self.stdout.flush()

        count = rebuild_index(progress)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count} reports in {time.monotonic() - started:.1f} s.")
        )
