# SPDX-License-Identifier: BSD-2-Clause
# SMMUv3: builder, walker, proof, simulated unit, device-tree reader.
# builder tests
check_PROGRAMS += tests/smmuv3/test_pt
TESTS += tests/smmuv3/test_pt
tests_smmuv3_test_pt_SOURCES = tests/smmuv3/test_pt.c tests/smmuv3/pt_reloc.c \
	tests/smmuv3/pttest.h
tests_smmuv3_test_pt_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_pt_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
# walker tests
check_PROGRAMS += tests/smmuv3/test_walk
TESTS += tests/smmuv3/test_walk
tests_smmuv3_test_walk_SOURCES = tests/smmuv3/test_walk.c
tests_smmuv3_test_walk_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_walk_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
check_PROGRAMS += tests/smmuv3/test_verify
TESTS += tests/smmuv3/test_verify
tests_smmuv3_test_verify_SOURCES = tests/smmuv3/test_verify.c
tests_smmuv3_test_verify_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_verify_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
# sim tests
check_PROGRAMS += tests/smmuv3/test_sim tests/smmuv3/test_sim_cache
TESTS += tests/smmuv3/test_sim tests/smmuv3/test_sim_cache
tests_smmuv3_test_sim_SOURCES = tests/smmuv3/test_sim.c tests/smmuv3/simfix.h
tests_smmuv3_test_sim_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_sim_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
tests_smmuv3_test_sim_cache_SOURCES = tests/smmuv3/test_sim_cache.c tests/smmuv3/simfix.h
tests_smmuv3_test_sim_cache_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_sim_cache_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
# driver tests
check_PROGRAMS += tests/smmuv3/test_drv tests/smmuv3/test_drv_evtq
TESTS += tests/smmuv3/test_drv tests/smmuv3/test_drv_evtq
tests_smmuv3_test_drv_SOURCES = tests/smmuv3/test_drv.c tests/smmuv3/drvrig.h
tests_smmuv3_test_drv_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_drv_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
tests_smmuv3_test_drv_evtq_SOURCES = tests/smmuv3/test_drv_evtq.c tests/smmuv3/drvrig.h
tests_smmuv3_test_drv_evtq_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_drv_evtq_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
# randomized: the builder against the proof, and smmucc --query against
# smmuman --probe on the simulated unit (randpolicy.py --smmu armsmmuv3)
check_PROGRAMS += tests/smmuv3/test_tables_rand
TESTS += tests/smmuv3/test_tables_rand tests/smmuv3/differential.sh
tests_smmuv3_test_tables_rand_SOURCES = tests/smmuv3/test_tables_rand.c
tests_smmuv3_test_tables_rand_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_tables_rand_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
EXTRA_DIST += tests/smmuv3/differential.sh
clean-local: clean-smmuv3-diff
clean-smmuv3-diff:
	rm -rf tests/smmuv3/diff tests/smmuv3/boot tests/smmuv3/board-boot tests/smmuv3/tables
.PHONY: clean-smmuv3-diff
# device-tree tests
# The board's topology from a device tree: the reader's suite on synthetic and
# real trees, and the harness replaying the trees and the seeds under the sanitizers.
check_PROGRAMS += tests/smmuv3/test_fdt tests/smmuv3/test_fdt_trees tests/smmuv3/test_fdt_debian \
	tests/smmuv3/fuzz_fdt_run tests/smmuv3/test_fdt_props
TESTS += tests/smmuv3/test_fdt tests/smmuv3/test_fdt_trees tests/smmuv3/test_fdt_debian \
	tests/smmuv3/fuzz_fdt_run tests/smmuv3/test_fdt_props
tests_smmuv3_test_fdt_props_SOURCES = tests/smmuv3/test_fdt_props.c tests/smmuv3/fdt_tb.h
tests_smmuv3_test_fdt_props_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_fdt_props_LDADD = runtime/libsmmurt.a $(FDT_LIBS) $(CUNIT_LIBS)
tests_smmuv3_test_fdt_SOURCES = tests/smmuv3/test_fdt.c tests/smmuv3/fdt_tb.h
tests_smmuv3_test_fdt_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_fdt_LDADD = runtime/libsmmurt.a $(FDT_LIBS) $(CUNIT_LIBS)
tests_smmuv3_test_fdt_trees_SOURCES = tests/smmuv3/test_fdt_trees.c tests/smmuv3/fdt_tb.h
tests_smmuv3_test_fdt_trees_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_fdt_trees_LDADD = runtime/libsmmurt.a $(FDT_LIBS) $(CUNIT_LIBS)
tests_smmuv3_test_fdt_debian_SOURCES = tests/smmuv3/test_fdt_debian.c tests/smmuv3/fdt_tb.h
tests_smmuv3_test_fdt_debian_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_fdt_debian_LDADD = runtime/libsmmurt.a $(FDT_LIBS) $(CUNIT_LIBS)
tests_smmuv3_fuzz_fdt_run_SOURCES = tests/smmuv3/fuzz_fdt.c
tests_smmuv3_fuzz_fdt_run_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_STANDALONE
tests_smmuv3_fuzz_fdt_run_LDADD = runtime/libsmmurt.a $(FDT_LIBS)
# qemu-virt-smmuv3.dtb: qemu-system-aarch64 7.2 -machine virt,iommu=smmuv3 -cpu
# cortex-a57 -m 512 dumpdtb, packed by dtc. Debian's trees are fetched, not shipped
# (arm64-dtbs.sh; test_fdt_debian.c).
EXTRA_DIST += tests/smmuv3/data/qemu-virt-smmuv3.dtb tests/smmuv3/arm64-dtbs.sh \
	tests/smmuv3/data/seeds/masters.dts tests/smmuv3/data/seeds/two-units.dts \
	tests/smmuv3/data/fuzz-fdt/masters.dtb tests/smmuv3/data/fuzz-fdt/two-units.dtb
# a fuzzer's find: a version 2 tree whose root name has no '/' crashed libfdt
# 1.6.1's fdt_check_full; trees before version 16 are refused before it
EXTRA_DIST += tests/smmuv3/data/fuzz-fdt/v2-root-name.dtb

# libFuzzer build of the reader's harness ('make fuzz'); run it with e.g.
#   tests/smmuv3/fuzz-fdt -max_total_time=60 NEW-CORPUS-DIR $(srcdir)/tests/smmuv3/data
tests/smmuv3/fuzz-fdt: $(srcdir)/tests/smmuv3/fuzz_fdt.c $(srcdir)/runtime/smmuv3/smmuv3_fdt.c \
		$(srcdir)/runtime/smmuv3/smmuv3_fdt_query.c $(srcdir)/runtime/smmuv3/smmuv3_fdt.h
	@test -n "$(CLANG)" || { echo "fuzz-fdt: clang not found (apt-get install clang)" >&2; \
		exit 1; }
	@$(MKDIR_P) tests/smmuv3
	$(AM_V_CCLD)$(CLANG) -std=c11 -D_DEFAULT_SOURCE -g -O1 \
		-fsanitize=fuzzer,address,undefined -I$(srcdir)/runtime -o $@ \
		$(srcdir)/tests/smmuv3/fuzz_fdt.c $(srcdir)/runtime/smmuv3/smmuv3_fdt.c \
		$(srcdir)/runtime/smmuv3/smmuv3_fdt_query.c $(FDT_LIBS)
fuzz-local: tests/smmuv3/fuzz-fdt
CLEANFILES += tests/smmuv3/fuzz-fdt
# tables in the blob read back: proven, and refused when they differ
TESTS += tests/smmuv3/tables.sh tests/smmuv3/boot.sh tests/smmuv3/board-boot.sh
EXTRA_DIST += tests/smmuv3/tables.sh tests/smmuv3/boot.sh tests/smmuv3/board-boot.sh \
	tests/smmuv3/data/offset-map.dts
# the blob's tables through the boot's install on a simulated unit, walked
# at every grant's edges (fuzz_tables.c): the corpus replayed under the
# sanitizers; tests/smmuv3/fuzz-tables is the libFuzzer build ('make fuzz'):
#   tests/smmuv3/fuzz-tables -max_total_time=60 NEW-CORPUS-DIR $(srcdir)/tests/smmuv3/data/fuzz-tables
check_PROGRAMS += tests/smmuv3/fuzz_tables_run
TESTS += tests/smmuv3/tables-corpus.sh
tests_smmuv3_fuzz_tables_run_SOURCES = tests/smmuv3/fuzz_tables.c
tests_smmuv3_fuzz_tables_run_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_STANDALONE
tests_smmuv3_fuzz_tables_run_LDADD = runtime/libsmmurt.a $(FDT_LIBS)
EXTRA_DIST += tests/smmuv3/tables-corpus.sh tests/smmuv3/data/fuzz-tables/golden-s2 \
	tests/smmuv3/data/fuzz-tables/golden-s1
# its findings, fixed and replayed (NOTE says what each showed)
EXTRA_DIST += tests/smmuv3/data/fuzz-tables/NOTE \
	tests/smmuv3/data/fuzz-tables/s2-table-outside-pages \
	tests/smmuv3/data/fuzz-tables/s1-table-outside-pages \
	tests/smmuv3/data/fuzz-tables/s2-stranger-ste-outside-pages
FUZZ_S3TABLES_SRCS = $(filter %.c,$(addprefix $(srcdir)/,$(runtime_libsmmurt_a_SOURCES)))
tests/smmuv3/fuzz-tables: runtime/libsmmurt.a $(srcdir)/tests/smmuv3/fuzz_tables.c
	$(FUZZ_NEED_CLANG)
	@$(MKDIR_P) tests/smmuv3
	$(AM_V_CCLD)$(FUZZ_CC) -o $@ $(srcdir)/tests/smmuv3/fuzz_tables.c $(FUZZ_S3TABLES_SRCS) \
		$(FDT_LIBS)
fuzz-local: tests/smmuv3/fuzz-tables
CLEANFILES += tests/smmuv3/fuzz-tables
# through the architecture entry: install, enable, faults as the daemon gets them
check_PROGRAMS += tests/smmuv3/test_arch
TESTS += tests/smmuv3/test_arch
tests_smmuv3_test_arch_SOURCES = tests/smmuv3/test_arch.c tests/smmuv3/faultlog.h \
	tests/vtd/fixture.c tests/vtd/fixture.h
tests_smmuv3_test_arch_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_arch_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) \
	$(FDT_LIBS) $(CUNIT_LIBS)
# live updates for smmuman's clients (smmuv3_live.c), both stages, on the model
check_PROGRAMS += tests/smmuv3/test_live
TESTS += tests/smmuv3/test_live
tests_smmuv3_test_live_SOURCES = tests/smmuv3/test_live.c tests/smmuv3/livefix.h tests/smmuv3/faultlog.h \
	tests/vtd/fixture.c tests/vtd/fixture.h
tests_smmuv3_test_live_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_smmuv3_test_live_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) \
	$(FDT_LIBS) $(CUNIT_LIBS)
