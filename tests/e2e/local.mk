# SPDX-License-Identifier: BSD-2-Clause
# The QEMU end-to-end harness with its in-guest tools.

# In-guest tools: static, and never with the sanitizers (their runtimes do
# not link statically), so they compile the runtime sources they need here.
E2E_GUEST_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN_CFLAGS) -O2
check_PROGRAMS += tests/e2e/edudma tests/e2e/dmardump
tests_e2e_edudma_SOURCES = tests/e2e/edudma.c
tests_e2e_edudma_CFLAGS = $(E2E_GUEST_CFLAGS)
tests_e2e_edudma_LDFLAGS = -static
tests_e2e_dmardump_SOURCES = tests/e2e/dmardump.c runtime/vtd/dmar.c runtime/vtd/vtd_hw.c \
	runtime/iommu/devmem.c runtime/vtd/vtd_regs.h runtime/util/readall.c
tests_e2e_dmardump_CFLAGS = $(E2E_GUEST_CFLAGS)
tests_e2e_dmardump_LDFLAGS = -static

# The end-to-end test's guest side: smmuman itself (static, no sanitizers:
# the daemon and the whole runtime library compiled again), the unit reset
# between starts and the exec stamp for the boot-time figure.
check_PROGRAMS += tests/e2e/smmuman tests/e2e/vtdoff tests/e2e/monoexec
tests_e2e_smmuman_SOURCES = $(SMMUMAN_SOURCES) $(runtime_libsmmurt_a_SOURCES)
tests_e2e_smmuman_CFLAGS = $(E2E_GUEST_CFLAGS)
tests_e2e_smmuman_LDFLAGS = -static
tests_e2e_smmuman_LDADD = $(FDT_LIBS)
tests_e2e_vtdoff_SOURCES = tests/e2e/vtdoff.c runtime/vtd/vtd_hw.c runtime/vtd/vtd_hw.h \
	runtime/iommu/devmem.c runtime/iommu/devmem.h \
	runtime/vtd/vtd_regs.h
tests_e2e_vtdoff_CFLAGS = $(E2E_GUEST_CFLAGS)
tests_e2e_vtdoff_LDFLAGS = -static
tests_e2e_monoexec_SOURCES = tests/e2e/monoexec.c
tests_e2e_monoexec_CFLAGS = $(E2E_GUEST_CFLAGS)
tests_e2e_monoexec_LDFLAGS = -static
# Case 13's client in the guest: libsmmu compiled in, static.
check_PROGRAMS += tests/e2e/smmu_client
tests_e2e_smmu_client_SOURCES = tests/daemon/smmu_client.c $(LIBSMMU_SOURCES)
tests_e2e_smmu_client_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/client
tests_e2e_smmu_client_CFLAGS = $(E2E_GUEST_CFLAGS)
tests_e2e_smmu_client_LDFLAGS = -static
tests_e2e_smmu_client_LDADD = -lpthread
# Host side: walks the blob's prebuilt tables (page sizes, domain ids).
check_PROGRAMS += tests/e2e/blobwalk
tests_e2e_blobwalk_SOURCES = tests/e2e/blobwalk.c
tests_e2e_blobwalk_LDADD = runtime/libsmmurt.a

TESTS += tests/e2e/bringup.sh tests/e2e/e2e.sh
# SMMUv3 on QEMU's aarch64 virt board: its guest programs are cross-built
# by the test itself (aarch64-linux-gnu-gcc), the arm64 guest fetched once.
TESTS += tests/e2e/e2e-smmuv3.sh

EXTRA_DIST += tests/e2e/bringup.sh tests/e2e/guest-bringup.sh tests/e2e/guest-case.sh \
	tests/e2e/qemu-prereq.sh tests/e2e/host-lib.sh tests/e2e/mkinitramfs.sh tests/e2e/run-qemu.sh \
	tests/e2e/e2e.sh tests/e2e/guest-e2e.sh tests/e2e/bench-boot.sh \
	tests/e2e/e2e-main.smmu tests/e2e/e2e-ignore.smmu \
	tests/e2e/e2e-smmuv3.sh tests/e2e/guest-e2e-smmuv3.sh tests/e2e/e2e-smmuv3.smmu \
	tests/e2e/arm64-guest.sh tests/e2e/smmuv3off.c

# The real boot figure ('make bench', tests/e2e/bench-boot.sh): the phases of
# smmuman's start-up from its exec on QEMU's VT-d, median of 5 starts in one
# guest boot, on a 1,000-region policy prebuilt and parse-at-boot (a static
# smmucc in the guest compiles the text without tables, smmuman builds
# them). Bench only.
EXTRA_PROGRAMS += tests/e2e/smmucc
tests_e2e_smmucc_SOURCES = compiler/smmucc.c $(compiler_libsmmucc_a_SOURCES) \
	$(runtime_libsmmurt_a_SOURCES)
nodist_tests_e2e_smmucc_SOURCES = grammar/parser.c
tests_e2e_smmucc_CFLAGS = $(E2E_GUEST_CFLAGS) $(YAML_CFLAGS)
tests_e2e_smmucc_LDFLAGS = -static
tests_e2e_smmucc_LDADD = $(YAML_LIBS) $(FDT_LIBS)
CLEANFILES += tests/e2e/smmucc
.PHONY: bench-e2e-boot
bench-e2e-boot: tests/e2e/smmuman$(EXEEXT) tests/e2e/vtdoff$(EXEEXT) \
		tests/e2e/monoexec$(EXEEXT) tests/e2e/edudma$(EXEEXT) compiler/smmucc$(EXEEXT) \
		tests/e2e/smmucc$(EXEEXT)
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	QEMU_X86='$(QEMU_X86)' $(SHELL) $(srcdir)/tests/e2e/bench-boot.sh
BENCH_TARGETS += bench-e2e-boot

# The same on SMMUv3 in the aarch64 guest (the e2e test's builds, --bench).
.PHONY: bench-e2e-boot-smmuv3
bench-e2e-boot-smmuv3: compiler/smmucc$(EXEEXT)
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/tests/e2e/e2e-smmuv3.sh --bench
BENCH_TARGETS += bench-e2e-boot-smmuv3
