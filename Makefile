# gazouille: every target installs what it needs into .venv from pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
EVAL_STAMP := $(VENV)/.installed-eval
PIP_FLAGS ?= --quiet --disable-pip-version-check

.PHONY: install lint format test check bench demo eval-pii lock clean editor editor-install

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

# The web editor (docs/guide-redacteur.md): the pinned npm packages (no install
# script runs), the gazouille bundle, then decap-server and the page on
# http://localhost:8080/admin/ until Ctrl-C. EDITOR_PORT changes the port.
EDITOR_PORT ?= 8080
NPM_STAMP := node_modules/.installed

$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

build/editor/gazouille-editor.js: $(NPM_STAMP) admin/src/gazouille-editor.js
	npm run -s build

editor-install: install build/editor/gazouille-editor.js

editor: editor-install
	$(VENV)/bin/gazouille editor --serve --port $(EDITOR_PORT)

clean:
	rm -rf $(VENV) $(VENV)-lock .pytest_cache .mypy_cache .ruff_cache .bench .demo build
