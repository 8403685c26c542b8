/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 device-tree reader on the five trees of Debian's arm64
 * kernel package (linux-image-6.1.0-57-arm64) that have an "arm,smmu-v3"
 * node. They are the kernel's: tests/smmuv3/arm64-dtbs.sh fetches them
 * into a cache and tests/run-all.sh names it in SMMU_ARM64_DTBS; without
 * it this program skips (77), which CI counts as a failure. The expected
 * units and StreamIDs were read from each tree's source (dtc -O dts).
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "smmuv3/smmuv3_fdt.h"
#include "fdt_tb.h"

static size_t load(const char *name)
{
	return load_tree(getenv("SMMU_ARM64_DTBS"), name);
}

static void test_fvp(void)
{
	size_t n = load("fvp-base-revc.dtb"), u = 9;
	uint32_t sid = 0;

	CU_ASSERT_EQUAL_FATAL(parse_len(tree, n), 0);
	CU_ASSERT_EQUAL_FATAL(info.n_units, 1);
	check_unit(0, tree, "/iommu@2b400000", 0x2b400000, 0x100000, 0xc, true);
	CU_ASSERT_EQUAL_FATAL(info.n_hosts, 1);
	CU_ASSERT_STRING_EQUAL(path_of(tree, hosts[0].node), "/pci@40000000");
	CU_ASSERT_FALSE(hosts[0].has_domain);
	CU_ASSERT_EQUAL_FATAL(info.n_maps, 1);
	CU_ASSERT_EQUAL(maps[0].length, 0x10000);
	CU_ASSERT_EQUAL(info.n_masters, 0);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0x0108, &u, &sid), 0);
	CU_ASSERT_EQUAL(u, 0);
	CU_ASSERT_EQUAL(sid, 0x0108);
}

/* HiSilicon D05 (hip07): four units, four crypto engines at StreamID 0x600. */
static void test_hip07_d05(void)
{
	static const uint64_t base[4] = { 0xd0040000, 0x8d0040000, 0x400d0040000,
					  0x408d0040000 };
	static const uint64_t addr[4] = { 0xd0000000, 0x8d0000000, 0x400d0000000,
					  0x408d0000000 };
	size_t n = load("hip07-d05.dtb"), m;

	CU_ASSERT_EQUAL_FATAL(parse_len(tree, n), 0);
	CU_ASSERT_EQUAL_FATAL(info.n_units, 4);
	CU_ASSERT_EQUAL(info.n_disabled, 1); /* iommu@a0040000 */
	CU_ASSERT_EQUAL_FATAL(info.n_masters, 4);
	CU_ASSERT_EQUAL_FATAL(info.n_streams, 4);
	for (size_t i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(units[i].base, base[i]);
		CU_ASSERT_EQUAL(units[i].size, 0x20000);
		CU_ASSERT_EQUAL(units[i].phandle, 0x70 + 2 * i);
		CU_ASSERT_TRUE(units[i].coherent);
		/* crypto@*,d2000000: the first reg is d0000000, not the unit address */
		CU_ASSERT_TRUE(masters[i].has_addr);
		CU_ASSERT_EQUAL(masters[i].addr, addr[i]);
		CU_ASSERT_EQUAL(masters[i].n_streams, 1);
		CU_ASSERT_EQUAL(streams[masters[i].first_stream].unit, i);
		CU_ASSERT_EQUAL(streams[masters[i].first_stream].sid, 0x600);
		CU_ASSERT_EQUAL(smmuv3_fdt_master_at(&info, addr[i], &m), 0);
		CU_ASSERT_EQUAL(m, i);
	}
	CU_ASSERT_STRING_EQUAL(path_of(tree, units[0].node), "/iommu@d0040000");
	CU_ASSERT_STRING_EQUAL(path_of(tree, masters[1].node), "/soc/crypto@8,d2000000");
	/* its PCI host has no iommu-map: its devices are behind no IOMMU */
	CU_ASSERT_EQUAL_FATAL(info.n_hosts, 1);
	CU_ASSERT_STRING_EQUAL(path_of(tree, hosts[0].node), "/soc/pcie@a00a0000");
	CU_ASSERT_FALSE(hosts[0].has_map);
	CU_ASSERT_EQUAL(info.n_maps, 0);
}

/* HiSilicon D03 (hip06): its one SMMUv3 and its PCI host are disabled. */
static void test_hip06_d03(void)
{
	size_t n = load("hip06-d03.dtb");

	CU_ASSERT_EQUAL_FATAL(parse_len(tree, n), 0);
	CU_ASSERT_EQUAL(info.n_units, 0);
	CU_ASSERT_EQUAL(info.n_hosts, 0);
	CU_ASSERT_EQUAL(info.n_masters, 0);
	CU_ASSERT_EQUAL(info.n_disabled, 2);
}

/*
 * TI J721E: one unit two buses down (coherent through bus@30000000), no
 * phandle, so no master names it; PCIe hosts without iommu-map.
 */
static void j721e(const char *file, size_t nhosts)
{
	size_t n = load(file);

	CU_ASSERT_EQUAL_FATAL(parse_len(tree, n), 0);
	CU_ASSERT_EQUAL_FATAL(info.n_units, 1);
	check_unit(0, tree, "/bus@100000/bus@30000000/iommu@36600000", 0x36600000, 0x100000, 0, true);
	CU_ASSERT_EQUAL(info.n_masters, 0);
	CU_ASSERT_EQUAL(info.n_maps, 0);
	CU_ASSERT_EQUAL_FATAL(info.n_hosts, nhosts);
	CU_ASSERT_STRING_EQUAL(path_of(tree, hosts[0].node), "/bus@100000/pcie@2900000");
	for (size_t i = 0; i < nhosts; i++)
		CU_ASSERT_FALSE(hosts[i].has_map);
	CU_ASSERT_EQUAL(info.n_disabled, 4 - nhosts);
}

static void test_j721e_sk(void)
{
	j721e("k3-j721e-sk.dtb", 2);
}

static void test_j721e_proc_board(void)
{
	j721e("k3-j721e-common-proc-board.dtb", 3);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "Arm FVP Base RevC", test_fvp },
		{ "HiSilicon hip07 D05", test_hip07_d05 },
		{ "HiSilicon hip06 D03", test_hip06_d03 },
		{ "TI J721E SK", test_j721e_sk },
		{ "TI J721E common proc board", test_j721e_proc_board },
	};
	const char *dir = getenv("SMMU_ARM64_DTBS");

	if (!dir || !*dir) {
		printf("SKIP: SMMU_ARM64_DTBS is not set (bash tests/smmuv3/arm64-dtbs.sh "
		       "fetches Debian's arm64 device trees and prints their directory)\n");
		return 77;
	}
	return CU_RUN("smmuv3_fdt_debian", cases);
}
