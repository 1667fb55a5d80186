# gazouille: every target installs what it needs into .venv from pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
EVAL_STAMP := $(VENV)/.installed-eval
PIP_FLAGS ?= --quiet --disable-pip-version-check

.PHONY: install lint format test check bench demo eval-pii lock clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_FLAGS) -e '.[dev]'
	touch $@

$(EVAL_STAMP): $(STAMP)
	$(PY) -m pip install $(PIP_FLAGS) -e '.[dev,eval]'
	touch $@

lint: install
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format src tests scripts
	$(VENV)/bin/ruff check --fix src tests scripts

test: lint
	$(VENV)/bin/pytest -q

check: install
	$(VENV)/bin/gazouille check

bench: install
	$(PY) scripts/bench.py

demo: install
	$(PY) scripts/demo.py

eval-pii: $(EVAL_STAMP)
	$(PY) scripts/eval_pii.py

# The publish job's pinned, hashed dependencies (tests/test_lock_file.py checks them).
lock:
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/pip install $(PIP_FLAGS) pip-tools
	$(VENV)-lock/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --build-deps-for wheel \
		--output-file requirements/publish.txt pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .bench .demo
