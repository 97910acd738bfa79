# Two commands on a fresh clone: `make site` and `make test`. Each makes .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint format bench serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The example journal is Jordan's week ending Saturday 21 November 2026: built as of that day (the
# dashboard says so), not the calendar's, so a first look is a working week, not months of overdue.
EXAMPLE_TODAY := 2026-11-21

site: $(STAMP)
	COFFEECHAT_TODAY=$(EXAMPLE_TODAY) $(BIN)/coffeechat check
	$(BIN)/coffeechat build --today $(EXAMPLE_TODAY)
	@echo "The site is in $(CURDIR)/site: open $(CURDIR)/site/index.html, or run 'make serve'."

serve: $(STAMP)
	$(BIN)/coffeechat serve --today $(EXAMPLE_TODAY)

test: $(STAMP)
	$(BIN)/ruff check generator tests scripts
	$(BIN)/ruff format --check generator tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

format: $(STAMP)
	$(BIN)/ruff format generator tests scripts
	$(BIN)/ruff check --fix generator tests scripts

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site $(VENV) .pytest_cache
