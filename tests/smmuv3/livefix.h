/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rig of the SMMUv3 live-update suite (test_live.c): a small policy
 * booted on the model as smmuman boots it (unit_probe, tables_install,
 * unit_enable), a board tree written with libfdt, the live ops opened
 * over a pool, every command the unit consumes recorded in order, and DMA
 * with the events it leaves.
 *
 * The board: an SMMUv3 at 0x09050000; a PCI host bridge whose iommu-map
 * gives requester ids 0-0xff StreamID = requester id; masters at
 * 0xa000000 (StreamID 7, the policy's) and 0xb000000 (StreamID 9, 4 KiB
 * of registers). The policy: pci:0:2.0 (StreamID 16) reads and writes
 * 0x100000, mem:0xa000000 (7) reads 0x200000; VMIDs or ASIDs 1 and 2. Its
 * linear stream table holds 32 STEs (StreamID 16 needs 5 bits).
 */
#ifndef SMMU_TESTS_SMMUV3_LIVEFIX_H
#define SMMU_TESTS_SMMUV3_LIVEFIX_H

#include <CUnit/Basic.h>
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../vtd/fixture.h"
#include "faultlog.h"
#include "iommu/arch.h"
#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_drv.h"
#include "smmuv3/smmuv3_sim.h"

#define TABLES	 0x800000ull
#define TSIZE	 (4ull << 20)
#define POOL_OFF 0x100000ull /* in table memory, past the startup tables */
#define REGS	 0x09050000ull

static const char live_policy[] = "smmu armsmmuv3\n"
				  "unit smmu0 0x09050000\n"
				  "allow a 0x100000,0x1000,st\n"
				  "allow r 0x200000,0x1000,s\n"
				  "device pci:0:2.0 a use smmu0\n"
				  "device mem:0xa000000 r use smmu0 7\n";

/* StreamID 4096: a 2-level stream table, split 6, its one L2 table for 4096-4159 */
static const char live_policy_2lvl[] = "smmu armsmmuv3\n"
				       "unit smmu0 0x09050000\n"
				       "allow a 0x100000,0x1000,st\n"
				       "device pci:0:2.0 a use smmu0 4096\n";

static struct smmuv3_sim *sim;
static struct rt_unit unit;
static void *blob;
static const char *blob_of; /* the policy text blob was compiled from */
static struct smmub_view view;
static char board_path[64];
static struct backend_args bargs;
static struct iommu_live *lv;
static const struct iommu_live_ops *ops = &smmuv3_live_ops;
static uint8_t *mem;

/* ---- commands as the unit consumes them -------------------------------- */

#define MAXCMD 64
static struct {
	uint64_t d0[MAXCMD], d1[MAXCMD];
	unsigned n;
	bool corrupt; /* the next command published gets an opcode no unit has */
} cmds;
static void (*raw_write32)(void *ctx, uint32_t off, uint32_t v);

static void rec_write32(void *ctx, uint32_t off, uint32_t v)
{
	const struct smmuv3_unit *d = unit.caps;

	/* a PROD write publishes the entries from the old PROD up to v */
	if (off == SMMUV3_REG_CMDQ_PROD && d && d->queues_ready) {
		uint32_t mask = (1u << d->cmdq_log2) - 1;
		uint32_t p = unit.io.read32(ctx, SMMUV3_REG_CMDQ_PROD);

		for (; (p & ((2u << d->cmdq_log2) - 1)) != v; p++) {
			uint64_t at = d->cmdq_off + 16ull * (p & mask);

			if (cmds.corrupt) {
				unit.io.table_mem[at] = 0x7f;
				cmds.corrupt = false;
			}
			if (cmds.n < MAXCMD) {
				memcpy(&cmds.d0[cmds.n], unit.io.table_mem + at, 8);
				memcpy(&cmds.d1[cmds.n], unit.io.table_mem + at + 8, 8);
			}
			cmds.n++;
		}
	}
	raw_write32(ctx, off, v);
}

/* The commands since the last call are exactly want[0..n). */
static inline bool cmds_are(const uint64_t *want, unsigned n)
{
	bool ok = cmds.n == n;

	for (unsigned i = 0; ok && i < n; i++)
		ok = cmds.d0[i] == want[i];
	if (!ok) {
		fprintf(stderr, "\ncommands (%u):", cmds.n);
		for (unsigned i = 0; i < cmds.n && i < MAXCMD; i++)
			fprintf(stderr, " %#llx", (unsigned long long)cmds.d0[i]);
		fprintf(stderr, "\n");
	}
	cmds.n = 0;
	return ok;
}

/* ---- the board's tree ---------------------------------------------------- */

static inline void prop_cells(void *fdt, const char *name, const uint32_t *c, int n)
{
	fdt32_t v[8];

	for (int i = 0; i < n; i++)
		v[i] = cpu_to_fdt32(c[i]);
	fdt_property(fdt, name, v, (int)(n * sizeof(fdt32_t)));
}

static inline void master(void *fdt, const char *name, uint32_t addr, uint32_t sid)
{
	const uint32_t reg[] = {0, addr, 0, 0x1000}, io[] = {1, sid};

	fdt_begin_node(fdt, name);
	prop_cells(fdt, "reg", reg, 4);
	prop_cells(fdt, "iommus", io, 2);
	fdt_end_node(fdt);
}

static inline int write_board(void)
{
	static char buf[4096];
	const uint32_t two = 2, one = 1, three = 3, ureg[] = {0, REGS, 0, 0x20000};
	const uint32_t preg[] = {0, 0x10000000, 0, 0x1000000}, map[] = {0, 1, 0, 0x100};
	void *fdt = buf;
	FILE *f;
	int fd;

	fdt_create(fdt, sizeof(buf));
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	prop_cells(fdt, "#address-cells", &two, 1);
	prop_cells(fdt, "#size-cells", &two, 1);
	fdt_begin_node(fdt, "iommu@9050000");
	fdt_property_string(fdt, "compatible", "arm,smmu-v3");
	prop_cells(fdt, "reg", ureg, 4);
	prop_cells(fdt, "#iommu-cells", &one, 1);
	prop_cells(fdt, "phandle", &one, 1);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "pcie@10000000");
	fdt_property_string(fdt, "device_type", "pci");
	fdt_property_string(fdt, "compatible", "pci-host-ecam-generic");
	prop_cells(fdt, "#address-cells", &three, 1);
	prop_cells(fdt, "#size-cells", &two, 1);
	prop_cells(fdt, "reg", preg, 4);
	prop_cells(fdt, "iommu-map", map, 4);
	fdt_end_node(fdt);
	master(fdt, "dma@a000000", 0xa000000, 7);
	master(fdt, "dma@b000000", 0xb000000, 9);
	fdt_end_node(fdt);
	if (fdt_finish(fdt))
		return -1;
	strcpy(board_path, "live-board-XXXXXX");
	if ((fd = mkstemp(board_path)) < 0 || !(f = fdopen(fd, "wb")))
		return -1;
	fwrite(fdt, 1, fdt_totalsize(fdt), f);
	return fclose(f);
}

/* ---- boot --------------------------------------------------------------- */

static inline void teardown(void)
{
	if (lv)
		ops->close(lv);
	lv = NULL;
	if (sim) {
		iommu_arch_smmuv3.unit_release(&unit);
		smmuv3_sim_free(sim);
	}
	sim = NULL;
}

/*
 * The policy booted at stage 2 (the specification's unit with both
 * stages) or stage 1 (QEMU's, which has stage 1 only: the tables are
 * rebuilt), live updates open over a pool of pool_pages pages.
 */
static inline int boot_live_policy(const char *text, unsigned stage, size_t pool_pages)
{
	const struct iommu_arch *a = &iommu_arch_smmuv3;
	struct smmuv3_sim_cfg c;
	struct iommu_tables_in in = {0};
	struct iommu_tables_out out = {0};
	struct iommu_live_in li;
	size_t len;
	char why[256];

	teardown();
	if (blob_of != text) {
		free(blob);
		blob = NULL;
		if (fixture_compile(text, &blob, &len) || smmub_validate(blob, len, &view, NULL) ||
		    (!*board_path && write_board()))
			return -1;
		blob_of = text;
	}
	smmuv3_sim_default_cfg(&c, stage == 1);
	c.s2p = stage == 2;
	c.oas = 5;
	c.table_base = TABLES;
	c.table_size = TSIZE;
	sim = smmuv3_sim_new(&c);
	mem = smmuv3_sim_mem(sim);
	memset(&unit, 0, sizeof(unit));
	strcpy(unit.name, "smmu0");
	unit.reg_base = REGS;
	smmuv3_sim_io(sim, &unit.io);
	raw_write32 = unit.io.write32;
	unit.io.write32 = rec_write32;
	in = (struct iommu_tables_in){.v = &view, .blob_path = "test", .units = &unit, .nunits = 1};
	if (a->unit_probe(&unit, why, sizeof(why)) || a->tables_install(&in, &out) ||
	    a->unit_enable(&unit) || out.used > POOL_OFF)
		return -1;
	bargs =
	    (struct backend_args){.table_phys = TABLES, .table_len = TSIZE, .board = board_path};
	li = (struct iommu_live_in){.units = &unit,
				    .nunits = 1,
				    .pool_off = POOL_OFF,
				    .pool_len = pool_pages * 4096,
				    .v = &view,
				    .args = &bargs};
	if (ops->open(&li, &lv, why, sizeof(why))) {
		fprintf(stderr, "open: %s\n", why);
		return -1;
	}
	cmds.n = 0;
	return 0;
}

static inline int boot_live(unsigned stage, size_t pool_pages)
{
	return boot_live_policy(live_policy, stage, pool_pages);
}

/* ---- DMA and events ------------------------------------------------------- */

static inline int dma(uint32_t sid, uint64_t addr, bool write)
{
	uint8_t buf[4] = {0x5a, 0xa5, 0x5a, 0xa5};

	return smmuv3_sim_dma(sim, sid, addr, sizeof(buf), write, buf);
}

static struct fault_log evl;

/* The faults recorded since the last call: how many (evl.f[] holds the first 8). */
static inline int faults(void)
{
	bool ov;

	evl.n = 0;
	iommu_arch_smmuv3.unit_poll_faults(&unit, fault_log_add, &evl, &ov);
	return evl.n;
}

/* Exactly one fault: event type, StreamID and (when it has one) the address. */
static inline bool fault_is(unsigned type, uint32_t sid, uint64_t addr)
{
	int n = faults();

	return n == 1 && evl.f[0].reason == type && evl.f[0].sid == sid &&
	       (!evl.f[0].has_addr || evl.f[0].addr == addr);
}

/* The startup devices answer as at boot (the events they leave are drained). */
static inline bool startup_same(void)
{
	bool ok = dma(16, 0x100000, true) == 0 && dma(16, 0x100000, false) == 0 &&
		  dma(7, 0x200000, false) == 0 && dma(7, 0x200000, true) == -EFAULT &&
		  dma(16, 0x101000, false) == -EFAULT && dma(7, 0x100000, false) == -EFAULT;

	faults();
	return ok;
}

static inline size_t used_pages(void)
{
	size_t used, total;

	ops->usage(lv, &used, &total);
	return used;
}

/* A second open over pool (off, len): its status, why in buf. */
static inline int reopen(uint64_t off, uint64_t len, char *why, size_t whylen)
{
	struct iommu_live_in li = {.units = &unit,
				   .nunits = 1,
				   .pool_off = off,
				   .pool_len = len,
				   .v = &view,
				   .args = &bargs};
	struct iommu_live *l2 = NULL;
	int rc;

	*why = 0;
	rc = ops->open(&li, &l2, why, whylen);
	if (l2)
		ops->close(l2);
	return rc;
}

/* The pool's pages over the whole pool, as bytes. */
static inline uint8_t *pool_copy(size_t pages)
{
	uint8_t *c = malloc(pages * 4096);

	if (c)
		memcpy(c, mem + TABLES + POOL_OFF, pages * 4096);
	return c;
}

/* Booted, StreamID 24 attached to a domain reading 0x300000: the domain. */
static inline int one_attached(unsigned stage)
{
	int dom;

	CU_ASSERT_FATAL(boot_live(stage, 64) == 0);
	dom = ops->dom_new(lv, 0);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, 0x300000, 0x1000, IOMMU_LIVE_R), 0);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, dom), 0);
	return dom;
}

#endif
