"""Admin uploads: files in, an import batch of items out, parsed by the background worker.

intake (uploaded files and zip archives → batch and queued items) → the ``db_worker`` runs
``reports.tasks.process_import_item`` → processing (claim, ``import_report`` in one transaction,
outcome on the item; abandoned items found by their locks) → reparse (a stored file parsed
again in place) and review (staff corrections that a re-parse keeps).
"""

from .intake import (
    IncomingFile,
    create_batch,
    create_reparse_batch,
    expand_archive,
    incoming_files,
    received_message,
)
from .processing import (
    ABANDONED,
    PROGRESS_CHOICES,
    abandoned_items,
    batch_counts,
    batch_progress,
    idle_worker_seconds,
    process_item,
    requeue_abandoned,
    retry_items,
)
from .reparse import read_by_older_rules, reparse_report, stale_reports
from .review import record_report_corrections, record_section_corrections

__all__ = [
    "ABANDONED",
    "PROGRESS_CHOICES",
    "IncomingFile",
    "abandoned_items",
    "batch_counts",
    "batch_progress",
    "create_batch",
    "create_reparse_batch",
    "expand_archive",
    "idle_worker_seconds",
    "incoming_files",
    "process_item",
    "read_by_older_rules",
    "received_message",
    "record_report_corrections",
    "record_section_corrections",
    "reparse_report",
    "requeue_abandoned",
    "retry_items",
    "stale_reports",
]
