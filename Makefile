# Bootstraps .venv from the hash-pinned locks, then hands over to invoke
# (tasks.py). requirements.txt is what building, serving and publishing need;
# requirements-dev.txt adds the test and lint tools. Each stamp is a copy of
# the locks it installed: when a lock changes, make sees a newer prerequisite
# and re-installs; otherwise set-up is skipped. pip checks every file it
# installs against the hashes in the locks (--require-hashes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install --disable-pip-version-check --quiet \
	--require-hashes
STAMP := $(VENV)/.installed-requirements.txt
DEV_STAMP := $(VENV)/.installed-requirements-dev.txt

.PHONY: serve build test clean venv venv-dev

serve: $(STAMP)
	$(BIN)/invoke livereload

build: $(STAMP)
	$(BIN)/invoke build

test: $(DEV_STAMP)
	$(BIN)/invoke test

clean: $(STAMP)
	$(BIN)/invoke clean

venv: $(STAMP)

venv-dev: $(DEV_STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cần Python 3.11 trở lên (Python 3.11+ is required).")'
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Không tạo được môi trường ảo. Trên Debian/Ubuntu hãy cài: sudo apt install python3-venv"; \
	  rm -rf $(VENV); exit 1; }

$(STAMP): requirements.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt
	@cp requirements.txt $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt -r requirements-dev.txt
	@cat requirements.txt requirements-dev.txt > $@
