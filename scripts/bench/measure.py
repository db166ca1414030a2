"""Timing the search engine and plain ILIKE scans on the workload, and the database size."""

from __future__ import annotations

from .common import CLASSES, Timing, log, timed
from .report import fmt_ms
from .workload import Workload


def measure_search(search, workload: Workload, repeat: int) -> dict[str, object]:
    results: dict[str, object] = {}
    search_page = search.search_page
    for name in CLASSES:
        timing = Timing()
        counts = []
        for item in workload.queries[name]:
            try:
                page = search_page(item["q"], item["filters"], page=1, page_size=20)  # warm-up
            except Exception as exc:  # a refused query is a finding, not a crash of the benchmark
                counts.append({"q": item["q"], "error": f"{type(exc).__name__}: {exc}"})
                continue
            counts.append({"q": item["q"], "reports": page.reports, "sections": page.sections})
            for _ in range(repeat):
                ms, _page = timed(
                    lambda item=item: search_page(item["q"], item["filters"], page=1, page_size=20)
                )
                timing.samples_ms.append(ms)
        results[name] = {**timing.summary(), "matches": counts}
        log(f"search {name}: p50 {fmt_ms(timing.p50)} p95 {fmt_ms(timing.p95)}")
    return results


def ilike_sql(terms: list[str], filters: dict[str, str]) -> tuple[str, list[object]]:
    from reports.models import Agency, Region, Report, Section

    section_t, report_t = Section._meta.db_table, Report._meta.db_table
    agency_t, region_t = Agency._meta.db_table, Region._meta.db_table
    where = ["r.is_current"]
    params: list[object] = []
    for term in terms:
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(s.heading ILIKE %s OR s.body ILIKE %s)")
        params += [pattern, pattern]
    joins = f"JOIN {report_t} r ON r.id = s.report_id"
    if filters.get("year"):
        where.append("r.year = %s")
        params.append(int(filters["year"]))
    if filters.get("province"):
        joins += (
            f" JOIN {agency_t} a ON a.id = r.agency_id JOIN {region_t} g ON g.id = a.region_id"
            f" LEFT JOIN {region_t} g1 ON g1.id = g.parent_id LEFT JOIN {region_t} g2 ON g2.id = g1.parent_id"
        )
        where.append("%s IN (g.code, g1.code, g2.code)")
        params.append(filters["province"])
    return f"FROM {section_t} s {joins} WHERE {' AND '.join(where)}", params


def measure_ilike(workload: Workload, repeat: int, per_class: int) -> dict[str, object]:
    from django.db import connection

    results: dict[str, object] = {}
    for name in CLASSES:
        timing = Timing()
        for item in workload.queries[name][:per_class]:
            from_where, params = ilike_sql(item["terms"], item["filters"])

            def run(from_where=from_where, params=params) -> None:
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT count(*) {from_where}", params)
                    cursor.fetchone()
                    cursor.execute(
                        f"SELECT s.id, r.id, r.year {from_where} ORDER BY r.year DESC, r.id LIMIT 20", params
                    )
                    cursor.fetchall()

            for _ in range(repeat):
                ms, _ = timed(run)
                timing.samples_ms.append(ms)
        results[name] = timing.summary()
        log(f"ILIKE {name}: p50 {fmt_ms(timing.p50)} p95 {fmt_ms(timing.p95)}")
    return results


def database_size() -> dict[str, object]:
    from django.db import connection

    from reports.models import Report, Section

    tables = [Report._meta.db_table, Section._meta.db_table]
    search_tables: list[str] = []
    try:
        from reports.search.models import SearchReport, SearchSection

        search_tables = [SearchReport._meta.db_table, SearchSection._meta.db_table]
    except ImportError:
        pass
    sizes: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in tables + search_tables:
            cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            sizes[table] = cursor.fetchone()[0]
        cursor.execute(f"SELECT coalesce(sum(length(text)), 0) FROM {Report._meta.db_table}")
        (characters,) = cursor.fetchone()
    total = sum(sizes.values())
    search_bytes = sum(sizes[t] for t in search_tables)
    per_char = total / characters if characters else None
    return {
        "tables_bytes": sizes,
        "characters": characters,
        "bytes_per_char_all": per_char,
        "bytes_per_char_search": search_bytes / characters if characters and search_tables else None,
        "mb_per_million_chars_all": per_char,  # bytes/char == MB per million characters
        "mb_per_million_chars_search": (search_bytes / characters) if characters and search_tables else None,
    }
