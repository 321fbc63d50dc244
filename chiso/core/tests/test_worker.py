"""Real `chiso worker` processes on a database of their own (SQLite file, or a PostgreSQL database of
its own when the suite runs on PostgreSQL): a worker killed in the middle of a dossier import leaves
no dossier behind, and the next worker marks the job failed and removes its temporary file."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[3]

SETUP = """
import sys
from pathlib import Path
import django
django.setup()
from chiso.core import jobqueue
from chiso.dossiers import tasks
from chiso.dossiers.models import ImportRun
from chiso.dossiers.services.generator import ensure_catalogue, generate
from chiso.dossiers.services.importer import calendar_index
from chiso.registry import demo
demo.load()
ensure_catalogue()
path = Path(sys.argv[1])
generate(path, int(sys.argv[2]), 2024, calendar_index())
run = ImportRun.objects.create(file_name="lon.csv", status=ImportRun.QUEUED)
run.job = jobqueue.start(tasks.import_file, label="Nhập lon.csv", temp_paths=[path], run_id=run.pk,
                         path=str(path), file_name="lon.csv", mapping="", user_id=None)
run.save()
print(run.job.pk, run.pk)
"""


@pytest.fixture
def own_database(tmp_path):
    """(environment for subprocesses, query function) on a database that only this test uses."""
    env = {**os.environ, "CHISO_VAR_DIR": str(tmp_path / "var"), "PYTHONPATH": str(REPO)}
    env.pop("CHISO_TASKS", None)
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        path = tmp_path / "jobs.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"

        def query(sql):
            with sqlite3.connect(path, timeout=30) as conn:
                return conn.execute(sql).fetchall()

        yield env, query
        return
    import psycopg

    name = f"test_chiso_worker_{uuid.uuid4().hex[:8]}"
    admin = dict(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None)
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{admin['host']}:{admin['port']}/{name}"

    def query(sql):
        with psycopg.connect(dbname=name, autocommit=True, **admin) as conn:
            return conn.execute(sql).fetchall()

    try:
        yield env, query
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def chiso(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "chiso", *args], env=env, cwd=REPO, capture_output=True, text=True, **kwargs
    )


def test_a_worker_killed_mid_import_leaves_nothing_and_the_next_worker_fails_the_job(own_database, tmp_path):
    env, query = own_database
    assert chiso(env, "migrate", "-v0", timeout=300).returncode == 0
    csv_path = tmp_path / "var" / "media" / "jobs-tmp" / "lon.csv"
    csv_path.parent.mkdir(parents=True)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP, str(csv_path), "300000"],
        env={**env, "DJANGO_SETTINGS_MODULE": "chiso.settings"},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert setup.returncode == 0, setup.stderr
    job_id, run_id = setup.stdout.split()[-2:]
    assert query(f"SELECT status FROM core_job WHERE id = {job_id}") == [("queued",)]

    worker = subprocess.Popen(
        [sys.executable, "-m", "chiso", "worker", "--no-schedule", "--interval", "0.2"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if query(f"SELECT status FROM core_job WHERE id = {job_id}") == [("running",)]:
                break
            assert worker.poll() is None, "the worker stopped by itself"
            time.sleep(0.1)
        else:
            pytest.fail("the worker never started the job")
        time.sleep(1.5)  # well inside the import of 300,000 rows
        assert query(f"SELECT status FROM core_job WHERE id = {job_id}") == [("running",)]
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert csv_path.exists()  # nobody cleaned up yet: the process died without a word

    # The next worker, started with --batch, recovers and exits when the queue is empty.
    after = chiso(env, "worker", "--batch", "--no-schedule", timeout=120)
    assert after.returncode == 0, after.stderr
    assert f"Việc #{job_id}" in after.stdout
    status, error = query(f"SELECT status, error FROM core_job WHERE id = {job_id}")[0]
    assert status == "failed" and "gián đoạn" in error
    assert query(f"SELECT status FROM dossiers_importrun WHERE id = {run_id}") == [("failed",)]
    assert query("SELECT COUNT(*) FROM dossiers_dossier") == [(0,)]  # all-or-nothing
    assert not csv_path.exists()
    assert query("SELECT COUNT(*) FROM core_workerprocess") == [(0,)]
