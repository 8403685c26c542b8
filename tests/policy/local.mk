# SPDX-License-Identifier: BSD-2-Clause
# Policies: golden blobs of every sample, round trips, outputs, --query.
TESTS += tests/policy/golden.sh tests/policy/query.sh tests/policy/verify.sh \
	tests/policy/linenames.sh
EXTRA_DIST += tests/policy/golden.sh tests/policy/query.sh tests/policy/verify.sh \
	tests/policy/linenames.sh tests/policy/lib.sh \
	tests/policy/query.expected \
	tests/policy/golden/myx86.smmub tests/policy/golden/notation.smmub tests/policy/golden/rcar-h3.smmub tests/policy/golden/shared-one-name.smmub tests/policy/golden/shared-perms.smmub tests/policy/golden/shared-two-names.smmub tests/policy/golden/vtd-ignore.smmub \
	tests/policy/golden/qemu-virt-smmuv3.smmub tests/policy/golden/qemu-virt-smmuv3-s1.smmub

clean-local: clean-policy-tests
clean-policy-tests:
	rm -rf tests/policy/out
.PHONY: clean-policy-tests
