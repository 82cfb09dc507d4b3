# geoinnenstadt — set-up, tests, briefings, benchmarks.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: venv test lint briefing lab bench bench-quick samples typecheck wheel clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check geoinnenstadt tests

# pytest exit code 5 (no tests collected) is a failure, reported as such.
# The tests run in TEST_WORKERS processes (pytest-xdist; auto = one per core), a test file at a
# time per worker (--dist loadfile), so a file's module fixtures (built briefings, maps) are built
# once. TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	@$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests (exit code 5): failing" >&2; exit 5; fi; \
	exit $$rc

typecheck: $(STAMP)
	$(VENV)/bin/mypy

briefing: $(STAMP)
	$(PY) -m geoinnenstadt.cli briefing --data dortmund --data duesseldorf --out build/briefings

# JupyterLab (the [lab] extra) with jupytext's extension; a double click opens the .py notebooks
# as notebooks (default viewer set for this venv only, in its JupyterLab overrides.json)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
lab: $(STAMP)
	$(PY) -m pip install --quiet -e ".[lab]"
	@mkdir -p $(LAB_SETTINGS)
	@test -f $(LAB_SETTINGS)/overrides.json || echo '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"python": "Jupytext Notebook"}}}' > $(LAB_SETTINGS)/overrides.json
	$(VENV)/bin/jupyter lab notebooks/

samples: $(STAMP)
	$(PY) sample_data/generate.py

bench: $(STAMP)
	$(PY) -m bench

bench-quick: $(STAMP)
	$(PY) -m bench --quick

# sdist and wheel into dist/ (old ones of this package removed first), metadata checked for an index
wheel: $(STAMP)
	rm -f dist/geoinnenstadt-*
	$(PY) -m build --outdir dist .
	$(VENV)/bin/twine check --strict dist/geoinnenstadt-*

clean:
	rm -rf build .pytest_cache .ruff_cache .mypy_cache
