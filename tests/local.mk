# SPDX-License-Identifier: BSD-2-Clause
# Test fragments, one per area; each area owns its own.
include tests/unit/local.mk
include tests/checks/local.mk
include tests/blob/local.mk
include tests/vtd/local.mk
include tests/e2e/local.mk
include tests/fuzz/local.mk
include tests/bench/local.mk

bench-local: $(BENCH_TARGETS)
fuzz-local: $(FUZZ_TARGETS)
include tests/policy/local.mk
include tests/runtime/local.mk
EXTRA_DIST += tests/cu_run.h tests/deps.sh tests/run-all.sh
