"""The real background path: tasks queued in PostgreSQL, run by django-tasks-db's ``db_worker``.

These tests commit their rows (``transactional_db``) so that a worker, in this process or in a
separate ``manage.py db_worker`` process, sees them: a batch processed through the queue, a
worker killed mid-item (nothing half-stored, the item retryable), and two uploads of the same
file processed at the same moment (exactly one report).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from reports.ingest import ReportOverrides
from reports.models import Agency, ImportItem, IndicatorValue, Region, Report, Section, SourceFile
from reports.regions.loading import sync_regions
from reports.uploads import create_batch, incoming_files, process_item, requeue_abandoned, retry_items

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def regions(transactional_db: None) -> None:
    # transactional_db empties every table after each test, the division table included.
    sync_regions(Region)


def seed(index: int) -> bytes:
    return next(SAMPLES.glob(f"{index:03d}_*.txt")).read_bytes()


def upload(files: dict[str, bytes]):
    uploads = [SimpleUploadedFile(name, data) for name, data in files.items()]
    return create_batch(incoming_files(uploads), overrides=ReportOverrides(), created_by=None)


def library_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Report, Section, SourceFile, IndicatorValue, Agency)
    }


def run_worker_until_idle() -> None:
    """django-tasks-db's worker loop, in this process, until the queue is empty."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_upload_is_queued_in_the_database_and_run_by_the_worker(regions):
    batch = upload({"a.txt": seed(0), "empty.txt": b""})
    # The upload only queued the work: one task row per item, nothing imported yet.
    assert DBTaskResult.objects.count() == 2
    assert set(batch.items.values_list("status", flat=True)) == {ImportItem.Status.QUEUED}
    assert Report.objects.count() == 0

    run_worker_until_idle()

    items = {item.filename: item for item in batch.items.all()}
    assert items["a.txt"].status == ImportItem.Status.DONE
    assert items["empty.txt"].status == ImportItem.Status.FAILED
    assert Report.objects.count() == 1
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def _worker_environment() -> dict[str, str]:
    """The environment for a ``manage.py`` process that uses this test's database."""
    db = connection.settings_dict
    host = quote(db["HOST"] or "", safe="")
    auth = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://{auth}@{host}{port}/{db['NAME']}"
    env.pop("DEBUG", None)
    return env


def requeued_soon() -> int:
    """``requeue_abandoned`` as a restarted worker's start runs it, allowing the server a moment
    to end the dead worker's session; far less than a worker's restart may take."""
    deadline = time.monotonic() + 5
    while not (count := requeue_abandoned()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return count


def test_worker_killed_mid_item_leaves_nothing_and_the_item_is_retried_at_once(regions):
    """A real db_worker process is killed (SIGKILL) while it imports; the item survives it.

    To catch the worker mid-item deterministically, the test holds a row lock the import needs:
    the file is a new version of a stored report, and importing a version locks the current one.
    """
    first = upload({"v1.txt": seed(0)})
    process_item(first.items.get().pk)
    current = Report.objects.get()
    revised = seed(0).decode("utf-8").replace("有力有效筑法治之基", "有力有效筑牢法治之基(修订)", 1)
    batch = upload({"v2.txt": revised.encode()})
    item = batch.items.get()
    before = library_counts()

    blocker = connections.create_connection("default")
    blocker.connect()
    blocker.set_autocommit(False)
    with blocker.cursor() as cursor:
        cursor.execute("SELECT id FROM reports_report WHERE id = %s FOR UPDATE", [current.pk])
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
        cwd=settings.BASE_DIR,
        env=_worker_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            item.refresh_from_db()
            if item.status == ImportItem.Status.PARSING:
                break
            assert worker.poll() is None, worker.stderr.read().decode()
            time.sleep(0.1)
        assert item.status == ImportItem.Status.PARSING
        time.sleep(1)  # the worker is now waiting on the lock, inside its import transaction
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
        blocker.rollback()
        blocker.close()

    item.refresh_from_db()
    assert item.status == ImportItem.Status.PARSING  # left behind by the dead worker
    assert library_counts() == before  # nothing half-stored
    current.refresh_from_db()
    assert current.is_current

    # Nothing holds the item once the dead worker's session is gone: a worker restarted at once
    # (bin/run runs requeue_imports first) gets it back, with no grace period to wait out.
    assert requeued_soon() == 1
    item.refresh_from_db()
    assert item.status == ImportItem.Status.QUEUED and "中断" in item.reason
    run_worker_until_idle()
    item.refresh_from_db()
    assert item.status == ImportItem.Status.NEW_VERSION
    assert item.attempts == 2
    assert Report.objects.count() == before["Report"] + 1


def test_a_live_item_is_not_taken_for_abandoned(regions):
    """While a worker holds an item (its transaction open), retry leaves it alone."""
    batch = upload({"a.txt": seed(0)})
    item = batch.items.get()
    ImportItem.objects.filter(pk=item.pk).update(
        status=ImportItem.Status.PARSING, started_at="2020-01-01T00:00Z"
    )
    holder = connections.create_connection("default")
    holder.connect()
    holder.set_autocommit(False)
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT id FROM reports_importitem WHERE id = %s FOR UPDATE", [item.pk])
        assert retry_items(batch.items.all()) == 0
    finally:
        holder.rollback()
        holder.close()
    assert retry_items(batch.items.all()) == 1


def test_an_item_a_live_worker_claimed_is_read_by_no_one_else_until_its_worker_is_gone(regions):
    """Between committing its claim and locking the item's row for the import, a worker holds
    the item all the same: no retry, requeue or second worker takes it. Its session gone, the
    item is abandoned at once."""
    from reports.uploads import batch_progress
    from reports.uploads.processing import _claim

    batch = upload({"a.txt": seed(0)})
    item = batch.items.get()
    claimed, crash = threading.Event(), threading.Event()

    def worker() -> None:
        try:
            assert _claim(item.pk) == 1
            claimed.set()
            crash.wait(timeout=60)
        finally:
            connections.close_all()  # the worker dies before its import: its session ends

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert claimed.wait(timeout=30)
        assert ImportItem.objects.get(pk=item.pk).status == ImportItem.Status.PARSING
        assert requeue_abandoned() == 0
        assert retry_items(batch.items.all()) == 0
        assert batch_progress(batch)[1] == set()
        assert process_item(item.pk) == "skipped"
        assert Report.objects.count() == 0
    finally:
        crash.set()
        thread.join(timeout=30)

    assert requeued_soon() == 1
    assert process_item(item.pk) == ImportItem.Status.DONE
    assert ImportItem.objects.get(pk=item.pk).attempts == 2


def test_two_uploads_of_the_same_file_at_the_same_moment_store_one_report(regions):
    data = seed(1)
    first, second = upload({"a.txt": data}), upload({"a-copy.txt": data})
    ids = [first.items.get().pk, second.items.get().pk]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(item_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            process_item(item_id)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(item_id,)) for item_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    statuses = sorted(ImportItem.objects.filter(pk__in=ids).values_list("status", flat=True))
    assert statuses == [ImportItem.Status.DONE, ImportItem.Status.DUPLICATE]
    assert Report.objects.count() == 1
    assert SourceFile.objects.count() == 1
    duplicate = ImportItem.objects.get(pk__in=ids, status=ImportItem.Status.DUPLICATE)
    assert duplicate.duplicate_of == Report.objects.get()
