# Every target creates or reuses the project's virtual environment by itself:
# a fresh machine needs nothing but python3 (3.11+) and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
MANAGE := $(BIN)/python manage.py

NODE_STAMP := node_modules/.installed

.PHONY: venv run serve setup test lint js format typecheck bench figures-sheet screenshots vendor clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# ESLint and the other JavaScript dev tools, exactly as package-lock.json pins them
# (Node 20.19+ and npm). Install scripts are skipped: no tool here needs one.
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# Database, exercise library, static files and demo data; safe to run again.
setup: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) sync_exercises
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) demo_data

# The web application on http://127.0.0.1:8000 with a production WSGI server (gunicorn, one
# worker process per core; waitress where gunicorn cannot run) and the background work (job
# queue, reminders) in a process of its own (manage.py serve).
run: setup serve

serve: $(STAMP)
	@echo "Spinewise is serving on http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	$(MANAGE) serve --listen=$(HOST):$(PORT)

lint: $(STAMP) js
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The session player's JavaScript: ESLint, then its unit tests (Node's own test runner).
js: $(NODE_STAMP)
	npx --no-install eslint src/spinewise/training/static/spinewise/player src/spinewise/training/static/spinewise/logform.js src/spinewise/static/spinewise tests/js eslint.config.js
	node --test tests/js/

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# The whole suite in parallel (pytest-xdist: a worker per core, at most 4, each with a test
# database of its own); the 20 slowest tests are listed at the end.
test: lint
	$(BIN)/pytest -n auto --maxprocesses=4 --durations=20

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH)

# Every exercise's figure (start and end positions, labelled with its id) on one PNG
# contact sheet, so a reviewer can look at them all at once.
FIGURES_SHEET ?= var/figures-sheet.png
figures-sheet: $(STAMP)
	@mkdir -p $(dir $(FIGURES_SHEET))
	@$(BIN)/spinewise figure --all --png --out $(FIGURES_SHEET)

# The phone screenshots in the README (docs/phone/), taken by the whole-session browser test.
screenshots: $(STAMP)
	SPINEWISE_SCREENSHOTS=docs/phone $(BIN)/pytest -q -p no:cacheprovider tests/web/browser/test_phone_session.py

# Refresh the vendored front-end libraries from the npm registry (htmx 2.x, Swagger UI
# 5.x for the API docs, and axe-core 4.x for the browser tests' accessibility checks,
# pinned exactly in package.json/package-lock.json), each with its licence.
# `make run` never needs npm.
vendor:
	npm install --no-audit --no-fund --save-exact htmx.org@2 swagger-ui-dist@5 axe-core@4
	mkdir -p src/spinewise/static/vendor/htmx src/spinewise/static/vendor/swagger-ui
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE src/spinewise/static/vendor/htmx/
	cd node_modules/swagger-ui-dist && cp LICENSE NOTICE swagger-ui-bundle.js \
	   swagger-ui-bundle.js.LICENSE.txt swagger-ui.css swagger-ui.css.map \
	   ../../src/spinewise/static/vendor/swagger-ui/
	# axe-core (accessibility checks) is for the browser tests only: never served.
	mkdir -p tests/vendor/axe-core
	cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE tests/vendor/axe-core/

clean:
	rm -rf $(VENV) var node_modules .pytest_cache .mypy_cache .ruff_cache
