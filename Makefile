# Frontline — the two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DB ?= warehouse.duckdb
PORT ?= 8501

.PHONY: install demo test lint browser bench bench-quick clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

## Build the warehouse from the bundled sample articles and open the dashboard.
demo: install
	$(VENV)/bin/frontline demo --db $(DB) --port $(PORT)

## Install what the tests need (a headless Chromium from Debian for the browser tests) and run them.
test: install browser
	$(VENV)/bin/ruff check ingest dashboards tests benchmarks
	$(VENV)/bin/pytest -q --durations=15

## Debian's chromium for the real-browser tests. In CI it is required; elsewhere the
## browser tests skip when it cannot be installed (no root).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| { echo "could not install chromium"; [ -z "$$CI" ] || exit 1; }; \
	else echo "chromium not installed and not root: browser tests will be skipped"; \
		[ -z "$$CI" ] || exit 1; fi

lint: install
	$(VENV)/bin/ruff check ingest dashboards tests benchmarks
	$(VENV)/bin/ruff format --check ingest dashboards tests benchmarks

## Speed benchmark (issue: 100,000 articles); figures go to benchmarks/results/latest.json.
bench: install
	$(PY) -m pip install --quiet -e ".[test,bench]"
	$(PY) -m benchmarks.bench --sizes 10000,100000

bench-quick: install
	$(PY) -m pip install --quiet -e ".[test,bench]"
	$(PY) -m benchmarks.bench --quick

clean:
	rm -rf dbt/target dbt/logs .pytest_cache exports
