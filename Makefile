# impuls — the two commands a newcomer needs: `make demo` and `make test`.
# HiGHS is compiled from source by highs-sys (cmake, g++, libclang for bindgen); `deps`
# installs what is missing with apt-get when run as root, else prints the one line to run.
# bindgen loads libclang itself (libclang.so / libclang-N.so); libclang-cpp, which some
# machines carry without it, does not count.

CARGO ?= cargo
BIN := target/release/impuls
export IMPULS_BENCH_DIR ?= $(abspath ../shared/benchmarks)
# The Python package (python/): a virtualenv in target/ with the pinned build and test tools.
PYTHON ?= python3
VENV := target/python-venv
VENV_PY := $(VENV)/bin/python
WHEELS := target/wheels

.PHONY: all deps test-deps build demo test fuzz python-wheel test-python bench-orlib bench-mclp bench-tsplib bench clean

all: build

deps:
	@missing=""; \
	command -v cmake >/dev/null 2>&1 || missing="$$missing cmake"; \
	command -v g++ >/dev/null 2>&1 || missing="$$missing g++"; \
	ls /usr/lib/llvm-*/lib/libclang.so* /usr/lib/*/libclang-[0-9]*.so* 2>/dev/null | grep -q . || missing="$$missing libclang-dev"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing system packages; run:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# The report test renders the planner page in headless Chromium (Debian package `chromium`).
test-deps: deps
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing: chromium (for the report screenshot test)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "missing chromium for the report test; run:  sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi

build: deps
	$(CARGO) build --release

# The main job: Pareto-optimal proposals for the shared Oberzentrum Halberstadt–Quedlinburg–
# Wernigerode (the complete front of three objectives, 531 points, and the same front with the
# 2035 population: which proposals stay Pareto-optimal), compared with the status quo in
# out/harz/report.html; plus one verified p-median on the demo instance.
demo: build
	$(BIN) pareto instances/harz --objectives access,balance,change --scenario 2035 -o out/harz
	$(BIN) solve instances/demo/demo.json --model pmedian -p 3 --out out/demo-result.json --geojson out/demo.geojson
	@echo "open out/harz/report.html in a browser; files in out/harz/ and out/demo-*"

# Everything runs in the release profile: one HiGHS build serves the demo, tests and benches.
# Test functions run one at a time (RUST_TEST_THREADS=1): HiGHS keeps a process-wide task
# scheduler, and only the library's own pattern (one model per rayon thread, threads=1) is
# known to be safe when models run side by side.
test: test-deps
	RUST_TEST_THREADS=1 $(CARGO) test --release
	$(MAKE) --no-print-directory test-python

# The virtualenv, made again when the pins change. Debian's own python3 needs python3-venv.
$(VENV)/.pinned: python/requirements-test.txt
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing: python3-venv"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  else \
	    echo "missing the venv module; run:  sudo apt-get install -y python3-venv"; exit 1; \
	  fi; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install -q --disable-pip-version-check -r python/requirements-test.txt
	touch $@

# The extension module is built by maturin in the workspace's target/ (release profile), so the
# HiGHS that `cargo build --release` compiled is linked again, not compiled again.
python-wheel: deps $(VENV)/.pinned
	rm -f $(WHEELS)/impuls-*.whl
	$(VENV)/bin/maturin build --release --quiet -m python/Cargo.toml -i $(VENV_PY) -o $(WHEELS)
	$(VENV_PY) -m pip install -q --disable-pip-version-check --force-reinstall --no-deps $(WHEELS)/impuls-*.whl

# The Python tests compare with the CLI's output: target/release/impuls as `cargo test` builds it
# (a no-op after `cargo test`; `cargo build` would compile another feature set of the crate).
test-python: python-wheel
	$(CARGO) test --release --no-run --quiet
	PYTHONDONTWRITEBYTECODE=1 $(VENV)/bin/pytest -q -p no:cacheprovider python/tests

# Mutation fuzzing of every reader (tests/fuzz/, docs/instance-format.md "Fuzzing"): FUZZ_MUTANTS
# mutants per reader (default 10000; 11 readers, 110 000 mutants, about a minute), FUZZ_SEED.
# Fails on a panic, an input over the 2 s budget, a single allocation over 64 MB, or a refusal
# that is not one line naming the file; failing inputs are kept in target/tmp/fuzz/failures/.
fuzz: deps
	RUST_TEST_THREADS=1 $(CARGO) test --release --test fuzz_readers -- --ignored --nocapture fuzz_every_reader

bench-orlib: build
	$(BIN) bench orlib $(IMPULS_BENCH_DIR)/orlib-pmed

bench-mclp: build
	$(BIN) bench mclp $(IMPULS_BENCH_DIR)/mclp

# The TSPLIB targets of the p-median literature at 60 s per row (46 rows, about 8 minutes; rows that
# stop at the limit make it exit 1 — see the README's TSPLIB table for which ones).
bench-tsplib: build
	$(BIN) bench tsplib $(IMPULS_BENCH_DIR)/tsplib --only rl1304,fl1400,u1432,vm1748,pcb3038 --time-limit 60

bench: deps
	$(CARGO) bench

clean:
	$(CARGO) clean
