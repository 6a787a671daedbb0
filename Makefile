# Mentorwise developer commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test install install-dev lint format messages check-messages seed worker clean-db

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

# axe-core for the accessibility browser tests (pinned in package.json); skipped without npm,
# and the tests that need it skip with a reason.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the axe accessibility tests will skip"; fi

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev node_modules/axe-core/axe.min.js

## run: install, migrate, seed the demo organization (first time only), serve on 127.0.0.1:$(PORT) with a worker
## Debug mode stays off (the product's own error pages); `DEBUG=true make run` turns it on.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py serve --port $(PORT)

## test: install test tools and run the whole suite (SQLite; set DATABASE_URL for PostgreSQL)
test: install-dev
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=src $(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: refresh the Spanish catalogue from the code, then compile it (docs/translating.md)
messages: install
	cd src/mentorwise && ../../$(BIN)/python ../../manage.py makemessages -l es --no-location --ignore "migrations/*"
	cd src/mentorwise && ../../$(BIN)/python ../../manage.py compilemessages -l es

## check-messages: fail when a string is untranslated or fuzzy, or the compiled catalogue is stale
check-messages: install
	$(BIN)/python manage.py check_translations

worker: install
	$(BIN)/python manage.py db_worker

clean-db:
	rm -f var/mentorwise.sqlite3 var/mentorwise.sqlite3-wal var/mentorwise.sqlite3-shm
