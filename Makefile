# The two commands: `make run` serves the demo, `make test` runs the whole suite.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 8000
# make run DEMO=lam-dong-2026 loads the other demo (give it its own CHISO_VAR_DIR, see README).
DEMO ?=
# The suite runs in this many processes (pytest-xdist; a test module stays in one process, so that
# the data a module loads once is loaded once). 0 runs it in this process. See docs/benchmarks.md.
WORKERS ?= 2
XDIST = $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --dist loadfile)

.PHONY: lint run test test-sqlite test-postgres install dev system-deps clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(BIN)/.dev: $(BIN)/.installed
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

install: $(BIN)/.installed
dev: $(BIN)/.dev

system-deps:
	@sh scripts/system-deps.sh

run: install
	@sh scripts/system-deps.sh run
	$(BIN)/chiso migrate --noinput -v0
	$(BIN)/chiso load-demo --if-empty --logins $(if $(DEMO),--province $(DEMO),)
	@echo ""
	@echo "chiso đang chạy tại http://$(HOST):$(PORT)/  (Ctrl+C để dừng)"
	$(BIN)/chiso serve --host $(HOST) --port $(PORT)

test: dev
	@sh scripts/system-deps.sh test
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python scripts/pg_available.py "$(PG_URL)"; then \
		$(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL không trả lời tại $(PG_URL): bỏ qua lượt chạy trên PostgreSQL."; fi

# ruff: lint and format, configured in pyproject.toml.
lint:
	@echo "== ruff"
	$(BIN)/ruff check chiso bench scripts conftest.py
	$(BIN)/ruff format --check chiso bench scripts conftest.py

test-sqlite:
	@echo "== Bộ kiểm thử trên SQLite"
	CHISO_VAR_DIR=$(CURDIR)/var/test DATABASE_URL= $(BIN)/python -m pytest -q $(XDIST) $(PYTEST_ARGS)

# Browser tests run once (on SQLite): they check pages, not the database engine. The test database
# is named per run, so that several runs can share one server (pytest-django adds _gw0, _gw1… for
# each process) and dropped at the end.
test-postgres:
	@echo "== Bộ kiểm thử trên PostgreSQL"
	CHISO_TEST_DB_NAME=test_chiso_make_$$$$ CHISO_VAR_DIR=$(CURDIR)/var/test DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q -m "not browser" $(XDIST) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var/test
