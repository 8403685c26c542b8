/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 device-tree reader reads each node's properties once into a
 * small table (runtime/smmuv3/smmuv3_fdt.c: read_props): a name a hostile
 * tree gives twice must be its first, as fdt_getprop (and so every libfdt
 * lookup) reads it. And the board's reader (smmuv3_board.c) parses into
 * arrays of a first size, again into larger ones when the tree has more:
 * both ways give the whole topology, and an error leaves nothing to free.
 * And a tree older than version 16 is refused before libfdt's check.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "smmuv3/smmuv3_board.h"
#include "smmuv3/smmuv3_fdt.h"
#include "fdt_tb.h"

static char buf[1 << 16];

static void *begin(void)
{
	CU_ASSERT_EQUAL_FATAL(fdt_create(buf, sizeof(buf)), 0);
	fdt_finish_reservemap(buf);
	fdt_begin_node(buf, "");
	return buf;
}

static void *finish(void)
{
	fdt_end_node(buf);
	CU_ASSERT_EQUAL_FATAL(fdt_finish(buf), 0);
	return buf;
}

static void cells2(void *t)
{
	fdt_property_u32(t, "#address-cells", 2);
	fdt_property_u32(t, "#size-cells", 2);
}

static void reg(void *t, uint64_t base)
{
	fdt64_t r[2] = { cpu_to_fdt64(base), cpu_to_fdt64(0x20000) };

	fdt_property(t, "reg", r, sizeof(r));
}

static void pair(void *t, const char *name, uint32_t a, uint32_t b)
{
	fdt32_t v[2] = { cpu_to_fdt32(a), cpu_to_fdt32(b) };

	fdt_property(t, name, v, sizeof(v));
}

/* A unit at base; first and then: its two status values ("" for none). */
static void *unit_status(const char *first, const char *then)
{
	void *t = begin();

	cells2(t);
	fdt_begin_node(t, "iommu@2b400000");
	fdt_property_string(t, "compatible", "arm,smmu-v3");
	if (*first)
		fdt_property_string(t, "status", first);
	reg(t, 0x2b400000);
	fdt_property_u32(t, "#iommu-cells", 1);
	if (*then)
		fdt_property_string(t, "status", then);
	fdt_end_node(t);
	return finish();
}

static void test_dup_status(void)
{
	CU_ASSERT_EQUAL_FATAL(parse(unit_status("disabled", "okay")), 0);
	CU_ASSERT_EQUAL(info.n_units, 0);
	CU_ASSERT_EQUAL(info.n_disabled, 1);
	CU_ASSERT_EQUAL_FATAL(parse(unit_status("okay", "disabled")), 0);
	CU_ASSERT_EQUAL(info.n_units, 1);
	CU_ASSERT_EQUAL(info.n_disabled, 0);
}

static void test_dup_compatible_reg(void)
{
	void *t = begin();

	cells2(t);
	fdt_begin_node(t, "a");
	fdt_property_string(t, "compatible", "simple-bus");
	fdt_property_string(t, "compatible", "arm,smmu-v3");
	reg(t, 0x2b400000);
	fdt_property_u32(t, "#iommu-cells", 1);
	fdt_end_node(t);
	fdt_begin_node(t, "b");
	fdt_property_string(t, "compatible", "arm,smmu-v3");
	reg(t, 0x2b600000);
	reg(t, 0x2b800000);
	fdt_property_u32(t, "#iommu-cells", 1);
	fdt_property_u32(t, "#iommu-cells", 2);
	fdt_end_node(t);
	CU_ASSERT_EQUAL_FATAL(parse(finish()), 0);
	CU_ASSERT_EQUAL_FATAL(info.n_units, 1);
	CU_ASSERT_STRING_EQUAL(units[0].name, "b");
	CU_ASSERT_EQUAL(units[0].base, 0x2b600000);
}

/* #address-cells given twice on the root: the first, one cell or two. */
static void test_dup_cells(void)
{
	void *t = begin();

	pair(t, "#address-cells", 0, 2);
	cells2(t);
	CU_ASSERT_EQUAL(parse(finish()), -SMMUV3_FDT_ERR_CELLS);
	CU_ASSERT_EQUAL(info.err_node, 0);
	t = begin();
	cells2(t);
	pair(t, "#address-cells", 0, 2);
	CU_ASSERT_EQUAL(parse(finish()), 0);
}

/*
 * fdt_get_phandle's rule: the first phandle if one cell, else the first
 * linux,phandle if one cell. A master names the unit by phandle ph, its
 * iommus given twice (the first is its StreamID).
 */
static void *phandles(uint32_t ph)
{
	void *t = begin();

	cells2(t);
	fdt_begin_node(t, "iommu@2b400000");
	fdt_property_string(t, "compatible", "arm,smmu-v3");
	reg(t, 0x2b400000);
	fdt_property_u32(t, "#iommu-cells", 1);
	pair(t, "phandle", 0, 5);
	fdt_property_u32(t, "linux,phandle", 7);
	fdt_property_u32(t, "phandle", 9);
	fdt_end_node(t);
	fdt_begin_node(t, "dma@9000000");
	reg(t, 0x9000000);
	pair(t, "iommus", ph, 0x42);
	pair(t, "iommus", ph, 0x43);
	fdt_end_node(t);
	return finish();
}

static void test_dup_phandle(void)
{
	CU_ASSERT_EQUAL_FATAL(parse(phandles(7)), 0);
	CU_ASSERT_EQUAL(units[0].phandle, 7);
	CU_ASSERT_EQUAL_FATAL(info.n_streams, 1);
	CU_ASSERT_EQUAL(streams[0].sid, 0x42);
	CU_ASSERT_EQUAL(masters[0].addr, 0x9000000);
	CU_ASSERT_EQUAL(parse(phandles(9)), -SMMUV3_FDT_ERR_PHANDLE);
	CU_ASSERT_EQUAL(parse(phandles(5)), -SMMUV3_FDT_ERR_PHANDLE);
}

/* n units, each with a master on StreamID i; more than the board's first arrays hold. */
static void *many(unsigned n)
{
	void *t = begin();
	char name[32];

	cells2(t);
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "iommu@%x", 0x10000000 + (i << 17));
		fdt_begin_node(t, name);
		fdt_property_string(t, "compatible", "arm,smmu-v3");
		reg(t, 0x10000000 + (i << 17));
		fdt_property_u32(t, "#iommu-cells", 1);
		fdt_property_u32(t, "phandle", i + 1);
		fdt_end_node(t);
		snprintf(name, sizeof(name), "dma@%x", 0x20000000 + (i << 12));
		fdt_begin_node(t, name);
		reg(t, 0x20000000 + (i << 12));
		pair(t, "iommus", i + 1, i);
		fdt_end_node(t);
	}
	return finish();
}

static void check_board(unsigned n)
{
	struct smmuv3_fdt_info in;
	size_t host0, unit;
	uint32_t sid;
	void *t = many(n);

	CU_ASSERT_EQUAL_FATAL(smmuv3_board_parse(t, fdt_totalsize(t), &in, &host0), 0);
	CU_ASSERT_EQUAL(host0, SMMUV3_FDT_NONE);
	CU_ASSERT_EQUAL(in.n_units, n);
	CU_ASSERT_EQUAL(in.n_masters, n);
	CU_ASSERT_EQUAL(in.n_streams, n);
	for (unsigned i = 0; i < n && i < in.units_cap; i++)
		CU_ASSERT_EQUAL(in.units[i].base, 0x10000000 + (i << 17));
	CU_ASSERT_EQUAL(smmuv3_board_stream(&in, host0, true, 0, 0x20000000 + ((n - 1) << 12),
					    &unit, &sid), 0);
	CU_ASSERT_EQUAL(unit, n - 1);
	CU_ASSERT_EQUAL(sid, n - 1);
	smmuv3_board_free(&in);
}

static void test_board_sizes(void)
{
	struct smmuv3_fdt_info in;
	size_t host0;
	void *t;

	check_board(1);
	check_board(100);
	/* an error: where, and no arrays */
	t = begin();
	pair(t, "#address-cells", 0, 2);
	finish();
	CU_ASSERT_EQUAL(smmuv3_board_parse(t, fdt_totalsize(t), &in, &host0),
			-SMMUV3_FDT_ERR_CELLS);
	CU_ASSERT_EQUAL(in.err_node, 0);
	CU_ASSERT_PTR_NULL(in.units);
	CU_ASSERT_PTR_NULL(in.streams);
	CU_ASSERT_EQUAL(in.units_cap, 0);
	smmuv3_board_free(&in);
}

/*
 * Trees before version 16 are refused (libfdt 1.6.1's fdt_check_full
 * crashed on one whose root name has no '/'); version 16 is read.
 */
static void test_old_version(void)
{
	void *t = begin();
	struct fdt_header *h = t;

	cells2(t);
	finish();
	h->version = cpu_to_fdt32(2);
	h->last_comp_version = cpu_to_fdt32(2);
	CU_ASSERT_EQUAL(parse(t), -SMMUV3_FDT_ERR_TREE);
	CU_ASSERT_EQUAL(info.fdt_err, -FDT_ERR_BADVERSION);
	h->version = cpu_to_fdt32(16);
	h->last_comp_version = cpu_to_fdt32(16);
	CU_ASSERT_EQUAL(parse(t), 0);
	CU_ASSERT_EQUAL(info.fdt_err, 0);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "status twice: the first", test_dup_status },
		{ "compatible, reg, #iommu-cells twice: the first", test_dup_compatible_reg },
		{ "#address-cells twice: the first", test_dup_cells },
		{ "phandle and iommus twice: fdt_get_phandle's rule", test_dup_phandle },
		{ "board arrays: first size and grown", test_board_sizes },
		{ "a tree before version 16", test_old_version },
	};

	return CU_RUN("smmuv3_fdt_props", cases);
}
