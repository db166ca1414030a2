"""``manage.py sync_catalogue [--extract]``: bring the project's catalogue file into the tables.

Adds the groups and keys the tables lack and refreshes the fields of definitions that staff
never edited and the file has changed; fields staff edited are kept. With ``--extract`` the reports'
figures are extracted again when anything changed (``bin/run`` does this at every start).
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from reports.indicators.loading import sync_catalogue
from reports.models import IndicatorDefinition, IndicatorGroup, Report


class Command(BaseCommand):
    help = "Copy new and changed catalogue definitions from catalogue.toml, keeping staff edits."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--extract", action="store_true", help="re-extract every report's figures when something changed"
        )

    def handle(self, *args: object, **options: object) -> None:
        counts = sync_catalogue(IndicatorGroup, IndicatorDefinition)
        self.stdout.write(
            f"Catalogue: {counts.created} keys added, {counts.updated} refreshed, "
            f"{counts.unchanged} unchanged."
        )
        if not (counts.created or counts.updated):
            return
        if options["extract"] and Report.objects.exists():
            call_command("extract_indicators", stdout=self.stdout, stderr=self.stderr)
        elif Report.objects.exists():
            self.stdout.write("Run manage.py extract_indicators to apply the changes to stored reports.")
