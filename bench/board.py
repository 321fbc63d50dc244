"""Monitor board and agency inbox latency with 10,000 tasks over 100 agencies (SQLite by default).

    PYTHONPATH=. /work/venv/bin/python bench/board.py [--tasks 10000] [--agencies 100] [--runs 40]

Uses a fresh database in a temporary CHISO_VAR_DIR (or DATABASE_URL if set) and the Django test client,
so the figures include URL routing, permissions, queries and template rendering.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta

parser = argparse.ArgumentParser()
parser.add_argument("--tasks", type=int, default=10000)
parser.add_argument("--agencies", type=int, default=100)
parser.add_argument("--runs", type=int, default=40)
args = parser.parse_args()

os.environ.setdefault("CHISO_VAR_DIR", tempfile.mkdtemp(prefix="chiso-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()
warnings.filterwarnings("ignore", message="No directory at")  # static files are not collected here
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from tqdm import tqdm  # noqa: E402

from chiso.directives.models import Directive, ReminderSchedule, Task  # noqa: E402
from chiso.registry.models import Agency, RoleGrant, User  # noqa: E402

call_command("migrate", verbosity=0)
print(f"Cơ sở dữ liệu: {connection.vendor} ({connection.settings_dict['NAME']})")
ReminderSchedule.objects.create(days_before=[7, 3, 1], as_of=date(2022, 10, 14))
agencies = Agency.objects.bulk_create(
    [
        Agency(code=f"bench-{i}", name=f"Cơ quan thử {i}", kind="so" if i % 3 else "ubnd_huyen")
        for i in range(args.agencies)
    ]
)
directives = [
    Directive.objects.create(
        title=f"Thông báo kết luận thử {i}",
        number=f"{i}/TB-UBND",
        status=Directive.PUBLISHED,
        issued_on=date(2022, 1, 1) + timedelta(days=30 * i),
    )
    for i in range(10)
]
states = [
    Task.NEW,
    Task.IN_PROGRESS,
    Task.REPORTED,
    Task.DONE,
    Task.RETURNED,
    Task.DONE,
    Task.IN_PROGRESS,
    Task.CANCELLED,
]
batch = []
for i in tqdm(range(args.tasks), desc="Tạo nhiệm vụ", unit="nv"):
    due = date(2022, 1, 1) + timedelta(days=(i * 7) % 540)
    state = states[i % len(states)]
    batch.append(
        Task(
            directive=directives[i % 10],
            ref=f"{i % 5 + 1}.{i % 7 + 1}",
            position=i,
            text=f"Nhiệm vụ thử số {i}: rà soát, khắc phục tồn tại của chỉ số thành phần",
            lead=agencies[i % args.agencies],
            lead_text=agencies[i % args.agencies].name,
            due_date=due if i % 9 else None,
            due_strict=bool(i % 4 == 0),
            state=state,
            completed_on=due + timedelta(days=(i % 5) - 2) if state == Task.DONE else None,
        )
    )
    if len(batch) == 2000:
        Task.objects.bulk_create(batch)
        batch = []
Task.objects.bulk_create(batch)
# Component tags (the indices app's TaskComponent): every other task works on PAR INDEX, the rest on PAPI.
from chiso.indices.models import Index, TaskComponent  # noqa: E402

par = Index.objects.get_or_create(code="PAR", defaults={"name": "PAR INDEX"})[0]
papi = Index.objects.get_or_create(code="PAPI", defaults={"name": "PAPI"})[0]
TaskComponent.objects.bulk_create(
    [
        TaskComponent(task_id=pk, index=par if n % 2 else papi, component_code="A1" if n % 2 else "D1")
        for n, pk in enumerate(Task.objects.order_by("pk").values_list("pk", flat=True))
    ],
    ignore_conflicts=True,
)
monitor = User.objects.create_user("bench-monitor", "m@example.vn", "x")
RoleGrant.objects.create(user=monitor, role="monitor")
officer = User.objects.create_user("bench-officer", "o@example.vn", "x", agency=agencies[7])
RoleGrant.objects.create(user=officer, role="officer")
connection.cursor().execute("ANALYZE")  # fresh statistics, as a running database would have


def measure(user, url, runs):
    client = Client()
    client.force_login(user)
    assert client.get(url).status_code == 200  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


print(f"{Task.objects.count()} nhiệm vụ, {Agency.objects.count()} cơ quan, {args.runs} lượt mỗi trang")
cases = [
    ("Bảng theo dõi (giám sát), trang 1", monitor, "/chi-dao/theo-doi/"),
    ("Bảng theo dõi, lọc quá hạn + PAR INDEX", monitor, "/chi-dao/theo-doi/?state=overdue&index=PAR"),
    (
        "Bảng theo dõi, lọc cơ quan + 30 ngày tới",
        monitor,
        f"/chi-dao/theo-doi/?agency={agencies[3].pk}&window=30",
    ),
    ("Việc của đơn vị (cán bộ), đang mở", officer, "/chi-dao/viec-cua-don-vi/"),
    ("Việc của đơn vị, quá hạn", officer, "/chi-dao/viec-cua-don-vi/?tab=overdue"),
]
print(f"{'Trang':45} {'p50 (ms)':>9} {'p95 (ms)':>9}")
for label, user, url in cases:
    p50, p95 = measure(user, url, args.runs)
    print(f"{label:45} {p50:9.1f} {p95:9.1f}")
