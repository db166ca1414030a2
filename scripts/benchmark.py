#!/usr/bin/env python
"""Search and page speed at scale, measured on synthetic reports in a separate database.

    .venv/bin/python scripts/benchmark.py --reports 10000      (or: bin/bench --reports 10000)

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
import shutil
import tempfile
from pathlib import Path

from bench.common import DEFAULT_DATABASE, cpu_reference_ms, log, setup_django
from bench.corpus import build_index, corpus_figures, ensure_indicators, prepare_corpus, search_module
from bench.measure import database_size, measure_ilike, measure_search
from bench.pages import measure_pages
from bench.report import carry_over, guarded, json_path, print_report, save
from bench.tantivy_reference import build_tantivy, measure_tantivy
from bench.workload import choose_workload


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
    parser.add_argument(
        "--indicators",
        type=int,
        default=0,
        metavar="N",
        help="before timing pages, extract indicators of the first N synthetic reports that have "
        "none (the compare pages read them; about 54 ms a report)",
    )
    parser.add_argument("--print-only", action="store_true", help="print the saved figures of this N")
    args = parser.parse_args()
    if args.reports <= 0:
        parser.error("--reports must be positive")
    if args.print_only or args.pages_only:
        figures = json.loads(json_path(args.reports).read_text())
        if args.pages_only:
            setup_django(args.database, args.allow_any_database)
            from django.core.management import call_command

            call_command("migrate", verbosity=0)  # the pages need the current schema
            if args.indicators:
                figures["indicators"] = ensure_indicators(args.indicators)
            log("timing pages")
            figures["cpu_reference_ms"] = cpu_reference_ms()
            figures["pages"] = guarded("pages", lambda: measure_pages(args.page_repeat, args.seed))
            save(figures, args.reports, partial=False)
        print_report(figures)
        return

    database, local_socket = setup_django(args.database, args.allow_any_database)
    figures: dict[str, object] = {"database": database, "arguments": vars(args)}
    figures["generation"] = prepare_corpus(args.reports, args.seed, args.regenerate, local_socket)
    figures["corpus"] = corpus_figures()
    carry_over(figures, args.reports, "generation")

    search = None if args.skip_search else search_module()
    if args.skip_search:
        figures["index_build"] = figures["search"] = "skipped (--skip-search)"
    else:
        figures["index_build"] = build_index(search, args.rebuild_index)
        carry_over(figures, args.reports, "index_build")
    save(figures, args.reports, partial=True)

    log("choosing query terms by document frequency")
    workload = choose_workload(args.queries, args.seed)
    figures["workload"] = workload.queries
    figures["workload_sample_sections"] = workload.sample_sections

    figures["cpu_reference_ms"] = cpu_reference_ms()
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

    if args.indicators:
        figures["indicators"] = ensure_indicators(args.indicators)
    log("timing pages")
    figures["pages"] = guarded("pages", lambda: measure_pages(args.page_repeat, args.seed))
    save(figures, args.reports, partial=False)
    print_report(figures)


if __name__ == "__main__":
    main()
