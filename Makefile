# Two commands on a fresh machine: `make run` (the chat) and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEPS := $(VENV)/.deps-installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run test index eval bench beir setup clean

setup: $(DEPS)

$(DEPS): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

run: $(DEPS)
	$(BIN)/python -m assistant index
	$(BIN)/python app.py

test: $(DEPS)
	$(BIN)/python -m pytest

index: $(DEPS)
	$(BIN)/python -m assistant index

eval: $(DEPS)
	$(BIN)/python -m assistant eval

bench: $(DEPS)
	$(BIN)/python -m assistant.bench

beir: $(DEPS)
	$(BIN)/python -m assistant eval --beir ../shared/bench/scifact

clean:
	rm -rf $(VENV) index/build-* index/CURRENT .cache .pytest_cache
