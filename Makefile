# The two commands a newcomer needs: `make run` (app with demo data) and `make test` (the whole suite).
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: run test chromium print-tools node-tools

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py createcachetable
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Tests run with DEBUG off (as in production) but over plain HTTP on localhost.
TEST_ENV := SECRET_KEY=test-only-secret SITE_URL=http://testserver SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0

test: $(STAMP) chromium print-tools node-tools
	$(BIN)/ruff check .
	$(TEST_ENV) $(BIN)/python manage.py check
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/pytest -n auto

# axe-core and the Nu HTML checker (vnu-jar; npm, pinned in package-lock.json) for the accessibility and HTML
# checks of the browser tests. No install scripts: vnu-jar's would fetch a Java runtime; the checker runs on
# Debian's (installed when missing, needs root, as in CI).
node-tools: node_modules/.package-lock.json
	@command -v java >/dev/null || { echo "Installing a Java runtime for the HTML checker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; }
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

# PDFs print every script conferences use (Latin, Greek, Cyrillic, Arabic, Hebrew, Indic, Thai, CJK, emoji and
# flags): the Debian font packages the Dockerfile installs too. The PDF tests also turn pages into images with
# pdftoppm (poppler-utils, tests only). Installed when missing (needs root, as in CI).
PRINT_TOOLS := fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji poppler-utils
print-tools:
	@dpkg -s $(PRINT_TOOLS) >/dev/null 2>&1 || { echo "Installing fonts and PDF tools: $(PRINT_TOOLS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PRINT_TOOLS) >/dev/null; }

# Browser tests drive Debian's Chromium; install it when missing (needs root, as in CI).
chromium:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
