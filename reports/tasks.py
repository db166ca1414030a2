"""Background tasks (django-tasks): run by ``manage.py db_worker``, queued in the database."""

from __future__ import annotations

from django_tasks import task


@task()
def process_import_item(item_id: int) -> str:
    """Parse and store one uploaded file of an import batch; returns the item's final status."""
    from reports.uploads.processing import process_item

    return process_item(item_id)
