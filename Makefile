# make run: the app on sample data.  make test: the whole suite.  make bench: speed figures.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run lint test test-sqlite test-postgres bench sample template migration browser clean

$(VENV)/.app: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.app requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

run: $(VENV)/.app  ## load the sample data into an empty database, then start the app
	$(PY) -m wayahead sample --if-empty
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

browser:  ## Debian's chromium, for the browser tests and PNG/PDF export
	@command -v chromium >/dev/null || { [ "$$(id -u)" -eq 0 ] || { echo "chromium is missing: sudo apt-get install chromium" >&2; exit 1; }; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core; }

lint: $(VENV)/.dev  ## ruff (lint and layout), mypy (strict on the core wings), import-linter (the wing rules)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint test-sqlite test-postgres  ## everything: the checks, the suite on SQLite, then the database tests on PostgreSQL

# Three workers on two cores: the tests spend a good part of their time waiting on browsers, app servers and
# processes (two workers left 40% of the CPU idle), and a module's fixtures stay on one worker (loadfile).
test-sqlite: $(VENV)/.dev browser
	$(PY) -m pytest -q -n 3 --dist loadfile --durations=15

test-postgres: $(VENV)/.dev  ## the database tests on PostgreSQL: a throwaway server, stopped when they end
	@url="$$(scripts/test-postgres.sh)" || exit 1; \
	[ -n "$${WAYAHEAD_TEST_POSTGRES_URL:-}" ] || trap 'scripts/test-postgres.sh stop' EXIT; \
	WAYAHEAD_TEST_POSTGRES_URL="$$url" $(PY) -m pytest -q -n 3 --dist loadfile -m db --durations=10

bench: $(VENV)/.dev  ## import and page speed figures (bench/README.md)
	$(PY) -m bench

sample: $(VENV)/.app  ## regenerate sample_data/*.xlsx (deterministic, illustrative)
	$(PY) -c "from wayahead.returns.samples import write_sample_files; print(len(write_sample_files()), 'files')"

template: $(VENV)/.app
	$(PY) -m wayahead template way-ahead-return-template.xlsx

migration: $(VENV)/.dev  ## after changing wayahead/returns/spec.py: write the Alembic migration for it
	rm -f /tmp/wayahead-migration.db
	WAYAHEAD_DATABASE_URL=sqlite:////tmp/wayahead-migration.db $(VENV)/bin/alembic upgrade head
	WAYAHEAD_DATABASE_URL=sqlite:////tmp/wayahead-migration.db $(VENV)/bin/alembic revision --autogenerate -m "$${MESSAGE:-spec change}"

clean:
	rm -rf $(VENV) data
