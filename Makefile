# The README's two commands are `make demo` and `make test`; the rest are for contributors (`make help`).
PYTHON ?= python3
PYTEST_ARGS ?=
# pytest-xdist workers for `make test` (each starts its own Redis and PostgreSQL); JOBS=0 runs in one process
JOBS ?= 2
FAST = not live and not redis and not postgres and not docker and not bwrap and not slow

.PHONY: help setup services demo test test-fast lint bench

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup:  ## install system packages (as root on Debian) and the package with dev extras
	@scripts/setup.sh

services: setup  ## start dockerd and build the sandbox image when missing
	@scripts/services.sh

demo: services  ## the whole fleet on embedded defaults: a crash becomes a verified PR
	agentfleet demo

test: services  ## the whole suite on 2 pytest-xdist workers, JOBS=n to change (CI sets AGENTFLEET_REQUIRE_ALL=1 so nothing may skip)
	$(PYTHON) -m pytest -m "not live" -n $(JOBS) --dist loadgroup $(PYTEST_ARGS)

test-fast:  ## the inner loop: tests that need no real service (no Redis, PostgreSQL, Docker or bwrap), ~30 s
	$(PYTHON) -m pytest -m "$(FAST)" $(PYTEST_ARGS)

lint:  ## ruff (lint, unused noqa, format) and mypy on the package
	ruff check . && ruff format --check . && mypy

bench: services  ## every benchmark (minutes); figures go to docs/performance.md
	for b in benchmarks/[!_]*.py; do echo "== $$b"; $(PYTHON) $$b || exit 1; done
