# svodka — the two commands: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= svodka.db

.DEFAULT_GOAL := help
.PHONY: help install run serve test bench evaluate lint clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install svodka with its dependencies

run: $(STAMP) ## build svodka.db from examples/, summarise it, serve the UI on 127.0.0.1:8000
	$(BIN)/svodka ingest examples --db $(DB) --quiet
	@$(BIN)/svodka summary --db $(DB)
	@echo
	@$(MAKE) --no-print-directory serve

serve: $(STAMP) ## the web UI and the API (/docs) for svodka.db (DB=…) at http://127.0.0.1:8000/
	@echo "svodka: open http://127.0.0.1:8000/ in a browser (Ctrl-C stops)"
	$(BIN)/svodka serve --db $(DB) --host 127.0.0.1 --port 8000

test: $(STAMP) ## run the test suite
	$(BIN)/python -m pytest -q

bench: $(STAMP) ## articles/s and peak memory of svodka vs natasha on NEREL train
	$(BIN)/python bench/bench_extract.py

evaluate: $(STAMP) ## print every evaluation on the dev data (takes several minutes)
	$(BIN)/svodka evaluate nerel ../shared/data/nerel/dev
	$(BIN)/svodka evaluate factrueval ../shared/data/factrueval-2016/devset
	$(BIN)/svodka evaluate quotes --gold ../shared/data/quotes/dev.jsonl --texts ../shared/data/nerel/dev
	$(BIN)/svodka evaluate quotes --gold eval/quotes-train.jsonl --texts ../shared/data/nerel/train
	$(BIN)/svodka evaluate quotes --gold eval/quotes-train-b.jsonl --texts ../shared/data/nerel/train
	$(BIN)/svodka evaluate dates --gold ../shared/data/dates/dev.jsonl --texts ../shared/data/nerel/dev
	$(BIN)/svodka evaluate events ../shared/data/nerel/dev
	$(BIN)/svodka evaluate identity ../shared/data/nerel/train ../shared/data/nerel/dev

lint: $(STAMP) ## ruff over the package and tests
	$(BIN)/pip install --quiet ruff && $(BIN)/ruff check svodka tests bench

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache build *.egg-info
