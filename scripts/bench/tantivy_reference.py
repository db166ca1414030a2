"""The reference: an in-process tantivy index over the same tokens, built and queried."""

from __future__ import annotations

import time
from pathlib import Path

from .common import CLASSES, Timing, log, timed
from .report import fmt_ms
from .workload import Workload


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
