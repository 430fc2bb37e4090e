# Bootstraps .venv from the pinned requirements, then hands over to invoke
# (tasks.py). The stamp is a copy of requirements.txt: when that file changes,
# make sees a newer prerequisite and re-installs; otherwise set-up is skipped.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements.txt

.PHONY: serve build test clean venv

serve: $(STAMP)
	$(BIN)/invoke livereload

build: $(STAMP)
	$(BIN)/invoke build

test: $(STAMP)
	$(BIN)/invoke test

clean: $(STAMP)
	$(BIN)/invoke clean

venv: $(STAMP)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cần Python 3.11 trở lên (Python 3.11+ is required).")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Không tạo được môi trường ảo. Trên Debian/Ubuntu hãy cài: sudo apt install python3-venv"; \
	  rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	@cp requirements.txt $(STAMP)
