"""The synthetic corpus: loading N reports into the benchmark database, and its size."""

from __future__ import annotations

import time
from pathlib import Path

from .common import _recreate_database, log


def prepare_corpus(count: int, seed: int, regenerate: bool, local_socket: Path | None) -> dict[str, object]:
    """N synthetic reports in the benchmark database: reused if exactly N are there, else reloaded.

    In the project's own cluster the benchmark database is dropped and created afresh before a
    reload, so table sizes are not inflated by the dead rows of an earlier corpus; with
    DATABASE_URL the synthetic rows are deleted and the tables vacuumed instead.
    """
    from django.core.management import call_command
    from django.db import connection, connections

    from reports.models import Agency, Report, Section, SourceFile
    from reports.synthetic import delete_synthetic_reports, generate_synthetic_reports

    call_command("migrate", verbosity=0)
    existing = Report.objects.filter(is_synthetic=True).count()
    if existing == count and not regenerate:
        log(f"reusing the {existing} synthetic reports already loaded (--regenerate to rebuild)")
        return {"reused": True}
    if local_socket is not None:
        name = connection.settings_dict["NAME"]
        log(f"recreating database {name}")
        connections.close_all()
        _recreate_database(local_socket, name)
        call_command("migrate", verbosity=0)
    elif existing:
        log(f"deleting {existing} synthetic reports")
        delete_synthetic_reports()
        tables = ", ".join(m._meta.db_table for m in (Agency, SourceFile, Report, Section))
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM FULL {tables}")
    log(f"generating {count} synthetic reports")
    result = generate_synthetic_reports(count, seed=seed, batch_size=500, progress=log)
    return {
        "reused": False,
        "seconds": round(result.seconds, 1),
        "reports_per_second": round(result.reports_per_second, 1),
        "characters": result.characters,
        "sections": result.sections,
    }


def corpus_figures() -> dict[str, int]:
    from django.db import connection

    from reports.models import Report, Section

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), coalesce(sum(length(text)), 0) FROM {Report._meta.db_table} WHERE is_current"
        )
        reports, characters = cursor.fetchone()
        cursor.execute(f"SELECT count(*) FROM {Section._meta.db_table}")
        (sections,) = cursor.fetchone()
    return {"reports": reports, "characters": characters, "sections": sections}


def search_module():
    """``reports.search``, imported once Django is set up."""
    from reports import search

    return search


def build_index(search, rebuild: bool) -> dict[str, object]:
    from reports.models import Report
    from reports.search.models import SearchReport

    indexed = SearchReport.objects.count()
    total = Report.objects.count()
    if indexed == total and not rebuild:
        log(f"search index already holds all {total} reports: not rebuilt (--rebuild-index to time it)")
        return {"reused": True}
    log("building the search index with reports.search.rebuild_index")
    started = time.perf_counter()
    last = [started]

    def progress(done: int, all_: int) -> None:
        if time.perf_counter() - last[0] > 15 or done == all_:
            last[0] = time.perf_counter()
            log(f"indexed {done}/{all_} reports, {last[0] - started:.0f}s")

    search.rebuild_index(progress=progress)
    return {"reused": False, "seconds": round(time.perf_counter() - started, 1)}


def ensure_indicators(count: int) -> dict[str, object]:
    """Extract indicator values for the first ``count`` current synthetic reports that have none:
    the generator stores none, and the compare pages read them (about 54 ms a report)."""
    from reports.indicators.store import extract_reports
    from reports.models import IndicatorValue, Report

    first = list(
        Report.objects.filter(is_synthetic=True, is_current=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    have = set(
        IndicatorValue.objects.filter(report_id__in=first)
        .order_by()
        .values_list("report_id", flat=True)
        .distinct()
    )
    missing = [pk for pk in first if pk not in have]
    started = time.monotonic()

    def progress(done: int, total: int, run) -> None:
        if done % 1000 == 0 or done == total:
            log(f"indicators: {done}/{total} reports, {run.values} values")

    run = extract_reports(missing, progress=progress)
    if run.failures:
        raise RuntimeError(f"extraction failed for {len(run.failures)} reports, e.g. {run.failures[0]}")
    return {
        "reports_with_values": len(first),
        "extracted_now": len(missing),
        "values_now": run.values,
        "seconds": round(time.monotonic() - started, 1),
    }
