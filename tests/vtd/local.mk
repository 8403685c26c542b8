# SPDX-License-Identifier: BSD-2-Clause
# VT-d tables, walker, software unit and driver: CUnit suites.
VTD_TESTS = tests/vtd/test_pt tests/vtd/test_verify tests/vtd/test_sim tests/vtd/test_drv \
	tests/vtd/test_blob tests/vtd/test_bootcheck tests/vtd/test_live
check_PROGRAMS += $(VTD_TESTS) tests/vtd/tabtool
TESTS += $(VTD_TESTS)
EXTRA_DIST += tests/vtd/simtest.h

tests_vtd_test_pt_SOURCES = tests/vtd/test_pt.c
tests_vtd_test_pt_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_pt_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)

tests_vtd_test_verify_SOURCES = tests/vtd/test_verify.c tests/vtd/randpol.c tests/vtd/randpol.h
tests_vtd_test_verify_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_verify_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)

tests_vtd_test_sim_SOURCES = tests/vtd/test_sim.c tests/vtd/simtest.h
tests_vtd_test_sim_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_sim_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)

tests_vtd_test_drv_SOURCES = tests/vtd/test_drv.c tests/vtd/simtest.h
tests_vtd_test_drv_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_drv_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)

# compiles its policy in-process, so it links the compiler as bootbench does
tests_vtd_test_blob_SOURCES = tests/vtd/test_blob.c tests/vtd/fixture.c tests/vtd/fixture.h \
	tests/vtd/tabedit.c tests/vtd/tabedit.h
tests_vtd_test_blob_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_blob_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS) \
	$(CUNIT_LIBS)

# the boot-time proof against crafted tables; tabtool crafts them for the shell tests
tests_vtd_test_bootcheck_SOURCES = tests/vtd/test_bootcheck.c tests/vtd/tabedit.c \
	tests/vtd/tabedit.h tests/vtd/randpol.c tests/vtd/randpol.h tests/vtd/fixture.c \
	tests/vtd/fixture.h
tests_vtd_test_bootcheck_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_bootcheck_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) \
	$(FDT_LIBS) $(CUNIT_LIBS)
# live updates on the model, booted from a policy compiled in process
tests_vtd_test_live_SOURCES = tests/vtd/test_live.c tests/vtd/test_live_rand.c \
	tests/vtd/test_live.h tests/vtd/fixture.c tests/vtd/fixture.h
tests_vtd_test_live_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_live_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(YAML_LIBS) $(FDT_LIBS) \
	$(CUNIT_LIBS)
tests_vtd_tabtool_SOURCES = tests/vtd/tabtool.c tests/vtd/tabedit.c tests/vtd/tabedit.h
tests_vtd_tabtool_LDADD = runtime/libsmmurt.a

# The ACPI DMAR table: parser suite, smmuman's reader, the /dev/mem access
# and the corpus replayed through the fuzz harness, all under the sanitizers.
check_PROGRAMS += tests/vtd/test_dmar tests/vtd/fuzz_dmar_run tests/vtd/test_vtd_hw
tests_vtd_test_dmar_SOURCES = tests/vtd/test_dmar.c tests/vtd/dmar_tb.h
tests_vtd_test_dmar_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_dmar_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
# smmuman's DMAR reader (runtime/vtd/vtd_firmware.c): units and RMRRs, sized by the table
check_PROGRAMS += tests/vtd/test_dmar_reader
tests_vtd_test_dmar_reader_SOURCES = tests/vtd/test_dmar_reader.c tests/vtd/dmar_tb.h
tests_vtd_test_dmar_reader_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_dmar_reader_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
TESTS += tests/vtd/test_dmar_reader
tests_vtd_test_vtd_hw_SOURCES = tests/vtd/test_vtd_hw.c
tests_vtd_test_vtd_hw_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_vtd_test_vtd_hw_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
tests_vtd_fuzz_dmar_run_SOURCES = tests/vtd/fuzz_dmar.c
tests_vtd_fuzz_dmar_run_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_STANDALONE
tests_vtd_fuzz_dmar_run_LDADD = runtime/libsmmurt.a

TESTS += tests/vtd/test_dmar tests/vtd/test_vtd_hw tests/vtd/fuzz_dmar_run
EXTRA_DIST += tests/vtd/data/qemu-q35-dmar.bin \
	tests/vtd/data/fuzz-dmar/qemu-q35 tests/vtd/data/fuzz-dmar/two-units-rmrr \
	tests/vtd/data/fuzz-dmar/bridged-path tests/vtd/data/fuzz-dmar/qemu-like-include-all \
	tests/vtd/data/fuzz-dmar/zero-length tests/vtd/data/fuzz-dmar/nine-units \
	tests/vtd/data/fuzz-dmar/segment-1 tests/vtd/data/fuzz-dmar/600-scopes

# libFuzzer build of the DMAR harness ('make fuzz'); run it with e.g.
#   tests/vtd/fuzz-dmar -max_total_time=60 NEW-CORPUS-DIR $(srcdir)/tests/vtd/data/fuzz-dmar
tests/vtd/fuzz-dmar: $(srcdir)/tests/vtd/fuzz_dmar.c $(srcdir)/runtime/vtd/dmar.c \
		$(srcdir)/runtime/vtd/dmar.h
	@test -n "$(CLANG)" || { echo "fuzz-dmar: clang not found (apt-get install clang)" >&2; \
		exit 1; }
	@$(MKDIR_P) tests/vtd
	$(AM_V_CCLD)$(CLANG) -std=c11 -D_DEFAULT_SOURCE -g -O1 \
		-fsanitize=fuzzer,address,undefined -I$(srcdir)/runtime -o $@ \
		$(srcdir)/tests/vtd/fuzz_dmar.c $(srcdir)/runtime/vtd/dmar.c
# A prerequisite of fuzz-local directly: FUZZ_TARGETS has no '=' definition
# before this fragment, so '+=' here would be an automake error.
fuzz-local: tests/vtd/fuzz-dmar
CLEANFILES += tests/vtd/fuzz-dmar
