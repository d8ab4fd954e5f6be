# reportlint — build, run, test. `make run` and `make test` set up everything they need on a fresh machine.
SHELL := /bin/bash
PREFIX ?= /usr/local
SWIFT ?= swift
APT_PACKAGES := libxml2-dev libxlsxwriter-dev libsqlite3-dev pkg-config libtcmalloc-minimal4
# gperftools' thread-caching malloc for the release binary (see `build`). Looked up when `build` runs, after `deps`
# may have installed it; without it the binary uses glibc's malloc.
TCMALLOC_SO = $(shell ls /usr/lib/*/libtcmalloc_minimal.so.4 /usr/lib64/libtcmalloc_minimal.so.4 2>/dev/null | head -1)
MALLOC_LIB ?= $(TCMALLOC_SO)
BIN_RELEASE := .build/release/reportlint

.PHONY: all deps build build-debug run test install uninstall bench clean embed-rules fuzz test-sanitize test-asan test-tsan

all: build

# Install system libraries when missing (as root via apt-get; otherwise print the command to run).
deps:
	@missing=""; \
	pkg-config --exists libxml-2.0 sqlite3 2>/dev/null || missing="$(APT_PACKAGES)"; \
	{ pkg-config --exists xlsxwriter 2>/dev/null || [ -f /usr/include/xlsxwriter.h ]; } || missing="$(APT_PACKAGES)"; \
	optional=""; \
	[ -n "$(TCMALLOC_SO)" ] || optional=libtcmalloc-minimal4; \
	if [ -z "$$missing" ] && [ -n "$$optional" ]; then \
	  if [ "$$(id -u)" = "0" ]; then missing="$$optional"; \
	  else echo "make deps: note: without libtcmalloc-minimal4 the release build uses glibc's malloc (slower; sudo apt-get install libtcmalloc-minimal4)" >&2; fi; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "make deps: installing $$missing"; \
	    (apt-get install -y --no-install-recommends $$missing >/dev/null 2>&1 || \
	     (apt-get update >/dev/null && apt-get install -y --no-install-recommends $$missing >/dev/null)) || \
	     { echo "make deps: apt-get install $$missing failed" >&2; exit 1; }; \
	  else \
	    echo "make deps: missing system packages; run: sudo apt-get install -y $$missing" >&2; exit 1; \
	  fi; \
	fi
	@# The SARIF output test validates against the official schema with Python's jsonschema.
	@python3 -c 'import jsonschema, yaml' 2>/dev/null || \
	  python3 -m pip install --quiet jsonschema pyyaml 2>/dev/null || \
	  python3 -m pip install --quiet --user --break-system-packages jsonschema pyyaml || \
	  { echo "make deps: could not install jsonschema; run: pip install jsonschema (or apt-get install python3-jsonschema)" >&2; exit 1; }

# The built-in rule packs are compiled into the binary so `reportlint` works from any directory.
embed-rules:
	@python3 scripts/embed_rules.py

# The Swift runtime and Foundation are linked statically: the installed binary runs on machines without a Swift
# toolchain (it needs only libxml2, libsqlite3, libxlsxwriter and libtcmalloc-minimal4), and each run starts ~10 ms
# sooner (no dynamic relocation of the Swift libraries) — a CI gate runs it once per draft.
# malloc is gperftools' tcmalloc (linked ahead of libc, so libxml2 and SQLite use it too): a check makes ~500 small
# allocations per report on two or more threads, and glibc's malloc/free were about a tenth of a batch's time
# (docs/scale.md). `make build MALLOC_LIB=` builds with glibc's malloc.
build: deps embed-rules
	$(SWIFT) build -c release --product reportlint --static-swift-stdlib $(if $(MALLOC_LIB),-Xlinker $(MALLOC_LIB))

build-debug: deps embed-rules
	$(SWIFT) build

run: build
	@$(BIN_RELEASE) check Samples --fail-on never

test: deps embed-rules
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN_RELEASE) $(DESTDIR)$(PREFIX)/bin/reportlint

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/reportlint

bench: build
	@bash scripts/bench.sh

# libFuzzer targets in Fuzz/ (ASan + fuzzer instrumentation, own scratch path), each run FUZZ_SECONDS (default 60)
# from a seed corpus built from Samples/ and Rules/. Findings land in fuzz-out/<target>/artifacts/ (docs/security.md).
FUZZ_SECONDS ?= 60
fuzz: deps embed-rules
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh $(FUZZ_TARGETS)

# The test suite under AddressSanitizer, then ThreadSanitizer (the batch runner is concurrent), each in its own
# scratch path so the normal build is untouched. TSan runs the suites that exercise threads and the pipeline.
SANITIZE_TSAN_FILTER ?= SecurityTests|ReportNormalizerTests|RuleEngineTests|ReportChecklistTests|BatchRunnerTests|StatPrefetchTests
test-sanitize: test-asan test-tsan

test-asan: deps embed-rules
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=$${ASAN_OPTIONS:-detect_leaks=0} $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

test-tsan: deps embed-rules
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS=$${TSAN_OPTIONS:-halt_on_error=1} $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan \
	  --filter '$(SANITIZE_TSAN_FILTER)'

clean:
	rm -rf .build
