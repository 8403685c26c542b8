/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d live updates (runtime/vtd/vtd_live.c) on the software unit, booted
 * as smmuman boots it (unit_probe, tables_install, unit_enable through the
 * architecture's entry), then judged by DMA through the model, whose
 * context cache and IOTLB keep what software forgets to invalidate.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "fixture.h"
#include "iommu/arch.h"
#include "vtd/vtd_arch.h"
#include "vtd/vtd_live.h"
#include "vtd/vtd_regs.h"
#include "vtd/vtd_sim.h"
#include "test_live.h"

/*
 * 00:02.0, 01:02.0 and 02:02.0 alike. This tree's builder gives each bus
 * a context table of its own (pages 1 to 3); boot() then links bus 1 to
 * bus 0's identical one, as a builder sharing identical context tables
 * would: live updates must handle both.
 */
static const char policy[] = "smmu vtd ignore\n"
			     "\tunit vtd1 0xfed90000\n"
			     "allow a 0x100000,64K,st\n"
			     "device pci:0:2.0 a use vtd1\n"
			     "device pci:1:2.0 a use vtd1\n"
			     "device pci:2:2.0 a use vtd1\n";

#define MEM 0x4000000ull /* the model's memory: 64 MiB, tables at 8 MiB */

static void *blob;
static struct smmub_view view;
struct vtd_sim *sim;
struct rt_unit unit;
struct iommu_live *live;
const struct iommu_live_ops *ops = &vtd_live_ops;
uint64_t pool_off;

/* Register writes, when spying; drop_iotlb/drop_ccmd lose the invalidation commands. */
struct wr {
	uint32_t off;
	uint64_t val;
};
static struct wr wlog[64];
static unsigned nw;
static bool spying, drop_iotlb, drop_ccmd;
static struct unit_io simio;

static void spy_w32(void *ctx, uint32_t off, uint32_t v)
{
	if (spying && nw < 64)
		wlog[nw++] = (struct wr){ off, v };
	simio.write32(ctx, off, v);
}

static void spy_w64(void *ctx, uint32_t off, uint64_t v)
{
	if ((drop_iotlb && off == 0xf8) || (drop_ccmd && off == VTD_REG_CCMD))
		return;
	if (spying && nw < 64)
		wlog[nw++] = (struct wr){ off, v };
	simio.write64(ctx, off, v);
}

static void down(void)
{
	ops->close(live);
	live = NULL;
	if (sim) {
		iommu_arch_vtd.unit_release(&unit);
		vtd_sim_free(sim);
		sim = NULL;
	}
}

/* The policy on a fresh unit, translating, with a pool of npool pages after its tables. */
int boot(void (*tweak)(struct vtd_sim_cfg *), size_t npool)
{
	const struct iommu_arch *a = &iommu_arch_vtd;
	struct iommu_tables_out out = { 0 };
	struct iommu_tables_in in;
	struct iommu_live_in li;
	struct vtd_sim_cfg c;
	char why[256];
	size_t len;

	down();
	if (!blob && (fixture_compile(policy, &blob, &len) || smmub_validate(blob, len, &view, NULL)))
		return -1;
	vtd_sim_default_cfg(&c, 4);
	if (tweak)
		tweak(&c);
	sim = vtd_sim_new(&c);
	memset(&unit, 0, sizeof(unit));
	strcpy(unit.name, "vtd1");
	vtd_sim_io(sim, &unit.io);
	simio = unit.io;
	unit.io.write32 = spy_w32;
	unit.io.write64 = spy_w64;
	spying = drop_iotlb = drop_ccmd = false;
	in = (struct iommu_tables_in){ .v = &view, .blob_path = "test", .units = &unit,
				       .nunits = 1 };
	if (a->unit_probe(&unit, why, sizeof(why)) || a->tables_install(&in, &out) ||
	    a->unit_enable(&unit))
		return -1;
	pool_off = (out.used + 4095) & ~4095ull;
	/* bus 1 walks bus 0's context table: byte for byte its own, and nothing cached yet */
	CU_ASSERT_EQUAL(memcmp(unit.io.table_mem + 0x1000, unit.io.table_mem + 0x2000, 4096), 0);
	memcpy(unit.io.table_mem + 16, unit.io.table_mem, 8);
	li = (struct iommu_live_in){ .units = &unit, .nunits = 1, .pool_off = pool_off,
				     .pool_len = npool * 4096, .v = &view,
				     .be = &vtd_backend_sim };
	return ops->open(&li, &live, why, sizeof(why));
}

/* A DMA of 8 bytes: 0 allowed, else the fault reason it recorded. */
static int dma(uint16_t sid, uint64_t iova, bool write, uint64_t *data)
{
	uint64_t buf = data ? *data : 0x5a5a5a5a5a5a5a5aull;
	int rc = vtd_sim_dma(sim, sid, iova, 8, write, &buf);
	unsigned reason = 0;

	if (data)
		*data = buf;
	if (rc == -EFAULT) {
		uint64_t hi;

		/* the one fault record: its reason, then cleared for the next */
		hi = simio.read64(simio.ctx, 0x228);
		reason = (unsigned)(hi >> 32) & 0xff;
		CU_ASSERT_EQUAL(hi & 0xffff, sid);
		CU_ASSERT_EQUAL(simio.read64(simio.ctx, 0x220), iova & ~0xfffull);
		simio.write32(simio.ctx, 0x22c, 0x80000000u);
		return (int)reason;
	}
	CU_ASSERT_EQUAL(rc, 0);
	return rc;
}

static void test_attach_map_unmap(void)
{
	struct iommu_devid pci = { .rid = 0x0508 }, mem = { .mem = true, .mmio = 0xa000000 };
	uint64_t v = 0x1122334455667788ull;
	size_t u = 9, used, total;
	uint32_t sid = 0;
	int d;

	CU_ASSERT_FATAL(boot(NULL, 64) == 0);
	CU_ASSERT_EQUAL(ops->stream(live, &pci, &u, &sid), 0);
	CU_ASSERT_EQUAL(u, 0);
	CU_ASSERT_EQUAL(sid, 0x508);
	CU_ASSERT_EQUAL(ops->stream(live, &mem, &u, &sid), -ENOENT);
	CU_ASSERT_EQUAL(ops->group(live, 0), 0);
	CU_ASSERT_EQUAL(dma(0x508, 0x200000, false, NULL), VTD_FR_ROOT_NP);
	d = ops->dom_new(live, 0);
	CU_ASSERT_FATAL(d >= 0);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x200000, 0x200000, 0x2000, IOMMU_LIVE_R), 0);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x508, d), 0);
	CU_ASSERT_EQUAL(dma(0x508, 0x200000, false, NULL), 0);
	CU_ASSERT_EQUAL(dma(0x508, 0x201ff8, false, NULL), 0);
	CU_ASSERT_EQUAL(dma(0x508, 0x200000, true, NULL), VTD_FR_WRITE);
	CU_ASSERT_EQUAL(dma(0x508, 0x202000, false, NULL), VTD_FR_READ);
	/* the second page again, writable: the cached read-only answer must go */
	CU_ASSERT_EQUAL(ops->map(live, d, 0x201000, 0x201000, 0x1000, IOMMU_LIVE_R | IOMMU_LIVE_W),
			0);
	CU_ASSERT_EQUAL(dma(0x508, 0x201008, true, &v), 0);
	CU_ASSERT_EQUAL(memcmp(vtd_sim_mem(sim) + 0x201008, &v, 8), 0);
	CU_ASSERT_EQUAL(ops->unmap(live, d, 0x200000, 0x1000), 0);
	CU_ASSERT_EQUAL(dma(0x508, 0x200000, false, NULL), VTD_FR_READ);
	CU_ASSERT_EQUAL(dma(0x508, 0x201000, false, NULL), 0);
	/* detached: blocked, the context entry not present */
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x508, -1), 0);
	CU_ASSERT_EQUAL(dma(0x508, 0x201000, false, NULL), VTD_FR_CTX_NP);
	ops->usage(live, &used, &total);
	CU_ASSERT_EQUAL(total, 64);
	CU_ASSERT_EQUAL(used, 5); /* PML4, PDPT, PD, PT, and bus 5's context table */
	ops->dom_free(live, d);
	ops->usage(live, &used, &total);
	CU_ASSERT_EQUAL(used, 1);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
}

static void test_translating(void)
{
	uint64_t v = 0xfeedfacecafebeefull, r = 0;
	int d;

	CU_ASSERT_FATAL(boot(NULL, 64) == 0);
	d = ops->dom_new(live, 0);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x40000000, 0x300000, 0x1000, 3), 0);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0600, d), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x40000010, true, &v), 0);
	CU_ASSERT_EQUAL(memcmp(vtd_sim_mem(sim) + 0x300010, &v, 8), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x40000010, false, &r), 0);
	CU_ASSERT_EQUAL(r, v);
	CU_ASSERT_EQUAL(dma(0x0600, 0x300010, false, NULL), VTD_FR_READ);
}

static void test_bad_args(void)
{
	int d;

	CU_ASSERT_FATAL(boot(NULL, 64) == 0);
	d = ops->dom_new(live, 0);
	CU_ASSERT_EQUAL(ops->dom_new(live, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x1800, 0x1000, 0x1000, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x1000, 0x1800, 0x1000, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x1000, 0x1000, 0, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x1000, 0x1000, 0x1000, 0), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x1000, 0x1000, 0x1000, 4), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, 1ull << 48, 0x1000, 0x1000, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, (1ull << 48) - 0x1000, 0x1000, 0x2000, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, 0, UINT64_MAX - 0xfff, 0x1000, 1), -EINVAL);
	/* a device must never reach the tables */
	CU_ASSERT_EQUAL(ops->map(live, d, 0x1000, 0x7ff000, 0x2000, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x1000, 0xbff000, 0x1000, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x1000, 0xc00000, 0x1000, 1), 0);
	CU_ASSERT_EQUAL(ops->map(live, d + 1, 0x1000, 0x1000, 0x1000, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->unmap(live, -1, 0x1000, 0x1000), -EINVAL);
	CU_ASSERT_EQUAL(ops->attach(live, 1, 0x600, d), -EINVAL);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x10000, d), -EINVAL);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x600, d + 1), -EINVAL);
	/* a startup device's entry is never changed */
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0010, d), -EBUSY);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0110, -1), -EBUSY);
	CU_ASSERT_EQUAL(dma(0x0010, 0x100000, true, NULL), 0);
}

/* The model's whole memory, for comparison. */
uint8_t *snap(void)
{
	uint8_t *p = malloc(MEM);

	memcpy(p, vtd_sim_mem(sim), MEM);
	return p;
}

static void test_pool_exhausted(void)
{
	size_t used, total, u2;
	uint8_t *before;
	int d;

	/* 5 pages: the top, then PDPT, PD and one PT for the first map */
	CU_ASSERT_FATAL(boot(NULL, 5) == 0);
	d = ops->dom_new(live, 0);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x3fe000, 0x3fe000, 0x2000, 1), 0);
	ops->usage(live, &used, &total);
	CU_ASSERT_EQUAL(used, 4);
	CU_ASSERT_EQUAL(total, 5);
	before = snap();
	/* across 4 MiB: the PT of the next 2 MiB and one more would be needed */
	CU_ASSERT_EQUAL(ops->map(live, d, 0x3fe000, 0x3fe000, 0x204000, 3), -ENOMEM);
	CU_ASSERT_EQUAL(ops->map(live, d, 1ull << 30, 0x3fe000, 0x1000, 3), -ENOMEM);
	CU_ASSERT_EQUAL(memcmp(before, vtd_sim_mem(sim), MEM), 0);
	ops->usage(live, &u2, &total);
	CU_ASSERT_EQUAL(u2, used);
	free(before);
	/* the last page: a PT of its own */
	CU_ASSERT_EQUAL(ops->map(live, d, 0x400000, 0x400000, 0x1000, 1), 0);
	ops->usage(live, &used, &total);
	CU_ASSERT_EQUAL(used, 5);
	/* bus 6 has no context table, and no page is left for one: still blocked */
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0600, d), -ENOMEM);
	CU_ASSERT_EQUAL(dma(0x0600, 0x400000, false, NULL), VTD_FR_ROOT_NP);
	ops->dom_free(live, d);
	ops->usage(live, &used, &total);
	CU_ASSERT_EQUAL(used, 0);
	/* its id is free again, its pages too */
	CU_ASSERT_EQUAL(ops->dom_new(live, 0), d);
}

/* A new domain with the page at 0x200000 read and write. */
static int dom_page(void)
{
	int d = ops->dom_new(live, 0);

	CU_ASSERT_EQUAL(ops->map(live, d, 0x200000, 0x200000, 0x1000, 3), 0);
	return d;
}

static void test_shared_context_table(void)
{
	const uint8_t *t;
	uint64_t r0, r1;
	int d;

	CU_ASSERT_FATAL(boot(NULL, 64) == 0);
	t = vtd_sim_mem(sim) + 0x800000;
	memcpy(&r0, t, 8);
	memcpy(&r1, t + 16, 8);
	CU_ASSERT_EQUAL_FATAL(r0, r1); /* buses 0 and 1: one context table */
	d = dom_page();
	CU_ASSERT_EQUAL(dma(0x0118, 0x200000, false, NULL), VTD_FR_CTX_NP);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0018, d), 0);
	CU_ASSERT_EQUAL(dma(0x0018, 0x200000, true, NULL), 0);
	/* bus 1 kept the installed table: its 01:03.0 still has no entry */
	CU_ASSERT_EQUAL(dma(0x0118, 0x200000, false, NULL), VTD_FR_CTX_NP);
	memcpy(&r0, t, 8);
	CU_ASSERT_NOT_EQUAL(r0, r1);
	memcpy(&r0, t + 16, 8);
	CU_ASSERT_EQUAL(r0, r1);
	/* the startup devices answer as before, on both buses */
	CU_ASSERT_EQUAL(dma(0x0010, 0x10f000, true, NULL), 0);
	CU_ASSERT_EQUAL(dma(0x0110, 0x10f000, true, NULL), 0);
	CU_ASSERT_EQUAL(dma(0x0010, 0x110000, false, NULL), VTD_FR_READ);
	CU_ASSERT_EQUAL(dma(0x0110, 0x200000, false, NULL), VTD_FR_READ);
	/* a second device on the copied bus: written in place, no second copy */
	memcpy(&r1, t, 8);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0020, d), 0);
	memcpy(&r0, t, 8);
	CU_ASSERT_EQUAL(r0, r1);
	CU_ASSERT_EQUAL(dma(0x0020, 0x200000, false, NULL), 0);
	/* bus 2's installed table is its own: written in place, its root entry kept */
	memcpy(&r1, t + 32, 8);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0218, d), 0);
	memcpy(&r0, t + 32, 8);
	CU_ASSERT_EQUAL(r0, r1);
	CU_ASSERT_EQUAL(dma(0x0218, 0x200000, false, NULL), 0);
	CU_ASSERT_EQUAL(dma(0x0210, 0x10f000, true, NULL), 0);
	CU_ASSERT_EQUAL(dma(0x0210, 0x200000, true, NULL), VTD_FR_WRITE);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
}

static void psi(struct vtd_sim_cfg *c)
{
	c->psi = true;
	c->mamv = 9;
	c->drain = true;
	c->rwbf = true;
}

void cm(struct vtd_sim_cfg *c)
{
	psi(c);
	c->cm = true;
}

/* A forgotten invalidation shows: the model keeps answering from its caches. */
static void test_missing_invalidation(void)
{
	int d;

	CU_ASSERT_FATAL(boot(NULL, 64) == 0);
	d = dom_page();
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0600, d), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x200000, false, NULL), 0);
	drop_iotlb = true;
	CU_ASSERT_EQUAL(ops->unmap(live, d, 0x200000, 0x1000), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x200000, false, NULL), 0); /* stale: still goes through */
	drop_iotlb = false;
	CU_ASSERT_EQUAL(ops->map(live, d, 0x200000, 0x200000, 0x1000, 3), 0);
	CU_ASSERT_EQUAL(ops->unmap(live, d, 0x200000, 0x1000), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x200000, false, NULL), VTD_FR_READ);
	/* the context cache: a detach without its invalidation leaves the device walking */
	CU_ASSERT_EQUAL(ops->map(live, d, 0x200000, 0x200000, 0x1000, 3), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x200000, false, NULL), 0);
	drop_ccmd = drop_iotlb = true;
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0600, -1), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x200000, false, NULL), 0);
	/* caching mode: a new entry must be invalidated even when it was not present */
	CU_ASSERT_FATAL(boot(cm, 64) == 0);
	d = dom_page();
	CU_ASSERT_EQUAL(dma(0x0600, 0x200000, false, NULL), VTD_FR_ROOT_NP);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0600, d), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x200000, false, NULL), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x201000, false, NULL), VTD_FR_READ);
	CU_ASSERT_EQUAL(ops->map(live, d, 0x201000, 0x201000, 0x1000, 3), 0);
	CU_ASSERT_EQUAL(dma(0x0600, 0x201000, false, NULL), 0);
}

/* The exact register writes of an unmap's and a detach's invalidation. */
static void test_invalidation_writes(void)
{
	int d;

	CU_ASSERT_FATAL(boot(psi, 64) == 0);
	d = ops->dom_new(live, 0); /* domain id 2: the policy's is 1 */
	CU_ASSERT_EQUAL(ops->map(live, d, 0x200000, 0x200000, 0x4000, 3), 0);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0600, d), 0);
	nw = 0;
	spying = true;
	CU_ASSERT_EQUAL(ops->unmap(live, d, 0x201000, 0x2000), 0);
	/* write buffer, IVA (2 pages at 0x201000: the 4 aligned at 0x200000), then the command */
	CU_ASSERT_EQUAL_FATAL(nw, 3);
	CU_ASSERT_EQUAL(wlog[0].off, VTD_REG_GCMD);
	CU_ASSERT_EQUAL(wlog[0].val, VTD_GCMD_TE | VTD_GCMD_WBF);
	CU_ASSERT_EQUAL(wlog[1].off, 0xf0);
	CU_ASSERT_EQUAL(wlog[1].val, 0x200000 | 2);
	CU_ASSERT_EQUAL(wlog[2].off, 0xf8);
	CU_ASSERT_EQUAL(wlog[2].val, VTD_IOTLB_IVT | VTD_IOTLB_PAGE | VTD_IOTLB_DR | VTD_IOTLB_DW |
					     2ull << 32);
	nw = 0;
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0600, -1), 0);
	CU_ASSERT_EQUAL_FATAL(nw, 3);
	CU_ASSERT_EQUAL(wlog[0].val, VTD_GCMD_TE | VTD_GCMD_WBF);
	CU_ASSERT_EQUAL(wlog[1].off, VTD_REG_CCMD);
	CU_ASSERT_EQUAL(wlog[1].val, VTD_CCMD_ICC | VTD_CCMD_DEVICE | 0x0600ull << 16 | 2);
	CU_ASSERT_EQUAL(wlog[2].off, 0xf8);
	CU_ASSERT_EQUAL(wlog[2].val, VTD_IOTLB_IVT | VTD_IOTLB_DOMAIN | VTD_IOTLB_DR |
					     VTD_IOTLB_DW | 2ull << 32);
	/* beyond MAMV (2^9 pages): the whole domain */
	CU_ASSERT_EQUAL(ops->map(live, d, 0x200000, 0x200000, 0x4000, 3), 0);
	nw = 0;
	CU_ASSERT_EQUAL(ops->unmap(live, d, 0x1ff000, 0x2000), 0);
	CU_ASSERT_EQUAL_FATAL(nw, 2);
	CU_ASSERT_EQUAL(wlog[1].val, VTD_IOTLB_IVT | VTD_IOTLB_DOMAIN | VTD_IOTLB_DR |
					     VTD_IOTLB_DW | 2ull << 32);
	/* an invalidation that never completes */
	vtd_sim_knobs(sim)->ivt_stuck = true;
	CU_ASSERT_EQUAL(ops->unmap(live, d, 0x201000, 0x1000), -ETIMEDOUT);
	spying = false;
}

static void nd0(struct vtd_sim_cfg *c)
{
	c->nd = 0; /* 16 domain ids */
}

/* Ids below CAP.ND's count, never 0 nor the policy's (1), reused once free. */
static void test_domain_ids(void)
{
	int d[15];

	CU_ASSERT_FATAL(boot(nd0, 64) == 0);
	for (int i = 0; i < 14; i++)
		CU_ASSERT_EQUAL(d[i] = ops->dom_new(live, 0), i);
	CU_ASSERT_EQUAL(ops->dom_new(live, 0), -ENOSPC);
	CU_ASSERT_EQUAL(ops->map(live, d[13], 0x200000, 0x200000, 0x1000, 3), 0);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0600, d[13]), 0);
	/* the last id handed out is 15, the largest of 16: in the context entry of 06:00.0,
	 * on pool page 17 (14 tops, PDPT, PD, PT, then bus 6's context table) */
	CU_ASSERT_EQUAL(vtd_sim_mem(sim)[0x800000 + pool_off + 0x1000 * 17 + 9], 15);
	ops->dom_free(live, d[13]); /* still walked: kept */
	CU_ASSERT_EQUAL(ops->dom_new(live, 0), -ENOSPC);
	CU_ASSERT_EQUAL(ops->attach(live, 0, 0x0600, -1), 0);
	ops->dom_free(live, d[13]);
	ops->dom_free(live, d[2]);
	CU_ASSERT_EQUAL(ops->dom_new(live, 0), 2);
	CU_ASSERT_EQUAL(ops->dom_new(live, 0), 13);
	CU_ASSERT_EQUAL(ops->dom_new(live, 0), -ENOSPC);
}

/* open again with this pool: its status, the reason in why */
static int reopen(uint64_t off, uint64_t len, char *why, size_t whylen)
{
	struct iommu_live_in li = { .units = &unit, .nunits = 1, .pool_off = off, .pool_len = len,
				    .v = &view, .be = &vtd_backend_sim };

	ops->close(live);
	live = NULL;
	return ops->open(&li, &live, why, whylen);
}

static void test_open_refuses(void)
{
	char why[256];

	CU_ASSERT_FATAL(boot(NULL, 64) == 0);
	CU_ASSERT_EQUAL(reopen(0, 0x10000, why, sizeof(why)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(why, "the pool (0x10000 bytes at offset 0x0) is not inside table "
				    "memory after the root table");
	CU_ASSERT_EQUAL(reopen(0x3ff000, 0x2000, why, sizeof(why)), -EINVAL);
	CU_ASSERT_EQUAL(reopen(0x1800, 0x1000, why, sizeof(why)), -EINVAL);
	/* the pool over the installed tables: the first met, depth first (bus 0 and its domain) */
	CU_ASSERT_EQUAL(reopen(0x2000, 0x10000, why, sizeof(why)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(why, "an installed table at 0x804000 is not below the pool (table "
				    "memory 0x800000, pool at offset 0x2000)");
	CU_ASSERT_EQUAL(reopen(pool_off, 0x10000, why, sizeof(why)), 0);
	/* a unit about to latch another root table */
	simio.write64(simio.ctx, VTD_REG_RTADDR, 0x900000);
	CU_ASSERT_EQUAL(reopen(pool_off, 0x10000, why, sizeof(why)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(why, "unit vtd1 walks the root table at 0x900000, not at its table "
				    "memory 0x800000");
	simio.write64(simio.ctx, VTD_REG_RTADDR, 0x800000);
	simio.write32(simio.ctx, VTD_REG_GCMD, 0);
	CU_ASSERT_EQUAL(reopen(pool_off, 0x10000, why, sizeof(why)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(why, "unit vtd1 is not translating");
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "attach, map, unmap, detach", test_attach_map_unmap },
		{ "translating mapping", test_translating },
		{ "bad arguments", test_bad_args },
		{ "open refuses", test_open_refuses },
		{ "domain ids", test_domain_ids },
		{ "pool exhausted: nothing changed", test_pool_exhausted },
		{ "shared context table copied", test_shared_context_table },
		{ "a missing invalidation shows", test_missing_invalidation },
		{ "invalidation register writes", test_invalidation_writes },
		{ "random sequence against a model", test_random },
		{ "random sequence, caching mode", test_random_cm },
	};
	int rc = cu_run("vtd live", cases, CU_COUNT(cases));

	down();
	free(blob);
	return rc;
}
