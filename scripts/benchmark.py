#!/usr/bin/env python
"""Search and page speed at scale, measured on synthetic reports in a separate database.

    DEBUG=1 .venv/bin/python scripts/benchmark.py --reports 10000      (or: bin/bench --reports 10000)

Steps: load N synthetic reports into the benchmark database (``reportsite_bench`` in the
project's own cluster, or ``DATABASE_URL``, whose name must contain "bench"; the dev database is
never touched), build the search index, pick query terms by their measured document frequency in
the generated corpus, then time for each query class (rare, medium, very common term, two-term
AND, phrase, filtered by province and year):

- ``reports.search.search_page`` (top 20 ranked + counts + facets), p50/p95 server time;
- the same query as plain ``ILIKE '%term%'`` scans over sections (count + top 20 by year);
- an in-process tantivy index over the same tokens (bigrams and jieba words of the search
  module's normaliser), as a reference: build time and p50/p95 for count + top 20 + facets;
- the main HTML pages with Django's test client (issue 6 browse targets).

It prints every figure beside its target and writes them to ``var/benchmark-<N>.json``.
Everything printed is measured in this run; only the targets are constants (from issues 3 and 6).
Rows whose module is missing (``reports.search`` not there yet, tantivy not installed) are
skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")

DEFAULT_DATABASE = "reportsite_bench"
# Targets at 100k reports on this 2-core machine (issue 3: search; issue 6: pages).
TARGET_P95_MS = 100.0
TARGET_SPEEDUP = 100.0
TARGET_BUILD_MINUTES = 30.0
TARGET_BYTES_PER_CHAR = 8.0

CLASSES = ("rare", "medium", "common", "and", "phrase", "filtered")
CLASS_NAMES = {
    "rare": "rare term",
    "medium": "medium term",
    "common": "very common term",
    "and": "two-term AND",
    "phrase": "phrase",
    "filtered": "filtered (province+year)",
}
# Document-frequency bands (share of sampled sections containing the term) per class.
RARE_MAX_DF = 0.002
MEDIUM_DF = (0.01, 0.12)
COMMON_MIN_DF = 0.5
GENERAL_WORDS = (
    "工作",
    "法治",
    "依法",
    "建设",
    "推进",
    "加强",
    "政府",
    "行政",
    "制度",
    "开展",
    "服务",
    "管理",
)


# -- set-up -------------------------------------------------------------------------------------


def setup_django(database: str, allow_any: bool) -> tuple[str, Path | None]:
    """Point Django at the benchmark database (created if missing).

    Returns its name and, for the project's own cluster, the socket folder.
    """
    import django
    from django.conf import settings

    socket: Path | None = None
    if os.environ.get("DATABASE_URL"):
        name = settings.DATABASES["default"]["NAME"]
    else:
        from reportsite import localdb

        cluster = localdb.ensure_running(settings.LOCAL_DATABASE_DIR)
        _create_database(cluster.root, database)
        settings.DATABASES["default"].update(cluster.connection_settings())
        settings.DATABASES["default"]["NAME"] = database
        name, socket = database, cluster.root
    if "bench" not in name and not allow_any:
        sys.exit(f"error: refusing to use database {name!r}: its name must contain 'bench'")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    django.setup()
    return name, socket


def _create_database(socket_dir: Path, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _recreate_database(socket_dir: Path, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Timing:
    samples_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float | None:
        return statistics.median(self.samples_ms) if self.samples_ms else None

    @property
    def p95(self) -> float | None:
        if not self.samples_ms:
            return None
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def summary(self) -> dict[str, float | int | None]:
        return {"p50_ms": self.p50, "p95_ms": self.p95, "samples": len(self.samples_ms)}


def timed(function: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = function()
    return (time.perf_counter() - started) * 1000, value


# -- corpus ---------------------------------------------------------------------------------------


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


def search_available():
    from reports.synthetic import search_module

    search = search_module()
    if search is None or not all(hasattr(search, n) for n in ("search_page", "rebuild_index")):
        return None
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


# -- query terms ----------------------------------------------------------------------------------


@dataclass
class Workload:
    queries: dict[str, list[dict[str, object]]]  # class → [{"q", "terms", "filters", "df"}]
    sample_sections: int


def sample_sections(size: int, rng: random.Random) -> list[str]:
    from django.db import connection

    from reports.models import Report, Section

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id) FROM {Section._meta.db_table}")
        (max_id,) = cursor.fetchone()
        ids = sorted({rng.randint(1, max_id) for _ in range(size)})
        cursor.execute(
            f"SELECT s.heading || ' ' || s.body FROM {Section._meta.db_table} s "
            f"JOIN {Report._meta.db_table} r ON r.id = s.report_id "
            f"WHERE s.id = ANY(%s) AND r.is_current",
            [ids],
        )
        return [row[0] for row in cursor.fetchall()]


def document_frequency(term: str, texts: list[str]) -> float:
    return sum(term in text for text in texts) / len(texts)


def choose_workload(per_class: int, seed: int) -> Workload:
    """Query terms for each class, chosen by their document frequency in a sample of sections."""
    from django.db.models import Count

    from reports.ingest.sections import TAXONOMY
    from reports.models import Region, Report

    rng = random.Random(seed)
    texts = sample_sections(30_000, rng)
    candidates = sorted({k for keywords in TAXONOMY.values() for k in keywords} | set(GENERAL_WORDS))
    df = {term: document_frequency(term, texts) for term in candidates}

    places = list(
        Region.objects.filter(level="county", agencies__reports__is_synthetic=True)
        .values_list("name", flat=True)
        .distinct()
    )
    rng.shuffle(places)
    rare = []
    for name in places[:400]:
        share = document_frequency(name, texts)
        if 0 < share <= RARE_MAX_DF and len(name) >= 3:
            rare.append((name, share))
        if len(rare) >= per_class:
            break

    medium = [(t, f) for t, f in df.items() if MEDIUM_DF[0] <= f <= MEDIUM_DF[1] and len(t) >= 2]
    rng.shuffle(medium)
    common = sorted(((t, f) for t, f in df.items() if f >= COMMON_MIN_DF), key=lambda item: -item[1])
    if len(common) < per_class:
        common = sorted(df.items(), key=lambda item: -item[1])[: max(per_class, 3)]

    # Phrases: 6-character runs of Han characters from sampled text, kept if moderately frequent.
    phrases: list[tuple[str, float]] = []
    for _ in range(2000):
        text = rng.choice(texts)
        if len(text) < 20:
            continue
        start = rng.randrange(0, len(text) - 6)
        window = text[start : start + 6]
        if all("\u4e00" <= c <= "\u9fff" for c in window):
            share = document_frequency(window, texts[:5000])
            if MEDIUM_DF[0] / 2 <= share <= MEDIUM_DF[1]:
                phrases.append((window, share))
        if len(phrases) >= per_class:
            break

    pairs = []
    for index in range(per_class):
        if len(medium) >= 2:
            a, b = medium[(2 * index) % len(medium)], medium[(2 * index + 1) % len(medium)]
            both = sum(a[0] in t and b[0] in t for t in texts) / len(texts)
            pairs.append(((a[0], b[0]), both))

    top_province = (
        Report.objects.filter(is_synthetic=True, year=2023)
        .values(
            "agency__region__parent__parent__code", "agency__region__parent__code", "agency__region__code"
        )
        .annotate(n=Count("pk"))
    )
    province_counts: dict[str, int] = {}
    for row in top_province:
        code = next(
            (
                c
                for c in (
                    row["agency__region__parent__parent__code"],
                    row["agency__region__parent__code"],
                    row["agency__region__code"],
                )
                if c and c.endswith("0000")
            ),
            None,
        )
        if code:
            province_counts[code] = province_counts.get(code, 0) + row["n"]
    provinces = sorted(province_counts, key=lambda c: -province_counts[c])

    def query(terms: tuple[str, ...], share: float, filters: dict[str, str] | None = None, phrase=False):
        text = " ".join(f'"{t}"' if phrase else t for t in terms)
        return {"q": text, "terms": list(terms), "filters": filters or {}, "df": round(share, 5)}

    queries = {
        "rare": [query((t,), f) for t, f in rare[:per_class]],
        "medium": [query((t,), f) for t, f in medium[:per_class]],
        "common": [query((t,), f) for t, f in common[:per_class]],
        "and": [query(ts, f) for ts, f in pairs],
        "phrase": [query((t,), f, phrase=True) for t, f in phrases[:per_class]],
        "filtered": [
            query((t,), f, {"province": provinces[i % len(provinces)], "year": "2023"})
            for i, (t, f) in enumerate(common[:per_class])
        ]
        if provinces
        else [],
    }
    return Workload(queries, len(texts))


# -- measurements ---------------------------------------------------------------------------------


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


# -- tantivy reference ------------------------------------------------------------------------------


def section_tokens(heading: str, body: str, with_words: bool) -> tuple[str, str]:
    """Space-separated bigrams (positions kept) and jieba words, from the search module's tokeniser."""
    try:
        from reports.search.normalize import normalize_text
        from reports.search.tokens import bigrams, words_with_offsets
    except ImportError:
        import jieba

        def normalize_text(text: str) -> str:
            return "".join(text.split())

        def bigrams(text: str) -> list[str]:
            return [text[i : i + 2] for i in range(len(text) - 1)]

        def words_with_offsets(text: str):
            for word, start, _end in jieba.tokenize(text, mode="search"):
                yield word, start

    text = normalize_text(heading) + "\n" + normalize_text(body)
    grams = " ".join(g for g in bigrams(text) if not any(c.isspace() for c in g))
    words = " ".join(w for w, _ in words_with_offsets(text)) if with_words else ""
    return grams, words


def build_tantivy(with_words: bool, directory: Path) -> tuple[object, object, dict[str, float]]:
    import tantivy
    from django.db import connection

    from reports.models import Agency, Region, Report, Section

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("grams", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("words", tokenizer_name="whitespace", index_option="freq")
    builder.add_integer_field("report", stored=True, indexed=True, fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_text_field("province", tokenizer_name="raw", fast=True)
    schema = builder.build()
    index = tantivy.Index(schema, path=str(directory))
    writer = index.writer(heap_size=400_000_000, num_threads=1)

    tokenise_s = 0.0
    started = time.perf_counter()
    section_t, report_t = Section._meta.db_table, Report._meta.db_table
    agency_t, region_t = Agency._meta.db_table, Region._meta.db_table
    sql = (
        f"SELECT s.report_id, r.year, coalesce(g2.code, g1.code, g.code), s.heading, s.body "
        f"FROM {section_t} s JOIN {report_t} r ON r.id = s.report_id "
        f"JOIN {agency_t} a ON a.id = r.agency_id LEFT JOIN {region_t} g ON g.id = a.region_id "
        f"LEFT JOIN {region_t} g1 ON g1.id = g.parent_id LEFT JOIN {region_t} g2 ON g2.id = g1.parent_id "
        f"WHERE r.is_current"
    )
    done = 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(2000):
            for report_id, year, province, heading, body in rows:
                t0 = time.perf_counter()
                grams, words = section_tokens(heading, body, with_words)
                tokenise_s += time.perf_counter() - t0
                writer.add_document(
                    tantivy.Document(
                        grams=grams, words=words, report=report_id, year=year, province=province or ""
                    )
                )
            done += len(rows)
            if done % 100_000 < 2000:
                log(f"tantivy: {done} sections, tokenising {tokenise_s:.0f}s")
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    total_s = time.perf_counter() - started
    return (
        index,
        schema,
        {
            "seconds": round(total_s, 1),
            "tokenise_seconds": round(tokenise_s, 1),
            "index_seconds": round(total_s - tokenise_s, 1),
            "with_jieba_words": with_words,
            "bytes": sum(f.stat().st_size for f in directory.rglob("*") if f.is_file()),
        },
    )


def tantivy_query(schema, item: dict[str, object]):
    import tantivy

    from reports.search.normalize import normalize_text

    musts = []
    for term in item["terms"]:
        text = normalize_text(term)
        grams = [text[i : i + 2] for i in range(len(text) - 1)] or [text]
        if len(grams) == 1:
            musts.append(tantivy.Query.term_query(schema, "grams", grams[0]))
        else:
            musts.append(tantivy.Query.phrase_query(schema, "grams", grams))
    filters = item["filters"]
    if filters.get("year"):
        musts.append(tantivy.Query.term_query(schema, "year", int(filters["year"])))
    if filters.get("province"):
        musts.append(tantivy.Query.term_query(schema, "province", filters["province"]))
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in musts])


def measure_tantivy(index, schema, workload: Workload, repeat: int) -> dict[str, object]:
    searcher = index.searcher()
    aggregations = {
        "years": {"terms": {"field": "year", "size": 20}},
        "provinces": {"terms": {"field": "province", "size": 40}},
    }
    results: dict[str, object] = {}
    for name in CLASSES:
        timing = Timing()
        counts = []
        for item in workload.queries[name]:
            query = tantivy_query(schema, item)

            def run(query=query):
                found = searcher.search(query, limit=20, count=True)
                searcher.aggregate(query, aggregations)
                return found

            found = run()
            counts.append({"q": item["q"], "sections": found.count})
            for _ in range(repeat):
                ms, _ = timed(run)
                timing.samples_ms.append(ms)
        results[name] = {**timing.summary(), "matches": counts}
        log(f"tantivy {name}: p50 {fmt_ms(timing.p50)} p95 {fmt_ms(timing.p95)}")
    return results


# -- pages --------------------------------------------------------------------------------------------


def measure_pages(repeat: int, seed: int) -> dict[str, object]:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from reports.models import Report

    rng = random.Random(seed)
    client = Client()
    ids = list(Report.objects.filter(is_synthetic=True).values_list("pk", "year", "agency_id")[:5000])
    picks = [rng.choice(ids) for _ in range(5)]
    province = (
        Report.objects.filter(
            is_synthetic=True, agency__region__level="county", agency__region__parent__level="city"
        )
        .values_list("agency__region__parent__parent__code", flat=True)
        .first()
    )

    def url(name: str, *args: object) -> str | None:
        try:
            return reverse(f"reports:{name}", args=args)
        except NoReverseMatch:
            return None

    pages: dict[str, list[str]] = {
        "home": [url("home")],
        "report list": [url("list")],
        "report list, province+year": [f"{url('list')}?province={province}&year={y}" for y in (2023, 2022)],
        "report list, page 50": [f"{url('list')}?page=50"],
        "report detail": [url("detail", pk) for pk, _y, _a in picks],
        "region browse": [url("regions"), url("region", province)],
        "agency page": [url("agency", agency) for _pk, _y, agency in picks],
        "year view": [url("year", 2023)],
    }
    results: dict[str, object] = {}
    for name, urls in pages.items():
        urls = [u for u in urls if u]
        if not urls:
            results[name] = {"skipped": "no such page yet"}
            continue
        timing = Timing()
        statuses = set()
        for address in urls:
            statuses.add(client.get(address).status_code)  # warm-up
            for _ in range(repeat):
                ms, response = timed(lambda address=address: client.get(address))
                statuses.add(response.status_code)
                timing.samples_ms.append(ms)
        results[name] = {**timing.summary(), "status": sorted(statuses), "urls": urls}
        log(f"page {name}: p50 {fmt_ms(timing.p50)} p95 {fmt_ms(timing.p95)} status {sorted(statuses)}")
    return results


# -- report -------------------------------------------------------------------------------------------


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 10:
        return f"{value:.0f} ms"
    return f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


def fmt_ratio(value: float | None) -> str:
    if not value:
        return "—"
    return f"{value:.0f}×" if value >= 10 else f"{value:.1f}×"


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISSED")


def print_report(figures: dict[str, object]) -> None:
    corpus = figures["corpus"]
    print()
    print(
        f"Benchmark: {corpus['reports']:,} current reports, {corpus['sections']:,} sections, "
        f"{corpus['characters'] / 1e6:,.1f}M characters, database {figures['database']!r}"
    )
    gen = figures.get("generation", {})
    if gen.get("measured_in_run_of"):
        print(f"(load time measured when the corpus was generated, {gen['measured_in_run_of']})")
    if not gen.get("reused"):
        print(
            f"Generation: {gen.get('seconds')} s, {gen.get('reports_per_second')} reports/s "
            f"({gen.get('characters', 0) / 1e6:.0f}M characters)"
        )
    print(f"Targets apply at 100k reports: p95 ≤ {TARGET_P95_MS:.0f} ms, ≥ {TARGET_SPEEDUP:.0f}× ILIKE.\n")

    search = figures.get("search")
    ilike = figures.get("ilike", {})
    tantivy = figures.get("tantivy")
    header = (
        f"{'query class':<26}{'search p50':>11}{'p95':>9}{'target':>9}{'ILIKE p50':>11}{'p95':>9}"
        f"{'speedup':>9}{'≥100×':>7}{'tantivy p50':>12}{'p95':>9}  example query"
    )
    print(header)
    print("-" * len(header))
    for name in CLASSES:
        s = search.get(name, {}) if isinstance(search, dict) else {}
        i = ilike.get(name, {})
        t = tantivy.get("queries", {}).get(name, {}) if isinstance(tantivy, dict) else {}
        speedup = (i.get("p50_ms") / s["p50_ms"]) if s.get("p50_ms") and i.get("p50_ms") else None
        target_ok = (s["p95_ms"] <= TARGET_P95_MS) if s.get("p95_ms") is not None else None
        example = figures["workload"][name][0]["q"] if figures["workload"].get(name) else "(no term found)"
        print(
            f"{CLASS_NAMES[name]:<26}{fmt_ms(s.get('p50_ms')):>11}{fmt_ms(s.get('p95_ms')):>9}"
            f"{verdict(target_ok):>9}{fmt_ms(i.get('p50_ms')):>11}{fmt_ms(i.get('p95_ms')):>9}"
            f"{fmt_ratio(speedup):>9}{verdict(speedup >= TARGET_SPEEDUP if speedup else None):>7}"
            f"{fmt_ms(t.get('p50_ms')):>12}"
            f"{fmt_ms(t.get('p95_ms')):>9}  {example}"
        )
    if not isinstance(search, dict):
        print(f"  search rows skipped: {search}")
    if not isinstance(tantivy, dict):
        print(f"  tantivy rows skipped: {tantivy}")
    print()

    build = figures.get("index_build")
    if isinstance(build, dict) and not build.get("reused"):
        minutes = build["seconds"] / 60
        when = build.get("measured_in_run_of")
        print(
            f"Index build (reports.search.rebuild_index): {build['seconds']:.1f} s "
            f"= {minutes:.1f} min, target ≤ {TARGET_BUILD_MINUTES:.0f} min at 100k"
            + (f" (measured when the index was built, {when})" if when else "")
        )
    elif isinstance(build, dict):
        print("Index build: reused an existing index (not timed; pass --rebuild-index)")
    else:
        print(f"Index build: skipped ({build})")
    if isinstance(tantivy, dict):
        b = tantivy["build"]
        print(
            f"tantivy build: {b['seconds']} s (tokenising {b['tokenise_seconds']} s, indexing "
            f"{b['index_seconds']} s, jieba words {'on' if b['with_jieba_words'] else 'off'}), "
            f"{b['bytes'] / b['characters']:.2f} bytes/char"
        )
    size = figures["size"]
    print("Database size (pg_total_relation_size):")
    for table, size_bytes in size["tables_bytes"].items():
        print(f"  {table:<28}{size_bytes / 1e6:>10,.1f} MB")
    print(
        f"  all of these: {size['bytes_per_char_all']:.2f} bytes per character "
        f"= {size['mb_per_million_chars_all']:.2f} MB per million characters"
    )
    if size["bytes_per_char_search"] is not None and isinstance(figures.get("search"), dict):
        ok = size["bytes_per_char_search"] <= TARGET_BYTES_PER_CHAR
        print(
            f"  search tables alone: {size['bytes_per_char_search']:.2f} bytes per character "
            f"(target ≤ {TARGET_BYTES_PER_CHAR:.0f}) {verdict(ok)}"
        )
    print()
    pages = figures.get("pages", {})
    if isinstance(pages, str):
        print(f"pages: {pages}")
    elif pages:
        print(f"{'page (Django test client)':<30}{'p50':>9}{'p95':>9}{'target':>9}  status")
        for name, page in pages.items():
            if "skipped" in page:
                print(f"{name:<30}{'—':>9}{'—':>9}{'':>9}  {page['skipped']}")
                continue
            ok = page["p95_ms"] <= TARGET_P95_MS
            print(
                f"{name:<30}{fmt_ms(page['p50_ms']):>9}{fmt_ms(page['p95_ms']):>9}{verdict(ok):>9}"
                f"  {page['status']}"
            )
    print(f"\nFigures written to {figures['json_path']}")


def json_path(count: int) -> Path:
    return PROJECT / "var" / f"benchmark-{count}.json"


def save(figures: dict[str, object], count: int, *, partial: bool) -> None:
    """Write the figures so far: a later stage failing (or being stopped) loses nothing measured."""
    out = json_path(count)
    out.parent.mkdir(parents=True, exist_ok=True)
    figures["json_path"] = str(out.relative_to(PROJECT))
    figures["partial"] = partial
    figures["finished_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=2, default=str))


def carry_over(figures: dict[str, object], count: int, key: str) -> None:
    """When the corpus (or index) is reused, keep the load (or build) time measured when it was made."""
    current = figures.get(key)
    if not (isinstance(current, dict) and current.get("reused")):
        return
    try:
        previous = json.loads(json_path(count).read_text())
    except (OSError, ValueError):
        return
    earlier = previous.get(key)
    same_corpus = previous.get("corpus") == figures.get("corpus")
    if same_corpus and isinstance(earlier, dict) and "seconds" in earlier:
        figures[key] = {**earlier, "reused": False, "measured_in_run_of": previous.get("finished_at")}


def guarded(stage: str, function: Callable[[], object]) -> object:
    """Run one measuring stage; a failure is recorded as the stage's result, the others go on."""
    try:
        return function()
    except Exception as exc:  # the working tree of a project in progress may be broken for a moment
        log(f"{stage} failed: {type(exc).__name__}: {exc}")
        return f"failed: {type(exc).__name__}: {exc}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, required=True, help="synthetic reports to load")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="database name in the local cluster")
    parser.add_argument("--allow-any-database", action="store_true", help="allow a name without 'bench'")
    parser.add_argument("--regenerate", action="store_true", help="reload the corpus even if N are loaded")
    parser.add_argument("--rebuild-index", action="store_true", help="rebuild (and time) an existing index")
    parser.add_argument("--queries", type=int, default=5, help="queries per class")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each indexed query")
    parser.add_argument("--scan-queries", type=int, default=3, help="queries per class for ILIKE scans")
    parser.add_argument("--scan-repeat", type=int, default=2, help="timed runs of each ILIKE scan")
    parser.add_argument("--page-repeat", type=int, default=10, help="timed requests per page address")
    parser.add_argument("--no-tantivy", action="store_true", help="skip the tantivy reference")
    parser.add_argument(
        "--skip-search", action="store_true", help="skip the search index build and the search rows"
    )
    parser.add_argument(
        "--tantivy-words",
        choices=("auto", "on", "off"),
        default="auto",
        help="index jieba words in tantivy too (auto: only up to 200M characters; jieba is slow)",
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="time the pages again on the loaded corpus and update the saved figures",
    )
    parser.add_argument("--print-only", action="store_true", help="print the saved figures of this N")
    args = parser.parse_args()
    if args.reports <= 0:
        parser.error("--reports must be positive")
    if args.print_only or args.pages_only:
        figures = json.loads(json_path(args.reports).read_text())
        if args.pages_only:
            setup_django(args.database, args.allow_any_database)
            log("timing pages")
            figures["pages"] = guarded("pages", lambda: measure_pages(args.page_repeat, args.seed))
            save(figures, args.reports, partial=False)
        print_report(figures)
        return

    database, local_socket = setup_django(args.database, args.allow_any_database)
    figures: dict[str, object] = {"database": database, "arguments": vars(args)}
    figures["generation"] = prepare_corpus(args.reports, args.seed, args.regenerate, local_socket)
    figures["corpus"] = corpus_figures()
    carry_over(figures, args.reports, "generation")

    search = None if args.skip_search else search_available()
    if args.skip_search:
        figures["index_build"] = figures["search"] = "skipped (--skip-search)"
    elif search is None:
        figures["index_build"] = figures["search"] = (
            "reports.search (search_page, rebuild_index) not available"
        )
        log(figures["search"])
    else:
        figures["index_build"] = build_index(search, args.rebuild_index)
        carry_over(figures, args.reports, "index_build")
    save(figures, args.reports, partial=True)

    log("choosing query terms by document frequency")
    workload = choose_workload(args.queries, args.seed)
    figures["workload"] = workload.queries
    figures["workload_sample_sections"] = workload.sample_sections

    if search is not None:
        figures["search"] = guarded("search", lambda: measure_search(search, workload, args.repeat))
    figures["ilike"] = measure_ilike(workload, args.scan_repeat, args.scan_queries)
    figures["size"] = database_size()
    save(figures, args.reports, partial=True)

    if args.no_tantivy:
        figures["tantivy"] = "skipped (--no-tantivy)"
    else:
        try:
            import tantivy  # noqa: F401
        except ImportError:
            figures["tantivy"] = "tantivy is not installed (pip install -e '.[bench]')"
        else:
            with_words = args.tantivy_words == "on" or (
                args.tantivy_words == "auto" and figures["corpus"]["characters"] <= 200_000_000
            )
            directory = Path(tempfile.mkdtemp(prefix="reportsite-tantivy-"))
            try:
                log(f"building the tantivy reference index (jieba words {'on' if with_words else 'off'})")

                def reference(
                    directory: Path = directory, with_words: bool = with_words
                ) -> dict[str, object]:
                    index, schema, build = build_tantivy(with_words, directory)
                    build["characters"] = figures["corpus"]["characters"]
                    return {"build": build, "queries": measure_tantivy(index, schema, workload, args.repeat)}

                figures["tantivy"] = guarded("tantivy", reference)
            finally:
                shutil.rmtree(directory, ignore_errors=True)

    save(figures, args.reports, partial=True)

    log("timing pages")
    figures["pages"] = guarded("pages", lambda: measure_pages(args.page_repeat, args.seed))
    save(figures, args.reports, partial=False)
    print_report(figures)


if __name__ == "__main__":
    main()
