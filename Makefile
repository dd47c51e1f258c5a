# ESC Assessor: the two commands a new machine needs are `make run` and `make check`.

BUILD ?= build
MESON_SETUP = meson setup --werror -Dbuildtype=debug -Ddevelopment=true
DEMO ?=

.PHONY: all deps setup build run check bench fuzz screenshots install clean

all: build

deps:
	@./build-aux/install-deps

$(BUILD)/build.ninja:
	$(MESON_SETUP) $(BUILD)

setup: deps $(BUILD)/build.ninja

build: setup
	meson compile -C $(BUILD)

run: build
	GSETTINGS_SCHEMA_DIR=$(CURDIR)/$(BUILD)/data ESC_DATA_DIR=$(CURDIR)/data \
	  ESC_DEMO_WORKSPACE=$(CURDIR)/$(BUILD)/data/demo/demo.esca \
	  ./$(BUILD)/src/gui/esc-assessor $(DEMO)

check: build
	./build-aux/run-tests $(BUILD)

# Benchmarks measure an optimised build of their own.
bench: deps
	test -f build-bench/build.ninja || meson setup --werror -Dbuildtype=release build-bench
	meson compile -C build-bench
	meson test -C build-bench --benchmark --verbose --num-processes 1

# A long libFuzzer run of every target (FUZZ_SECONDS each, default 600); see build-aux/run-fuzz.
fuzz: deps
	./build-aux/run-fuzz $(BUILD)-fuzz

screenshots: build
	./build-aux/screenshots-province $(BUILD)
	./build-aux/run-screenshots $(BUILD)

install: build
	meson install -C $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
