"""Rebuilding the search index: ``--missing`` for reports stored without search rows, and the
bulk rebuild that drops and recreates the GIN indexes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from reports.models import Region
from reports.regions.loading import sync_regions
from reports.search import index, index_reports, rebuild_index, search_page
from reports.search.index import REBUILT_GIN_INDEXES
from reports.search.models import SearchReport, SearchSection
from tests import factories


@pytest.mark.django_db
def test_missing_only_indexes_reports_without_search_rows_and_leaves_the_others():
    indexed = factories.report(text="一、主要举措\n全年办理行政复议案件12件。")
    factories.section(indexed, "1", heading="主要举措", body="全年办理行政复议案件12件。", start=0)
    index_reports([indexed.pk])
    # Factories store rows directly, as an older library or a bulk load would: no search rows.
    unindexed = factories.report(factories.agency(region_code="500152"), text="一、主要举措\n推行渝快办。")
    factories.section(unindexed, "1", heading="主要举措", body="推行渝快办。", start=0)
    assert search_page("渝快办").reports == 0

    out = StringIO()
    call_command("rebuild_search_index", "--missing", stdout=out)

    assert "Indexed 1 reports" in out.getvalue()
    assert [hit.report_id for hit in search_page("渝快办").results] == [unindexed.pk]
    assert [hit.report_id for hit in search_page("行政复议").results] == [indexed.pk]


@pytest.mark.django_db
def test_missing_rebuilds_an_empty_index_in_full():
    # As after a migration that empties the index because what is indexed changed.
    reports = []
    for code, body in (("500152", "推行渝快办。"), ("500110", "深化“放管服”改革。")):
        report = factories.report(factories.agency(region_code=code), text=f"一、主要举措\n{body}")
        factories.section(report, "1", heading="主要举措", body=body, start=0)
        reports.append(report)
    assert not SearchReport.objects.exists()

    out = StringIO()
    call_command("rebuild_search_index", "--missing", stdout=out)

    assert "Indexed 2 reports" in out.getvalue()
    assert [hit.report_id for hit in search_page("放管服改革").results] == [reports[1].pk]


@pytest.fixture
def committed_regions(transactional_db: None) -> None:
    # transactional_db empties every table after each test, the division table included.
    sync_regions(Region)


@pytest.mark.parametrize("workers", [1, 2])
def test_bulk_rebuild_outside_a_transaction_recreates_every_gin_index_with_its_predicate(
    committed_regions, workers
):
    report = factories.report(text="一、主要举措\n推行渝快办。")
    factories.section(report, "1", heading="主要举措", body="推行渝快办。", start=0)

    options_during_load = []

    def progress(done: int, total: int) -> None:
        options_during_load.append(_table_options())

    # With two workers the indexes are built side by side over two connections.
    assert rebuild_index(progress, workers=workers) == 1

    # Autovacuum stays off while the rows are written, and is back on afterwards.
    off = {
        "reports_searchsection": ["autovacuum_enabled=false"],
        "reports_searchreport": ["autovacuum_enabled=false"],
    }
    assert options_during_load == [off]
    assert _table_options() == {"reports_searchsection": None, "reports_searchreport": None}

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
            [list(REBUILT_GIN_INDEXES)],
        )
        definitions = dict(cursor.fetchall())
    assert set(definitions) == set(REBUILT_GIN_INDEXES)
    assert "WHERE ((hashint8(report_id) & 15) = 0)" in definitions["search_report_sample_gin"]
    assert [hit.report_id for hit in search_page("渝快办").results] == [report.pk]


def test_bulk_rebuild_in_worker_processes_writes_every_batch(committed_regions, monkeypatch):
    texts = {"渝快办": None, "赣服通": None, "遂潼铜": None}
    agency = factories.agency()
    for year, term in enumerate(texts, 2021):
        report = factories.report(agency, year=year, text=f"一、主要举措\n推行{term}。")
        factories.section(report, "1", heading="主要举措", body=f"推行{term}。", start=0)
        texts[term] = report.pk
    # One report a batch, so two worker processes each read, tokenise and write batches.
    monkeypatch.setattr(index, "REBUILD_BATCH", 1)
    progress_seen: list[tuple[int, int]] = []

    assert rebuild_index(lambda done, total: progress_seen.append((done, total)), workers=2) == 3

    assert progress_seen[-1] == (3, 3)
    for term, report_id in texts.items():
        assert [hit.report_id for hit in search_page(term).results] == [report_id]
    assert SearchSection.objects.count() == 3
    assert not SearchReport.objects.filter(words=[]).exists()  # copied as array literals


def _table_options() -> dict[str, list[str] | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class "
            "WHERE relname IN ('reports_searchsection', 'reports_searchreport')"
        )
        return dict(cursor.fetchall())


@pytest.mark.django_db
def test_long_section_texts_are_stored_with_lz4():
    body = "".join(f"第{n}项措施推进行政复议规范化建设。" for n in range(400))  # compressible, > 2 kB
    report = factories.report(text=f"一、主要举措\n{body}")
    factories.section(report, "1", heading="主要举措", body=body, start=0)
    index_reports([report.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_column_compression(body) FROM {SearchSection._meta.db_table} WHERE report_id = %s",
            [report.pk],
        )
        assert cursor.fetchone() == ("lz4",)
    assert search_page("行政复议").reports == 1
