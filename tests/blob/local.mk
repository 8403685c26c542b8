# SPDX-License-Identifier: BSD-2-Clause
# The blob reader, builder and writers: CUnit suites over a hand-built
# policy, and a shell test of the decompiler, JSON and C writers.
check_PROGRAMS += tests/blob/test_blob tests/blob/blobtool
TESTS += tests/blob/test_blob tests/blob/outputs.sh
tests_blob_test_blob_SOURCES = tests/blob/test_main.c tests/blob/tests.h \
	tests/blob/testblob.c tests/blob/testblob.h tests/blob/oracle.c tests/blob/oracle.h \
	tests/blob/test_reader.c tests/blob/test_negative.c tests/blob/test_flip.c \
	tests/blob/test_write.c
tests_blob_test_blob_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_blob_test_blob_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a $(CUNIT_LIBS)
tests_blob_blobtool_SOURCES = tests/blob/blobtool.c tests/blob/testblob.c tests/blob/testblob.h
tests_blob_blobtool_LDADD = compiler/libsmmucc.a runtime/libsmmurt.a
EXTRA_DIST += tests/blob/outputs.sh tests/blob/data/policy.smmu \
	tests/blob/data/policy.expected.smmu tests/blob/data/policy.expected.json
