# The README's two commands are `make demo` and `make test`; the rest are for contributors.
PYTHON ?= python3
PYTEST_ARGS ?=

.PHONY: setup services demo test lint bench

setup:  ## install system packages (as root on Debian) and the package with dev extras
	@scripts/setup.sh

services: setup  ## start dockerd and build the sandbox image when missing
	@scripts/services.sh

demo: services  ## the whole fleet on embedded defaults: a crash becomes a verified PR
	agentfleet demo

test: services  ## the whole suite (CI sets AGENTFLEET_REQUIRE_ALL=1 so nothing may skip)
	$(PYTHON) -m pytest -m "not live" $(PYTEST_ARGS)

lint:
	ruff check . && ruff format --check . && mypy

bench: services  ## every benchmark (minutes); figures go to docs/performance.md
	for b in benchmarks/[!_]*.py; do echo "== $$b"; $(PYTHON) $$b || exit 1; done
