# SPDX-License-Identifier: BSD-2-Clause
# smmuman on the simulated unit: probes, every Design Safe State, and the
# differential test against smmucc --query.
# life cycle: blob copy, start-up bound, signals, faults, restart, names
check_PROGRAMS += tests/daemon/test_daemon
# the monitor's pass (boot_drv.c) runs here on a simulated unit, with the log
tests_daemon_test_daemon_SOURCES = tests/daemon/test_daemon.c $(SMMUMAN_CORE_SOURCES)
tests_daemon_test_daemon_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_daemon_test_daemon_LDADD = runtime/libsmmurt.a $(FDT_LIBS) $(CUNIT_LIBS)
TESTS += tests/daemon/test_daemon tests/daemon/lifecycle.sh tests/daemon/names.sh
EXTRA_DIST += tests/daemon/lifecycle.sh tests/daemon/names.sh
TESTS += tests/daemon/probes.sh tests/daemon/dss.sh tests/daemon/differential.sh \
	tests/daemon/rmrr.sh
TESTS += tests/daemon/firmware.sh tests/daemon/arch.sh
EXTRA_DIST += tests/daemon/firmware.sh tests/daemon/arch.sh
EXTRA_DIST += tests/daemon/probes.sh tests/daemon/dss.sh tests/daemon/differential.sh \
	tests/daemon/randpolicy.py tests/daemon/myx86.dts tests/daemon/myx86-labels.dts tests/daemon/probes.expected \
	tests/daemon/rmrr.sh tests/daemon/mkdmar.py

clean-local: clean-runtime-tests
clean-runtime-tests:
	rm -rf tests/daemon/clients tests/daemon/clients-random tests/daemon/diff tests/daemon/dss tests/daemon/probes tests/daemon/rmrr \
		tests/daemon/lifecycle tests/daemon/names tests/daemon/firmware tests/daemon/arch \
		tests/daemon/tables-proof tests/daemon/caps
.PHONY: clean-runtime-tests
TESTS += tests/daemon/tables-proof.sh
EXTRA_DIST += tests/daemon/tables-proof.sh
# each capability mismatch rebuilds and answers as smmucc --query
TESTS += tests/daemon/caps.sh
EXTRA_DIST += tests/daemon/caps.sh
# libsmmu's clients against smmuman in the foreground on the simulated unit:
# the seeds' sequences, and a seeded random sequence checked against a model
check_PROGRAMS += tests/daemon/smmu_client
tests_daemon_smmu_client_SOURCES = tests/daemon/smmu_client.c
tests_daemon_smmu_client_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/client
tests_daemon_smmu_client_LDADD = client/libsmmu.a -lpthread
TESTS += tests/daemon/clients.sh tests/daemon/clients-random.sh
EXTRA_DIST += tests/daemon/clients.sh tests/daemon/clients-random.sh tests/daemon/clients.py
