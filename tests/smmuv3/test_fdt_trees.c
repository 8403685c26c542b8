/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 device-tree reader on QEMU 7.2's own tree
 * (tests/smmuv3/data/qemu-virt-smmuv3.dtb: virt,iommu=smmuv3, dumped by
 * QEMU and packed by dtc). The expected units and StreamIDs were read from
 * its source (dtc -I dtb -O dts). Debian's trees: test_fdt_debian.c.
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
	const char *top = getenv("top_srcdir");
	char dir[1024];

	snprintf(dir, sizeof(dir), "%s/tests/smmuv3/data", top ? top : ".");
	return load_tree(dir, name);
}

/* qemu-system-aarch64 7.2 -machine virt,iommu=smmuv3 (dumpdtb, packed by dtc). */
static void test_qemu_virt(void)
{
	size_t n = load("qemu-virt-smmuv3.dtb"), u = 9;
	uint32_t sid = 0;

	CU_ASSERT_EQUAL_FATAL(n, 7793);
	CU_ASSERT_EQUAL_FATAL(parse_len(tree, n), 0);
	CU_ASSERT_EQUAL_FATAL(info.n_units, 1);
	check_unit(0, tree, "/smmuv3@9050000", 0x9050000, 0x20000, 0x8004, true);
	CU_ASSERT_EQUAL_FATAL(info.n_hosts, 1);
	CU_ASSERT_STRING_EQUAL(path_of(tree, hosts[0].node), "/pcie@10000000");
	CU_ASSERT_TRUE(hosts[0].has_domain);
	CU_ASSERT_EQUAL(hosts[0].domain, 0);
	CU_ASSERT_EQUAL(hosts[0].map_mask, 0xffffffff);
	CU_ASSERT_EQUAL_FATAL(info.n_maps, 1);
	CU_ASSERT_EQUAL(maps[0].rid_base, 0);
	CU_ASSERT_EQUAL(maps[0].sid_base, 0);
	CU_ASSERT_EQUAL(maps[0].length, 0x10000);
	CU_ASSERT_EQUAL(maps[0].unit, 0);
	CU_ASSERT_EQUAL(info.n_masters, 0);
	CU_ASSERT_EQUAL(info.n_disabled, 0);
	CU_ASSERT_EQUAL(info.n_other, 0);
	/* StreamID = requester id: 00:02.0 is 0x10, ff:1f.7 is 0xffff */
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0x10, &u, &sid), 0);
	CU_ASSERT_EQUAL(u, 0);
	CU_ASSERT_EQUAL(sid, 0x10);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0xffff, &u, &sid), 0);
	CU_ASSERT_EQUAL(sid, 0xffff);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0x10000, &u, &sid), -SMMUV3_FDT_ERR_UNMAPPED);
	/* Every truncation of the real tree is refused. */
	for (size_t len = 0; len < n; len++)
		CU_ASSERT_EQUAL(parse_len(tree, len), -SMMUV3_FDT_ERR_TREE);
}

/* Arm FVP Base RevC: one unit, the PCI host's iommu-map is RID = StreamID. */
int main(void)
{
	static const struct cu_case cases[] = {
		{ "QEMU virt,iommu=smmuv3", test_qemu_virt },
	};

	return CU_RUN("smmuv3_fdt_trees", cases);
}
