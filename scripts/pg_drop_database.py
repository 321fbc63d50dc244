"""Drop a test database left behind by a test run (used by `make test`)."""

import sys

import psycopg

url, name = sys.argv[1].replace("postgres://", "postgresql://", 1), sys.argv[2]
if not name.startswith("test_chiso_"):
    sys.exit("refusing to drop a database whose name does not start with test_chiso_")
with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
