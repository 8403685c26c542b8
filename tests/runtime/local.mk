# SPDX-License-Identifier: BSD-2-Clause
# smmuman on the simulated unit: probes, every Design Safe State, and the
# differential test against smmucc --query.
TESTS += tests/runtime/probes.sh tests/runtime/dss.sh tests/runtime/differential.sh \
	tests/runtime/rmrr.sh
EXTRA_DIST += tests/runtime/probes.sh tests/runtime/dss.sh tests/runtime/differential.sh \
	tests/runtime/randpolicy.py tests/runtime/myx86.dts tests/runtime/probes.expected \
	tests/runtime/rmrr.sh tests/runtime/mkdmar.py

clean-local: clean-runtime-tests
clean-runtime-tests:
	rm -rf tests/runtime/diff tests/runtime/dss tests/runtime/probes tests/runtime/rmrr
.PHONY: clean-runtime-tests
