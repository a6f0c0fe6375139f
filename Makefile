# `make run` starts the application with demo data and the background worker that sends its
# e-mails; `make test` runs the whole test suite.
# Both set up everything they need first: Debian packages, the virtual environment, the
# pinned Python packages.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian/Ubuntu packages: Pango and HarfBuzz-Subset for WeasyPrint; Chromium for the browser
# tests; npm (when no Node.js with npm is installed) for axe-core, the accessibility checker the
# browser tests inject.
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
TEST_PACKAGES := $(RUN_PACKAGES) chromium

.PHONY: run test install lint lock benchmark system-packages-run system-packages-test test-scripts

# The page benchmark (docs/benchmarks.md): wrk drives gunicorn; PostgreSQL at BENCHMARK_DATABASE_URL.
BENCHMARK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/late_filing_benchmark

run: system-packages-run install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ with the e-mail worker beside it (Ctrl-C stops both)"
	@export SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}"; \
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Never against a production cache or bucket a shell may name (README, Tests).
test: system-packages-test install test-scripts
	env -u REDIS_URL -u S3_BUCKET $(BIN)/pytest

benchmark: system-packages-run install
	@./.ci/system-packages wrk
	$(BIN)/python manage.py benchmark_pages --postgres-url $(BENCHMARK_DATABASE_URL)

lint: install
	$(BIN)/ruff check . .ci/two-servers
	$(BIN)/ruff format --check . .ci/two-servers

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "Python 3.11 or newer is needed; $(PYTHON) is $$($(PYTHON) --version 2>&1)."; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || ./.ci/system-packages python3-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $@

# The npm packages of package-lock.json (axe-core), exactly as locked.
test-scripts: node_modules/.installed

node_modules/.installed: package-lock.json
	@command -v npm >/dev/null 2>&1 || ./.ci/system-packages npm
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

system-packages-run:
	@./.ci/system-packages $(RUN_PACKAGES)

system-packages-test:
	@./.ci/system-packages $(TEST_PACKAGES)

# Re-resolve the pinned versions from pyproject.toml (after changing a dependency there).
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^late-filing' > requirements.lock
	rm -rf .lock-venv build *.egg-info
