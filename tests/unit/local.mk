# SPDX-License-Identifier: BSD-2-Clause
# CUnit suites of the front end: numbers, scanner/parser, sema and
# per-type parameters, asinfo maps. They link the real libsmmucc.a.
unit_tests = tests/unit/test_number tests/unit/test_parse tests/unit/test_sema \
	tests/unit/test_asinfo tests/unit/test_limits
check_PROGRAMS += $(unit_tests)
TESTS += $(unit_tests)

unit_cflags = $(AM_CFLAGS) $(CUNIT_CFLAGS)
unit_ldadd = compiler/libsmmucc.a runtime/libsmmurt.a $(CUNIT_LIBS) $(YAML_LIBS) $(FDT_LIBS)

tests_unit_test_number_SOURCES = tests/unit/test_number.c
tests_unit_test_number_CFLAGS = $(unit_cflags)
tests_unit_test_number_LDADD = $(unit_ldadd)
tests_unit_test_parse_SOURCES = tests/unit/test_parse.c tests/unit/fixture.h
tests_unit_test_parse_CFLAGS = $(unit_cflags)
tests_unit_test_parse_LDADD = $(unit_ldadd)
tests_unit_test_sema_SOURCES = tests/unit/test_sema.c tests/unit/fixture.h
tests_unit_test_sema_CFLAGS = $(unit_cflags)
tests_unit_test_sema_LDADD = $(unit_ldadd)
tests_unit_test_asinfo_SOURCES = tests/unit/test_asinfo.c tests/unit/fixture.h
tests_unit_test_asinfo_CFLAGS = $(unit_cflags)
tests_unit_test_asinfo_LDADD = $(unit_ldadd)
tests_unit_test_limits_SOURCES = tests/unit/test_limits.c tests/unit/fixture.h
tests_unit_test_limits_CFLAGS = $(unit_cflags)
tests_unit_test_limits_LDADD = $(unit_ldadd)

EXTRA_DIST += tests/unit/data
# files the suites write while they run
clean-local: clean-unit-tmp
clean-unit-tmp:
	-rm -rf tests/unit/depth.tmp tests/unit/asinfo.tmp tests/unit/limits.tmp
.PHONY: clean-unit-tmp
