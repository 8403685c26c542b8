# SPDX-License-Identifier: BSD-2-Clause
# smmuman on the simulated unit: probes, every Design Safe State, and the
# differential test against smmucc --query.
# life cycle: blob copy, start-up bound, signals, faults, restart, names
check_PROGRAMS += tests/runtime/test_daemon
# the monitor's pass (boot_drv.c) runs here on a simulated unit, with the log
tests_runtime_test_daemon_SOURCES = tests/runtime/test_daemon.c runtime/boot_drv.c runtime/log.c
tests_runtime_test_daemon_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_runtime_test_daemon_LDADD = runtime/libsmmurt.a $(FDT_LIBS) $(CUNIT_LIBS)
TESTS += tests/runtime/test_daemon tests/runtime/lifecycle.sh tests/runtime/names.sh
EXTRA_DIST += tests/runtime/lifecycle.sh tests/runtime/names.sh
TESTS += tests/runtime/probes.sh tests/runtime/dss.sh tests/runtime/differential.sh \
	tests/runtime/rmrr.sh
TESTS += tests/runtime/firmware.sh
EXTRA_DIST += tests/runtime/firmware.sh
EXTRA_DIST += tests/runtime/probes.sh tests/runtime/dss.sh tests/runtime/differential.sh \
	tests/runtime/randpolicy.py tests/runtime/myx86.dts tests/runtime/probes.expected \
	tests/runtime/rmrr.sh tests/runtime/mkdmar.py

clean-local: clean-runtime-tests
clean-runtime-tests:
	rm -rf tests/runtime/diff tests/runtime/dss tests/runtime/probes tests/runtime/rmrr \
		tests/runtime/lifecycle tests/runtime/names tests/runtime/firmware \
		tests/runtime/tables-proof
.PHONY: clean-runtime-tests
TESTS += tests/runtime/tables-proof.sh
EXTRA_DIST += tests/runtime/tables-proof.sh
