"""The seed library: the fixture built from real report files by the project's own importer.

``fixtures/seed_reports.json`` is never written by hand. ``build_seed_fixture`` imports the
seed files inside a transaction it rolls back, serialises what the importer stored (with
primary keys renumbered from 1 so rebuilding gives the same file), and a test checks that
the committed fixture still equals what the importer makes of the seeds today.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

from reports.indicators.loading import sync_catalogue
from reports.ingest import ImportOutcome, import_report
from reports.models import (
    Agency,
    IndicatorDefinition,
    IndicatorGroup,
    IndicatorValue,
    Report,
    Section,
    SourceFile,
)
from reports.reading_rules import reading_rules_version
from reports.search import index_reports

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seed_reports.json"
# Order matters for loading: rows come after the rows they point to.
# Indicator values refer to catalogue definitions by key: those rows come from a migration.
SEED_MODELS = (Agency, SourceFile, Report, Section, IndicatorValue)


class _RollBack(Exception):
    pass


def build_seed_fixture(seed_files: list[Path]) -> tuple[list[ImportOutcome], list[dict]]:
    """Import ``seed_files`` without keeping them and return the outcomes and the fixture rows."""
    outcomes: list[ImportOutcome] = []
    rows: list[dict] = []
    try:
        with transaction.atomic():
            sync_catalogue(IndicatorGroup, IndicatorDefinition)  # only adds what a flush removed
            before = {model: set(model.objects.values_list("pk", flat=True)) for model in SEED_MODELS}
            for path in seed_files:
                outcomes.append(import_report(path.read_bytes(), filename=path.name))
            for model in SEED_MODELS:
                new_rows = model.objects.exclude(pk__in=before[model]).order_by("pk")
                rows.extend(
                    json.loads(serializers.serialize("json", new_rows, use_natural_foreign_keys=True))
                )
            raise _RollBack
    except _RollBack:
        pass
    for row in rows:
        # Which rules read them is not part of the file, so that a change of the rules that
        # leaves every reading as it was needs no rebuild; ``load_seed_fixture`` stamps them.
        row["fields"].pop("read_with", None)
    return outcomes, _renumber(rows)


def _renumber(rows: list[dict]) -> list[dict]:
    """Give each model's rows primary keys 1, 2, 3 … and rewrite the references to them."""
    new_pk: dict[tuple[str, int], int] = {}
    for row in rows:
        model = row["model"]
        new_pk[(model, row["pk"])] = sum(1 for key in new_pk if key[0] == model) + 1
    references = {
        "reports.report": {
            "agency": "reports.agency",
            "source_file": "reports.sourcefile",
            "superseded_by": "reports.report",
        },
        "reports.section": {"report": "reports.report"},
        "reports.indicatorvalue": {"report": "reports.report", "section": "reports.section"},
    }
    for row in rows:
        row["pk"] = new_pk[(row["model"], row["pk"])]
        for field, target in references.get(row["model"], {}).items():
            if row["fields"].get(field) is not None:
                row["fields"][field] = new_pk[(target, row["fields"][field])]
    return rows


def load_seed_fixture() -> int:
    """Load the seed fixture (loaddata also moves the id sequences past its keys)."""
    # Its indicator values name catalogue keys; put the catalogue back if a flush emptied it.
    sync_catalogue(IndicatorGroup, IndicatorDefinition)
    call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
    # A test keeps the file equal to what today's rules make of the seeds: they are read already.
    Report.objects.filter(read_with="").update(read_with=reading_rules_version())
    # loaddata writes rows directly, past the importer, so index the reports it loaded here.
    index_reports(Report.objects.values_list("pk", flat=True))
    return Report.objects.count()
