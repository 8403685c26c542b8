# SPDX-License-Identifier: BSD-2-Clause
# CUnit suites of the front end: numbers, scanner/parser, sema and
# per-type parameters, asinfo maps. They link the real libsmmucc.a.
unit_tests = tests/front/test_number tests/front/test_parse tests/front/test_sema \
	tests/front/test_asinfo tests/front/test_limits
check_PROGRAMS += $(unit_tests)
TESTS += $(unit_tests)

unit_cflags = $(AM_CFLAGS) $(CUNIT_CFLAGS)
unit_ldadd = compiler/libsmmucc.a runtime/libsmmurt.a $(CUNIT_LIBS) $(YAML_LIBS) $(FDT_LIBS)

tests_front_test_number_SOURCES = tests/front/test_number.c
tests_front_test_number_CFLAGS = $(unit_cflags)
tests_front_test_number_LDADD = $(unit_ldadd)
tests_front_test_parse_SOURCES = tests/front/test_parse.c tests/front/fixture.h
tests_front_test_parse_CFLAGS = $(unit_cflags)
tests_front_test_parse_LDADD = $(unit_ldadd)
tests_front_test_sema_SOURCES = tests/front/test_sema.c tests/front/fixture.h
tests_front_test_sema_CFLAGS = $(unit_cflags)
tests_front_test_sema_LDADD = $(unit_ldadd)
tests_front_test_asinfo_SOURCES = tests/front/test_asinfo.c tests/front/fixture.h
tests_front_test_asinfo_CFLAGS = $(unit_cflags)
tests_front_test_asinfo_LDADD = $(unit_ldadd)
tests_front_test_limits_SOURCES = tests/front/test_limits.c tests/front/fixture.h
tests_front_test_limits_CFLAGS = $(unit_cflags)
tests_front_test_limits_LDADD = $(unit_ldadd)

EXTRA_DIST += tests/front/data

# smmucc --board: the device tree's units and StreamIDs, end to end
# (board-debian.sh: Debian's trees in SMMU_ARM64_DTBS, else skipped)
TESTS += tests/front/board.sh tests/front/board-debian.sh
EXTRA_DIST += tests/front/board.sh tests/front/board-debian.sh
# every tree of Debian's arm64 kernel as --asinfo (SMMU_ARM64_DTBS_ALL, else skipped)
TESTS += tests/front/asinfo-debian.sh
EXTRA_DIST += tests/front/asinfo-debian.sh
# schemas/asinfo.schema.yaml and the YAML reader agree on numbers
TESTS += tests/front/asinfo-schema.sh
EXTRA_DIST += tests/front/asinfo-schema.sh
# files the suites write while they run
clean-local: clean-unit-tmp
clean-unit-tmp:
	-rm -rf tests/front/depth.tmp tests/front/asinfo.tmp tests/front/limits.tmp \
		tests/front/board tests/front/board-debian tests/front/asinfo-debian \
		tests/front/asinfo-schema
.PHONY: clean-unit-tmp
