# SPDX-License-Identifier: BSD-2-Clause
# the client wire format: bytes of each op, every error, hostile frames
check_PROGRAMS += tests/proto/test_proto
tests_proto_test_proto_SOURCES = tests/proto/test_proto.c tests/proto/hex.h
tests_proto_test_proto_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_proto_test_proto_LDADD = runtime/libsmmurt.a $(CUNIT_LIBS)
TESTS += tests/proto/test_proto
