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

# the shared library as built: soname, exported symbols, members, a client of it
check_PROGRAMS += tests/client/dynlink
tests_client_dynlink_SOURCES = tests/client/dynlink.c
tests_client_dynlink_CPPFLAGS = -I$(top_srcdir)/client
tests_client_dynlink_CFLAGS = $(AM_CFLAGS) -Wpedantic
tests_client_dynlink_LDADD = client/libsmmu.so.1
tests_client_dynlink_LDFLAGS = $(AM_LDFLAGS) -Wl,-rpath,'$(abs_top_builddir)/client'
tests_client_dynlink_DEPENDENCIES = client/libsmmu.so.1
TESTS += tests/client/shlib.sh
EXTRA_DIST += tests/client/shlib.sh
