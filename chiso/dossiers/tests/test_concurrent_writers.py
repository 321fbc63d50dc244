"""A dossier import on SQLite does not hold other writers (a login) while it reads and checks the file,
and readers see all of the file or none of it (bench/dossier_writers.py, run here on a small file in a
fresh file database: the suite's own database is in memory, where SQLite locks differently)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="SQLite behaviour; PostgreSQL is MVCC")
def test_login_is_not_held_by_an_import_and_readers_see_all_or_nothing(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "dossier_writers.py"), "--n", "4000", "--keep", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dossier counts readers saw: [0, 4000]" in done.stdout or "readers saw: [4000]" in done.stdout
