# SPDX-License-Identifier: BSD-2-Clause
# VT-d tables, walker, software unit and driver: CUnit suites.
VTD_TESTS = tests/vtd/test_pt tests/vtd/test_verify tests/vtd/test_sim tests/vtd/test_drv \
	tests/vtd/test_blob tests/vtd/test_bootcheck
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
tests_vtd_tabtool_SOURCES = tests/vtd/tabtool.c tests/vtd/tabedit.c tests/vtd/tabedit.h
tests_vtd_tabtool_LDADD = runtime/libsmmurt.a
