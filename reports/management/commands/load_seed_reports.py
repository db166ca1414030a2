"""``manage.py load_seed_reports``: give an empty library the seed reports."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from reports.models import Report
from reports.seeding import SEED_FIXTURE, load_seed_fixture


class Command(BaseCommand):
    help = "Load fixtures/seed_reports.json when the library holds no reports yet."

    def handle(self, *args: object, **options: object) -> None:
        existing = Report.objects.count()
        if existing:
            self.stdout.write(f"The library already holds {existing} reports; seed reports not loaded.")
            return
        count = load_seed_fixture()
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} seed reports from {SEED_FIXTURE.name}."))
