"""The PAPI 2021 page and its DOCX report on the demo data (issue 14): server time, page height in
screens, and DOCX pages after LibreOffice rendering.

    .venv/bin/python bench/followup_pages.py [--runs 20]

Uses a fresh SQLite database in a temporary CHISO_VAR_DIR with the demo's registry, seed notice and
PAPI data (the parts the page reads). Server time is measured with the Django test client (routing,
permissions, queries, template):
- the first request of a new process started as `chiso serve` starts its workers (chiso.core.warmup run
  first), with the figures prepared by the import's job ("after a restart") and with an emptied cache
  (a new machine, or the entries culled);
- the first request after results are imported again (one figure changed), the import's job having run
  (jobs run in-process here: CHISO_TASKS=immediate);
- then `--runs` more requests (warm).
Height is measured in headless Chromium at 1366×900 (a screen = 900 px) when Chromium is installed;
pages need LibreOffice (soffice) and pdfinfo.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=20)
parser.add_argument("--first-request", choices=["prepared", "empty"], help=argparse.SUPPRESS)
args = parser.parse_args()

os.environ.setdefault("CHISO_VAR_DIR", tempfile.mkdtemp(prefix="chiso-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("CHISO_TASKS", "immediate")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

URL = "/chi-so/PAPI/?tinh=binh-thuan&nam=2021"

import django  # noqa: E402

django.setup()
warnings.filterwarnings("ignore", message="No directory at")
from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]

if args.first_request:  # a child process: one request, as the first one a new web worker serves
    from django.core.cache import cache  # noqa: E402

    from chiso.core import warmup  # noqa: E402
    from chiso.registry.models import User  # noqa: E402

    warmup.run()  # what `chiso serve` does in the gunicorn master before forking its workers
    if args.first_request == "empty":
        cache.clear()
    client = Client()
    client.force_login(User.objects.get(username="sonoivu"))
    t0 = time.perf_counter()
    assert client.get(URL).status_code == 200
    print(f"{(time.perf_counter() - t0) * 1000:.0f}")
    sys.exit(0)

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
from chiso.directives import demo as directives_demo  # noqa: E402
from chiso.indices import demo as indices_demo  # noqa: E402
from chiso.registry import demo as registry_demo  # noqa: E402
from chiso.registry.models import User  # noqa: E402

start = time.perf_counter()
registry_demo.load()
directives_demo.load()
indices_demo.load()
print(f"Dữ liệu mẫu (danh mục, thông báo, PAPI): {time.perf_counter() - start:.1f} s")


def first_request(mode):
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--first-request", mode],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


after_restart = first_request("prepared")
empty = first_request("empty")
print(f"Trang PAPI 2021, lần đầu của một tiến trình web mới: {after_restart} ms (số liệu đã chuẩn bị)")
print(f"Trang PAPI 2021, lần đầu của một tiến trình web mới, bộ nhớ đệm trống: {empty} ms")

from chiso.core.models import Job  # noqa: E402
from chiso.indices.demo import papi_path  # noqa: E402
from chiso.indices.services.importer import import_results  # noqa: E402

client = Client()
monitor = User.objects.get(username="sonoivu")
client.force_login(monitor)
assert client.get(URL).status_code == 200
# Results imported again with one figure changed (Hà Giang 2011, D1): the fingerprint changes, the
# import queues the job that prepares the page's figures.
text = papi_path().read_text(encoding="utf-8").replace("4.876205", "4.876305", 1)
t0 = time.perf_counter()
import_results(text.encode(), "papi_province_year_2011_2024.csv", "PAPI")
imported = (time.perf_counter() - t0) * 1000
job = Job.objects.filter(kind="indices.warm_pages").latest("pk")
t0 = time.perf_counter()
response = client.get(URL)
after_import = (time.perf_counter() - t0) * 1000
assert response.status_code == 200
print(
    f"Nhập lại kết quả PAPI (1 số liệu đổi) kèm việc chuẩn bị: {imported:.0f} ms "
    f"(việc {job.status}, {job.result.get('pages')} trang-năm); lần đầu sau khi nhập: {after_import:.0f} ms"
)
times = []
for _ in range(args.runs):
    t0 = time.perf_counter()
    assert client.get(URL).status_code == 200
    times.append((time.perf_counter() - t0) * 1000)
times.sort()
p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
print(
    f"Trang PAPI 2021: {args.runs} lần sau p50 {statistics.median(times):.0f} ms, "
    f"p95 {p95:.0f} ms; {len(response.content) / 1024:.0f} KB HTML"
)

chromium = shutil.which("chromium") or "/usr/bin/chromium"
if os.path.exists(chromium):
    import threading  # noqa: E402

    from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler  # noqa: E402
    from django.core.wsgi import get_wsgi_application  # noqa: E402
    from playwright.sync_api import sync_playwright  # noqa: E402

    class Quiet(WSGIRequestHandler):
        def log_message(self, *a):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    from chiso.registry.demo import DEMO_PASSWORD  # noqa: E402

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for width, height in ((1366, 900), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + "/dang-nhap/")
            page.fill("input[name=username]", "sonoivu")
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.goto(base + URL)
            page.wait_for_load_state("networkidle")
            full = page.evaluate("document.documentElement.scrollHeight")
            print(f"Trang PAPI 2021 ở {width}×{height}: cao {full} px = {full / height:.1f} màn hình")
        browser.close()
    server.shutdown()
else:
    print("Không có Chromium: bỏ qua đo chiều cao trang")

from chiso.directives.services import life  # noqa: E402
from chiso.indices.services.report import build_report  # noqa: E402

soffice = shutil.which("soffice")
t0 = time.perf_counter()
data = build_report("PAPI", 2021, "Bình Thuận", now=life.today())
print(
    f"Báo cáo phân tích PAPI 2021 (DOCX): {(time.perf_counter() - t0) * 1000:.0f} ms, {len(data) / 1024:.0f} KB"
)
if soffice and shutil.which("pdfinfo"):
    out = tempfile.mkdtemp(prefix="chiso-bench-docx-")
    path = os.path.join(out, "papi-2021.docx")
    with open(path, "wb") as f:
        f.write(data)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{out}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            out,
            path,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    info = subprocess.run(["pdfinfo", path[:-5] + ".pdf"], capture_output=True, text=True).stdout
    pages = re.search(r"Pages:\s+(\d+)", info).group(1)
    print(f"Báo cáo phân tích PAPI 2021: {pages} trang (LibreOffice → PDF)")
else:
    print("Không có LibreOffice/pdfinfo: bỏ qua đếm trang DOCX")
