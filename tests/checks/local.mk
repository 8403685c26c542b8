# SPDX-License-Identifier: BSD-2-Clause
# Diagnostics by check name (one case per check), golden text output, the
# command line, the samples, and the include direction between the stages.
CHECKS_TESTS = tests/checks/checks.sh tests/checks/golden.sh tests/checks/cli.sh \
	tests/checks/samples.sh tests/checks/limits.sh tests/checks/layering.sh
TESTS += $(CHECKS_TESTS)
EXTRA_DIST += $(CHECKS_TESTS) tests/checks/lib.sh tests/checks/cases tests/checks/golden-text

# diag.c and the check table on their own (CUnit).
check_PROGRAMS += tests/checks/test_diag
tests_checks_test_diag_SOURCES = tests/checks/test_diag.c
tests_checks_test_diag_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_checks_test_diag_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(CUNIT_LIBS) $(YAML_LIBS) $(FDT_LIBS)
TESTS += tests/checks/test_diag
