"""Other writers during a large dossier import on SQLite: how long does a login wait?

  PYTHONPATH=. /work/main/.venv/bin/python bench/dossier_writers.py --n 200000
  PYTHONPATH=. /work/main/.venv/bin/python bench/dossier_writers.py --n 200000 --one-transaction   # before

A fresh file database (WAL, as `make run` has it) with the demo registry; the generated export is imported
in one thread while another writes a login (User.last_login, its own transaction) every 50 ms and a third
counts the dossiers readers see. Prints the longest and the 99th-percentile wait of the writer, the import
time, and the distinct counts readers saw (all-or-nothing: only 0 and N). --one-transaction runs the import
inside one transaction from the start, as before issue 13, for the comparison. Exit status 1 when the
longest wait is 2 s or more or readers saw a partial import.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import date


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--one-transaction", action="store_true")
    parser.add_argument("--keep", help="directory for the database and CSV")
    args = parser.parse_args(argv)
    work = args.keep or tempfile.mkdtemp(prefix="bench-writers-")
    os.environ["CHISO_VAR_DIR"] = work
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    import logging

    import django

    django.setup()
    # The importer's own account of its batches and last transaction (what a writer can wait for).
    logging.getLogger("chiso.dossiers.import").setLevel(logging.INFO)
    logging.getLogger("chiso.dossiers.import").addHandler(logging.StreamHandler(sys.stdout))
    logging.getLogger("chiso.dossiers.import").propagate = False
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from chiso.dossiers.models import Dossier
    from chiso.dossiers.services.generator import ensure_catalogue, generate
    from chiso.dossiers.services.importer import calendar_index, import_dossiers
    from chiso.registry.demo import load as load_registry
    from chiso.registry.models import User

    load_registry()
    ensure_catalogue()
    user = User.objects.create_user("dang-nhap", password="mat-khau-thu-nghiem")
    path = os.path.join(work, f"dossiers-{args.n}.csv")
    generate(path, args.n, 2024, calendar_index(), seed=7)
    connection.close()

    done = threading.Event()
    waits, counts, outcome = [], set(), {}

    def importer():
        try:
            started = time.perf_counter()
            if args.one_transaction:
                with transaction.atomic():
                    import_dossiers(path, today=date(2025, 1, 15))
            else:
                import_dossiers(path, today=date(2025, 1, 15))
            outcome["seconds"] = time.perf_counter() - started
        except Exception as exc:  # reported below
            outcome["error"] = repr(exc)
        finally:
            connection.close()
            done.set()

    def writer():
        while not done.is_set():
            started = time.perf_counter()
            User.objects.filter(pk=user.pk).update(last_login=timezone.now())
            waits.append(time.perf_counter() - started)
            time.sleep(0.05)
        connection.close()

    def reader():
        while not done.is_set():
            counts.add(Dossier.objects.count())
            time.sleep(0.1)
        counts.add(Dossier.objects.count())
        connection.close()

    threads = [threading.Thread(target=f) for f in (importer, writer, reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    longest = max(waits) if waits else 0.0
    p99 = statistics.quantiles(waits, n=100)[98] if len(waits) >= 100 else longest
    mode = "one transaction (before)" if args.one_transaction else "staged outside the lock (after)"
    print(
        f"sqlite, {args.n:,} rows, {mode}: import {outcome.get('seconds', float('nan')):.1f} s; "
        f"{len(waits)} logins written meanwhile, longest wait {longest:.3f} s, p99 {p99:.3f} s; "
        f"dossier counts readers saw: {sorted(counts)}"
    )
    if "error" in outcome:
        print("import failed:", outcome["error"])
        return 1
    partial = counts - {0, args.n}
    return 0 if longest < 2.0 and not partial else 1


if __name__ == "__main__":
    sys.exit(main())
