# SPDX-License-Identifier: BSD-2-Clause
# Test fragments, one per area; each area owns its own. A module's tests sit
# at the path of its folder: runtime/vtd -> tests/vtd, compiler/front ->
# tests/front. policy/ tests the whole pipeline, e2e/ runs it on QEMU.
include tests/front/local.mk
include tests/checks/local.mk
include tests/blob/local.mk
include tests/util/local.mk
include tests/iommu/local.mk
include tests/vtd/local.mk
include tests/smmuv3/local.mk
include tests/daemon/local.mk
include tests/proto/local.mk
include tests/client/local.mk
include tests/policy/local.mk
include tests/e2e/local.mk
include tests/fuzz/local.mk
include tests/bench/local.mk

bench-local: $(BENCH_TARGETS)
fuzz-local: $(FUZZ_TARGETS)
EXTRA_DIST += tests/cu_run.h tests/deps.sh tests/run-all.sh
