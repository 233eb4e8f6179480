# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-unit test-e2e screenshots lint format migrate demo translations messages bench clean backup restore

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# A development .env: debug on, a random secret key, and two-factor login off so the demo
# logins work without pairing a phone. Never used in production, where the real environment
# variables are set and two-factor login is required (see README.md and docs/security.md).
.env:
	printf 'DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\nDJANGO_REQUIRE_2FA=0\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

migrate: $(VENV)/.installed .env
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

# The French and Khmer catalogues (locale/) compiled to .mo files, with polib: no system
# gettext needed to run the app.
translations: $(VENV)/.installed .env
	$(BIN)/python manage.py compile_translations

# After adding or changing a message: extract every message into locale/fr and locale/km
# (needs GNU gettext), then translate the new entries. tests/i18n fails until they are.
messages: $(VENV)/.installed .env
	$(BIN)/python manage.py makemessages --no-obsolete -l fr -l km
	$(BIN)/python manage.py makemessages --no-obsolete -d djangojs -l fr -l km

# The job worker (badges, sign-in sheets, large imports) runs beside the server and stops
# with it: one command, one Ctrl+C.
run: demo translations
	@echo "Starting the app at http://$(HOST):$(PORT)/ (log in with a demo login printed above)"
	@echo "Public site of the demo event (no login): http://$(HOST):$(PORT)/public/cchr-upr-info-cambodia/cambodia-2018/"
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py jobs_worker --no-reload & worker=$$!; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed .env
	$(BIN)/pytest

# The two halves of `make test`: without the browser, and the journeys in Chromium
# (skipped, with the package to install, on a machine without /usr/bin/chromium).
# A failing journey leaves a screenshot of its page in test-results/.
test-unit: $(VENV)/.installed .env
	$(BIN)/pytest -m "not e2e"

test-e2e: $(VENV)/.installed .env
	$(BIN)/pytest -m e2e -rs

# Regenerates docs/screenshots/ (shown in README.md) from the demo event, in Chromium.
screenshots: $(VENV)/.installed .env
	$(BIN)/python scripts/screenshots.py

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.installed .env
	@failed=""; for script in benchmarks/bench_*.py; do echo "== $$script"; \
	  $(BIN)/python $$script || failed="$$failed $$script"; done; \
	  if [ -n "$$failed" ]; then echo "Failed:$$failed"; exit 1; fi

# One archive with the database and the private media (see docs/production.md).
BACKUP ?= backups/upr-$(shell date -u +%Y%m%dT%H%M%SZ).tar.gz
backup: $(VENV)/.installed
	$(BIN)/python manage.py backup --output $(BACKUP)

# Restore into an empty database: make restore ARCHIVE=backups/upr-....tar.gz
restore: $(VENV)/.installed
	@test -n "$(ARCHIVE)" || (echo "Usage: make restore ARCHIVE=path/to/backup.tar.gz" && exit 2)
	$(BIN)/python manage.py restore $(ARCHIVE)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
