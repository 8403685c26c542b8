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

# 'make bench-client': libsmmu's round trips (map+unmap of a page against two
# empty round trips; 1,000 pages in one call) on the simulated unit.
EXTRA_PROGRAMS += tests/bench/clientbench
tests_bench_clientbench_SOURCES = tests/bench/clientbench.c
tests_bench_clientbench_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/client
tests_bench_clientbench_LDADD = client/libsmmu.a -lpthread
CLEANFILES += tests/bench/clientbench$(EXEEXT)
EXTRA_DIST += tests/bench/bench-client.sh tests/bench/samples.h
BENCH_TARGETS += bench-client
.PHONY: bench-client clean-bench-client
bench-client: compiler/smmucc$(EXEEXT) runtime/smmuman$(EXEEXT) tests/bench/clientbench$(EXEEXT)
	SMMUCC=$(abs_top_builddir)/compiler/smmucc SMMUMAN=$(abs_top_builddir)/runtime/smmuman \
	CLIENTBENCH=$(abs_top_builddir)/tests/bench/clientbench \
	BENCH_DIR=$(abs_top_builddir)/tests/bench/client \
	$(SHELL) $(abs_top_srcdir)/tests/bench/bench-client.sh
clean-local: clean-bench-client
clean-bench-client:
	rm -rf tests/bench/client

# 'make bench-live-smmuv3': the architecture's share of a client's map and
# unmap (SMMUv3 live updates on the model, both stages); the daemon's
# socket round trip comes on top.
EXTRA_PROGRAMS += tests/bench/livebench_smmuv3
tests_bench_livebench_smmuv3_SOURCES = tests/bench/livebench_smmuv3.c tests/vtd/fixture.c
tests_bench_livebench_smmuv3_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_bench_livebench_smmuv3_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS)
CLEANFILES += tests/bench/livebench_smmuv3$(EXEEXT)
BENCH_TARGETS += bench-live-smmuv3
.PHONY: bench-live-smmuv3
bench-live-smmuv3: tests/bench/livebench_smmuv3$(EXEEXT)
	cd tests/bench && ./livebench_smmuv3$(EXEEXT)

# 'make bench-live-vtd': a VT-d live map and unmap on the simulated unit,
# the architecture's floor under smmuman's client round trip.
EXTRA_PROGRAMS += tests/bench/livebench_vtd
tests_bench_livebench_vtd_SOURCES = tests/bench/livebench_vtd.c
tests_bench_livebench_vtd_LDADD = runtime/libsmmurt.a $(FDT_LIBS)
CLEANFILES += tests/bench/livebench_vtd$(EXEEXT)
BENCH_TARGETS += bench-live-vtd
.PHONY: bench-live-vtd
bench-live-vtd: tests/bench/livebench_vtd$(EXEEXT)
	tests/bench/livebench_vtd$(EXEEXT)
