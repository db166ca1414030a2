"""``manage.py build_seed_fixture SEED_DIR``: rebuild fixtures/seed_reports.json with the importer."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.ingest import ImportStatus
from reports.management.commands.import_reports import collect_report_files
from reports.seeding import SEED_FIXTURE, build_seed_fixture


class Command(BaseCommand):
    help = "Import the seed reports (without keeping them) and write what was stored as the seed fixture."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("seed_dir", help="folder of seed report files, e.g. ../shared/seeds")
        parser.add_argument("--output", default=str(SEED_FIXTURE), help="fixture file to write")

    def handle(self, *args: object, **options: object) -> None:
        files, _other_files = collect_report_files([str(options["seed_dir"])])
        # The import runs in a rolled-back transaction, but it needs the tables to exist.
        call_command("migrate", verbosity=0)
        outcomes, rows = build_seed_fixture(files)
        for outcome in outcomes:
            self.stdout.write(f"{outcome.filename}: {outcome.status} {outcome.reason}".rstrip())
        failed = [outcome for outcome in outcomes if outcome.failed]
        if failed:
            raise CommandError(f"{len(failed)} seed files failed; fixture not written")
        if any(outcome.status in (ImportStatus.UNCHANGED, ImportStatus.DUPLICATE) for outcome in outcomes):
            # The importer stored nothing new, so the fixture would lack those reports.
            raise CommandError(
                "this database already holds seed reports; fixture not written. Build it on an empty"
                " library: REPORTSITE_VAR_DIR=$(mktemp -d) starts a fresh local cluster, or set an"
                " empty DATABASE_URL."
            )
        output = Path(str(options["output"]))
        output.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        reports = sum(row["model"] == "reports.report" for row in rows)
        self.stdout.write(self.style.SUCCESS(f"wrote {output} ({reports} reports, {len(rows)} rows)"))
