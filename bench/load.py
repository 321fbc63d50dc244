"""Pages under load: concurrent logged-in clients over the pages people open most, req/s and p50/p95.

    python bench/load.py                                  # own server, demo data, SQLite, ~1 minute
    python bench/load.py --database postgres              # the same on PostgreSQL (database chiso_bench)
    python bench/load.py --url http://127.0.0.1:8000 [--user sonoivu --password ...]   # a running server

With no --url it starts `chiso serve` on a free port with the demo data (var/bench-<database>/, the demo
is loaded once into an empty database), warms every page, runs the clients, prints one line per page
ending in its p95 in ms, and stops the server it started. Each client is a thread with its own
keep-alive connection and session, logged in as the monitor (Sở Nội vụ) and as an agency officer for
the inbox; the public survey form is fetched without a session.
"""

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "chiso-demo-2022"  # chiso.registry.demo.DEMO_PASSWORD (not imported: no Django here)


class Client:
    """One browser: a keep-alive connection and its cookies."""

    def __init__(self, base):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies = {}
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn.close()
                self.conn = None  # the server closed the kept-alive connection: open another
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, data

    def login(self, user, password):
        status, page = self.request("GET", "/dang-nhap/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urlencode({"username": user, "password": password, "csrfmiddlewaretoken": token})
        status, _ = self.request(
            "POST",
            "/dang-nhap/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.host}:{self.port}/",
            },
        )
        if status != 302:
            raise SystemExit(f"đăng nhập {user} không được (mã {status})")


def discover(base, monitor):
    """The pages to load: fixed paths plus the first directive and the open public survey of the data."""
    _, directives = monitor.request("GET", "/chi-dao/van-ban/")
    directive = re.search(rb'href="(/chi-dao/van-ban/\d+/)"', directives)
    _, surveys = monitor.request("GET", "/khao-sat/")
    public = None
    for wave in dict.fromkeys(re.findall(rb'href="(/khao-sat/dot/\d+/)"', surveys)):
        public = re.search(rb"(/khao-sat/p/[\w-]+/)", monitor.request("GET", wave.decode())[1])
        if public:
            break
    pages = {
        "home": "/",
        "board": "/chi-dao/theo-doi/",
        "inbox": "/chi-dao/viec-cua-don-vi/",
        "directive": directive.group(1).decode() if directive else None,
        "papi": "/chi-so/PAPI/?nam=2021",
        "dossiers": "/ho-so/",
        "public-form": public.group(1).decode() if public else None,
    }
    missing = [name for name, path in pages.items() if path is None]
    if missing:
        raise SystemExit(f"không tìm thấy trang: {', '.join(missing)} (dữ liệu mẫu chưa nạp?)")
    return pages


def run_load(base, pages, clients, seconds, user, officer, password, only=None):
    """Clients loop over `only` (one page, or all of them mixed) until `seconds` have passed."""
    only = only or list(pages)
    timings = {name: [] for name in only}
    errors = {name: 0 for name in only}
    lock = threading.Lock()
    stop = None

    def deadline():
        return stop

    ready, go = threading.Barrier(clients + 1), threading.Event()

    def client(i):
        monitor, agency, anonymous = Client(base), Client(base), Client(base)
        monitor.login(user, password)
        agency.login(officer, password)
        sessions = {name: monitor for name in pages}
        sessions["inbox"], sessions["public-form"] = agency, anonymous
        order = list(only)
        random.Random(i).shuffle(order)
        ready.wait()
        go.wait()
        n = 0
        while time.monotonic() < deadline():
            name = order[n % len(order)]
            n += 1
            started = time.perf_counter()
            try:
                status, _ = sessions[name].request("GET", pages[name])
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    timings[name].append(elapsed)
                else:
                    errors[name] += 1

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    ready.wait()
    stop = time.monotonic() + seconds  # from the moment every client is logged in
    began = time.monotonic()
    go.set()
    for t in threads:
        t.join()
    return timings, errors, time.monotonic() - began


def quantile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database, workers, threads, pg_name="chiso_bench"):
    """`chiso serve` on a free port with the demo data; returns (base URL, process)."""
    var = REPO / "var" / f"bench-{database}"
    env = {**os.environ, "CHISO_VAR_DIR": str(var), "PYTHONPATH": str(REPO)}
    if database == "postgres":
        import psycopg

        url = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        with psycopg.connect(url, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [pg_name]).fetchone():
                conn.execute(f'CREATE DATABASE "{pg_name}"')
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + pg_name
    else:
        env["DATABASE_URL"] = ""
    chiso = [sys.executable, "-m", "chiso"]
    subprocess.run([*chiso, "migrate", "-v0"], env=env, cwd=REPO, check=True)
    subprocess.run(
        [*chiso, "load-demo", "--if-empty"], env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL
    )
    port = free_port()
    argv = [*chiso, "serve", "--port", str(port), "--no-jobs", "--threads", str(threads)]
    if workers:
        argv += ["--workers", str(workers)]
    proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return base, proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("chiso serve dừng khi khởi động")
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("chiso serve không trả lời sau 5 phút")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="máy chủ đang chạy; bỏ trống để bench tự chạy một máy chủ")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--pg-name",
        default="chiso_bench",
        help="base PostgreSQL của bench (mỗi người một base nếu chạy song song)",
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--workers", type=int, help="số tiến trình web của máy chủ tự chạy (mặc định của serve)"
    )
    parser.add_argument("--threads", type=int, default=1, help="số luồng mỗi tiến trình web")
    parser.add_argument(
        "--mixed", action="store_true", help="mọi trang trộn lẫn thay vì lần lượt từng trang (mặc định)"
    )
    parser.add_argument("--pages", nargs="*", help="chỉ đo các trang này (home board inbox …)")
    parser.add_argument("--user", default="sonoivu")
    parser.add_argument("--officer", default="cb.stttt")
    parser.add_argument("--password", default=PASSWORD)
    args = parser.parse_args(argv)

    proc = None
    base = args.url
    if not base:
        base, proc = start_server(args.database, args.workers, args.threads, args.pg_name)
    try:
        monitor = Client(base)
        monitor.login(args.user, args.password)
        pages = discover(base, monitor)
        for _ in range(2):  # warm every process's caches a little, as a server that has run a while
            for path in pages.values():
                monitor.request("GET", path)
        names = args.pages or list(pages)
        phases = [names] if args.mixed else [[name] for name in names]
        results = []
        for only in phases:  # by default each page alone: its own req/s with all clients on it
            results.append(
                run_load(
                    base,
                    pages,
                    args.clients,
                    args.seconds / len(phases),
                    args.user,
                    args.officer,
                    args.password,
                    only,
                )
            )
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
    where = f"{args.database}, own server" if proc else base
    print(
        f"# {where}; {args.clients} clients, {'pages mixed' if args.mixed else 'one page at a time'}, "
        f"{sum(r[2] for r in results):.0f} s"
    )
    for timings, errors, elapsed in results:
        for name, values in timings.items():
            print(
                f"{name:<12} n={len(values):<5} err={errors[name]:<3} {len(values) / elapsed:6.1f} req/s  "
                f"p50 {1000 * statistics.median(values) if values else float('nan'):6.0f} ms  "
                f"p95 {1000 * quantile(values, 0.95):6.0f} ms"
            )


if __name__ == "__main__":
    main()
