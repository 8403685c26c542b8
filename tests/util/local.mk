# SPDX-License-Identifier: BSD-2-Clause
# the reader of firmware files: slow pipes, the size bound, EINTR
check_PROGRAMS += tests/util/test_readall
tests_util_test_readall_SOURCES = tests/util/test_readall.c
tests_util_test_readall_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_util_test_readall_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
TESTS += tests/util/test_readall

# a device tree read to the end of its used blocks (QEMU's 1 MiB /sys/firmware/fdt)
check_PROGRAMS += tests/util/test_readfdt
tests_util_test_readfdt_SOURCES = tests/util/test_readfdt.c
tests_util_test_readfdt_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_util_test_readfdt_LDADD = runtime/libsmmurt.a $(FDT_LIBS) $(CUNIT_LIBS)
TESTS += tests/util/test_readfdt
