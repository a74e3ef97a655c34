# Hankeportaali: `make run` serves the portal with demo data, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
# Where `make run` serves; links in e-mails and calendar files follow unless PORTAL_URL is set.
HOST ?= 127.0.0.1
PORT ?= 8000
PORTAL_URL ?= http://$(HOST):$(PORT)

.PHONY: run test install install-dev messages lint typecheck migrations-check pytest clean \
	bench bench-invitations bench-outage bench-importer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# GNU gettext's msgfmt when the machine has it; otherwise the pure-Python polib does the same.
messages: $(VENV)/.installed
	@if command -v msgfmt >/dev/null 2>&1; then \
		DEBUG=1 $(MANAGE) compilemessages --ignore=.venv -v 0; \
	else \
		echo "msgfmt (GNU gettext) not found: compiling messages with polib instead."; \
		$(BIN)/python -c "import pathlib, polib; [polib.pofile(str(p)).save_as_mofile(str(p.with_suffix('.mo'))) for p in pathlib.Path('locale').glob('*/LC_MESSAGES/*.po')]"; \
	fi

run: $(VENV)/.installed messages
	DEBUG=1 $(MANAGE) migrate --no-input -v 0
	DEBUG=1 $(MANAGE) load_demo
	DEBUG=1 PORTAL_URL=$(PORTAL_URL) $(MANAGE) runserver $(HOST):$(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-dev
	DEBUG=1 $(BIN)/mypy .

migrations-check: $(VENV)/.installed-dev
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

pytest: $(VENV)/.installed-dev messages
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck migrations-check pytest

# They need the machine's PostgreSQL (and Redis); they print figures (README.md).
bench: $(VENV)/.installed-dev messages
	$(BIN)/python -m bench.load

bench-invitations: $(VENV)/.installed-dev messages
	$(BIN)/python -m bench.invitations --count 5000 --workers 2

bench-outage: $(VENV)/.installed-dev messages
	$(BIN)/python -m bench.outage

bench-importer: $(VENV)/.installed-dev messages
	$(BIN)/python -m bench.importer

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache .pytest_cache
