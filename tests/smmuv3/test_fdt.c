/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CUnit tests for the SMMUv3 device-tree reader (runtime/smmuv3/smmuv3_fdt.c):
 * a synthetic board built with libfdt's sequential-write API, and one
 * mutation of it at a time for every malformation the reader must refuse.
 * The real trees are test_fdt_trees.c.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "smmuv3/smmuv3_fdt.h"
#include "fdt_tb.h"

/* ---- the synthetic board, and its mutations ---- */

enum mut {
	M_NONE, M_DEPTH, M_CELLS_LEN, M_CELLS_3, M_REG_SHORT, M_RANGES_LEN, M_UNIT_ALIGN,
	M_UNIT_SIZE0, M_UNIT_WRAP, M_UNIT_NOREG, M_UNIT_LOCAL, M_UNIT_CELLS, M_UNIT_NOCELLS,
	M_IOMMU_CELLS, M_TOO_MANY, M_DUP_IOMMU, M_DUP_OTHER, M_DANGLING, M_PHANDLE0,
	M_NOT_IOMMU, M_IOMMUS_SHORT, M_IOMMUS_ODD, M_MAP_LEN, M_MASK_LEN, M_MAP_ZERO,
	M_MAP_WRAP, M_MAP_RIDWRAP, M_MAP_MASK, M_MAP_DANGLING, M_AMBIGUOUS,
};

static void cellp(void *t, const char *name, const uint32_t *v, size_t n)
{
	fdt32_t be[64];

	for (size_t i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(v[i]);
	fdt_property(t, name, be, (int)(n * 4));
}

#define CELLS(t, name, ...)                                                              \
	do {                                                                             \
		static const uint32_t v_[] = { __VA_ARGS__ };                            \
		cellp(t, name, v_, sizeof(v_) / sizeof(v_[0]));                          \
	} while (0)

static void smmu(void *t, enum mut m)
{
	fdt_begin_node(t, "iommu@2b400000");
	fdt_property_string(t, "compatible", "arm,smmu-v3");
	if (m == M_UNIT_ALIGN)
		CELLS(t, "reg", 0, 0x2b401000, 0, 0x20000);
	else if (m == M_UNIT_SIZE0)
		CELLS(t, "reg", 0, 0x2b400000, 0, 0);
	else if (m == M_UNIT_WRAP)
		CELLS(t, "reg", 0xffffffff, 0xffff0000, 0, 0x20000);
	else if (m != M_UNIT_NOREG)
		CELLS(t, "reg", 0, 0x2b400000, 0, 0x20000);
	if (m == M_UNIT_CELLS)
		fdt_property_u32(t, "#iommu-cells", 2);
	else if (m != M_UNIT_NOCELLS)
		fdt_property_u32(t, "#iommu-cells", 1);
	fdt_property_u32(t, "phandle", 1);
	fdt_property(t, "dma-coherent", NULL, 0);
	fdt_end_node(t);
}

static void bus(void *t, enum mut m)
{
	fdt_begin_node(t, "bus@f0000000");
	fdt_property_string(t, "compatible", "simple-bus");
	if (m == M_CELLS_LEN)
		CELLS(t, "#address-cells", 0, 1);
	else
		fdt_property_u32(t, "#address-cells", m == M_CELLS_3 ? 3 : 1);
	fdt_property_u32(t, "#size-cells", 1);
	if (m == M_RANGES_LEN)
		CELLS(t, "ranges", 0, 0, 0xf0000000, 0x100000, 0x200000);
	else
		CELLS(t, "ranges", 0, 0, 0xf0000000, 0x100000, 0x200000, 1, 0, 0x10000);
	fdt_property(t, "dma-coherent", NULL, 0);

	fdt_begin_node(t, "dma@1000");
	if (m == M_REG_SHORT)
		CELLS(t, "reg", 0x1000);
	else
		CELLS(t, "reg", 0x1000, 0x100);
	if (m == M_DANGLING)
		CELLS(t, "iommus", 9, 0x10);
	else if (m == M_PHANDLE0)
		CELLS(t, "iommus", 0, 0x10);
	else if (m == M_NOT_IOMMU)
		CELLS(t, "iommus", 4, 0x10);
	else if (m == M_IOMMUS_SHORT)
		CELLS(t, "iommus", 1, 0x10, 1);
	else if (m == M_IOMMUS_ODD)
		fdt_property(t, "iommus", "\0\0\0\1\0\0", 6);
	else
		CELLS(t, "iommus", 1, 0x10, 1, 0x11);
	fdt_end_node(t);
	fdt_begin_node(t, "gpu@2000");
	CELLS(t, "reg", 0x2000, 0x100);
	CELLS(t, "iommus", 3, 5, 0x7f);
	fdt_end_node(t);
	fdt_begin_node(t, "mixed@3000");
	CELLS(t, "reg", 0x3000, 0x100);
	CELLS(t, "iommus", 3, 1, 2, 1, 0x20);
	fdt_end_node(t);
	fdt_begin_node(t, "eth@200010");
	CELLS(t, "reg", 0x200010, 0x10);
	CELLS(t, "iommus", 1, 0x30);
	fdt_end_node(t);
	fdt_begin_node(t, "off@4000");
	CELLS(t, "reg", 0x4000, 0x10);
	CELLS(t, "iommus", 2, 0x40);
	fdt_end_node(t);
	fdt_begin_node(t, "dis@5000");
	CELLS(t, "reg", 0x5000, 0x10);
	CELLS(t, "iommus", 1, 0x50);
	fdt_property_string(t, "status", "disabled");
	fdt_end_node(t);
	if (m == M_AMBIGUOUS) {
		fdt_begin_node(t, "twin@1000");
		CELLS(t, "reg", 0x1000, 0x10);
		CELLS(t, "iommus", 1, 0x70);
		fdt_end_node(t);
	}
	fdt_end_node(t);
}

static void pci(void *t, enum mut m)
{
	fdt_begin_node(t, "pcie@40000000");
	fdt_property_string(t, "device_type", "pci");
	fdt_property_string(t, "compatible", "pci-host-ecam-generic");
	fdt_property_u32(t, "#address-cells", 3);
	fdt_property_u32(t, "#size-cells", 2);
	CELLS(t, "reg", 0, 0x40000000, 0, 0x1000000);
	if (m == M_MAP_LEN)
		CELLS(t, "iommu-map", 0, 1, 0x10000);
	else if (m == M_MAP_ZERO)
		CELLS(t, "iommu-map", 0, 1, 0x10000, 0);
	else if (m == M_MAP_WRAP)
		CELLS(t, "iommu-map", 0, 1, 0xffffff00, 0x200);
	else if (m == M_MAP_RIDWRAP)
		CELLS(t, "iommu-map", 0xfffffff0, 1, 0, 0x20);
	else if (m == M_MAP_MASK)
		CELLS(t, "iommu-map", 0x201, 1, 0, 0x10);
	else if (m == M_MAP_DANGLING)
		CELLS(t, "iommu-map", 0, 1, 0x10000, 0x100, 0x100, 7, 0, 0x100);
	else
		CELLS(t, "iommu-map", 0, 1, 0x10000, 0x100, 0x100, 3, 0, 0x100, 0x200, 1, 0,
		      0xfd00);
	if (m == M_MASK_LEN)
		CELLS(t, "iommu-map-mask", 0, 0xfff8);
	else
		fdt_property_u32(t, "iommu-map-mask", 0xfff8);
	fdt_property_u32(t, "linux,pci-domain", 2);
	fdt_begin_node(t, "pci@0,0");
	fdt_property_string(t, "device_type", "pci");
	CELLS(t, "reg", 0, 0, 0, 0, 0);
	fdt_end_node(t);
	fdt_end_node(t);

	fdt_begin_node(t, "pcie@50000000");
	fdt_property_string(t, "device_type", "pci");
	CELLS(t, "reg", 0, 0x50000000, 0, 0x1000000);
	fdt_end_node(t);
	fdt_begin_node(t, "pcie@60000000");
	fdt_property_string(t, "compatible", "vendor,soc-pcie-host");
	CELLS(t, "iommu-map", 0, 1, 0x8000, 0x10000);
	fdt_end_node(t);
	fdt_begin_node(t, "pcie@70000000");
	fdt_property_string(t, "device_type", "pci");
	fdt_property_string(t, "status", "disabled");
	CELLS(t, "iommu-map", 0, 1, 0, 1);
	fdt_end_node(t);
	fdt_begin_node(t, "phy@80000000");
	fdt_property_string(t, "compatible", "vendor,pcie-phy");
	fdt_end_node(t);
}

static void *board(enum mut m)
{
	void *t = tree;

	fdt_create(t, sizeof(tree));
	fdt_finish_reservemap(t);
	fdt_begin_node(t, "");
	fdt_property_u32(t, "#address-cells", 2);
	fdt_property_u32(t, "#size-cells", 2);
	smmu(t, m);
	fdt_begin_node(t, "iommu@2b500000");
	fdt_property_string(t, "compatible", "arm,smmu-v3");
	CELLS(t, "reg", 0, 0x2b500000, 0, 0x20000);
	fdt_property_u32(t, "#iommu-cells", 1);
	fdt_property_u32(t, "phandle", 2);
	fdt_property_string(t, "status", "disabled");
	fdt_end_node(t);
	fdt_begin_node(t, "iommu@2b600000");
	fdt_property(t, "compatible", "vendor,x\0arm,smmu-v3", 21);
	CELLS(t, "reg", 0, 0x2b600000, 0, 0x20000);
	fdt_property_u32(t, "#iommu-cells", 1);
	fdt_property_string(t, "status", "okay");
	fdt_end_node(t);
	fdt_begin_node(t, "iommu@fd800000");
	fdt_property(t, "compatible", "arm,mmu-500\0arm,smmu-v2", 24);
	CELLS(t, "reg", 0, 0xfd800000, 0, 0x10000);
	fdt_property_u32(t, "#iommu-cells", m == M_IOMMU_CELLS ? 9 : 2);
	fdt_property_u32(t, "phandle", m == M_DUP_IOMMU ? 1 : 3);
	fdt_end_node(t);
	fdt_begin_node(t, "clk");
	fdt_property_u32(t, "phandle", m == M_DUP_OTHER ? 3 : 4);
	fdt_end_node(t);
	bus(t, m);
	fdt_begin_node(t, "local");
	fdt_property_u32(t, "#address-cells", 1);
	fdt_property_u32(t, "#size-cells", 1);
	fdt_begin_node(t, "dev@10");
	CELLS(t, "reg", 0x10, 4);
	CELLS(t, "iommus", 1, 0x60);
	fdt_end_node(t);
	if (m == M_UNIT_LOCAL) {
		fdt_begin_node(t, "iommu@20000");
		fdt_property_string(t, "compatible", "arm,smmu-v3");
		CELLS(t, "reg", 0x20000, 0x20000);
		fdt_property_u32(t, "#iommu-cells", 1);
		fdt_end_node(t);
	}
	fdt_end_node(t);
	pci(t, m);
	for (int i = 0; m == M_TOO_MANY && i < SMMUV3_FDT_MAX_IOMMUS; i++) {
		char name[32];

		snprintf(name, sizeof(name), "iommu%d", i);
		fdt_begin_node(t, name);
		fdt_property_u32(t, "#iommu-cells", 0);
		fdt_property_u32(t, "phandle", 0x100 + (uint32_t)i);
		fdt_end_node(t);
	}
	for (int i = 0; m == M_DEPTH && i <= SMMUV3_FDT_MAX_DEPTH; i++)
		fdt_begin_node(t, "deep");
	for (int i = 0; m == M_DEPTH && i <= SMMUV3_FDT_MAX_DEPTH; i++)
		fdt_end_node(t);
	fdt_end_node(t);
	CU_ASSERT_EQUAL_FATAL(fdt_finish(t), 0);
	return t;
}

static void test_board(void)
{
	void *t = board(M_NONE);
	size_t u, m;
	uint32_t sid;

	CU_ASSERT_EQUAL_FATAL(parse(t), 0);
	CU_ASSERT_EQUAL(info.err_node, -1);
	CU_ASSERT_EQUAL_FATAL(info.n_units, 2);
	CU_ASSERT_STRING_EQUAL(path_of(t, units[0].node), "/iommu@2b400000");
	CU_ASSERT_STRING_EQUAL(units[0].name, "iommu@2b400000");
	CU_ASSERT_EQUAL(units[0].phandle, 1);
	CU_ASSERT_EQUAL(units[0].base, 0x2b400000);
	CU_ASSERT_EQUAL(units[0].size, 0x20000);
	CU_ASSERT_TRUE(units[0].coherent);
	CU_ASSERT_STRING_EQUAL(path_of(t, units[1].node), "/iommu@2b600000");
	CU_ASSERT_EQUAL(units[1].phandle, 0);
	CU_ASSERT_EQUAL(units[1].base, 0x2b600000);
	CU_ASSERT_FALSE(units[1].coherent);
	/* iommu@2b500000, dis@5000, pcie@70000000 */
	CU_ASSERT_EQUAL(info.n_disabled, 3);
	/* gpu, mixed's first, off (to the disabled unit), one map entry */
	CU_ASSERT_EQUAL(info.n_other, 4);

	CU_ASSERT_EQUAL_FATAL(info.n_masters, 4);
	CU_ASSERT_EQUAL_FATAL(info.n_streams, 5);
	CU_ASSERT_STRING_EQUAL(path_of(t, masters[0].node), "/bus@f0000000/dma@1000");
	CU_ASSERT_TRUE(masters[0].has_addr);
	CU_ASSERT_EQUAL(masters[0].addr, 0xf0001000);
	CU_ASSERT_TRUE(masters[0].coherent);
	CU_ASSERT_EQUAL(masters[0].first_stream, 0);
	CU_ASSERT_EQUAL(masters[0].n_streams, 2);
	CU_ASSERT_EQUAL(streams[0].unit, 0);
	CU_ASSERT_EQUAL(streams[0].sid, 0x10);
	CU_ASSERT_EQUAL(streams[1].unit, 0);
	CU_ASSERT_EQUAL(streams[1].sid, 0x11);
	CU_ASSERT_STRING_EQUAL(masters[1].name, "mixed@3000");
	CU_ASSERT_EQUAL(masters[1].addr, 0xf0003000);
	CU_ASSERT_EQUAL(masters[1].first_stream, 2);
	CU_ASSERT_EQUAL(masters[1].n_streams, 1);
	CU_ASSERT_EQUAL(streams[2].sid, 0x20);
	/* through the second ranges entry: 0x200010 -> 0x1_0000_0010 */
	CU_ASSERT_STRING_EQUAL(masters[2].name, "eth@200010");
	CU_ASSERT_TRUE(masters[2].has_addr);
	CU_ASSERT_EQUAL(masters[2].addr, 0x100000010ULL);
	CU_ASSERT_EQUAL(streams[3].sid, 0x30);
	/* under a node without ranges: a bus-local address, no CPU address */
	CU_ASSERT_STRING_EQUAL(path_of(t, masters[3].node), "/local/dev@10");
	CU_ASSERT_FALSE(masters[3].has_addr);
	CU_ASSERT_FALSE(masters[3].coherent);
	CU_ASSERT_EQUAL(streams[4].sid, 0x60);

	CU_ASSERT_EQUAL(smmuv3_fdt_master_at(&info, 0xf0001000, &m), 0);
	CU_ASSERT_EQUAL(m, 0);
	CU_ASSERT_EQUAL(smmuv3_fdt_master_at(&info, 0x100000010ULL, &m), 0);
	CU_ASSERT_EQUAL(m, 2);
	CU_ASSERT_EQUAL(smmuv3_fdt_master_at(&info, 0x10, &m), -SMMUV3_FDT_ERR_NO_MASTER);
	CU_ASSERT_EQUAL(smmuv3_fdt_master_at(&info, 0xf0002000, &m), -SMMUV3_FDT_ERR_NO_MASTER);

	CU_ASSERT_EQUAL_FATAL(info.n_hosts, 3);
	CU_ASSERT_EQUAL_FATAL(info.n_maps, 4);
	CU_ASSERT_STRING_EQUAL(hosts[0].name, "pcie@40000000");
	CU_ASSERT_TRUE(hosts[0].has_map);
	CU_ASSERT_EQUAL(hosts[0].map_mask, 0xfff8);
	CU_ASSERT_TRUE(hosts[0].has_domain);
	CU_ASSERT_EQUAL(hosts[0].domain, 2);
	CU_ASSERT_EQUAL(hosts[0].first_map, 0);
	CU_ASSERT_EQUAL(hosts[0].n_maps, 3);
	CU_ASSERT_EQUAL(maps[1].unit, SMMUV3_FDT_NONE);
	CU_ASSERT_EQUAL(maps[1].phandle, 3);
	CU_ASSERT_EQUAL(maps[2].rid_base, 0x200);
	CU_ASSERT_EQUAL(maps[2].length, 0xfd00);
	CU_ASSERT_STRING_EQUAL(hosts[1].name, "pcie@50000000");
	CU_ASSERT_FALSE(hosts[1].has_map);
	CU_ASSERT_FALSE(hosts[1].has_domain);
	CU_ASSERT_EQUAL(hosts[1].n_maps, 0);
	CU_ASSERT_STRING_EQUAL(hosts[2].name, "pcie@60000000");
	CU_ASSERT_EQUAL(hosts[2].map_mask, 0xffffffff);
	CU_ASSERT_EQUAL(hosts[2].first_map, 3);

	/* 00:01.0 and 00:01.7: the mask drops the function */
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0x0008, &u, &sid), 0);
	CU_ASSERT_EQUAL(u, 0);
	CU_ASSERT_EQUAL(sid, 0x10008);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0x000f, &u, &sid), 0);
	CU_ASSERT_EQUAL(sid, 0x10008);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0x10008, &u, &sid), 0);
	CU_ASSERT_EQUAL(sid, 0x10008);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0x0150, &u, &sid), -SMMUV3_FDT_ERR_OTHER);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0x0300, &u, &sid), 0);
	CU_ASSERT_EQUAL(sid, 0x100);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0xfef8, &u, &sid), 0);
	CU_ASSERT_EQUAL(sid, 0xfcf8);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 0, 0xff00, &u, &sid), -SMMUV3_FDT_ERR_UNMAPPED);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 1, 0x0008, &u, &sid), -SMMUV3_FDT_ERR_NO_MAP);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 2, 0xffff, &u, &sid), 0);
	CU_ASSERT_EQUAL(sid, 0x17fff);
	CU_ASSERT_EQUAL(smmuv3_fdt_pci_sid(&info, 3, 0, &u, &sid), -SMMUV3_FDT_ERR_BADARG);
}

struct bad {
	enum mut m;
	int err;
	const char *node;	/* path of info.err_node */
};

static void test_malformed(void)
{
	static const struct bad cases[] = {
		{ M_DEPTH, SMMUV3_FDT_ERR_DEPTH,
		  "/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/"
		  "deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/deep/"
		  "deep/deep/deep" },
		{ M_CELLS_LEN, SMMUV3_FDT_ERR_CELLS, "/bus@f0000000" },
		{ M_CELLS_3, SMMUV3_FDT_ERR_CELLS, "/bus@f0000000" },
		{ M_REG_SHORT, SMMUV3_FDT_ERR_REG, "/bus@f0000000/dma@1000" },
		{ M_RANGES_LEN, SMMUV3_FDT_ERR_RANGES, "/bus@f0000000" },
		{ M_UNIT_ALIGN, SMMUV3_FDT_ERR_UNIT_REG, "/iommu@2b400000" },
		{ M_UNIT_SIZE0, SMMUV3_FDT_ERR_UNIT_REG, "/iommu@2b400000" },
		{ M_UNIT_WRAP, SMMUV3_FDT_ERR_UNIT_REG, "/iommu@2b400000" },
		{ M_UNIT_NOREG, SMMUV3_FDT_ERR_UNIT_REG, "/iommu@2b400000" },
		{ M_UNIT_LOCAL, SMMUV3_FDT_ERR_UNIT_REG, "/local/iommu@20000" },
		{ M_UNIT_CELLS, SMMUV3_FDT_ERR_UNIT_CELLS, "/iommu@2b400000" },
		{ M_UNIT_NOCELLS, SMMUV3_FDT_ERR_UNIT_CELLS, "/iommu@2b400000" },
		{ M_IOMMU_CELLS, SMMUV3_FDT_ERR_IOMMU_CELLS, "/iommu@fd800000" },
		{ M_TOO_MANY, SMMUV3_FDT_ERR_TOO_MANY, "/iommu253" },
		{ M_DUP_IOMMU, SMMUV3_FDT_ERR_DUP_PHANDLE, "/iommu@fd800000" },
		{ M_DUP_OTHER, SMMUV3_FDT_ERR_DUP_PHANDLE, "/clk" },
		{ M_DANGLING, SMMUV3_FDT_ERR_PHANDLE, "/bus@f0000000/dma@1000" },
		{ M_PHANDLE0, SMMUV3_FDT_ERR_PHANDLE, "/bus@f0000000/dma@1000" },
		{ M_NOT_IOMMU, SMMUV3_FDT_ERR_NOT_IOMMU, "/bus@f0000000/dma@1000" },
		{ M_IOMMUS_SHORT, SMMUV3_FDT_ERR_IOMMUS_LEN, "/bus@f0000000/dma@1000" },
		{ M_IOMMUS_ODD, SMMUV3_FDT_ERR_IOMMUS_LEN, "/bus@f0000000/dma@1000" },
		{ M_MAP_LEN, SMMUV3_FDT_ERR_MAP_LEN, "/pcie@40000000" },
		{ M_MASK_LEN, SMMUV3_FDT_ERR_MAP_LEN, "/pcie@40000000" },
		{ M_MAP_ZERO, SMMUV3_FDT_ERR_MAP_ENTRY, "/pcie@40000000" },
		{ M_MAP_WRAP, SMMUV3_FDT_ERR_MAP_ENTRY, "/pcie@40000000" },
		{ M_MAP_RIDWRAP, SMMUV3_FDT_ERR_MAP_ENTRY, "/pcie@40000000" },
		{ M_MAP_MASK, SMMUV3_FDT_ERR_MAP_ENTRY, "/pcie@40000000" },
		{ M_MAP_DANGLING, SMMUV3_FDT_ERR_PHANDLE, "/pcie@40000000" },
	};

	for (size_t i = 0; i < CU_COUNT(cases); i++) {
		void *t = board(cases[i].m);
		int rc = parse(t);

		if (rc != -cases[i].err || strcmp(path_of(t, info.err_node), cases[i].node))
			printf("\n  case %d: got %d at %s, want %d at %s", (int)cases[i].m, rc,
			       path_of(t, info.err_node), -cases[i].err, cases[i].node);
		CU_ASSERT_EQUAL(rc, -cases[i].err);
		CU_ASSERT_STRING_EQUAL(path_of(t, info.err_node), cases[i].node);
	}
}

static void test_ambiguous(void)
{
	void *t = board(M_AMBIGUOUS);
	size_t m = 99;

	CU_ASSERT_EQUAL_FATAL(parse(t), 0);
	CU_ASSERT_EQUAL(info.n_masters, 5);
	CU_ASSERT_EQUAL(smmuv3_fdt_master_at(&info, 0xf0001000, &m), -SMMUV3_FDT_ERR_AMBIGUOUS);
	CU_ASSERT_EQUAL(m, 99);
	CU_ASSERT_EQUAL(smmuv3_fdt_master_at(&info, 0xf0003000, &m), 0);
	CU_ASSERT_EQUAL(m, 1);
}

static void test_not_a_tree(void)
{
	void *t = board(M_NONE);
	size_t len = fdt_totalsize(t);
	char *copy = malloc(len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
	CU_ASSERT_EQUAL(smmuv3_fdt_parse(NULL, len, &info), -SMMUV3_FDT_ERR_BADARG);
	CU_ASSERT_EQUAL(smmuv3_fdt_parse(t, len, NULL), -SMMUV3_FDT_ERR_BADARG);
	CU_ASSERT_EQUAL(parse_len(t, len - 1), -SMMUV3_FDT_ERR_TREE);
	CU_ASSERT_EQUAL(info.fdt_err, -FDT_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(parse_len(t, 0), -SMMUV3_FDT_ERR_TREE);
	memcpy(copy, t, len);
	copy[0] ^= 1;
	CU_ASSERT_EQUAL(parse_len(copy, len), -SMMUV3_FDT_ERR_TREE);
	CU_ASSERT_EQUAL(info.fdt_err, -FDT_ERR_BADMAGIC);
	CU_ASSERT_EQUAL(info.n_units, 0);
	/* Every truncation is refused. */
	for (size_t n = 0; n < len; n += 7)
		CU_ASSERT_EQUAL(parse_len(t, n), -SMMUV3_FDT_ERR_TREE);
	free(copy);
}

/* A counting call with no arrays, then arrays one too small. */
static void test_capacity(void)
{
	void *t = board(M_NONE);
	struct smmuv3_fdt_info c;
	struct smmuv3_fdt_stream one[4];

	memset(&c, 0, sizeof(c));
	CU_ASSERT_EQUAL(smmuv3_fdt_parse(t, fdt_totalsize(t), &c), -SMMUV3_FDT_ERR_NOSPACE);
	CU_ASSERT_EQUAL(c.n_units, 2);
	CU_ASSERT_EQUAL(c.n_hosts, 3);
	CU_ASSERT_EQUAL(c.n_maps, 4);
	CU_ASSERT_EQUAL(c.n_masters, 4);
	CU_ASSERT_EQUAL(c.n_streams, 5);
	CU_ASSERT_EQUAL(c.err_node, -1);
	CU_ASSERT_EQUAL(parse(t), 0);
	info.streams = one;
	info.streams_cap = 4;
	CU_ASSERT_EQUAL(smmuv3_fdt_parse(t, fdt_totalsize(t), &info), -SMMUV3_FDT_ERR_NOSPACE);
	CU_ASSERT_EQUAL(info.n_streams, 5);
	CU_ASSERT_EQUAL(one[3].sid, 0x30);
}

/*
 * A ranges of 2000 entries and 2000 masters under it, each matching the
 * last entry: 4 million visits, more than the bound allows for this size.
 */
static void test_budget(void)
{
	static char big[1 << 18];
	static uint32_t r[2000 * 4];
	void *t = big;
	int rc;

	for (uint32_t i = 0; i < 2000; i++) {
		r[4 * i] = i * 0x1000;
		r[4 * i + 1] = 0;
		r[4 * i + 2] = i * 0x1000;
		r[4 * i + 3] = 0x1000;
	}
	fdt_create(t, sizeof(big));
	fdt_finish_reservemap(t);
	fdt_begin_node(t, "");
	fdt_property_u32(t, "#address-cells", 2);
	fdt_property_u32(t, "#size-cells", 2);
	fdt_begin_node(t, "iommu@10000");
	fdt_property_string(t, "compatible", "arm,smmu-v3");
	CELLS(t, "reg", 0, 0x10000, 0, 0x20000);
	fdt_property_u32(t, "#iommu-cells", 1);
	fdt_property_u32(t, "phandle", 1);
	fdt_end_node(t);
	fdt_begin_node(t, "bus");
	fdt_property_u32(t, "#address-cells", 1);
	fdt_property_u32(t, "#size-cells", 1);
	{
		fdt32_t be[2000 * 4];

		for (size_t i = 0; i < CU_COUNT(r); i++)
			be[i] = cpu_to_fdt32(r[i]);
		fdt_property(t, "ranges", be, sizeof(be));
	}
	for (int i = 0; i < 2000; i++) {
		char name[16];

		snprintf(name, sizeof(name), "d@%d", i);
		fdt_begin_node(t, name);
		CELLS(t, "reg", 1999 * 0x1000, 4);
		CELLS(t, "iommus", 1, 1);
		fdt_end_node(t);
	}
	fdt_end_node(t);
	fdt_end_node(t);
	CU_ASSERT_EQUAL_FATAL(fdt_finish(t), 0);
	rc = parse(t);
	if (rc != -SMMUV3_FDT_ERR_BUDGET)
		printf("\n  budget: got %d (%s) at %s, size %u", rc, smmuv3_fdt_strerror(rc),
		       path_of(t, info.err_node), fdt_totalsize(t));
	CU_ASSERT_EQUAL(rc, -SMMUV3_FDT_ERR_BUDGET);
	CU_ASSERT_STRING_EQUAL(path_of(t, info.err_node), "/bus");
}

static void test_strerror(void)
{
	CU_ASSERT_STRING_EQUAL(smmuv3_fdt_strerror(0), "success");
	CU_ASSERT_STRING_EQUAL(smmuv3_fdt_strerror(-SMMUV3_FDT_ERR_PHANDLE),
			       "reference to a phandle no node has");
	CU_ASSERT_STRING_EQUAL(smmuv3_fdt_strerror(3), "unknown SMMUv3 device-tree error");
	CU_ASSERT_STRING_EQUAL(smmuv3_fdt_strerror(-SMMUV3_FDT_ERR_MAX - 1),
			       "unknown SMMUv3 device-tree error");
	for (int e = 1; e <= SMMUV3_FDT_ERR_MAX; e++)
		CU_ASSERT_STRING_NOT_EQUAL(smmuv3_fdt_strerror(-e),
					   "unknown SMMUv3 device-tree error");
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "synthetic board", test_board },
		{ "malformed boards", test_malformed },
		{ "two masters at one address", test_ambiguous },
		{ "not a tree", test_not_a_tree },
		{ "output capacity", test_capacity },
		{ "translation bound", test_budget },
		{ "error strings", test_strerror },
	};

	return CU_RUN("smmuv3_fdt", cases);
}
