# Two commands on a fresh machine with Python >= 3.11 and make:
#   make reports   set up .venv and build everything (data/processed/, reports/)
#   make test      set up .venv and run the whole test suite
# Also: make lab (JupyterLab in the project environment), make bench, make clean.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := comparative

.PHONY: setup reports test lab bench clean

setup: $(STAMP)

# Re-install whenever the declared or pinned dependencies change.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (comparative)" >/dev/null
	@touch $(STAMP)

# data/processed/ first, then every report; what is up to date is not rebuilt, and a
# build with nothing to do prints one line.
reports: $(STAMP)
	@$(BIN)/comparative reports

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_reports.py

clean:
	rm -rf $(VENV) data/processed/* reports/*
