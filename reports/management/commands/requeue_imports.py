"""``manage.py requeue_imports``: queue again the upload items and the catalogue re-extraction a
stopped worker left half-done."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from reports.tasks import requeue_interrupted_reextraction
from reports.uploads import requeue_abandoned


class Command(BaseCommand):
    help = (
        "Queue again every import item left in 'parsing', and the catalogue re-extraction left "
        "running, by a worker that was stopped (no session holds them any more). bin/run runs "
        "this before starting the worker."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = requeue_abandoned()
        self.stdout.write(f"{count} interrupted import item(s) queued again.")
        if requeue_interrupted_reextraction():
            self.stdout.write("An interrupted catalogue re-extraction was queued again.")
