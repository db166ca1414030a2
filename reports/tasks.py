"""Background tasks (django-tasks): run by ``manage.py db_worker``, queued in the database."""

from __future__ import annotations

from django.db import connection
from django_tasks import task

# The advisory lock a re-extraction holds on its worker's connection while it runs (two keys:
# this one and 0; the import items' locks use another first key). A run whose lock no session
# holds was stopped midway: its worker died, and django-tasks leaves its row RUNNING.
REEXTRACTION_LOCK = 20_240_402
_LOCK_HELD = (
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    f" AND classid = {REEXTRACTION_LOCK} AND objid = 0 AND objsubid = 2)"
)


class ReextractionInterrupted(Exception):
    """Recorded for a re-extraction whose worker stopped before it finished."""


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

    with connection.cursor() as cursor:
        # Held until the run ends, or the connection with it when the worker dies midway.
        cursor.execute("SELECT pg_advisory_lock(%s, 0)", [REEXTRACTION_LOCK])
    try:
        ids = list(Report.objects.current().order_by("pk").values_list("pk", flat=True))
        run = extract_reports(ids)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, 0)", [REEXTRACTION_LOCK])
    # Shown to staff on the catalogue page (reextraction_status), so in Chinese.
    return (
        f"{run.reports} 份报告,{run.values} 个数值;{len(run.failures)} 份失败;"
        f"{len(run.unmatched)} 条人工校正已对不上数字"
    )


# What each task does, for staff reading the queue in the admin.
TASK_NAMES = {
    process_import_item.module_path: "解析上传的文件",
    reextract_indicators.module_path: "按指标目录重新识别全部报告",
}


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


def reextraction_running() -> bool:
    """Whether some worker is re-extracting now (holds the run's lock)."""
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_HELD)
        return bool(cursor.fetchone()[0])


def requeue_interrupted_reextraction() -> bool:
    """Record the re-extractions a stopped worker left RUNNING as failed and queue a new one
    (``manage.py requeue_imports``, run by bin/run before it starts the worker); True when one
    was queued. Staff's catalogue edits then still reach the stored figures."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    if reextraction_running():
        return False
    # A worker that claimed a run this instant and has not yet taken the lock loses nothing:
    # its run still finishes (and marks its row so), and the one queued here runs again.
    stopped = DBTaskResult.objects.filter(task_path=reextract_indicators.module_path, status="RUNNING")
    if not stopped.update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path=f"{__name__}.{ReextractionInterrupted.__qualname__}",
        traceback="后台进程在重新识别完成前停止 (worker stopped mid-run)",
    ):
        return False
    queue_indicator_reextraction()
    return True


def reextraction_status() -> str:
    """Where the catalogue's background re-extraction stands, in a sentence for staff: waiting,
    running since when, or when the last one finished and what it did (or that it failed)."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from reports.models import Report

    runs = DBTaskResult.objects.filter(task_path=reextract_indicators.module_path)
    if not runs.exists():
        return ""

    def when(moment: object) -> str:
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"

    finished = runs.filter(status__in=["SUCCESSFUL", "FAILED"]).order_by("-finished_at").first()
    running = runs.filter(status="RUNNING").order_by("-started_at")
    if finished is not None:
        # A run left RUNNING by a worker stopped mid-task is older than the runs finished since.
        running = running.filter(started_at__gt=finished.finished_at)
    if (run := running.first()) is not None and not reextraction_running():
        return (
            f"重新识别中途停止:{when(run.started_at)} 开始的那次未完成(后台进程已停止);"
            "后台进程重新启动时会自动重新排队,在此之前报告页和比较页仍显示原来的结果。"
        )
    waiting = runs.filter(status="READY").order_by("enqueued_at").first()
    if run is not None:
        # It read the catalogue when it started: an edit since waits for the run queued after it.
        after = (
            f"{when(waiting.enqueued_at)} 之后的修改已排队,本次完成后再按修改后的目录识别一次;"
            if waiting is not None
            else ""
        )
        return (
            f"重新识别进行中:{when(run.started_at)} 开始,"
            f"正在按开始时的指标目录重新识别全部 {Report.objects.current().count()} 份当前报告;{after}"
            "完成前报告页和比较页仍显示原来的结果。"
        )
    if waiting is not None:
        return (
            f"重新识别排队中:{when(waiting.enqueued_at)} 排队,等待后台进程执行"
            "(后台进程未运行时,请在服务器上运行 manage.py extract_indicators)。"
        )
    if finished is None:
        return ""
    if finished.status == "FAILED":
        return (
            f"最近一次重新识别失败({when(finished.finished_at)}):报告页仍显示此前的结果。"
            "请在服务器上运行 manage.py extract_indicators 查看原因。"
        )
    done = f":{finished.return_value}" if isinstance(finished.return_value, str) else "。"
    return f"最近一次重新识别已于 {when(finished.finished_at)} 完成{done}"
