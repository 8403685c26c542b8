# SPDX-License-Identifier: BSD-2-Clause
# the reader of firmware files: slow pipes, the size bound, EINTR
check_PROGRAMS += tests/util/test_readall
tests_util_test_readall_SOURCES = tests/util/test_readall.c
tests_util_test_readall_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_util_test_readall_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
TESTS += tests/util/test_readall
