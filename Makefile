# Two commands for a fresh clone: `make run` (the portal with demo data) and `make test` (everything).
# Each sets up its own virtual environment, dependencies and database.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The stamp changes with pyproject.toml, so editing dependencies reinstalls them.
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

HOST ?= 127.0.0.1
PORT ?= 8000

# Tests always run on PostgreSQL and Redis (a database of their own, Redis db 15).
# The cache stays per process (locmem): each test starts from an empty one (tests/conftest.py), and
# pytest runs no system checks, so the production rule "DEBUG off needs a shared cache"
# (eyeforai/http/checks.py) does not apply to it; tests that need Redis's sharing say so themselves
# (tests/hardening/test_shared_cache.py).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/eyeforai
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
	DEBUG=false SECRET_KEY=test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz \
	SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CACHE_URL=locmemcache:// \
	EMAIL_URL=memorymail:// DJANGO_ALLOW_ASYNC_UNSAFE=true
PYTEST_ARGS ?= -n 2 --dist loadgroup

.PHONY: run test pytest install lint audit clean messages

# The Swedish catalogue, compiled by Babel (a Python package, so no system gettext is needed) whenever
# its .po is newer; every command that serves pages depends on it.
CATALOGUE := locale/sv/LC_MESSAGES/django.mo
$(CATALOGUE): locale/sv/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/pybabel --quiet compile --directory locale --domain django --locale sv

# Extract every marked string into locale/sv/LC_MESSAGES/django.po (needs xgettext from gettext);
# translate the new and changed entries, then `make test` checks none is left untranslated or fuzzy.
messages: $(STAMP)
	env -u DATABASE_URL DEBUG=true $(BIN)/python manage.py makemessages --locale sv --add-location file \
		--no-obsolete --ignore '.venv/*' --ignore 'tests/*' --ignore 'var/*' --ignore 'static/*'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Quick start: SQLite and in-process tasks unless DATABASE_URL / CELERY_BROKER_URL are set.
run: export DEBUG ?= true
run: $(STAMP) $(CATALOGUE)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py seed_demo
	@if [ -n "$$CELERY_BROKER_URL" ]; then \
		echo "Starting a Celery worker and beat on $$CELERY_BROKER_URL (Ctrl-C stops everything)"; \
		$(BIN)/celery -A eyeforai worker --loglevel=INFO --concurrency=2 & worker=$$!; \
		$(BIN)/celery -A eyeforai beat --loglevel=INFO & beat=$$!; \
		trap 'kill -TERM $$worker $$beat 2>/dev/null; wait' EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT); \
	else \
		$(BIN)/python manage.py runserver $(HOST):$(PORT); \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Security scans: bandit over our code, pip-audit over the installed dependencies (needs the
# vulnerability service of the package index; unreachable is a warning unless AUDIT_REQUIRED=1, a
# known vulnerability a failure; see README, "Security checks"). pip-audit's traceback goes to its log.
audit: $(STAMP)
	$(BIN)/bandit -q -r eyeforai talents hosts courses rotations blog portal -x '*/migrations/*'
	rm -f $(VENV)/pip-audit.json $(VENV)/pip-audit.log
	-$(BIN)/pip-audit --skip-editable --progress-spinner off --format json -o $(VENV)/pip-audit.json 2>$(VENV)/pip-audit.log
	$(BIN)/python -m tests.tools.audit_report $(VENV)/pip-audit.json $(VENV)/pip-audit.log

test: lint audit
	env -u DATABASE_URL DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory pytest

# Only the test suite, e.g. `make pytest ARGS="tests/core -k outbox"`.
pytest: $(STAMP) $(CATALOGUE)
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS) $(ARGS)

clean:
	rm -rf $(VENV) var

# The matching engine and the plain MILP on the audit's shapes at 100 to 5,000 talents and the 2,000-talent
# hard cohort (several minutes); a quick subset: BENCH_ARGS="--sizes 100 --shapes dominant ties --no-hard".
.PHONY: bench-matching
bench-matching: $(STAMP)
	$(BIN)/python -m rotations.engine.reference.bench $(BENCH_ARGS)

# The portal under load: seed_demo --scale 42 in its own database (eyeforai_bench, dropped after),
# gunicorn with production settings on loopback, wrk and a fixed-rate generator (needs `wrk`).
.PHONY: bench-load
bench-load: $(STAMP) $(CATALOGUE)
	$(BIN)/python -m tests.bench.load $(BENCH_ARGS)

# Hostile CVs (deflate bombs, deep nesting, 62,000 pages, cycles, huge xrefs) uploaded to gunicorn with
# production settings on loopback while a second client reads /healthz; prints both latencies.
.PHONY: bench-cv
bench-cv: $(STAMP) $(CATALOGUE)
	$(BIN)/python -m tests.bench.cv $(BENCH_ARGS)

# The road to 800 at 1,000 then 10,000 course participants in its own database (eyeforai_bench_road, dropped
# after): queries and in-process times of its figures, the dashboard, the CSV and /course/ (about a minute).
.PHONY: bench-road
bench-road: $(STAMP) $(CATALOGUE)
	$(BIN)/python -m tests.bench.road $(BENCH_ARGS)
