# SPDX-License-Identifier: BSD-2-Clause
# The configuration examples of the QNX smmuman documentation as real files;
# tests/checks/samples.sh checks every one of them.
SAMPLE_FILES = samples/myx86.smmu samples/myx86-asinfo.yaml samples/shared-two-names.smmu \
	samples/shared-one-name.smmu samples/shared-perms.smmu samples/vtd-ignore.smmu \
	samples/rcar-h3.smmu samples/notation.smmu samples/qemu-virt-smmuv3.smmu
dist_noinst_DATA += $(SAMPLE_FILES)
EXTRA_DIST += samples/quickstart.sh samples/shared-perms.probes samples/qemu-virt-smmuv3.probes
