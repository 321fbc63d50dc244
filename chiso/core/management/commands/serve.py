"""chiso serve: the production server for one machine — gunicorn with several worker processes (static
files through WhiteNoise, as in development) and one `chiso worker` for the background jobs.

More job workers, on this machine or others sharing the database, are started with `chiso worker`."""

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication

from chiso.core import scheduler


def default_workers():
    # Measured on 2 cores (docs/benchmarks.md): 2 processes per core keep both cores busy while one
    # process waits on the database; more only add memory.
    return max(2, 2 * (os.cpu_count() or 1))


class _Gunicorn(BaseApplication):
    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from chiso.core import warmup
        from chiso.wsgi import application

        warmup.run()  # in the master (preload_app): workers fork with views imported, templates compiled
        return application


def _supervise(argv, stop, out):
    """Keep one job worker running beside the web server (restarted if it dies), stopped with it."""
    while not stop.is_set():
        proc = subprocess.Popen(argv)
        _supervise.proc = proc
        while proc.poll() is None and not stop.is_set():
            stop.wait(1)
        if stop.is_set():
            break
        out.write(f"chiso worker dừng (mã {proc.returncode}); khởi động lại sau 5 giây")
        stop.wait(5)


def collect_static(stdout):
    """collectstatic (WhiteNoise compresses every file: about a minute on two busy cores), skipped when
    no static file changed since the last run."""
    digest = hashlib.sha256()
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    stamp = Path(settings.STATIC_ROOT) / ".chiso-collected"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    stdout.write("Đang chuẩn bị tệp tĩnh (lần đầu hoặc sau khi cập nhật)…")
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(digest.hexdigest())


class Command(BaseCommand):
    help = "Chạy máy chủ web (gunicorn, nhiều tiến trình) và tiến trình việc nền (nhắc việc, nhập, báo cáo)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=default_workers(), help="số tiến trình web")
        parser.add_argument("--threads", type=int, default=1, help="số luồng mỗi tiến trình web")
        parser.add_argument("--no-jobs", action="store_true", help="không chạy tiến trình việc nền")
        parser.add_argument(
            "--jobs-hour", type=int, default=scheduler.DEFAULT_HOUR, help="giờ chạy việc hằng ngày"
        )

    def handle(self, *args, host, port, workers, threads, no_jobs, jobs_hour, **options):
        collect_static(self.stdout)
        stop = threading.Event()
        supervisor = None
        if not no_jobs:
            argv = [sys.executable, "-m", "chiso", "worker", "--jobs-hour", str(jobs_hour), "-v0"]
            supervisor = threading.Thread(
                target=_supervise, args=(argv, stop, self.stdout), daemon=True, name="chiso-jobs"
            )
            supervisor.start()
        self.stdout.write(
            f"chiso: http://{host}:{port}/ ({workers} tiến trình web; DEBUG={'bật' if settings.DEBUG else 'tắt'})"
        )
        self.stdout.flush()
        try:
            _Gunicorn(
                {
                    "bind": f"{host}:{port}",
                    "workers": workers,
                    "threads": threads,
                    "worker_class": "gthread" if threads > 1 else "sync",
                    "preload_app": True,
                    "timeout": 120,
                    "graceful_timeout": 10,
                    "accesslog": None,
                    "errorlog": "-",
                    "loglevel": "warning",
                    "proc_name": "chiso",
                }
            ).run()
        finally:
            stop.set()
            proc = getattr(_supervise, "proc", None)
            if proc is not None and proc.poll() is None:
                proc.terminate()  # the worker finishes the job it runs (SIGTERM is graceful) or is recovered
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
