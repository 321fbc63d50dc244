"""Dossier import and dashboard benchmark.

  PYTHONPATH=. /work/venv/bin/python bench/dossiers.py --n 1000000            # SQLite import
  PYTHONPATH=. /work/venv/bin/python bench/dossiers.py --n 1000000 --pg       # PostgreSQL (COPY)
  PYTHONPATH=. /work/venv/bin/python bench/dossiers.py --n 5000000 --dashboard  # + dashboard p95 vs DuckDB

Generates the CSV in a child process (so the peak memory printed is the importer's), imports it into a
fresh database, prints rows/s and peak RSS; with --dashboard, times the dashboard pages through the
test client and DuckDB computing the same per-agency figures straight from the CSV, and checks they agree.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--pg", action="store_true", help="PostgreSQL at 127.0.0.1:5432 instead of SQLite")
    parser.add_argument(
        "--dashboard", action="store_true", help="time dashboard requests and compare with DuckDB"
    )
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty the cache before every dashboard request (the page as the first user after an import sees it)",
    )
    parser.add_argument(
        "--no-reimport", action="store_true", help="skip timing a second import of the same file"
    )
    parser.add_argument("--keep", help="directory to keep the CSV and database in")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: keep the database and skip the import when it already holds the file's rows "
        "(time the dashboard of a 5M database without importing it again)",
    )
    args = parser.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="bench-dossiers-")
    os.makedirs(work, exist_ok=True)
    os.environ["CHISO_VAR_DIR"] = work
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    pg_name = None
    if args.pg:
        import psycopg

        pg_name = f"bench_dossiers_{os.getpid()}"
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {pg_name}")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    else:
        os.environ.pop("DATABASE_URL", None)
        db = os.path.join(work, "chiso.sqlite3")
        for suffix in ("", "-wal", "-shm") if not args.reuse else ():
            if os.path.exists(db + suffix):
                os.unlink(db + suffix)
    csv_path = os.path.join(work, f"dossiers-{args.n}.csv")
    try:
        run(args, csv_path)
    finally:
        if pg_name:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")


def run(args, csv_path):
    import logging

    import django

    django.setup()
    # The importer's account of its batches and last transaction (SQLite's batched move).
    logging.getLogger("chiso.dossiers.import").setLevel(logging.INFO)
    logging.getLogger("chiso.dossiers.import").addHandler(logging.StreamHandler(sys.stdout))
    logging.getLogger("chiso.dossiers.import").propagate = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from chiso.dossiers.services.generator import ensure_catalogue
    from chiso.registry import demo as registry_demo

    registry_demo.load()
    ensure_catalogue()
    if not os.path.exists(csv_path):
        started = time.perf_counter()
        env = dict(os.environ, PYTHONPATH=ROOT)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "chiso",
                "demo-dossiers",
                "--n",
                str(args.n),
                "--year",
                str(args.year),
                "--out",
                csv_path,
            ],
            check=True,
            env=env,
            cwd=ROOT,
        )
        print(
            f"generated {args.n:,} rows in {time.perf_counter() - started:.1f} s ({os.path.getsize(csv_path) / 1e6:.0f} MB)"
        )
    from chiso.dossiers.models import Dossier
    from chiso.dossiers.services.importer import import_dossiers

    if args.reuse and Dossier.objects.count() == args.n:
        print(f"{args.n:,} dossiers already in the database: import skipped")
        if args.dashboard:
            dashboard(args, csv_path)
        return
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    result = import_dossiers(csv_path, today=date(args.year + 1, 1, 15))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from django.db import connection

    print(
        f"{connection.vendor}: imported {result.rows:,} rows in {elapsed:.1f} s = {result.rows / elapsed:,.0f} rows/s; "
        f"peak RSS {peak:.0f} MB (before import {before:.0f} MB)"
    )
    if not args.no_reimport:
        started = time.perf_counter()
        again = import_dossiers(csv_path, today=date(args.year + 1, 1, 15))
        elapsed = time.perf_counter() - started
        print(
            f"{connection.vendor}: re-import (all {again.updated:,} rows updated) in {elapsed:.1f} s = {again.rows / elapsed:,.0f} rows/s"
        )
    if args.dashboard:
        dashboard(args, csv_path)


def dashboard(args, csv_path):
    from django.test import Client

    from chiso.registry.models import User

    client = Client()
    client.force_login(User.objects.get(username="sonoivu"))
    urls = [
        f"/ho-so/?nam={args.year}",
        f"/ho-so/chi-so-766/?nam={args.year}",
        f"/ho-so/danh-sach/?nam={args.year}&loai=tre-han",
    ]
    times = {u: [] for u in urls}
    from django.core.cache import cache

    for _i in range(args.requests):
        for url in urls:
            if args.cold:
                cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            times[url].append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
    p95 = {}
    for url, values in times.items():
        values.sort()
        p95[url] = values[int(0.95 * (len(values) - 1))]
        print(f"dashboard {url}: p50 {1000 * statistics.median(values):.1f} ms, p95 {1000 * p95[url]:.1f} ms")
    import duckdb

    from chiso.dossiers.services.stats import period_stats

    start, end = date(args.year, 1, 1), date(args.year, 12, 31)
    started = time.perf_counter()
    ours = period_stats(start, end, today=date(args.year + 1, 1, 15))
    ours_time = time.perf_counter() - started
    # DuckDB judges by the rules as written (services/classify.py), from its own reading of the CSV: the
    # appointment's day and hour, and for same-day procedures the day of receipt or, after 15:00 or on a
    # day off, the next working day (the working days and same-day codes handed over as two small tables).
    from chiso.dossiers.models import Procedure
    from chiso.dossiers.services.importer import calendar_index

    cal = calendar_index()
    con = duckdb.connect()
    con.execute("CREATE TABLE wd (day DATE)")
    con.executemany(
        "INSERT INTO wd VALUES (?)",
        [
            (date.fromordinal(o),)
            for o in cal.working
            if args.year - 1 <= date.fromordinal(o).year <= args.year + 2
        ],
    )
    con.execute("CREATE TABLE sd (code VARCHAR)")
    con.executemany(
        "INSERT INTO sd VALUES (?)",
        [(c,) for c in Procedure.objects.filter(days=0).values_list("code", flat=True)],
    )
    query = f"""
        WITH d AS (
          SELECT "Cơ quan giải quyết" AS agency, "Mã thủ tục" AS proc,
                 strptime("Ngày tiếp nhận", '%d/%m/%Y %H:%M') AS rts,
                 strptime("Ngày hẹn trả", '%d/%m/%Y %H:%M') AS dts,
                 strptime(NULLIF("Ngày có kết quả", ''), '%d/%m/%Y %H:%M') AS cts
          FROM read_csv('{csv_path}', header=true, all_varchar=true)),
        e AS (
          SELECT agency, CAST(cts AS DATE) AS done, hour(cts) * 60 + minute(cts) AS done_min,
                 hour(dts) * 60 + minute(dts) AS due_min,
                 CASE WHEN proc IN (SELECT code FROM sd) THEN
                        CASE WHEN CAST(rts AS DATE) IN (SELECT day FROM wd) AND hour(rts) * 60 + minute(rts) <= 900
                             THEN CAST(rts AS DATE)
                             ELSE (SELECT MIN(day) FROM wd WHERE wd.day > CAST(rts AS DATE)) END
                      ELSE CAST(dts AS DATE) END AS deadline
          FROM d)
        SELECT agency, COUNT(*) AS total,
               SUM(CASE WHEN done < deadline THEN 1 ELSE 0 END) AS early,
               SUM(CASE WHEN done = deadline AND done_min <= due_min THEN 1 ELSE 0 END) AS on_time,
               SUM(CASE WHEN done > deadline OR (done = deadline AND done_min > due_min) THEN 1 ELSE 0 END) AS late,
               SUM(CASE WHEN done IS NULL THEN 1 ELSE 0 END) AS open
        FROM e WHERE COALESCE(done, deadline) BETWEEN DATE '{start}' AND DATE '{end}'
        GROUP BY agency ORDER BY agency"""
    started = time.perf_counter()
    duck = con.sql(query).fetchall()
    duck_time = time.perf_counter() - started
    mine = sorted(
        (r["agency"], r["total"], r["early"], r["on_time"], r["late"], r["open_in_time"] + r["open_overdue"])
        for r in ours["by_agency"]
    )
    agree = [tuple(int(v) if not isinstance(v, str) else v for v in r) for r in duck] == mine
    worst = max(p95.values())
    print(
        f"same figures from the summary tables in {1000 * ours_time:.1f} ms; DuckDB from the CSV in {1000 * duck_time:.0f} ms"
    )
    print(
        f"dashboard p95 (slowest page) {1000 * worst:.1f} ms = {worst / duck_time:.3f} × DuckDB; figures agree: {agree}"
    )
    if not agree:
        sys.exit("DuckDB and chiso disagree")


if __name__ == "__main__":
    main()
