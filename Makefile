# Two commands from a fresh Debian/Ubuntu machine:
#   make book   set everything up and build the default event (WHRCF 2021)
#   make test   lint, then the tests on all cores (about 10 minutes on two)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EVENT  ?= data/whrcf2021

.PHONY: book setup system python test lint check bench pictures wheel clean

book: setup
	$(BIN)/book build $(EVENT) --html

setup: system python

system:
	@scripts/setup-system.sh

python: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

test: setup lint
	$(BIN)/pytest -q -n auto --dist loadfile

lint: python
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: setup
	$(BIN)/book check $(EVENT)

wheel: setup
	@scripts/check-wheel.sh

bench: setup
	$(BIN)/python benchmarks/bench.py

pictures: setup  # the README's pictures (the book preview, the glance), from the code
	$(BIN)/python scripts/glance-pictures.py

clean:
	rm -rf out
