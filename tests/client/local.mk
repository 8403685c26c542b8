# SPDX-License-Identifier: BSD-2-Clause
# libsmmu against a fake smmuman: the frames each call sends, errno from
# replies, EVENT frames, a daemon that closes, stalls or lies.
check_PROGRAMS += tests/client/test_libsmmu
tests_client_test_libsmmu_SOURCES = tests/client/test_libsmmu.c tests/client/fake_server.c \
	tests/client/fake_server.h tests/proto/hex.h
tests_client_test_libsmmu_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/client
tests_client_test_libsmmu_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) -pthread
tests_client_test_libsmmu_LDADD = client/libsmmu.a $(CUNIT_LIBS) -lpthread
TESTS += tests/client/test_libsmmu
