"""Long work as persisted jobs: Django's task framework (django-tasks, database backend) plus a Job row
that pages poll for progress and result.

    @job_task(kind="dossiers.import")
    def import_file(job, *, path, ...):          # module level; `job` is the core.models.Job row
        progress(job, done, total, "Đang kiểm tra…")
        return {"rows": 123}                     # stored in job.result

    job = start(import_file, label="Nhập tệp x.csv", user=request.user, temp_paths=[path], path=path)

A job that raises `JobFailed` ends with its message for the user; any other exception too, with
"Lỗi hệ thống" and the traceback kept in the task row. Temporary files listed in `temp_paths` are
removed whenever the job ends, and by `recover()` when the process running it died (a restart, a kill):
then the job is re-queued if it is `resumable` (idempotent work: reminders, reports) or marked failed.
"""

import functools
import logging
import os
import socket
import tempfile
import threading
import traceback
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.db.utils import DatabaseError
from django.utils import timezone
from django_tasks import task

from chiso.core.models import Job, WorkerProcess

log = logging.getLogger(__name__)

# A worker on another machine that has not beaten for this long is taken for dead; on this machine a
# worker is dead as soon as its process is gone (its pid no longer exists).
STALE_AFTER = timedelta(seconds=90)
MAX_ATTEMPTS = 3
INTERRUPTED = "Bị gián đoạn vì tiến trình chạy nền dừng đột ngột (khởi động lại máy chủ?); không có dữ liệu nào được ghi."


class JobFailed(Exception):
    """Expected failure: the message (Vietnamese, saying what and where) is shown to the user."""

    def __init__(self, message, result=None):
        super().__init__(message)
        self.result = result or {}


def _remove_files(paths):
    for path in paths or []:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError:
            log.warning("could not remove temporary file %s", path, exc_info=True)


def progress(job, done, total=None, message=None):
    """Record how far `job` is. Written on a connection of its own when the job's connection is inside a
    transaction, so that it is visible before that transaction ends (PostgreSQL), and never waiting long
    for a lock (SQLite while another writer holds it, or a test's transaction): then it is skipped and
    the next call tries again."""
    job.done = done
    if total is not None:
        job.total = total
    if message is not None:
        job.message = message[:300]
    values = [job.done, job.total, job.message, job.pk]
    if not transaction.get_connection().in_atomic_block:
        Job.objects.filter(pk=job.pk).update(done=job.done, total=job.total, message=job.message)
        return
    try:
        with _side_connection().cursor() as cursor:
            cursor.execute("UPDATE core_job SET done = %s, total = %s, message = %s WHERE id = %s", values)
    except DatabaseError:
        log.debug("progress of job %s not written (database busy)", job.pk)


_local = threading.local()


def _side_connection():
    conn = getattr(_local, "conn", None)
    if conn is None or conn.connection is None or not conn.is_usable():
        conn = connections.create_connection("default")
        conn.ensure_connection()
        with conn.cursor() as cursor:
            if conn.vendor == "sqlite":
                cursor.execute("PRAGMA busy_timeout = 200")
            else:
                cursor.execute("SET lock_timeout = '200ms'")
        _local.conn = conn
    return conn


def close_side_connection():
    """Close this thread's progress connection (the test suite does after each test: an open one
    keeps PostgreSQL from dropping the test database)."""
    conn = getattr(_local, "conn", None)
    if conn is not None:
        conn.close()
        _local.conn = None


def worker_id():
    """This process's id in the queue: host and pid, so a restarted machine can tell its dead workers."""
    return getattr(worker_id, "value", None) or f"{socket.gethostname()[:40]}:{os.getpid()}"


def job_task(kind, resumable=False, **task_options):
    """Make `fn(job, **kwargs)` a django-tasks Task that runs with its Job row (see the module docstring)."""

    def decorator(fn):
        @functools.wraps(fn)
        def runner(job_id, **kwargs):
            job = Job.objects.filter(pk=job_id).first()
            if job is None or job.finished:
                return None  # cancelled or already handled (e.g. recovered while this copy waited)
            Job.objects.filter(pk=job.pk).update(
                status=Job.RUNNING,
                worker_id=worker_id(),
                attempts=job.attempts + 1,
                started_at=timezone.now(),
            )
            job.refresh_from_db()
            try:
                result = fn(job, **kwargs)
            except JobFailed as exc:
                _finish(job, Job.FAILED, error=str(exc), result=exc.result)
                return None
            except BaseException as exc:
                _finish(job, Job.FAILED, error=f"Lỗi hệ thống: {exc}")
                log.error("job %s (%s) failed:\n%s", job.pk, kind, traceback.format_exc())
                raise
            _finish(job, Job.DONE, result=result if isinstance(result, dict) else {})
            return job.pk

        runner.__qualname__ = fn.__qualname__  # django-tasks finds the task by module path
        runner.job_kind, runner.resumable = kind, resumable
        return task(**task_options)(runner)

    return decorator


def _finish(job, status, error="", result=None):
    _remove_files(job.temp_paths)
    job.status, job.error, job.finished_at = status, error, timezone.now()
    job.result = result or {}
    if status == Job.DONE and job.total:
        job.done = job.total
    job.save(update_fields=["status", "error", "finished_at", "result", "done"])


def start(task_obj, *, label, user=None, temp_paths=(), **kwargs):
    """Create the Job row and queue the task; returns the Job (refresh it to see the outcome)."""
    job = Job.objects.create(
        kind=task_obj.func.job_kind,
        label=label[:300],
        user=user if user is not None and user.is_authenticated else None,
        temp_paths=[str(p) for p in temp_paths],
        resumable=task_obj.func.resumable,
    )
    try:
        _enqueue(job, task_obj, kwargs)
    except BaseException:
        job.refresh_from_db()
        if not job.finished:
            _finish(job, Job.FAILED, error="Không đưa được việc vào hàng đợi.")
        raise
    job.refresh_from_db()
    return job


def _enqueue(job, task_obj, kwargs):
    job.result = {"kwargs": kwargs} if task_obj.func.resumable else job.result
    job.save(update_fields=["result"])
    queued = task_obj.enqueue(job_id=job.pk, **kwargs)
    Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(queued.id))


def spool_upload(upload, suffix):
    """Save an uploaded file for a job to read: under MEDIA_ROOT (shared with workers on other machines),
    removed when the job ends (list the path in `temp_paths`)."""
    folder = Path(settings.MEDIA_ROOT) / "jobs-tmp"
    folder.mkdir(parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(suffix=suffix, dir=folder)
    with os.fdopen(handle, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def output_file(job, filename, data, content_type):
    """Keep a job's output (a report) for download by the user who asked: MEDIA_ROOT/jobs/<id>/.
    Returns the `result` dict the job returns."""
    folder = Path(settings.MEDIA_ROOT) / "jobs" / str(job.pk)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "output").write_bytes(data)
    return {"file": "output", "filename": filename, "content_type": content_type, "size": len(data)}


def output_path(job):
    if not job.result.get("file"):
        return None
    return Path(settings.MEDIA_ROOT) / "jobs" / str(job.pk) / "output"


# ---- restarts ----------------------------------------------------------------------------------------


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def dead_workers(now=None):
    """Worker ids whose process is gone: on this host by pid, elsewhere by a stale heartbeat."""
    now = now or timezone.now()
    host = socket.gethostname()[:40]
    dead = []
    for w in WorkerProcess.objects.all():
        if w.worker_id == worker_id():
            continue
        if (w.host == host and not _pid_alive(w.pid)) or w.beat_at < now - STALE_AFTER:
            dead.append(w.worker_id)
    return dead


def recover():
    """Jobs left running by a dead worker: re-queued when resumable (up to MAX_ATTEMPTS), else failed;
    their temporary files removed either way. Returns the jobs handled. Safe to run in every worker."""
    from django_tasks_db.models import DBTaskResult

    dead = dead_workers()
    handled = []
    orphans = Job.objects.filter(status=Job.RUNNING, worker_id__in=dead) if dead else Job.objects.none()
    for job in orphans:
        with transaction.atomic():
            claimed = Job.objects.filter(pk=job.pk, status=Job.RUNNING, worker_id=job.worker_id).update(
                status=Job.QUEUED if job.resumable and job.attempts < MAX_ATTEMPTS else Job.FAILED
            )
            if not claimed:
                continue  # another worker recovered it first
            if _is_uuid(job.task_id):
                DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
                    status="FAILED", finished_at=timezone.now(), traceback=INTERRUPTED
                )
            job.refresh_from_db()
            task_obj = _task_for(job) if job.status == Job.QUEUED else None
            if task_obj is not None:
                job.task_id = ""
                job.save(update_fields=["task_id"])
                _enqueue(job, task_obj, job.result.get("kwargs", {}))
            else:
                _finish(job, Job.FAILED, error=INTERRUPTED)
                if job.kind in FAILED_HOOKS:
                    FAILED_HOOKS[job.kind](job)
        handled.append(job)
    # Queue rows claimed by a dead worker that have no Job (a task queued without `start`): fail them.
    for row in DBTaskResult.objects.filter(status="RUNNING"):
        if row.worker_ids and row.worker_ids[-1] in dead:
            DBTaskResult.objects.filter(id=row.id, status="RUNNING").update(
                status="FAILED", finished_at=timezone.now(), traceback=INTERRUPTED
            )
    WorkerProcess.objects.filter(worker_id__in=dead).delete()
    return handled


# kind -> callable(job): what an app does with its own records when its job is failed by `recover`
# (e.g. the dossier import marks its ImportRun failed). Registered by the app's tasks module.
FAILED_HOOKS = {}


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _task_for(job):
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.filter(id=job.task_id).first() if _is_uuid(job.task_id) else None
    try:
        return row.task if row is not None else None
    except ImportError:  # the code that queued it is gone (an upgrade): nothing to resume
        return None
