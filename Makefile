# Samverkan: `make serve` and `make test` set everything up on a fresh machine.
VENV      := .venv
BIN       := $(VENV)/bin
PYTHON    ?= python3
INSTALLED := $(VENV)/.installed
ASSETS    := node_modules/.installed

.PHONY: serve test lint typecheck unit docs notebooks bench system-deps clean

DOCS      := ontology/docs/index.html

serve: $(INSTALLED) $(ASSETS) $(DOCS)
	$(BIN)/samverkan serve

test: $(INSTALLED) $(ASSETS) system-deps lint typecheck unit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's dependency files change.
$(INSTALLED): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,docs,notebooks]'
	touch $@

# Front-end assets (query UI, browser-test tools) come from npm and are served locally.
$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-deps:
	bash .ci/system-deps.sh

lint: $(INSTALLED)
	$(BIN)/ruff check service tests data

typecheck: $(INSTALLED)
	$(BIN)/mypy

unit: $(INSTALLED)
	$(BIN)/pytest

docs: $(DOCS)

# The ontology's documentation is rebuilt only when the ontology changes.
$(DOCS): ontology/samverkan.ttl | $(INSTALLED)
	$(BIN)/samverkan docs

notebooks: $(INSTALLED)
	$(BIN)/jupyter lab notebooks

# Samverkan against oxigraph serve, rdflib-endpoint and pySHACL; tables in bench/results/latest.md.
BENCH_SCALES ?= 10000,100000,1000000
bench: $(INSTALLED)
	nice -n 10 $(BIN)/samverkan bench run --scales $(BENCH_SCALES) --bound 240 --budget 15

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
