"""The committed seed fixture is exactly what the importer makes of the seed files today."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from reports.models import Report
from reports.seeding import SEED_FIXTURE, build_seed_fixture
from reports.uploads import stale_reports

SEEDS = sorted((Path(__file__).parent / "samples").glob("0*.txt"))


@pytest.mark.django_db
def test_committed_seed_fixture_equals_a_fresh_import_of_the_seeds():
    outcomes, rows = build_seed_fixture(SEEDS)

    assert all(not outcome.failed for outcome in outcomes)
    committed = json.loads(SEED_FIXTURE.read_text(encoding="utf-8"))
    # Import times differ from run to run; everything else must match.
    for row in (*rows, *committed):
        row["fields"].pop("imported_at", None)
        row["fields"].pop("received_at", None)
    assert rows == committed, "fixtures/seed_reports.json is stale: run manage.py build_seed_fixture"
    assert Report.objects.count() == 0, "building the fixture must not keep the imported rows"


@pytest.mark.django_db
def test_load_seed_reports_fills_an_empty_library_once():
    out = StringIO()
    call_command("load_seed_reports", stdout=out)
    assert Report.objects.count() == len(SEEDS)
    assert "Loaded 5 seed reports" in out.getvalue()

    out = StringIO()
    call_command("load_seed_reports", stdout=out)
    assert "already holds 5 reports" in out.getvalue()
    assert Report.objects.count() == len(SEEDS)


@pytest.mark.django_db
def test_building_the_fixture_on_a_library_holding_the_seeds_refuses_and_writes_nothing(tmp_path):
    call_command("load_seed_reports", stdout=StringIO())
    seed_dir = tmp_path / "seeds"
    seed_dir.mkdir()
    for seed in SEEDS:
        (seed_dir / seed.name).write_bytes(seed.read_bytes())
    output = tmp_path / "fixture.json"

    with pytest.raises(CommandError, match="already holds seed reports"):
        call_command("build_seed_fixture", str(seed_dir), output=str(output), stdout=StringIO())

    assert not output.exists()


@pytest.mark.django_db
def test_loaded_seeds_count_as_read_by_todays_rules_and_reading_them_again_changes_nothing():
    call_command("load_seed_reports", stdout=StringIO())

    def reading() -> list[tuple]:
        return [
            (r.agency.name, r.year, r.title, r.text_sha256, r.sections.count(), r.indicator_values.count())
            for r in Report.objects.select_related("agency").order_by("pk")
        ]

    loaded = reading()
    assert not stale_reports().exists()  # a first start queues no re-parse of the seeds

    call_command("reparse_reports", stdout=StringIO(), stderr=StringIO())

    assert reading() == loaded
