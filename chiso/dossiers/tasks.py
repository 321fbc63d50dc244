"""The dossier import as a background job (chiso.core.jobqueue): the web upload queues it, a worker runs it."""

from django.utils import timezone

from chiso.core.audit import acting_as
from chiso.core.jobqueue import FAILED_HOOKS, INTERRUPTED, JobFailed, job_task, progress
from chiso.registry.models import User

from .models import ImportRun
from .services.importer import ImportFailed, count_rows, import_dossiers


@job_task(kind="dossiers.import")
def import_file(job, *, run_id, path, file_name, mapping, user_id):
    """All-or-nothing (the importer's transaction): a failed or interrupted job leaves no dossier."""
    run = ImportRun.objects.get(pk=run_id)
    user = User.objects.filter(pk=user_id).first()
    progress(job, 0, 0, "Đang đếm số dòng của tệp…")
    run.rows_total = count_rows(path) or 0
    run.status = ImportRun.RUNNING
    run.save(update_fields=["rows_total", "status"])
    total = run.rows_total

    def report(done):
        progress(job, done, total, f"Đang kiểm tra, nhập: {done:,} / {total:,} dòng".replace(",", "."))

    report(0)
    try:
        with acting_as(user):
            result = import_dossiers(
                path, file_name=file_name, mapping=mapping or None, user=user, run=run, progress=report
            )
    except ImportFailed as exc:
        _failed(run, exc.lines(), exc.unmatched)
        raise JobFailed("Tệp bị từ chối, không có hồ sơ nào được ghi.", {"errors": exc.lines()})
    except Exception as exc:  # the page must show that it stopped
        _failed(run, [f"Lỗi hệ thống: {exc}"])
        raise
    return {"rows": result.rows, "created": result.created, "updated": result.updated}


def _failed(run, errors, unmatched=()):
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.FAILED, errors=errors, unmatched=list(unmatched), finished_at=timezone.now()
    )


def _interrupted(job):
    ImportRun.objects.filter(job=job).exclude(status=ImportRun.DONE).update(
        status=ImportRun.FAILED, errors=[INTERRUPTED], finished_at=timezone.now()
    )


FAILED_HOOKS[import_file.func.job_kind] = _interrupted
