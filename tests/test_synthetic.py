"""The synthetic report generator: deterministic, clearly marked, well-formed, removable."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.ingest import import_report
from reports.ingest.sections import LABELS, TOPICS, split_sections
from reports.models import Agency, IndicatorValue, Report, Section, SourceFile
from reports.synthetic import (
    SYNTHETIC_MARK,
    agencies,
    compose_report,
    delete_synthetic_reports,
    generate_synthetic_reports,
    load_material,
)
from reports.synthetic.agencies import RegionRow, agency_spec

pytestmark = pytest.mark.django_db

COUNT = 20


def snapshot() -> list[tuple]:
    """What the generator decided, without database ids or timestamps."""
    reports = Report.objects.filter(is_synthetic=True).select_related("agency__region", "source_file")
    return sorted(
        (
            r.title,
            r.year,
            r.agency.name,
            r.agency.region.code,
            r.published_on,
            r.text,
            r.source_file.name,
            tuple(r.sections.order_by("position").values_list("path", "label", "topic", "start", "end")),
        )
        for r in reports
    )


def test_generator_is_deterministic_for_a_seed():
    generate_synthetic_reports(COUNT, seed=7)
    first = snapshot()
    delete_synthetic_reports()
    generate_synthetic_reports(COUNT, seed=7)
    assert snapshot() == first
    delete_synthetic_reports()
    generate_synthetic_reports(COUNT, seed=8)
    assert snapshot() != first


def test_every_synthetic_report_is_marked_as_such():
    result = generate_synthetic_reports(COUNT, seed=1)
    assert result.created == COUNT
    reports = list(Report.objects.filter(pk__in=result.report_ids).select_related("source_file"))
    assert len(reports) == COUNT
    for report in reports:
        assert report.is_synthetic
        assert report.title.startswith(SYNTHETIC_MARK)
        assert report.source_url == ""
        assert "synthetic" in report.source_file.name
        assert bytes(report.source_file.data).decode("utf-8") == report.text
        assert 2016 <= report.year <= 2024
        assert report.is_current


def test_reports_vary_in_place_level_year_and_length():
    generate_synthetic_reports(60, seed=3)
    reports = Report.objects.filter(is_synthetic=True).select_related("agency")
    assert len({r.agency.region_id for r in reports}) > 30
    assert len({r.year for r in reports}) >= 5
    assert {r.agency.kind for r in reports} == {"government", "department"}
    lengths = [len(r.text) for r in reports]
    assert min(lengths) >= 4_000 and max(lengths) <= 21_000
    assert 7_000 <= sum(lengths) / len(lengths) <= 13_000


def test_places_outside_the_reporting_system_are_never_drawn():
    rows = [
        RegionRow(1, "810000", "province", 2014, 2024),  # 香港特别行政区
        RegionRow(2, "500000", "province", 2014, 2024),
        RegionRow(3, "500100", "city", 2014, 2024),
        RegionRow(4, "500110", "county", 2014, 2024),
    ]
    places = agencies.Places(rows)
    rng = random.Random(0)

    drawn = {places.draw(rng)[0].code for _ in range(200)}

    assert "810000" not in drawn and "500000" in drawn


def test_section_offsets_slice_the_report_text():
    generate_synthetic_reports(COUNT, seed=2)
    sections = Section.objects.filter(report__is_synthetic=True).select_related("report")
    assert sections.count() > COUNT * 5
    for section in sections:
        span = section.report.text[section.start : section.end]
        assert span.startswith(section.number + section.heading)
        assert section.body in span
        assert section.end >= section.start


def test_sections_are_what_the_importer_splitter_finds_in_the_text():
    material = load_material()
    spec = agency_spec(RegionRow(1, "640302", "county", 2014, 2024), "司法局")
    for index in range(10):
        rng = random.Random(index)
        composed = compose_report(material, spec, 2016 + index % 9, rng, 8_000)
        parsed = split_sections(composed.text)
        assert [(s.path, s.level, s.number, s.heading, s.body, s.start, s.end, s.label) for s in parsed] == [
            (s.path, s.level, s.number, s.heading, s.body, s.start, s.end, s.label) for s in composed.sections
        ]


def test_labels_and_topics_are_valid():
    generate_synthetic_reports(COUNT, seed=4)
    sections = Section.objects.filter(report__is_synthetic=True)
    labels = set(sections.values_list("label", flat=True))
    assert labels <= set(LABELS)
    assert {"preamble", "measures", "problems", "next_steps"} <= labels
    assert set(sections.values_list("topic", flat=True)) <= {"", *TOPICS}
    assert set(sections.filter(level=0).values_list("label", flat=True)) == {"preamble", "signature"}


def test_year_bound_phrases_follow_the_report_year():
    material = load_material()
    spec = agency_spec(RegionRow(1, "500110", "county", 2014, 2024), "人民政府")
    old = compose_report(material, spec, 2017, random.Random(5), 15_000)
    assert "二十大" not in old.text
    assert "八五" not in old.text
    assert "2017" in old.title


def test_delete_removes_only_synthetic_rows(sample_path):
    path = sample_path("002_93b0a848b4e38b69.txt")
    real = import_report(path.read_bytes(), filename=path.name)
    real_report = Report.objects.get(pk=real.report_id)
    generate_synthetic_reports(COUNT, seed=5)
    assert Report.objects.filter(is_synthetic=True).count() == COUNT

    deleted = delete_synthetic_reports()

    assert deleted.reports == COUNT
    assert not Report.objects.filter(is_synthetic=True).exists()
    assert not SourceFile.objects.filter(name__contains="synthetic").exists()
    assert list(Report.objects.values_list("pk", flat=True)) == [real_report.pk]
    assert Section.objects.filter(report=real_report).count() > 0
    assert Section.objects.count() == Section.objects.filter(report=real_report).count()
    assert list(Agency.objects.all()) == [real_report.agency]
    assert SourceFile.objects.get() == real_report.source_file


def test_generator_never_takes_the_year_of_a_real_report_and_delete_keeps_its_agency(
    sample_path, monkeypatch
):
    path = sample_path("002_93b0a848b4e38b69.txt")
    real = Report.objects.get(pk=import_report(path.read_bytes(), filename=path.name).report_id)
    region = real.agency.region
    row = agencies.RegionRow(region.id, region.code, region.level, region.first_year, region.last_year)
    # The draws land on the real agency: twice on the year it reported, then on another year.
    draws = iter([(row, "人民政府", real.year), (row, "人民政府", real.year), (row, "人民政府", 2019)])
    random_draw = agencies.Places.draw
    monkeypatch.setattr(
        agencies.Places, "draw", lambda self, rng: next(draws, None) or random_draw(self, rng)
    )

    generate_synthetic_reports(3, seed=1)

    assert list(
        Report.objects.filter(agency=real.agency).order_by("year").values_list("year", "is_synthetic")
    ) == [
        (2019, True),
        (real.year, False),
    ]
    delete_synthetic_reports()
    assert list(Report.objects.all()) == [real]
    assert list(Agency.objects.all()) == [real.agency]


def test_command_creates_and_deletes():
    out, err = StringIO(), StringIO()
    call_command("generate_synthetic_reports", "5", "--seed", "9", "--no-index", stdout=out, stderr=err)
    assert "Created 5 synthetic reports" in out.getvalue()
    assert "5/5 reports" in err.getvalue()
    assert Report.objects.filter(is_synthetic=True).count() == 5

    out = StringIO()
    call_command("generate_synthetic_reports", "--delete", stdout=out)
    assert "Deleted 5 synthetic reports" in out.getvalue()
    assert not Report.objects.exists()


def test_command_extracts_the_figures_of_the_new_reports_like_an_import():
    out = StringIO()
    call_command(
        "generate_synthetic_reports", "3", "--seed", "4", "--no-index", stdout=out, stderr=StringIO()
    )
    assert "Extracted" in out.getvalue()
    values = IndicatorValue.objects.filter(report__is_synthetic=True).select_related("report")
    assert values.filter(definition__isnull=False).exists()  # some are mapped to the catalogue
    assert {value.report_id for value in values} == set(Report.objects.values_list("pk", flat=True))
    for value in values:
        assert value.report.text[value.start : value.end] == value.figure
    call_command("generate_synthetic_reports", "--delete", stdout=StringIO())
    assert not IndicatorValue.objects.exists()


def test_command_can_skip_the_figures():
    call_command(
        "generate_synthetic_reports",
        "2",
        "--no-index",
        "--no-indicators",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert Report.objects.count() == 2 and not IndicatorValue.objects.exists()


@pytest.mark.parametrize("count", ["0", "-3"])
def test_command_refuses_a_count_that_is_not_positive(count):
    with pytest.raises(CommandError, match="positive integer"):
        call_command("generate_synthetic_reports", count)
    assert not Report.objects.exists()


def test_command_refuses_bad_batch_and_missing_count():
    with pytest.raises(CommandError, match="positive integer"):
        call_command("generate_synthetic_reports", "5", "--batch", "0")
    with pytest.raises(CommandError, match="number of reports"):
        call_command("generate_synthetic_reports")
    with pytest.raises(CommandError, match="not both"):
        call_command("generate_synthetic_reports", "5", "--delete")
