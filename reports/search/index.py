"""Building and refreshing the search index rows of reports.

``index_reports`` (re)writes the rows of the given reports: one ``SearchSection`` row per
section and one ``SearchReport`` row, holding normalised text and, for the report, its jieba
words. PostgreSQL derives the indexed bigrams and grams from the text itself (``models``). A report whose
text is unchanged only has its filter columns refreshed (a version superseded, an agency moved),
which is cheap enough to run inside the import transaction. ``reindex_on_commit`` does the same
after a staff edit of a report, an agency or a place. ``rebuild_index`` starts from nothing.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from reports.bulk import copy_rows
from reports.models import Agency, Region, Report, Section

from .models import (
    REPORT_BIGRAMS,
    REPORT_FILTER_KEYS,
    SAMPLE_BIGRAMS,
    SAMPLE_CONDITION,
    SECTION_GRAMS,
    SEPARATOR,
    SearchReport,
    SearchSection,
)
from .normalize import normalize_text
from .query import MAX_TERM_CHARS
from .tokens import add_user_words, load_database_words, search_word_hashes

# Bump when what is indexed changes, so every report is re-indexed by index_reports.
# 6: quotation marks dropped (migration 0048); 7: every dictionary word inside a longer one (0059)
INDEX_VERSION = "7"
REBUILD_BATCH = 200
# maintenance_work_mem of each GIN index build at the end of a full rebuild.
GIN_BUILD_MEMORY = "256MB"


def _filter_columns(report: Report) -> dict[str, object]:
    agency = report.agency
    chain = agency.region.by_level() if agency.region else {}
    return {
        "year": report.year,
        "province_id": chain["province"].pk if "province" in chain else None,
        "city_id": chain["city"].pk if "city" in chain else None,
        "county_id": chain["county"].pk if "county" in chain else None,
        "kind": agency.kind,
        "level": agency.level,
        "is_current": report.is_current,
    }


class _SectionText(NamedTuple):
    """A section as the tokeniser needs it (a tuple: a rebuild reads millions)."""

    section_id: int
    label: str
    topic: str
    heading: str
    body: str


def _fingerprint(report: Report, sections: list[_SectionText]) -> str:
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for text in [
        report.title,
        *(f"{s.section_id}\x00{s.label}\x00{s.topic}\x00{s.heading}\x00{s.body}" for s in sections),
    ]:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x01")
    return digest.hexdigest()


def report_words(texts: Iterable[str]) -> list[int]:
    """The sorted hashes (``tokens.word_hash``) of the jieba words of ``texts``.

    Words longer than a query term can be (a run of one repeated character) are left out.
    """
    return search_word_hashes(texts, MAX_TERM_CHARS)


def _tokenise_report(title: str, sections: list[_SectionText]) -> tuple[list[tuple], list[int]]:
    """Rows of one report: ([(section_id, label, topic, heading, body)], words)."""
    rows = [
        (
            section.section_id,
            section.label,
            section.topic,
            normalize_text(section.heading),
            normalize_text(section.body),
        )
        for section in sections
    ]
    words = report_words([normalize_text(title), *(piece for row in rows for piece in row[3:])])
    return rows, words


@dataclass
class _Plan:
    """What indexing a batch of reports needs: how many exist, which to rewrite and their text."""

    count: int
    rewrite: list[tuple[Report, dict[str, object], str]]
    work: list[tuple[str, list[_SectionText]]]


def _plan(ids: list[int]) -> _Plan:
    """Read a batch; reports whose text is unchanged only get their filter columns refreshed."""
    reports = list(
        Report.objects.filter(pk__in=ids)
        .select_related("agency__region__parent__parent")
        .only("pk", "title", "year", "is_current", "agency")
    )
    sections_by_report: dict[int, list[_SectionText]] = {}
    # Tuples, not model instances: a rebuild reads 2.6 million sections at 100k reports.
    for report_id, *fields in (
        Section.objects.filter(report_id__in=ids)
        .order_by("report_id", "position")
        .values_list("report_id", "pk", "label", "topic", "heading", "body")
    ):
        sections_by_report.setdefault(report_id, []).append(_SectionText(*fields))
    known = dict(SearchReport.objects.filter(report_id__in=ids).values_list("report_id", "fingerprint"))

    plan = _Plan(len(reports), [], [])
    for report in reports:
        sections = sections_by_report.get(report.pk, [])
        columns = _filter_columns(report)
        fingerprint = _fingerprint(report, sections)
        if known.get(report.pk) == fingerprint:
            SearchReport.objects.filter(report_id=report.pk).update(**columns)
            SearchSection.objects.filter(report_id=report.pk).update(**columns)
            continue
        add_user_words([report.agency.name])
        plan.rewrite.append((report, columns, fingerprint))
        plan.work.append((report.title, sections))
    return plan


FILTER_COLUMNS = ("year", "province_id", "city_id", "county_id", "kind", "level", "is_current")
REPORT_ROW = ("report_id", "text", "words", "fingerprint", *FILTER_COLUMNS)
SECTION_ROW = ("report_id", "section_id", "label", "topic", "heading", "body", *FILTER_COLUMNS)


def _write(plan: _Plan, tokenised: Iterable[tuple[list[tuple], list[int]]]) -> None:
    """Replace the rows of the planned reports with their tokenised rows (written with COPY)."""
    report_rows: list[tuple] = []
    section_rows: list[tuple] = []
    for (report, columns, fingerprint), (rows, words) in zip(plan.rewrite, tokenised, strict=True):
        filters = tuple(columns[name] for name in FILTER_COLUMNS)
        section_rows.extend((report.pk, *row, *filters) for row in rows)
        # Joined here rather than in the tokenising worker, which would send it back twice.
        text = SEPARATOR.join(f"{heading}{SEPARATOR}{body}" for _id, _label, _topic, heading, body in rows)
        # An array literal: COPY parses it in the server, where psycopg's list dumper would
        # spend a third of this process's time on the words of a rebuild.
        words_literal = "{" + ",".join(map(str, words)) + "}"
        report_rows.append((report.pk, text, words_literal, fingerprint, *filters))
    rewritten = [report.pk for report, _columns, _fingerprint in plan.rewrite]
    SearchSection.objects.filter(report_id__in=rewritten).delete()
    SearchReport.objects.filter(report_id__in=rewritten).delete()
    copy_rows(SearchReport, REPORT_ROW, report_rows)
    copy_rows(SearchSection, SECTION_ROW, section_rows)


@transaction.atomic
def index_reports(report_ids: Iterable[int]) -> int:
    """Write the index rows of these reports; returns how many reports were (re)indexed.

    Ids of reports that no longer exist are skipped (their rows went with them).
    """
    ids = sorted(set(report_ids))
    if not ids:
        return 0
    load_database_words()
    plan = _plan(ids)
    if plan.rewrite:
        _write(plan, (_tokenise_report(title, sections) for title, sections in plan.work))
    return plan.count


# The fields of an agency and of a place that ``_filter_columns`` copies into the rows of their
# reports: an edit of any other field (a name, a division code) leaves those rows as they are.
COPIED_FIELDS: dict[type[Agency | Region], frozenset[str]] = {
    Agency: frozenset({"kind", "level", "region"}),
    Region: frozenset({"level", "parent"}),
}


def reindex_on_commit(edited: Report | Agency | Region, changed_fields: Iterable[str] | None = None) -> None:
    """Re-index the reports whose rows copy ``edited`` once the current transaction commits.

    A report (with its sections) is re-indexed whatever changed: with its text unchanged that is
    only a refresh of its filter columns. An agency or a place may stand for thousands of
    reports, so theirs are re-indexed only when ``changed_fields`` names a field the rows copy
    (``COPIED_FIELDS``); ``None`` means any field may have changed. The reports are those of the
    edit's own transaction; outside a transaction they are indexed at once.
    """
    if isinstance(edited, Report):
        ids = [edited.pk]
    else:
        if changed_fields is not None and COPIED_FIELDS[type(edited)].isdisjoint(changed_fields):
            return
        reports = edited.reports.all() if isinstance(edited, Agency) else Report.objects.in_region(edited)
        ids = list(reports.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return

    def index_batches() -> None:
        # Batches of a rebuild's size, each its own transaction: a province is many reports.
        for start in range(0, len(ids), REBUILD_BATCH):
            index_reports(ids[start : start + REBUILD_BATCH])

    # Robust: the edit is committed by then, so a failure is logged (the rows stay as they were)
    # rather than answered with an error page for a change that was saved.
    transaction.on_commit(index_batches, robust=True)


# GIN indexes dropped during a full rebuild and built once at the end (much cheaper than
# maintaining them row by row), largest first; name → (table, columns, predicate), word for
# word as in migrations 0016, 0018 and 0025 and ``models``.
REBUILT_GIN_INDEXES = {
    "search_section_grams_gin": (SearchSection._meta.db_table, SECTION_GRAMS, ""),
    "search_report_text_gin": (SearchReport._meta.db_table, f"{REPORT_BIGRAMS}, {REPORT_FILTER_KEYS}", ""),
    "search_report_sample_gin": (
        SearchReport._meta.db_table,
        f"{SAMPLE_BIGRAMS}, {REPORT_FILTER_KEYS}",
        f"WHERE {SAMPLE_CONDITION}",
    ),
}


INDEX_TABLES = (SearchSection._meta.db_table, SearchReport._meta.db_table)
AUTOVACUUM_SETTINGS = ("autovacuum_enabled", "toast.autovacuum_enabled")


def rebuild_index(progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> int:
    """Drop every index row and index all reports again; ``progress(done, total)`` after each batch.

    Outside a transaction the GIN indexes are dropped first and built again at the end, and
    batches are indexed by ``workers`` processes (default: one per CPU), each in its own
    transaction. ``progress`` counts reports written.
    """
    ids = list(Report.objects.order_by("pk").values_list("pk", flat=True))
    bulk = not connection.in_atomic_block
    if not bulk:
        # TRUNCATE fails beside pending deferred constraint checks; DELETE works anywhere.
        SearchSection.objects.all().delete()
        SearchReport.objects.all().delete()
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(INDEX_TABLES)}")
            for name in REBUILT_GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
            # Autovacuum would scan the growing tables again and again during the load (and
            # take a core from it); the VACUUM at the end does the work once.
            for table in INDEX_TABLES:
                off = ", ".join(f"{setting} = false" for setting in AUTOVACUUM_SETTINGS)
                cursor.execute(f"ALTER TABLE {table} SET ({off})")
    load_database_words()  # before forking: workers inherit the segmenter and its dictionary
    workers = workers if workers is not None else (os.cpu_count() or 1)
    batches = [ids[start : start + REBUILD_BATCH] for start in range(0, len(ids), REBUILD_BATCH)]
    try:
        if bulk and workers > 1 and len(batches) > 1:
            done = _rebuild_in_workers(batches, workers, len(ids), progress)
        else:
            done = 0
            for number, batch in enumerate(batches, 1):
                done += index_reports(batch)
                if progress is not None:
                    progress(min(number * REBUILD_BATCH, len(ids)), len(ids))
    finally:
        if bulk:
            # VACUUM sets the hint bits and the visibility map, which the first queries after a
            # bulk load would otherwise pay for (and index-only scans need). Before the GIN
            # indexes exist it need not scan them; the two tables side by side.
            _side_by_side([[f"VACUUM (ANALYZE) {table}"] for table in INDEX_TABLES], workers)
            _build_gin_indexes(workers)
            with connection.cursor() as cursor:
                for table in INDEX_TABLES:
                    cursor.execute(f"ALTER TABLE {table} RESET ({', '.join(AUTOVACUUM_SETTINGS)})")
    if not bulk:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(INDEX_TABLES)}")
    return done


def _build_gin_indexes(workers: int) -> None:
    """Create the dropped GIN indexes, ``workers`` at a time, largest first.

    PostgreSQL builds one GIN index on one core, so on two cores the section index (the
    largest) and the report indexes are built side by side.
    """
    _side_by_side(
        [
            [
                f"SET maintenance_work_mem = '{GIN_BUILD_MEMORY}'",
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({columns}) {predicate}",
                f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS 0",  # see migration 0015
            ]
            for name, (table, columns, predicate) in REBUILT_GIN_INDEXES.items()
        ],
        workers,
    )


def _side_by_side(scripts: list[list[str]], workers: int) -> None:
    """Run each script (a list of statements) over a connection of its own, ``workers`` at once."""

    def run(statements: list[str]) -> None:
        try:
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            connections[DEFAULT_DB_ALIAS].close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        list(pool.map(run, scripts))


def _rebuild_in_workers(
    batches: list[list[int]], workers: int, total: int, progress: Callable[[int, int], None] | None
) -> int:
    """Index the batches in worker processes, each reading, tokenising and writing its own over
    a connection of its own (nothing but a count crosses between processes)."""
    done = 0
    connections.close_all()  # this process reopens its connection when it next needs one
    with multiprocessing.get_context("fork").Pool(workers, initializer=_forget_inherited_connections) as pool:
        for count in pool.imap_unordered(index_reports, batches):
            done += count
            if progress is not None:
                progress(min(done, total), total)
    return done


# Connections a worker inherited at the fork. They are kept referenced, never used or closed:
# closing one would end the parent's session on the shared socket.
_INHERITED: list[object] = []


def _forget_inherited_connections() -> None:
    """In a forked worker: leave the parent's connections alone and open fresh ones on first use."""
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _INHERITED.append(conn.connection)
        conn.connection = None
        conn.closed_in_transaction = False
