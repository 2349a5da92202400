# The one entry point for people and CI. `make help` lists the targets.
#
# PYTHON picks the interpreter, VENV the virtual environment built from it:
#   make test PYTHON=$(pyenv root)/versions/3.13.0/bin/python VENV=.venv-3.13
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# maturin installs into the environment named by VIRTUAL_ENV.
MATURIN := VIRTUAL_ENV=$(abspath $(VENV)) $(BIN)/maturin

# PYTEST_ARGS: more pytest arguments for test-version, test-all, test-leaks and test-asan, e.g.
#   make test-all TEST_JOBS=2 PYTEST_ARGS="tests/test_aiter.py -q"
# TEST_JOBS: how many interpreters test-all tests at a time. Each runs one pytest process (one
# core); CI runs 2 on its 2 cores. TEST_ALSO: more make targets for test-all's pool (below).
PYTEST_ARGS ?=
TEST_JOBS ?= 1
TEST_ALSO ?=

# An interpreter's name for its virtual environment: its minor version, "t" for a free-threaded
# build (3.14 and 3.14t side by side).
VERSION_OF := import sys, sysconfig; print("%d.%d" % sys.version_info[:2] + ("t" if sysconfig.get_config_var("Py_GIL_DISABLED") else ""))

# Every Rust source, for rustfmt.
RUST_SOURCES = $(shell find src -name '*.rs') build.rs

.DEFAULT_GOAL := help
.PHONY: mutants release help demo test docs test-version test-all bench bench-callgrind lint fmt build build-dev clean typecheck wheel sdist test-leaks test-asan

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.base: $(BIN)/python
	$(BIN)/python -m pip install -q 'maturin>=1.5,<2'
	touch $@

$(VENV)/.dev: $(VENV)/.base requirements-dev.txt
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

build: $(VENV)/.base ## build the extension (release) into $(VENV)
	$(MATURIN) develop --release --quiet

build-dev: $(VENV)/.dev
	$(MATURIN) develop --release --quiet

demo: build ## run the seed documents' examples and a realistic one
	$(BIN)/python examples/demo.py

test: build-dev typecheck docs ## run the whole test suite: type tests, the docs build and its examples, pytest (with packaging checks), the stub check
	$(BIN)/python -m pytest
	$(BIN)/python -m mypy.stubtest asyncitertools._native --allowlist stubtest-allowlist.txt

# The documentation site, from docs/ (Markdown pages, MyST) with Sphinx, into target/docs/html;
# then the doctest builder runs every example of the pages and of the docstrings they show.
# Warnings are errors (-W), every one reported (--keep-going), and every cross-reference must
# resolve (-n; the prose after the docstrings' `->` is exempt, docs/conf.py says why). The two
# builders share one parsed environment (-d). It documents the extension built into $(VENV).
docs: build-dev ## build the documentation site into target/docs/html and run its examples
	$(BIN)/python -m sphinx -W --keep-going -n -q -b html -d target/docs/doctrees docs target/docs/html
	$(BIN)/python -m sphinx -W --keep-going -n -q -b doctest -d target/docs/doctrees docs target/docs/doctest

# What test-all runs on each interpreter: the suite and the stub check, on a build without fat
# LTO (Cargo.toml's `suite` profile). The parts that do not depend on the interpreter's
# version, or are slow and checked once by `make test` (the packaging tests' builds and fresh
# environments, the benchmarks' smoke runs, the type tests), are left out, and the random
# cancellation test runs 150 pipelines instead of 400 (tests/test_cancellation.py).
test-version: $(VENV)/.dev
	$(MATURIN) develop --profile suite --quiet
	ASYNCITERTOOLS_EXAMPLES=150 $(BIN)/python -m pytest --ignore=tests/test_packaging.py --ignore=tests/test_bench_builtins.py --ignore=tests/test_bench_concurrent.py $(PYTEST_ARGS)
	$(BIN)/python -m mypy.stubtest asyncitertools._native --allowlist stubtest-allowlist.txt

typecheck: $(VENV)/.dev ## the type tests: mypy --strict and pyright (strict) on typetests/
	$(BIN)/python -m mypy --config-file typetests/mypy.ini typetests
	$(BIN)/pyright -p typetests --pythonpath $(BIN)/python

wheel: $(VENV)/.base ## build the release wheel for $(VENV)'s python into dist/
	$(MATURIN) build --release --interpreter $(BIN)/python --out dist

sdist: $(VENV)/.base ## build the source distribution into dist/
	$(BIN)/maturin sdist --out dist

# The sdist and a release wheel for every interpreter scripts/pythons.sh finds (each in its own
# venv, .venv-<version>), into a fresh dist/, then twine's check of what PyPI would get.
release: $(VENV)/.dev ## build the sdist and a wheel per interpreter found into dist/, then twine check
	rm -rf dist
	$(MAKE) --no-print-directory sdist
	@set -e; for py in $$(scripts/pythons.sh); do \
		v=$$($$py -c '$(VERSION_OF)'); \
		$(MAKE) --no-print-directory wheel PYTHON=$$py VENV=.venv-$$v; \
	done
	$(BIN)/python -m twine check --strict dist/*

# scripts/test_all.sh runs test-version on each interpreter, TEST_JOBS at a time, each job's
# output in target/test-all/<version>.log (printed whole when the job ends, if TEST_JOBS > 1),
# each interpreter built into its own target/test-all/<version>/; it fails if any job failed,
# naming it. ALREADY_TESTED names an interpreter the caller has run `make test` on (CI's
# python3): not run again. TEST_ALSO names more make targets run as jobs of the same pool,
# first (CI: test-leaks test-asan). A free-threaded build ("3.14t") runs with PYTHON_GIL=1.
test-all: ## the suite on the newest CPython of each minor version 3.10+ found (scripts/pythons.sh)
	@TEST_JOBS='$(TEST_JOBS)' TEST_ALSO='$(TEST_ALSO)' ALREADY_TESTED='$(ALREADY_TESTED)' MAKE='$(MAKE)' \
		bash scripts/test_all.sh

test-leaks: ## reference leaks: the suite on Debian's debug CPython 3.11, each test repeated
	bash scripts/leaks/run.sh $(PYTEST_ARGS)

test-asan: ## the suite with the extension under AddressSanitizer (CPython 3.11)
	bash scripts/asan/run.sh $(PYTEST_ARGS)

bench: ## benchmark the builtins and concurrent against the peers, on every interpreter scripts/pythons.sh finds
	@set -e; for py in $$(scripts/pythons.sh); do \
		v=$$($$py -c '$(VERSION_OF)'); \
		case $$v in *t) export PYTHON_GIL=1 ;; *) unset PYTHON_GIL ;; esac; \
		$(MAKE) --no-print-directory build-dev PYTHON=$$py VENV=.venv-$$v; \
		.venv-$$v/bin/python benchmarks/bench_anext.py $(BENCH_ARGS); \
		.venv-$$v/bin/python benchmarks/bench_enumerate.py $(BENCH_ARGS); \
		.venv-$$v/bin/python benchmarks/bench_builtins.py $(BENCH_ARGS); \
		.venv-$$v/bin/python benchmarks/bench_concurrent.py $(BENCH_ARGS); \
	done

bench-callgrind: ## instructions per item under valgrind (stable on noisy machines), 3.11 and 3.13
	@set -e; for py in $$(scripts/pythons.sh); do \
		v=$$($$py -c '$(VERSION_OF)'); \
		case $$v in 3.11|3.13) ;; *) continue ;; esac; \
		$(MAKE) --no-print-directory build-dev PYTHON=$$py VENV=.venv-$$v; \
		.venv-$$v/bin/python benchmarks/callgrind_anext.py; \
		.venv-$$v/bin/python benchmarks/bench_builtins.py --callgrind $(BENCH_ARGS); \
	done

mutants: $(VENV)/.dev ## mutation testing of src/ (cargo-mutants' mutants, the Python suite as judge; hours): scripts/mutants/run.py
	command -v cargo-mutants >/dev/null || cargo install --locked cargo-mutants
	$(BIN)/python scripts/mutants/run.py $(MUTANTS_ARGS)

lint: $(VENV)/.dev ## rustfmt, clippy -D warnings, ruff
	rustfmt --edition 2021 --check $(RUST_SOURCES)
	cargo clippy --all-targets -- -D warnings
	$(BIN)/ruff check python tests examples benchmarks typetests scripts docs/conf.py
	$(BIN)/ruff format --check python tests examples benchmarks typetests scripts docs/conf.py

fmt: $(VENV)/.dev ## format Rust and Python sources
	rustfmt --edition 2021 $(RUST_SOURCES)
	$(BIN)/ruff format python tests examples benchmarks typetests scripts docs/conf.py
	$(BIN)/ruff check --fix python tests examples benchmarks typetests scripts docs/conf.py

clean: ## remove build outputs and virtual environments
	rm -rf target .venv .venv-* dist
