"""The job queue in-process: the schedule runs each period once, recovery after a dead worker, who may see
a job. (Real worker processes, killed mid-import: test_worker.py.)"""

import subprocess
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from chiso.core import jobqueue, scheduler
from chiso.core.models import Job, ScheduledRun, WorkerProcess

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def at(day, hour):
    return datetime(2026, 3, day, hour, tzinfo=VN)


def test_a_new_installation_records_the_period_without_a_burst_then_runs_each_day_once():
    assert scheduler.tick(7, now=at(2, 10)) == []  # first start: today is recorded, nothing is sent
    names = set(scheduler.daily_jobs())
    assert "chiso.directives.jobs.run_reminders" in names
    assert set(ScheduledRun.objects.filter(skipped=True).values_list("name", flat=True)) == names
    assert scheduler.tick(7, now=at(2, 23)) == []  # same day, any number of workers: nothing more
    assert scheduler.tick(7, now=at(3, 6)) == []  # before 7:00 the period is still the 2nd
    jobs = scheduler.tick(7, now=at(3, 7))
    assert len(jobs) == len(names)
    assert all(j.status == Job.DONE and j.resumable for j in jobs)  # the suite runs jobs at once
    assert scheduler.tick(7, now=at(3, 8)) == [] and scheduler.tick(7, now=at(3, 20)) == []
    # A server off for a week catches up with the current day only, once.
    assert len(scheduler.tick(7, now=at(10, 9))) == len(names)
    assert ScheduledRun.objects.filter(period="2026-03-10").count() == len(names)


def test_a_job_for_a_name_not_listed_as_daily_fails():
    job = jobqueue.start(scheduler.run_daily, label="x", name="os.system")
    assert job.status == Job.FAILED and "Lỗi hệ thống" in job.error


def _dead_worker():
    proc = subprocess.Popen(["true"])
    proc.wait()  # its pid no longer exists
    return WorkerProcess.objects.create(
        worker_id=f"{jobqueue.socket.gethostname()[:40]}:{proc.pid}",
        host=jobqueue.socket.gethostname()[:40],
        pid=proc.pid,
        beat_at=jobqueue.timezone.now(),
    )


def test_recovery_fails_an_interrupted_import_and_removes_its_files(tmp_path):
    dead = _dead_worker()
    spooled = tmp_path / "upload.csv"
    spooled.write_text("x")
    job = Job.objects.create(
        kind="dossiers.import",
        label="Nhập",
        status=Job.RUNNING,
        worker_id=dead.worker_id,
        temp_paths=[str(spooled)],
    )
    alive = Job.objects.create(
        kind="dossiers.import", label="Nhập", status=Job.RUNNING, worker_id="elsewhere:1"
    )
    WorkerProcess.objects.create(
        worker_id="elsewhere:1", host="elsewhere", pid=1, beat_at=jobqueue.timezone.now()
    )
    assert [j.pk for j in jobqueue.recover()] == [job.pk]
    job.refresh_from_db()
    assert job.status == Job.FAILED and "gián đoạn" in job.error and not spooled.exists()
    alive.refresh_from_db()
    assert alive.status == Job.RUNNING  # its worker beats: not touched
    assert not WorkerProcess.objects.filter(pk=dead.pk).exists()


def test_recovery_requeues_a_resumable_job(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = jobqueue.start(scheduler.run_daily, label="Nhắc việc", name="chiso.directives.jobs.run_reminders")
    assert job.status == Job.QUEUED and DBTaskResult.objects.filter(id=job.task_id, status="READY").exists()
    dead = _dead_worker()
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", worker_ids=[dead.worker_id])
    Job.objects.filter(pk=job.pk).update(status=Job.RUNNING, worker_id=dead.worker_id, attempts=1)
    jobqueue.recover()
    job.refresh_from_db()
    assert job.status == Job.QUEUED
    old, new = DBTaskResult.objects.order_by("enqueued_at")
    assert str(old.id) != job.task_id and old.status == "FAILED" and "gián đoạn" in old.traceback
    assert str(new.id) == job.task_id and new.status == "READY"
    assert new.args_kwargs["kwargs"] == {"job_id": job.pk, "name": "chiso.directives.jobs.run_reminders"}


def test_progress_inside_a_transaction_never_blocks():
    from django.db import transaction

    job = Job.objects.create(kind="k", label="x", status=Job.RUNNING)
    with transaction.atomic():
        jobqueue.progress(job, 5, 10, "Đang chạy")
    assert (job.done, job.total, job.percent) == (5, 10, 50)


def test_only_the_user_who_started_a_job_sees_it(client, user_factory, tmp_path):
    owner, other = user_factory(), user_factory()
    job = Job.objects.create(kind="k", label="Báo cáo", user=owner, status=Job.DONE)
    job.result = jobqueue.output_file(job, "bao-cao.docx", b"PK-data", "application/octet-stream")
    job.save()
    client.force_login(other)
    assert client.get(f"/viec-nen/{job.pk}/").status_code == 404
    assert client.get(f"/viec-nen/{job.pk}/tai-ve/").status_code == 404
    client.force_login(owner)
    assert "bao-cao.docx" in client.get(f"/viec-nen/{job.pk}/").content.decode()
    response = client.get(f"/viec-nen/{job.pk}/tai-ve/")
    assert b"".join(response.streaming_content) == b"PK-data"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao.docx"'
    client.logout()
    assert client.get(f"/viec-nen/{job.pk}/").status_code == 302


def test_load_demo_if_empty_leaves_a_database_with_data_alone(demo_registry):
    from chiso.registry.models import Agency

    before = Agency.objects.count()
    out = StringIO()
    call_command("load-demo", "--if-empty", "--logins", stdout=out)
    assert "không nạp lại" in out.getvalue() and "sonoivu" in out.getvalue()
    assert Agency.objects.count() == before
