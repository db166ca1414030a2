"""``manage.py requeue_imports``: queue again the upload items a stopped worker left half-done."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from reports.uploads import requeue_abandoned


class Command(BaseCommand):
    help = (
        "Queue again every import item left in 'parsing' by a worker that was stopped "
        "(no session holds it any more). bin/run runs this before starting the worker."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = requeue_abandoned()
        self.stdout.write(f"{count} interrupted import item(s) queued again.")
