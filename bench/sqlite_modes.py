"""Why chiso opens SQLite transactions IMMEDIATE: several web processes that read then write at once.

    python bench/sqlite_modes.py [--processes 4] [--transactions 200]

Each process runs transactions that read a row and then update it (what a Django view saving a form
does), on a WAL database with a 20 s busy timeout (chiso's settings). With DEFERRED transactions the
read takes a shared lock and the write must upgrade it; when another process wrote in between, SQLite
cannot wait (it would deadlock) and fails at once with "database is locked". IMMEDIATE takes the write
lock at BEGIN, so writers queue on the busy timeout instead. Prints failures and wall time per mode.
"""

import argparse
import multiprocessing
import sqlite3
import tempfile
import time
from pathlib import Path


def worker(path, mode, n, out):
    conn = sqlite3.connect(path, timeout=20, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    failed = 0
    for _ in range(n):
        try:
            conn.execute(f"BEGIN {mode}")
            (value,) = conn.execute("SELECT value FROM counter WHERE id = 1").fetchone()
            time.sleep(0.001)  # the view does some work between its read and its write
            conn.execute("UPDATE counter SET value = ? WHERE id = 1", (value + 1,))
            conn.execute("COMMIT")
        except sqlite3.OperationalError:
            failed += 1
            conn.execute("ROLLBACK")
    out.put(failed)


def run(mode, processes, n):
    folder = tempfile.mkdtemp()
    path = str(Path(folder) / "bench.sqlite3")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        conn.execute("INSERT INTO counter VALUES (1, 0)")
    out = multiprocessing.Queue()
    started = time.perf_counter()
    procs = [multiprocessing.Process(target=worker, args=(path, mode, n, out)) for _ in range(processes)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - started
    failed = sum(out.get() for _ in procs)
    with sqlite3.connect(path) as conn:
        (value,) = conn.execute("SELECT value FROM counter").fetchone()
    return failed, value, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--transactions", type=int, default=200)
    args = parser.parse_args()
    total = args.processes * args.transactions
    for mode in ("DEFERRED", "IMMEDIATE"):
        failed, value, elapsed = run(mode, args.processes, args.transactions)
        print(
            f"{mode:<9} {args.processes} processes × {args.transactions}: {failed} failed "
            f"('database is locked'), {value}/{total} saved, {elapsed:.1f} s"
        )


if __name__ == "__main__":
    main()
