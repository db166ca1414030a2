"""Writing synthetic reports in bulk, and removing them all again.

Reports are composed in Python and written batch by batch with ``bulk_create`` (agencies, source
files, reports, sections), one transaction per batch, never through ``import_report``: the
importer's per-file parsing and dedupe queries would make 100k reports take hours.
"""

from __future__ import annotations

import hashlib
import queue
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, connections, transaction
from django.db.models import Model

from reports.bulk import copy_rows
from reports.indicators.store import ExtractionRun, extract_reports
from reports.ingest.pipeline import fingerprint_text
from reports.models import Agency, Report, Section, SourceFile
from reports.search import index_reports

from .agencies import Places, agency_spec
from .compose import ComposedReport, compose_report
from .material import load_material

Progress = Callable[[str], None]

# Targets for the composer, which overshoots them by about 15%: reports come out at 5k–20k
# characters, about 10k on average (measured), so 100k reports hold about a billion characters.
MIN_TARGET, MAX_TARGET, TARGET_SCALE = 4_400, 17_400, 2_350
SECTION_COLUMNS = (
    "report_id",
    "position",
    "path",
    "level",
    "number",
    "heading",
    "body",
    "start",
    "end",
    "label",
    "topic",
)
MAX_DRAWS_PER_REPORT = 50


@dataclass
class GenerationResult:
    created: int = 0
    characters: int = 0
    sections: int = 0
    seconds: float = 0.0
    report_ids: list[int] = field(default_factory=list)

    @property
    def reports_per_second(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


@dataclass
class _Pending:
    key: tuple[str, int]  # agency (name, region id)
    spec_kind: str
    spec_level: str
    year: int
    serial: int
    report: ComposedReport


def target_length(rng: random.Random) -> int:
    """Target length: skewed towards shorter reports, like real ones."""
    return min(MAX_TARGET, MIN_TARGET + int(rng.gammavariate(2.0, TARGET_SCALE)))


def synthetic_file_name(seed: int, serial: int) -> str:
    return f"synthetic-合成样本-seed{seed}-{serial:08d}.txt"


def generate_synthetic_reports(
    count: int,
    *,
    seed: int = 0,
    batch_size: int = 500,
    progress: Progress | None = None,
    seed_dir: Path | str | None = None,
) -> GenerationResult:
    """Create ``count`` synthetic reports; the same seed on the same library gives the same reports.

    Each report goes to a free (agency, year): agencies that already report for a year (real or
    synthetic) are skipped, so running again with the same seed adds further reports.
    """
    if count <= 0:
        raise ValueError("count must be positive")
    if batch_size <= 0:
        raise ValueError("batch size must be positive")
    started = time.perf_counter()
    material = load_material(seed_dir)
    places = Places.load()
    agency_ids: dict[tuple[str, int], int] = {
        (name, region_id): pk
        for name, region_id, pk in Agency.objects.filter(region__isnull=False).values_list(
            "name", "region_id", "pk"
        )
    }
    taken: set[tuple[str, int, int]] = set()
    by_id = {pk: key for key, pk in agency_ids.items()}
    for agency_id, year in Report.objects.filter(is_current=True).values_list("agency_id", "year"):
        if agency_id in by_id:
            taken.add((*by_id[agency_id], year))

    master = random.Random(seed)
    result = GenerationResult()
    writer = _BatchWriter(agency_ids, seed, result, count, started, progress)
    pending: list[_Pending] = []
    draws = 0
    try:
        while writer.queued + len(pending) < count:
            draws += 1
            if draws > count * MAX_DRAWS_PER_REPORT:
                raise RuntimeError("no free (agency, year) left for more synthetic reports")
            report_seed = master.getrandbits(64)
            region, organ, year = places.draw(master)
            spec = agency_spec(region, organ)
            slot = (spec.name, region.id, year)
            if slot in taken:
                continue
            taken.add(slot)
            rng = random.Random(report_seed)
            composed = compose_report(material, spec, year, rng, target_length(rng))
            pending.append(_Pending((spec.name, region.id), spec.kind, spec.level, year, draws, composed))
            if len(pending) >= batch_size:
                writer.put(pending)
                pending = []
        if pending:
            writer.put(pending)
    finally:
        writer.finish()
    analyze_tables()
    result.seconds = time.perf_counter() - started
    return result


class _BatchWriter:
    """Writes batches while the next one is composed: PostgreSQL works while Python composes.

    Inside a transaction (the test suite) batches are written at once on the caller's connection,
    since another thread's connection would not see, nor roll back with, the caller's work.
    """

    def __init__(
        self,
        agency_ids: dict[tuple[str, int], int],
        seed: int,
        result: GenerationResult,
        count: int,
        started: float,
        progress: Progress | None,
    ) -> None:
        self.agency_ids, self.seed, self.result = agency_ids, seed, result
        self.count, self.started, self.progress = count, started, progress
        self.queued = 0
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        if not connection.in_atomic_block:
            self.queue: queue.Queue[list[_Pending] | None] = queue.Queue(maxsize=2)
            self.thread = threading.Thread(target=self._run, name="synthetic-writer", daemon=True)
            self.thread.start()

    def put(self, batch: list[_Pending]) -> None:
        self.queued += len(batch)
        if self.thread is None:
            self._write(batch)
            return
        if self.error is not None:
            raise RuntimeError("writing synthetic reports failed") from self.error
        self.queue.put(batch)

    def finish(self) -> None:
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join()
            if self.error is not None:
                raise RuntimeError(f"writing synthetic reports failed: {self.error}") from self.error

    def _write(self, batch: list[_Pending]) -> None:
        _write_batch(batch, self.agency_ids, self.seed, self.result)
        _report(self.progress, self.result, self.count, self.started)

    def _run(self) -> None:
        try:
            while (batch := self.queue.get()) is not None:
                if self.error is None:
                    self._write(batch)
        except BaseException as exc:
            self.error = exc
            while self.queue.get() is not None:  # let the producer finish without blocking
                pass
        finally:
            connections.close_all()


def _report(progress: Progress | None, result: GenerationResult, count: int, started: float) -> None:
    if progress is None:
        return
    elapsed = time.perf_counter() - started
    rate = result.created / elapsed if elapsed else 0.0
    remaining = (count - result.created) / rate if rate else 0.0
    progress(
        f"{result.created}/{count} reports, {result.characters / 1e6:.1f}M characters, "
        f"{result.sections} sections, {rate:.0f} reports/s, {elapsed:.0f}s elapsed, ~{remaining:.0f}s left"
    )


@transaction.atomic
def _write_batch(
    pending: list[_Pending], agency_ids: dict[tuple[str, int], int], seed: int, result: GenerationResult
) -> None:
    new_agencies: dict[tuple[str, int], Agency] = {}
    for item in pending:
        if item.key not in agency_ids and item.key not in new_agencies:
            name, region_id = item.key
            new_agencies[item.key] = Agency(
                name=name, kind=item.spec_kind, level=item.spec_level, region_id=region_id
            )
    Agency.objects.bulk_create(new_agencies.values())
    agency_ids.update((key, agency.pk) for key, agency in new_agencies.items())

    files = []
    for item in pending:
        data = item.report.text.encode("utf-8")
        files.append(
            SourceFile(
                sha256=hashlib.sha256(data).hexdigest(),
                name=synthetic_file_name(seed, item.serial),
                size=len(data),
                data=data,
            )
        )
    SourceFile.objects.bulk_create(files)

    reports = [
        Report(
            agency_id=agency_ids[item.key],
            year=item.year,
            title=item.report.title,
            published_on=item.report.published_on,
            signed_on=item.report.signed_on,
            publisher=item.report.publisher,
            index_number=item.report.index_number,
            source_url="",
            source_file=source,
            text=item.report.text,
            text_sha256=fingerprint_text(item.report.text),
            is_synthetic=True,
        )
        for item, source in zip(pending, files, strict=True)
    ]
    Report.objects.bulk_create(reports)

    section_rows = [
        (
            report.pk,
            position,
            draft.path,
            draft.level,
            draft.number,
            draft.heading,
            draft.body,
            draft.start,
            draft.end,
            draft.label,
            draft.topic,
        )
        for item, report in zip(pending, reports, strict=True)
        for position, draft in enumerate(item.report.sections)
    ]
    copy_rows(Section, SECTION_COLUMNS, section_rows)

    result.created += len(reports)
    result.characters += sum(len(item.report.text) for item in pending)
    result.sections += len(section_rows)
    result.report_ids.extend(report.pk for report in reports)


def analyze_tables() -> None:
    """Refresh the planner's statistics after a bulk load."""
    tables = ", ".join(model._meta.db_table for model in (Agency, SourceFile, Report, Section))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


@dataclass
class DeletionResult:
    reports: int = 0
    sections: int = 0
    source_files: int = 0
    agencies: int = 0
    dependents: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def delete_synthetic_reports() -> DeletionResult:
    """Remove every synthetic report with its sections and source file, and agencies left empty.

    Rows of other parts of the project that point at synthetic reports or sections (a search index,
    indicators) go first, through the ORM; the big tables then go in set-based SQL statements, so
    100k reports are removed in seconds rather than loaded into memory. Real reports, their files
    and agencies are never touched.
    """
    result = DeletionResult()
    for model, lookup in _dependents():
        deleted, _ = model.objects.filter(**{lookup: True}).delete()
        if deleted:
            result.dependents[model._meta.label] = deleted

    report_t, section_t = Report._meta.db_table, Section._meta.db_table
    file_t, agency_t = SourceFile._meta.db_table, Agency._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE synthetic_doomed ON COMMIT DROP AS "
            f"SELECT id, agency_id, source_file_id FROM {report_t} WHERE is_synthetic"
        )
        cursor.execute(f"DELETE FROM {section_t} WHERE report_id IN (SELECT id FROM synthetic_doomed)")
        result.sections = cursor.rowcount
        cursor.execute(f"DELETE FROM {report_t} WHERE id IN (SELECT id FROM synthetic_doomed)")
        result.reports = cursor.rowcount
        cursor.execute(
            f"DELETE FROM {file_t} f WHERE f.id IN (SELECT source_file_id FROM synthetic_doomed) "
            f"AND NOT EXISTS (SELECT 1 FROM {report_t} r WHERE r.source_file_id = f.id)"
        )
        result.source_files = cursor.rowcount
        # Agencies left without reports go, unless some other table still refers to them.
        still_used = "".join(
            f" AND NOT EXISTS (SELECT 1 FROM {model._meta.db_table} x WHERE x.{column} = a.id)"
            for model, column in _referencing_columns(Agency)
        )
        cursor.execute(
            f"DELETE FROM {agency_t} a WHERE a.id IN (SELECT agency_id FROM synthetic_doomed){still_used}"
        )
        result.agencies = cursor.rowcount
        # Dropped now too, in case the caller's transaction goes on (and calls this again).
        cursor.execute("DROP TABLE synthetic_doomed")
    return result


def _reverse_relations(model: type[Model]) -> list:
    """Every foreign key or one-to-one pointing at ``model``, hidden ones (related_name="+") included."""
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    ]


def _referencing_columns(model: type[Model]) -> list[tuple[type[Model], str]]:
    return [(rel.related_model, rel.field.column) for rel in _reverse_relations(model)]


def _dependents() -> Iterable[tuple[type[Model], str]]:
    """(model, lookup) for rows of other models that reference synthetic reports or sections."""
    own = {Agency, SourceFile, Report, Section}
    for target, suffix in ((Section, "report__is_synthetic"), (Report, "is_synthetic")):
        for relation in _reverse_relations(target):
            if relation.related_model not in own:
                yield relation.related_model, f"{relation.field.name}__{suffix}"


def update_search_index(
    report_ids: list[int], progress: Progress | None = None, *, chunk_size: int = 200
) -> str:
    """Index new reports for search a chunk at a time (100k reports never sit in memory at once,
    and progress shows); says what was done."""
    started = time.perf_counter()
    for start in range(0, len(report_ids), chunk_size):
        index_reports(report_ids[start : start + chunk_size])
        if progress is not None:
            done = min(start + chunk_size, len(report_ids))
            progress(f"indexed {done}/{len(report_ids)} reports, {time.perf_counter() - started:.0f}s")
    return f"Indexed {len(report_ids)} reports for search in {time.perf_counter() - started:.1f}s."


def update_indicators(report_ids: list[int], progress: Progress | None = None) -> str:
    """Extract the new reports' figures as an import does, so compare pages and the API show
    them (marked synthetic like everything else of these reports); says what was done."""
    started = time.perf_counter()

    def report_progress(done: int, total: int, run: ExtractionRun) -> None:
        if progress is not None and (done % 200 == 0 or done == total):
            progress(f"extracted figures of {done}/{total} reports, {time.perf_counter() - started:.0f}s")

    run = extract_reports(report_ids, progress=report_progress)
    failed = f"; {len(run.failures)} reports failed (see the log)" if run.failures else ""
    return (
        f"Extracted {run.values} figures from {run.reports} reports "
        f"in {time.perf_counter() - started:.1f}s{failed}."
    )
