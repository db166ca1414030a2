"""``manage.py load_regions``: bring the Region table in line with reports/data/divisions.csv."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.models import Region
from reports.regions import DIVISIONS_CSV
from reports.regions.loading import sync_regions


class Command(BaseCommand):
    help = "Create or update the administrative divisions from the vendored division table (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path", type=Path, default=DIVISIONS_CSV, help=f"division CSV (default: {DIVISIONS_CSV})"
        )

    def handle(self, *args: object, path: Path, **options: object) -> None:
        try:
            counts = sync_regions(Region, path=path)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot load {path}: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Regions: {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged."
            )
        )
