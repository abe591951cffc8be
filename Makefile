# Treaty Navigator — the two commands are `make run` and `make test`.
# Everything else here is the set-up they share; a second run with nothing changed does nothing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

ENGINE_VENV := .venv/engine
APP_VENV    := .venv/app
APP_PY      := $(APP_VENV)/bin/python
PO_FILES    := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO_FILES    := $(PO_FILES:.po=.mo)

.PHONY: help run test bench eval setup test-packages envs catalogs model lint extract-messages update-catalogs compile-catalogs

help:
	@echo "make run    - set up everything, then start the bot (open the URL it prints)"
	@echo "make test   - set up everything, then run the whole test suite"
	@echo "make bench  - speed benchmarks (legal assessment; per-turn latency of the triage)"
	@echo "make eval   - held-out NLU evaluation (intent macro-F1, harm recall); report in reports/"
	@echo "make lint   - ruff"
	@echo "make extract-messages / update-catalogs / compile-catalogs - for translators"

run: setup
	$(APP_PY) -m bot run

test: setup test-packages
	$(APP_PY) -m pytest $(PYTEST_ARGS)

# Debian packages the tests use (Chromium, PostgreSQL), installed once when missing and root.
test-packages:
	@scripts/ensure-test-packages

bench: setup
	$(APP_PY) -m bot.bench

eval: setup
	$(APP_PY) -m bot eval

setup: envs catalogs model

# The engine: Python 3.10 (PYTHON= overrides), rasa only. The app: the machine's Python 3.11
# (APP_PYTHON= overrides). make-venv does nothing when interpreter and lock file are unchanged.
envs:
	@scripts/make-venv $(ENGINE_VENV) 3.10 "$(PYTHON)" requirements/engine.lock
	@scripts/make-venv $(APP_VENV) 3.11 "$(APP_PYTHON)" requirements/app.lock

catalogs: envs $(MO_FILES)

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po | envs
	@$(APP_VENV)/bin/pybabel -q compile -D messages -i $< -o $@

# Trains only when the training data, config or engine version changed (content hash).
model: envs
	@$(APP_PY) -m bot model ensure

lint: envs
	$(APP_VENV)/bin/ruff check .

extract-messages: envs
	PYTHONPATH=. $(APP_VENV)/bin/pybabel -q extract -F locales/babel.cfg -o locales/messages.pot --no-location --sort-output --project "Treaty Navigator" .

update-catalogs: extract-messages
	$(APP_VENV)/bin/pybabel -q update -D messages -i locales/messages.pot -d locales --no-fuzzy-matching

compile-catalogs: catalogs
