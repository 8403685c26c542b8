# SPDX-License-Identifier: BSD-2-Clause
# 'make bench': the compile benchmark (smmucc against dtc) and the boot-path
# benchmark (bootbench on the simulated VT-d unit). Never part of 'make check'.
EXTRA_PROGRAMS += tests/bench/bootbench
tests_bench_bootbench_SOURCES = tests/bench/bootbench.c tests/bench/bench_bound.c tests/vtd/fixture.c \
	tests/bench/bench_bound.h tests/bench/bootbench.h tests/bench/bootbench_arch.c
tests_bench_bootbench_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS)
CLEANFILES += tests/bench/bootbench$(EXEEXT)
EXTRA_DIST += tests/bench/gen_policy.py tests/bench/bench-compile.sh tests/bench/bench-boot.sh

BENCH_TARGETS += bench-compile bench-boot
.PHONY: bench-compile bench-boot clean-bench-policy
bench-compile: compiler/smmucc$(EXEEXT) tests/bench/rusage$(EXEEXT)
	SMMUCC=$(abs_top_builddir)/compiler/smmucc RUSAGE=$(abs_top_builddir)/tests/bench/rusage \
	PYTHON3='$(PYTHON3)' DTC='$(DTC)' GEN=$(abs_top_srcdir)/tests/bench/gen_policy.py \
	BENCH_DIR=$(abs_top_builddir)/tests/bench/policy-data \
	$(SHELL) $(abs_top_srcdir)/tests/bench/bench-compile.sh

bench-boot: tests/bench/bootbench$(EXEEXT)
	BOOTBENCH=$(abs_top_builddir)/tests/bench/bootbench \
	BENCH_DIR=$(abs_top_builddir)/tests/bench/policy-data \
	$(SHELL) $(abs_top_srcdir)/tests/bench/bench-boot.sh

# SMMUv3 stage 2 and stage 1 beside VT-d, in a few minutes (bench-smmuv3.sh)
EXTRA_DIST += tests/bench/bench-smmuv3.sh
BENCH_TARGETS += bench-smmuv3
.PHONY: bench-smmuv3
bench-smmuv3: tests/bench/bootbench$(EXEEXT) compiler/smmucc$(EXEEXT) tests/bench/rusage$(EXEEXT) \
		runtime/smmuman$(EXEEXT)
	BOOTBENCH=$(abs_top_builddir)/tests/bench/bootbench \
	SMMUCC=$(abs_top_builddir)/compiler/smmucc RUSAGE=$(abs_top_builddir)/tests/bench/rusage \
	SMMUMAN=$(abs_top_builddir)/runtime/smmuman \
	PYTHON3='$(PYTHON3)' DTC='$(DTC)' GEN=$(abs_top_srcdir)/tests/bench/gen_policy.py \
	BENCH_DIR=$(abs_top_builddir)/tests/bench/policy-data \
	$(SHELL) $(abs_top_srcdir)/tests/bench/bench-smmuv3.sh

clean-local: clean-bench-policy
clean-bench-policy:
	rm -rf tests/bench/policy-data
