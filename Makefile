# Samverkan: `make serve` and `make test` set everything up on a fresh machine.
VENV      := .venv
BIN       := $(VENV)/bin
PYTHON    ?= python3
INSTALLED := $(VENV)/.installed
ASSETS    := node_modules/.installed
SCHEMAS   := .cache/archimate-xsd/archimate3_Diagram.xsd
ETCION    := etcion-0.14.0-py3-none-any.whl

.PHONY: serve test lint typecheck unit docs notebooks bench system-deps clean

DOCS      := ontology/docs/index.html

serve: $(INSTALLED) $(ASSETS) $(DOCS)
	$(BIN)/samverkan serve

test: $(INSTALLED) $(ASSETS) $(SCHEMAS) system-deps lint typecheck unit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's dependency files change. The package's bytecode is compiled once, as a
# non-editable install would: otherwise, where PYTHONDONTWRITEBYTECODE is set, every start compiles it anew.
$(INSTALLED): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,docs,notebooks]'
	$(BIN)/python -m compileall -q service
	touch $@

# Front-end assets (query UI, browser-test tools) come from npm and are served locally.
$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The Open Group's ArchiMate exchange-format XSDs, for the schema test, from a published wheel (etcion,
# MIT). The wheel asks for Python 3.12, but its schema files need no Python, so they are only unpacked.
$(SCHEMAS): | $(INSTALLED)
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
		--python-version 3.12 -d .cache/wheels etcion==0.14.0
	rm -rf .cache/etcion && $(BIN)/python -m zipfile -e .cache/wheels/$(ETCION) .cache/etcion
	mkdir -p $(@D) && cp .cache/etcion/etcion/serialization/schema/*.xsd $(@D)/

system-deps:
	bash .ci/system-deps.sh

lint: $(INSTALLED)
	$(BIN)/ruff check service tests

typecheck: $(INSTALLED)
	$(BIN)/mypy

unit: $(INSTALLED)
	$(BIN)/pytest

docs: $(DOCS)

# The ontology's documentation is rebuilt only when the ontology changes.
$(DOCS): ontology/samverkan.ttl service/samverkan/knowledge/ontology_docs.py | $(INSTALLED)
	$(BIN)/samverkan docs

notebooks: $(INSTALLED)
	$(BIN)/jupyter lab notebooks

# Samverkan against oxigraph serve, rdflib-endpoint and pySHACL; tables in bench/results/latest.md.
BENCH_SCALES ?= 10000,100000,1000000
BENCH_LARGE ?= 10000000
bench: $(INSTALLED)
	nice -n 10 $(BIN)/samverkan bench run --scales $(BENCH_SCALES) --large $(BENCH_LARGE) --large-bound 600 --bound 240 --budget 15
	$(BIN)/samverkan bench report --readme README.md > /dev/null

clean:
	rm -rf $(VENV) node_modules .cache .pytest_cache .mypy_cache .ruff_cache
