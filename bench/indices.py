"""Timings of the indices app on the real PAPI file: import, re-import, analysis, ranking page data, DOCX report.

    PYTHONPATH=. /work/venv/bin/python bench/indices.py

Uses a throw-away SQLite database under a temporary CHISO_VAR_DIR; prints one line per figure.
"""

import os
import statistics
import sys
import tempfile
import time

os.environ["CHISO_VAR_DIR"] = tempfile.mkdtemp(prefix="chiso-bench-indices-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from chiso.indices.demo import papi_path  # noqa: E402
from chiso.indices.models import Index, Province  # noqa: E402
from chiso.indices.services import analysis, charts, definitions, exports  # noqa: E402
from chiso.indices.services.importer import import_results  # noqa: E402
from chiso.indices.services.report import build_report  # noqa: E402


def timed(label, fn, repeat=1):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    print(
        f"{label}: median {statistics.median(times) * 1000:.0f} ms (best {min(times) * 1000:.0f} ms, n={repeat})"
    )


path = papi_path()
content = path.read_bytes()
definitions.load()
timed(
    "first import of the PAPI file (882 rows, 6,963 figures)",
    lambda: import_results(content, path.name, "PAPI"),
)
timed("re-import, nothing changes", lambda: import_results(content, path.name, "PAPI"), repeat=3)
papi = Index.objects.get(code="PAPI")
bt = Province.objects.get(code="binh-thuan")
timed("analyse PAPI 2021 Bình Thuận", lambda: analysis.analyse("PAPI", 2021, "Bình Thuận"), repeat=5)
timed("province history 2011–2024 (ranks of every year)", lambda: charts.province_history(papi, bt), repeat=5)
timed("year ranking 2021 (63 provinces)", lambda: exports.year_ranking(papi, 2021), repeat=5)
timed("XLSX export 2021", lambda: exports.year_workbook(papi, 2021, bt), repeat=3)
timed(
    "DOCX report PAPI 2021 (2 matplotlib charts)", lambda: build_report("PAPI", 2021, "Bình Thuận"), repeat=3
)
