"""chiso worker: runs queued jobs (imports, reports, daily reminders); any number may run, here or on
other machines sharing the database. `chiso serve` starts one by itself."""

import logging
import os
import socket
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from chiso.core import jobqueue, scheduler
from chiso.core.models import WorkerProcess

log = logging.getLogger(__name__)
BEAT_SECONDS = 5


def _housekeeping(wid, jobs_hour, schedule, stop):
    """Heartbeat, recovery of dead workers' jobs and the schedule, every few seconds; never fatal."""
    while not stop.wait(BEAT_SECONDS):
        try:
            WorkerProcess.objects.filter(worker_id=wid).update(beat_at=timezone.now())
            jobqueue.recover()
            if schedule:
                scheduler.tick(jobs_hour)
        except Exception:  # a locked database or a lost connection: try again at the next beat
            log.warning("worker housekeeping failed", exc_info=True)
        finally:
            close_old_connections()


class Command(BaseCommand):
    help = "Chạy tiến trình việc nền: nhập hồ sơ, lập báo cáo, nhắc việc và các việc hằng ngày."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="giây chờ khi hàng đợi trống")
        parser.add_argument("--batch", action="store_true", help="chạy hết việc đang chờ rồi dừng")
        parser.add_argument("--no-schedule", action="store_true", help="không chạy việc hằng ngày")
        parser.add_argument(
            "--jobs-hour", type=int, default=scheduler.DEFAULT_HOUR, help="giờ chạy việc hằng ngày"
        )

    def handle(self, *args, interval, batch, no_schedule, jobs_hour, verbosity, **options):
        logging.getLogger("django_tasks_db").setLevel(logging.INFO if verbosity > 1 else logging.WARNING)
        wid = f"{socket.gethostname()[:40]}:{os.getpid()}"
        jobqueue.worker_id.value = wid
        WorkerProcess.objects.update_or_create(
            worker_id=wid,
            defaults={"host": socket.gethostname()[:40], "pid": os.getpid(), "beat_at": timezone.now()},
        )
        recovered = jobqueue.recover()
        for job in recovered:
            self.stdout.write(
                f"Việc #{job.pk} ({job.label}) bị gián đoạn: {job.get_status_display().lower()}"
            )
        if not no_schedule:
            scheduler.tick(jobs_hour)
        stop = threading.Event()
        threading.Thread(
            target=_housekeeping, args=(wid, jobs_hour, not no_schedule, stop), daemon=True, name="chiso-beat"
        ).start()
        if verbosity:
            self.stdout.write(f"chiso worker {wid}: đang chờ việc")
        worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=wid,
            excluded_queue_names=[],
        )
        try:
            worker.configure_signals()
            worker.run()
        finally:
            stop.set()
            WorkerProcess.objects.filter(worker_id=wid).delete()
