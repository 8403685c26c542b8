# SPDX-License-Identifier: BSD-2-Clause
# 'make bench': the front-end benchmark (never part of 'make check').
EXTRA_PROGRAMS += tests/bench/rusage
tests_bench_rusage_SOURCES = tests/bench/rusage.c
CLEANFILES += tests/bench/rusage$(EXEEXT)
EXTRA_DIST += tests/bench/gen.py tests/bench/bench-frontend.sh

BENCH_TARGETS += bench-frontend
.PHONY: bench-frontend
bench-frontend: compiler/smmucc$(EXEEXT) tests/bench/rusage$(EXEEXT)
	SMMUCC=$(abs_top_builddir)/compiler/smmucc RUSAGE=$(abs_top_builddir)/tests/bench/rusage \
	PYTHON3='$(PYTHON3)' GEN=$(abs_top_srcdir)/tests/bench/gen.py \
	BENCH_DIR=$(abs_top_builddir)/tests/bench/data \
	$(SHELL) $(abs_top_srcdir)/tests/bench/bench-frontend.sh

clean-local: clean-bench-frontend
.PHONY: clean-bench-frontend
clean-bench-frontend:
	rm -rf tests/bench/data
include tests/bench/policy.mk

# 'make bench-limits': inputs that grew quadratically or exponentially before
# the limits of smmu(5), at two sizes each.
EXTRA_DIST += tests/bench/bench-limits.sh tests/bench/gen_dtb.py
BENCH_TARGETS += bench-limits
.PHONY: bench-limits clean-bench-limits
bench-limits: compiler/smmucc$(EXEEXT) tests/bench/rusage$(EXEEXT)
	SMMUCC=$(abs_top_builddir)/compiler/smmucc RUSAGE=$(abs_top_builddir)/tests/bench/rusage \
	BENCH_DIR=$(abs_top_builddir)/tests/bench/limits \
	$(SHELL) $(abs_top_srcdir)/tests/bench/bench-limits.sh
clean-local: clean-bench-limits
clean-bench-limits:
	rm -rf tests/bench/limits

# 'make bench-live-vtd': a VT-d live map and unmap on the simulated unit,
# the architecture's floor under smmuman's client round trip.
EXTRA_PROGRAMS += tests/bench/livebench
tests_bench_livebench_SOURCES = tests/bench/livebench.c
tests_bench_livebench_LDADD = runtime/libsmmurt.a $(FDT_LIBS)
CLEANFILES += tests/bench/livebench$(EXEEXT)
BENCH_TARGETS += bench-live-vtd
.PHONY: bench-live-vtd
bench-live-vtd: tests/bench/livebench$(EXEEXT)
	tests/bench/livebench$(EXEEXT)
