"""Printing the figures beside their targets, and saving them to var/."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from .common import (
    CLASS_NAMES,
    CLASSES,
    DOWNLOADS,
    PROJECT,
    TARGET_BUILD_MINUTES,
    TARGET_BYTES_PER_CHAR,
    TARGET_P95_MS,
    TARGET_SPEEDUP,
    log,
)


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
    print(f"Targets apply at 100k reports: p95 ≤ {TARGET_P95_MS:.0f} ms, ≥ {TARGET_SPEEDUP:.0f}× ILIKE.")
    if figures.get("cpu_reference_ms"):
        reference = figures["cpu_reference_ms"]
        print(f"CPU reference (5M-step Python loop, best of 3, before the timings): {reference} ms")
    print()

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
        indicators = figures.get("indicators")
        if indicators:
            print(f"Compare pages read the indicator values of {indicators['reports_with_values']} reports.")
        print(f"{'page (Django test client)':<30}{'p50':>9}{'p95':>9}{'target':>9}  status")
        for name, page in pages.items():
            if "skipped" in page:
                print(f"{name:<30}{'—':>9}{'—':>9}{'':>9}  {page['skipped']}")
                continue
            ok = None if name in DOWNLOADS else page["p95_ms"] <= TARGET_P95_MS
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
