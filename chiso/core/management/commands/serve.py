"""chiso serve: the embedded server (waitress) plus the daily jobs, for a single-machine setup."""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from chiso.core.hooks import app_modules

log = logging.getLogger(__name__)


def daily_jobs():
    """Callables from each app's `jobs.DAILY` list (e.g. the reminder run of the follow-up)."""
    return [job for _app, module in app_modules("jobs") for job in getattr(module, "DAILY", [])]


def _scheduler(at_hour, stop):
    while not stop.is_set():
        for job in daily_jobs():
            try:
                job()
            except Exception:  # one failing job must not stop the others or the server
                log.exception("daily job %s failed", job)
        now = timezone.localtime()
        next_run = (now + timedelta(days=1)).replace(hour=at_hour, minute=0, second=0, microsecond=0)
        stop.wait((next_run - now).total_seconds())


class Command(BaseCommand):
    help = "Chạy máy chủ web (waitress) và các việc hằng ngày (nhắc việc, đôn đốc)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-jobs", action="store_true", help="không chạy việc hằng ngày")
        parser.add_argument(
            "--jobs-hour", type=int, default=7, help="giờ chạy việc hằng ngày (mặc định 7 giờ sáng)"
        )

    def handle(self, *args, host, port, threads, no_jobs, jobs_hour, **options):
        from waitress import serve

        from chiso.wsgi import application

        call_command("collectstatic", interactive=False, verbosity=0)
        stop = threading.Event()
        if not no_jobs:
            threading.Thread(
                target=_scheduler, args=(jobs_hour, stop), daemon=True, name="chiso-daily"
            ).start()
        self.stdout.write(f"chiso: http://{host}:{port}/ (DEBUG={'bật' if settings.DEBUG else 'tắt'})")
        try:
            serve(application, host=host, port=port, threads=threads, ident="chiso")
        finally:
            stop.set()
