"""Background tasks (django-tasks): run by ``manage.py db_worker``, queued in the database."""

from __future__ import annotations

from django_tasks import task


@task()
def process_import_item(item_id: int) -> str:
    """Parse and store one uploaded file of an import batch; returns the item's final status."""
    from reports.uploads.processing import process_item

    return process_item(item_id)


@task()
def reextract_indicators() -> str:
    """Re-extract every current report's indicators with the catalogue as it is when the task runs
    (what ``manage.py extract_indicators`` does): queued when staff save a catalogue entry."""
    from reports.indicators.store import extract_reports
    from reports.models import Report

    ids = list(Report.objects.current().order_by("pk").values_list("pk", flat=True))
    run = extract_reports(ids)
    return (
        f"{run.reports} reports, {run.values} values; {len(run.failures)} failed; "
        f"{len(run.unmatched)} staff corrections no longer match a figure"
    )


def queue_indicator_reextraction() -> bool:
    """Queue ``reextract_indicators`` unless one is already waiting (it will read the catalogue
    when it starts, so one waiting run covers every edit before it); True when queued now.

    The queue is a table in the same database: the task exists once the caller's transaction
    commits, and not at all if it rolls back.
    """
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.ready().filter(task_path=reextract_indicators.module_path).exists():
        return False
    reextract_indicators.enqueue()
    return True
