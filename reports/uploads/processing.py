"""The worker's side of an import item: claim it, import it in one transaction, record the outcome.

Life of an item: ``queued`` → ``parsing`` (committed at once, so the batch page shows it) →
one of ``done``, ``new_version``, ``duplicate``, ``failed``, ``needs_ocr``.

The import and the item's final status are written in one transaction, during which the worker
holds the item's row lock. A worker killed mid-item therefore leaves no report, section, file
or indicator row behind (PostgreSQL rolls the transaction back when the connection drops) and
the item in ``parsing``. From the claim until the outcome is recorded the worker also holds a
session-level advisory lock on the item, taken in the claim's own transaction, which the server
drops with the worker's connection: ``abandoned_items`` finds the items "parsing" that no
session holds, at once after the worker stopped (no waiting out a grace period, so a worker
restarted at once gets its item back through ``requeue_imports``), and never one a live worker
reads. A retry or ``requeue_imports`` queues them again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import nullcontext
from datetime import timedelta

from auditlog.context import set_actor
from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, Max, Min, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from reports.ingest import ImportOutcome, ImportStatus, RejectedFile, import_report
from reports.ingest.documents import NEEDS_OCR
from reports.models import ImportBatch, ImportItem, Report

from .intake import enqueue, overrides_of
from .reparse import reparse_report

logger = logging.getLogger(__name__)

# The first key of the two-key advisory locks workers hold on the items they read; the second is
# the item's id, a 32-bit key (ids past 2**31 would be refused). No other lock here uses it.
ITEM_LOCKS = 20_240_401
# True while some session of this database holds (or waits for) the item's advisory lock.
_HELD = RawSQL(
    "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    f" AND classid = {ITEM_LOCKS} AND objsubid = 2"
    f' AND objid::bigint = "{ImportItem._meta.db_table}"."id")',
    [],
    output_field=BooleanField(),
)
INTERRUPTED = "上次处理中断(进程被终止),已重新排队 (worker stopped mid-item; requeued)"


def process_item(item_id: int) -> str:
    """Import one queued item; returns its final status ("skipped" when it was not claimable)."""
    attempt = _claim(item_id)
    if attempt is None:
        return "skipped"
    try:
        return _process(item_id, attempt)
    finally:
        _release(item_id)


def _process(item_id: int, attempt: int) -> str:
    try:
        with transaction.atomic():
            item = ImportItem.objects.select_for_update().select_related("batch").get(pk=item_id)
            if item.status != ImportItem.Status.PARSING or item.attempts != attempt:
                return "skipped"  # another worker took it over meanwhile
            # The audit log names who uploaded (or asked for the re-parse), not the worker.
            with set_actor(item.batch.created_by) if item.batch.created_by else nullcontext():
                _run(item)
            item.finished_at = timezone.now()
            item.save()
    except Exception as exc:  # a bug, or the database refusing; the import was rolled back
        logger.exception("import item %s failed unexpectedly", item_id)
        ImportItem.objects.filter(pk=item_id, attempts=attempt).update(
            status=ImportItem.Status.FAILED,
            code=ImportItem.INTERNAL_ERROR,
            reason=f"内部错误,可重试 (internal error: {type(exc).__name__}: {str(exc)[:300]})",
            finished_at=timezone.now(),
        )
        return ImportItem.Status.FAILED
    return item.status


def abandoned_items(items: QuerySet[ImportItem] | None = None) -> list[ImportItem]:
    """Items left in "parsing" by a worker that stopped: no session holds their advisory lock
    (nor their row lock).

    Must run inside a transaction; the rows it returns stay locked until that transaction ends.
    """
    items = ImportItem.objects.all() if items is None else items
    return list(
        items.select_for_update(skip_locked=True)
        .alias(held=_HELD)
        .filter(status=ImportItem.Status.PARSING, held=False)
    )


@transaction.atomic
def retry_items(items: QuerySet[ImportItem]) -> int:
    """Queue abandoned items and the failed ones a retry may import (``retryable_failures``, still
    holding their bytes) again; returns how many."""
    retry = [
        item
        for item in items.select_for_update(skip_locked=True).retryable_failures()
        if item.data is not None or item.source_file_id is not None
    ]
    retry += abandoned_items(items)
    _requeue(retry, reason="")
    return len(retry)


@transaction.atomic
def requeue_abandoned() -> int:
    """Queue every abandoned item again (``manage.py requeue_imports``, run by bin/run)."""
    items = abandoned_items()
    _requeue(items, reason=INTERRUPTED)
    return len(items)


# No file taken up for this long while files wait: the worker is probably not running.
WORKER_IDLE_WARNING = timedelta(seconds=60)


def idle_worker_seconds() -> int | None:
    """Seconds since the worker last took up or finished a file while files wait in the queue,
    once that exceeds ``WORKER_IDLE_WARNING``; None while it is busy or nothing waits."""
    # An item a stopped worker left "parsing" is no sign of one at work: that is the case to warn of.
    with transaction.atomic():
        abandoned = len(abandoned_items())
    if ImportItem.objects.filter(status=ImportItem.Status.PARSING).count() > abandoned:
        return None
    waiting = ImportItem.objects.filter(status=ImportItem.Status.QUEUED)
    oldest_wait = waiting.aggregate(since=Min("batch__created_at"))["since"]
    if oldest_wait is None:
        return None
    activity = ImportItem.objects.aggregate(started=Max("started_at"), finished=Max("finished_at"))
    last = max(moment for moment in (oldest_wait, activity["started"], activity["finished"]) if moment)
    idle = timezone.now() - last
    return int(idle.total_seconds()) if idle > WORKER_IDLE_WARNING else None


# What the batch page calls an item a stopped worker left "parsing" (``abandoned_items``).
ABANDONED = "abandoned"
PROGRESS_CHOICES = [
    *ImportItem.Status.choices[:2],
    (ABANDONED, "已中断"),
    *ImportItem.Status.choices[2:],
]


def batch_counts(batch: ImportBatch) -> dict[str, int]:
    """Items of the batch per status, every status present (zero when none)."""
    counts = dict.fromkeys(ImportItem.Status.values, 0)
    for status in batch.items.values_list("status", flat=True):
        counts[status] += 1
    return counts


def batch_progress(batch: ImportBatch) -> tuple[dict[str, int], set[int]]:
    """Items of the batch per ``PROGRESS_CHOICES`` value, those a stopped worker left "parsing"
    counted as ``ABANDONED`` and not as parsing; and the ids of those abandoned items."""
    counts = {ABANDONED: 0, **batch_counts(batch)}
    abandoned: set[int] = set()
    if counts[ImportItem.Status.PARSING]:
        with transaction.atomic():
            abandoned = {item.pk for item in abandoned_items(batch.items.all())}
        counts[ImportItem.Status.PARSING] -= len(abandoned)
        counts[ABANDONED] = len(abandoned)
    return counts, abandoned


def _requeue(items: Iterable[ImportItem], *, reason: str) -> None:
    items = list(items)
    for item in items:
        item.status = ImportItem.Status.QUEUED
        item.reason = reason
        item.started_at = item.finished_at = None
        item.save(update_fields=["status", "reason", "started_at", "finished_at"])
    enqueue(items)


def _claim(item_id: int) -> int | None:
    """Mark the item "parsing" and commit, holding its advisory lock from before the commit until
    ``_release``; returns the attempt number, None if not ours to take."""
    with transaction.atomic():
        item = (
            ImportItem.objects.select_for_update(skip_locked=True)
            .alias(held=_HELD)
            .filter(pk=item_id)
            .filter(Q(status=ImportItem.Status.QUEUED) | Q(status=ImportItem.Status.PARSING, held=False))
            .first()
        )
        if item is None:
            return None
        item.status = ImportItem.Status.PARSING
        item.attempts += 1
        item.started_at = timezone.now()
        item.finished_at = None
        item.save(update_fields=["status", "attempts", "started_at", "finished_at"])
        # Last, so that nothing can fail with the lock taken; before the commit, so that no one
        # sees the item "parsing" without it. Blocks only while a worker that has just recorded
        # this item's outcome lets go of it.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s::integer)", [ITEM_LOCKS, item_id])
        return item.attempts


def _release(item_id: int) -> None:
    """Let go of the item's advisory lock (a worker whose connection broke holds none any more)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s::integer)", [ITEM_LOCKS, item_id])
    except DatabaseError:
        logger.warning("could not release the lock on import item %s", item_id, exc_info=True)


def _run(item: ImportItem) -> None:
    """Do the item's work inside the caller's transaction and set its outcome fields."""
    item.reason = item.code = ""
    item.duplicate_of = None
    if item.batch.kind == ImportBatch.Kind.REPARSE:
        try:
            reparse_report(item.report)
        except RejectedFile as refusal:
            item.status = (
                ImportItem.Status.NEEDS_OCR if refusal.code == NEEDS_OCR else ImportItem.Status.FAILED
            )
            item.reason = f"{refusal.reason};报告保留原来的读取结果"
            item.code = refusal.code
        else:
            item.status = ImportItem.Status.DONE
        return
    data = item.file_bytes()
    outcome = import_report(data, filename=item.filename, overrides=overrides_of(item.batch))
    _record(item, outcome)


def _record(item: ImportItem, outcome: ImportOutcome) -> None:
    status = outcome.status
    if status in (ImportStatus.CREATED, ImportStatus.NEW_VERSION, ImportStatus.UNCHANGED):
        report = Report.objects.select_related("source_file").get(pk=outcome.report_id)
        if status is ImportStatus.UNCHANGED:
            item.status = ImportItem.Status.DUPLICATE
            item.duplicate_of = report
            item.reason = outcome.reason + _unused_statements(item.batch, report.pk)
        else:
            item.status = (
                ImportItem.Status.DONE if status is ImportStatus.CREATED else ImportItem.Status.NEW_VERSION
            )
            item.report = report
            item.reason = outcome.reason  # a new version: what became of staff corrections
        # The bytes now live in the library as the report's SourceFile: link it, keep no copy.
        if report.source_file.sha256 == item.sha256:
            item.source_file = report.source_file
            item.data = None
    elif status is ImportStatus.DUPLICATE:
        item.status = ImportItem.Status.DUPLICATE
        item.duplicate_of_id = outcome.report_id
        item.reason = outcome.reason + _unused_statements(item.batch, outcome.report_id)
    else:
        item.status = ImportItem.Status.NEEDS_OCR if outcome.code == NEEDS_OCR else ImportItem.Status.FAILED
        item.reason, item.code = outcome.reason, outcome.code


# The upload form's fields, as a duplicate's message names them.
_STATED_FIELDS = (
    ("agency_name", "机关名称"),
    ("region_code", "区划代码"),
    ("year", "报告年度"),
    ("source_url", "来源网址"),
    ("published_on", "发布日期"),
)


def _unused_statements(batch: ImportBatch, report_id: int | None) -> str:
    """A duplicate stores nothing: say so when the upload stated facts staff may have meant for it."""
    stated = [label for field, label in _STATED_FIELDS if getattr(batch, field)]
    if not stated:
        return ""
    return f";上传时填写的{'、'.join(stated)}没有用于已存的报告 #{report_id},如需更正,请在该报告的管理页修改"
