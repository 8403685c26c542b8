/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 live updates (smmuv3_live.c) on the model, at both stages: a
 * device the policy does not name attached to a domain of its own, its
 * mappings and its detach seen by DMA and in the events; translating
 * mappings; the pool's exhaustion and return; invalidations the model's
 * caches make necessary; a seeded random sequence against a page-level
 * model; and the commands each update issues, in order.
 */
#include "livefix.h"
#include "cu_run.h"

#define R	  IOMMU_LIVE_R
#define W	  IOMMU_LIVE_W
#define CFGI(sid) (SMMUV3_CMD_CFGI_STE | (uint64_t)(sid) << 32)
#define SYNC	  SMMUV3_CMD_SYNC

static unsigned stage = 2;

/* The TLBI of live tag t at the stage under test. */
static uint64_t tlbi(unsigned t)
{
	return stage == 1 ? SMMUV3_CMD_TLBI_NH_ASID | (uint64_t)t << 48
			  : SMMUV3_CMD_TLBI_S12_VMALL | (uint64_t)t << 32;
}

static void test_stream(void)
{
	struct iommu_devid pci = {.rid = 0x18}, far = {.rid = 0x100};
	struct iommu_devid m9 = {.mem = true, .mmio = 0xb000800, .mmio_len = 0x100};
	struct iommu_devid m9all = {.mem = true, .mmio = 0xb000000, .mmio_len = 0x1000};
	struct iommu_devid m9over = {.mem = true, .mmio = 0xb000800, .mmio_len = 0x1000};
	struct iommu_devid none = {.mem = true, .mmio = 0xc000000};
	size_t u = 9;
	uint32_t sid = 0;

	CU_ASSERT_FATAL(boot_live(stage, 64) == 0);
	CU_ASSERT_EQUAL(ops->stream(lv, &pci, &u, &sid), 0);
	CU_ASSERT_EQUAL(u, 0);
	CU_ASSERT_EQUAL(sid, 0x18);
	/* the master whose reg holds the register block, not only its first byte */
	CU_ASSERT_EQUAL(ops->stream(lv, &m9, &u, &sid), 0);
	CU_ASSERT_EQUAL(sid, 9);
	sid = 0;
	CU_ASSERT_EQUAL(ops->stream(lv, &m9all, &u, &sid), 0);
	CU_ASSERT_EQUAL(sid, 9);
	CU_ASSERT_EQUAL(ops->stream(lv, &m9over, &u, &sid), -ENOENT);
	CU_ASSERT_EQUAL(ops->stream(lv, &none, &u, &sid), -ENOENT);
	/* iommu-map covers bus 0 only */
	CU_ASSERT_EQUAL(ops->stream(lv, &far, &u, &sid), -ENOENT);
	CU_ASSERT_EQUAL(ops->group(lv, 0), 0);
}

static void test_open_refused(void)
{
	char why[200];

	CU_ASSERT_FATAL(boot_live(stage, 64) == 0);
	CU_ASSERT_EQUAL(reopen(0, 0x2000, why, sizeof(why)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(why, "the pool overlaps the stream table or leaves table memory");
	/* page 1: stage 2's top table of the policy's domain, stage 1's CDs */
	CU_ASSERT_EQUAL(reopen(0x1000, 0x1000, why, sizeof(why)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(why, "the pool overlaps the startup tables");
	/* the driver's area after table_size is never the pool's */
	CU_ASSERT_EQUAL(reopen(TSIZE - 0x4000, 0x1000, why, sizeof(why)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(why, "the pool overlaps the stream table or leaves table memory");
	CU_ASSERT_EQUAL(reopen(POOL_OFF + 0x800, 0x1000, why, sizeof(why)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(why, "the pool is not page aligned");
	CU_ASSERT_EQUAL(reopen(TSIZE - 0x5000, 0x1000, why, sizeof(why)), 0);
	CU_ASSERT_EQUAL(reopen(POOL_OFF, 0, why, sizeof(why)), 0);
	/* a board tree that cannot be read */
	bargs.board = "/nonexistent/board.dtb";
	CU_ASSERT_EQUAL(reopen(POOL_OFF, 0x1000, why, sizeof(why)), -EIO);
	CU_ASSERT_STRING_EQUAL(why, "cannot read the board's tree: No such file or directory");
	bargs.board = board_path;
}

/* Attach, map, DMA per perms, unmap, DMA denied and recorded, detach blocks. */
static void test_lifecycle(void)
{
	int dom;

	CU_ASSERT_FATAL(boot_live(stage, 64) == 0);
	/* not in the policy: blocked and recorded from boot */
	CU_ASSERT_EQUAL(dma(24, 0x300000, false), -EFAULT);
	CU_ASSERT_TRUE(fault_is(SMMUV3_EVT_C_BAD_STE, 24, 0));
	dom = ops->dom_new(lv, 0);
	CU_ASSERT_FATAL(dom >= 0);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, 0x300000, 0x2000, R), 0);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x302000, 0x302000, 0x1000, R | W), 0);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, dom), 0);
	CU_ASSERT_EQUAL(dma(24, 0x300000, false), 0);
	CU_ASSERT_EQUAL(dma(24, 0x301ffc, false), 0);
	CU_ASSERT_EQUAL(dma(24, 0x302000, true), 0);
	CU_ASSERT_EQUAL(faults(), 0);
	CU_ASSERT_EQUAL(dma(24, 0x300000, true), -EFAULT);
	CU_ASSERT_TRUE(fault_is(SMMUV3_EVT_F_PERMISSION, 24, 0x300000));
	CU_ASSERT_EQUAL(dma(24, 0x303000, false), -EFAULT);
	CU_ASSERT_TRUE(fault_is(SMMUV3_EVT_F_TRANSLATION, 24, 0x303000));
	CU_ASSERT_EQUAL(ops->unmap(lv, dom, 0x300000, 0x1000), 0);
	CU_ASSERT_EQUAL(dma(24, 0x300000, false), -EFAULT);
	CU_ASSERT_TRUE(fault_is(SMMUV3_EVT_F_TRANSLATION, 24, 0x300000));
	CU_ASSERT_EQUAL(dma(24, 0x301000, false), 0);
	/* detach: blocked and recorded, never bypassed */
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, -1), 0);
	CU_ASSERT_EQUAL(dma(24, 0x301000, false), -EFAULT);
	CU_ASSERT_EQUAL(dma(24, 0x302000, true), -EFAULT);
	/* two records of one StreamID and event, without an address: one fault */
	CU_ASSERT_EQUAL(faults(), 1);
	CU_ASSERT_EQUAL(evl.f[0].reason, SMMUV3_EVT_C_BAD_STE);
	CU_ASSERT_EQUAL(evl.f[0].count, 2);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->dma_bypass, 0);
	/* a memory-mapped master, and the startup devices and table never touched */
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 9, dom), 0);
	CU_ASSERT_EQUAL(dma(9, 0x302000, true), 0);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 16, dom), -EBUSY);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 7, -1), -EBUSY);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 32, dom), -ENOSPC);
	CU_ASSERT_EQUAL(ops->attach(lv, 1, 24, dom), -EINVAL);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, dom + 1), -EINVAL);
	CU_ASSERT_TRUE(startup_same());
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

static void test_bad_args(void)
{
	int dom;

	CU_ASSERT_FATAL(boot_live(stage, 64) == 0);
	dom = ops->dom_new(lv, 0);
	CU_ASSERT_FATAL(dom >= 0);
	CU_ASSERT_EQUAL(ops->dom_new(lv, 1), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300800, 0x300000, 0x1000, R), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, 0x300000, 0, R), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, 0x300000, 0x1000, 0), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, 0x300000, 0x1000, 4), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 1ull << 48, 0x300000, 0x1000, R), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, (1ull << 48) - 0x1000, 0, 0x2000, R), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0, 1ull << 48, 0x1000, R), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, UINT64_MAX & ~0xfffull, 0, 0x2000, R), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom + 1, 0x300000, 0x300000, 0x1000, R), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, -1, 0x300000, 0x300000, 0x1000, R), -EINVAL);
	/* smmuman's table memory, the driver's queues included, is never a target */
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, TABLES - 0x1000, 0x2000, R), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, TABLES + TSIZE - 0x1000, 0x1000, R), -EINVAL);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, TABLES - 0x1000, 0x1000, R | W), 0);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, TABLES + TSIZE, 0x1000, R | W), 0);
	/* hostile ids */
	CU_ASSERT_EQUAL(ops->attach(lv, 0, UINT32_MAX, dom), -ENOSPC);
	CU_ASSERT_EQUAL(ops->attach(lv, SIZE_MAX, 24, dom), -EINVAL);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, -2), -EINVAL);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, INT32_MAX), -EINVAL);
	{
		struct iommu_devid big = {.rid = 0x10000};
		struct iommu_devid wrap = {
		    .mem = true, .mmio = UINT64_MAX - 0xff, .mmio_len = 0x200};
		size_t u;
		uint32_t sid;

		CU_ASSERT_EQUAL(ops->stream(lv, &big, &u, &sid), -EINVAL);
		CU_ASSERT_EQUAL(ops->stream(lv, &wrap, &u, &sid), -EINVAL);
		CU_ASSERT_EQUAL(ops->group(lv, 1), SIZE_MAX);
	}
	/* stage 1 reads whatever it may write */
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, 0x300000, 0x1000, W), stage == 1 ? -EINVAL : 0);
	CU_ASSERT_EQUAL(ops->unmap(lv, dom, 0x300000, 0x800), -EINVAL);
	CU_ASSERT_EQUAL(ops->unmap(lv, dom, 0x300000, 0), -EINVAL);
	/* unmapping what is not mapped is fine, and issues nothing */
	cmds.n = 0;
	CU_ASSERT_EQUAL(ops->unmap(lv, dom, 0x40000000, 0x100000), 0);
	CU_ASSERT_EQUAL(cmds.n, 0);
}

/* iova != pa: the device's write lands at pa, and only there. */
static void test_translating(void)
{
	uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	int dom;

	CU_ASSERT_FATAL(boot_live(stage, 64) == 0);
	dom = ops->dom_new(lv, 0);
	CU_ASSERT_FATAL(dom >= 0);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x40000000, 0x500000, 0x2000, R | W), 0);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, dom), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 24, 0x40001ff8, 8, true, buf), 0);
	CU_ASSERT_EQUAL(memcmp(mem + 0x501ff8, buf, 8), 0);
	memset(buf, 0, sizeof(buf));
	mem[0x500010] = 0x77;
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 24, 0x40000010, 1, false, buf), 0);
	CU_ASSERT_EQUAL(buf[0], 0x77);
	/* the identity address is not granted */
	CU_ASSERT_EQUAL(dma(24, 0x500000, false), -EFAULT);
	CU_ASSERT_TRUE(fault_is(SMMUV3_EVT_F_TRANSLATION, 24, 0x500000));
	/* remapped elsewhere: the old translation is gone at once */
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x40000000, 0x600000, 0x1000, R), 0);
	mem[0x600010] = 0x66;
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 24, 0x40000010, 1, false, buf), 0);
	CU_ASSERT_EQUAL(buf[0], 0x66);
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 24, 0x40000010, 1, true, buf), -EFAULT);
	CU_ASSERT_TRUE(startup_same());
}

static void test_exhaustion(void)
{
	uint8_t *before;
	int dom, dom2;

	/* stage 2: a domain is its top table; stage 1 adds its CD page */
	CU_ASSERT_FATAL(boot_live(stage, stage == 1 ? 5 : 4) == 0);
	dom = ops->dom_new(lv, 0);
	CU_ASSERT_FATAL(dom >= 0);
	CU_ASSERT_EQUAL(used_pages(), stage == 1 ? 2 : 1);
	/* across a 2 MiB boundary: L1, L2 and two L3 tables, one more than is left */
	before = pool_copy(5);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x1ff000, 0x1ff000, 0x2000, R), -ENOMEM);
	CU_ASSERT_EQUAL(used_pages(), stage == 1 ? 2 : 1);
	CU_ASSERT_EQUAL(memcmp(before, mem + TABLES + POOL_OFF, 5 * 4096), 0);
	free(before);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, dom), 0);
	CU_ASSERT_EQUAL(dma(24, 0x1ff000, false), -EFAULT);
	CU_ASSERT_EQUAL(dma(24, 0x200000, false), -EFAULT);
	CU_ASSERT_EQUAL(faults(), 2);
	/* a hostile length is refused as soon as it outgrows the pool */
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0, 1ull << 46, 1ull << 46, R), -ENOMEM);
	/* three tables fit */
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x1ff000, 0x1ff000, 0x1000, R), 0);
	CU_ASSERT_EQUAL(used_pages(), stage == 1 ? 5 : 4);
	CU_ASSERT_EQUAL(dma(24, 0x1ff000, false), 0);
	CU_ASSERT_EQUAL(ops->dom_new(lv, 0), -ENOMEM);
	/* an unmap that empties tables gives them back, the top table stays */
	CU_ASSERT_EQUAL(ops->unmap(lv, dom, 0x1ff000, 0x1000), 0);
	CU_ASSERT_EQUAL(used_pages(), stage == 1 ? 2 : 1);
	CU_ASSERT_EQUAL(dma(24, 0x1ff000, false), -EFAULT);
	CU_ASSERT_TRUE(fault_is(SMMUV3_EVT_F_TRANSLATION, 24, 0x1ff000));
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x1ff000, 0x1ff000, 0x1000, R | W), 0);
	/* freeing a domain a device still walks blocks the device first */
	ops->dom_free(lv, dom);
	CU_ASSERT_EQUAL(used_pages(), 0);
	CU_ASSERT_EQUAL(dma(24, 0x1ff000, false), -EFAULT);
	CU_ASSERT_TRUE(fault_is(SMMUV3_EVT_C_BAD_STE, 24, 0));
	/* its pages serve the next domain, and a freed tag is handed out again */
	dom2 = ops->dom_new(lv, 0);
	CU_ASSERT_TRUE(dom2 >= 0);
	CU_ASSERT_EQUAL(ops->map(lv, dom2, 0x1ff000, 0x1ff000, 0x1000, R), 0);
	CU_ASSERT_TRUE(startup_same());
}

/*
 * The model keeps STEs and translations until CFGI/TLBI: a leaf cleared
 * behind the unit's back still translates; unmap, a switch of domain and
 * a detach must each invalidate what they remove.
 */
static void test_invalidation(void)
{
	struct smmuv3_unit *d = unit.caps;
	int a, b;

	CU_ASSERT_FATAL(boot_live(stage, 64) == 0);
	d = unit.caps;
	a = ops->dom_new(lv, 0);
	b = ops->dom_new(lv, 0);
	CU_ASSERT_FATAL(a >= 0 && b >= 0);
	CU_ASSERT_EQUAL(ops->map(lv, a, 0x300000, 0x300000, 0x2000, R | W), 0);
	CU_ASSERT_EQUAL(ops->map(lv, b, 0x304000, 0x304000, 0x1000, R | W), 0);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, a), 0);
	CU_ASSERT_EQUAL(dma(24, 0x300000, false), 0);
	CU_ASSERT_EQUAL(dma(24, 0x301000, true), 0);
	/* the model caches: the same write behind its back changes nothing yet */
	{
		uint64_t cfg = smmuv3_sim_stats(sim)->tlb_hits;
		uint64_t ste0 = 0;

		memcpy(&ste0, mem + TABLES + d->strtab_off + 24 * 64, 8);
		memset(mem + TABLES + d->strtab_off + 24 * 64, 0, 8);
		CU_ASSERT_EQUAL(dma(24, 0x300000, false), 0);
		CU_ASSERT_TRUE(smmuv3_sim_stats(sim)->tlb_hits > cfg);
		memcpy(mem + TABLES + d->strtab_off + 24 * 64, &ste0, 8);
	}
	CU_ASSERT_EQUAL(ops->unmap(lv, a, 0x300000, 0x1000), 0);
	CU_ASSERT_EQUAL(dma(24, 0x300000, false), -EFAULT);
	CU_ASSERT_EQUAL(dma(24, 0x301000, true), 0);
	/* to b: a's translations and a's STE are gone */
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, b), 0);
	CU_ASSERT_EQUAL(dma(24, 0x301000, true), -EFAULT);
	CU_ASSERT_EQUAL(dma(24, 0x304000, true), 0);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, -1), 0);
	CU_ASSERT_EQUAL(dma(24, 0x304000, true), -EFAULT);
	/* a leaf replaced in place: the old output address is forgotten */
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, b), 0);
	mem[0x304000] = 1;
	mem[0x305000] = 2;
	{
		uint8_t x = 0;

		CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 24, 0x304000, 1, false, &x), 0);
		CU_ASSERT_EQUAL(x, 1);
		CU_ASSERT_EQUAL(ops->map(lv, b, 0x304000, 0x305000, 0x1000, R | W), 0);
		CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, 24, 0x304000, 1, false, &x), 0);
		CU_ASSERT_EQUAL(x, 2);
	}
	/* a freed domain's tag, handed out again, starts with nothing cached */
	ops->dom_free(lv, b);
	ops->dom_free(lv, a);
	a = ops->dom_new(lv, 0);
	CU_ASSERT_EQUAL(ops->map(lv, a, 0x310000, 0x310000, 0x1000, R), 0);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, a), 0);
	CU_ASSERT_EQUAL(dma(24, 0x304000, false), -EFAULT);
	CU_ASSERT_EQUAL(dma(24, 0x301000, false), -EFAULT);
	CU_ASSERT_TRUE(startup_same());
	/* every switch was break-before-make */
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

/* The commands of each update, in order; tags 1 and 2 are the policy's. */
static void test_commands(void)
{
	int a, b;

	CU_ASSERT_FATAL(boot_live(stage, 64) == 0);
	a = ops->dom_new(lv, 0);
	b = ops->dom_new(lv, 0);
	CU_ASSERT_FATAL(a >= 0 && b >= 0);
	CU_ASSERT_TRUE(cmds_are(NULL, 0));
	/* a fresh mapping: the unit caches no fault, nothing to invalidate */
	CU_ASSERT_EQUAL(ops->map(lv, a, 0x300000, 0x300000, 0x2000, R), 0);
	CU_ASSERT_TRUE(cmds_are(NULL, 0));
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, a), 0);
	CU_ASSERT_TRUE(cmds_are((uint64_t[]){CFGI(24), SYNC}, 2));
	/* the same again: nothing changes, nothing issued */
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, a), 0);
	CU_ASSERT_TRUE(cmds_are(NULL, 0));
	CU_ASSERT_EQUAL(ops->unmap(lv, a, 0x300000, 0x1000), 0);
	CU_ASSERT_TRUE(cmds_are((uint64_t[]){tlbi(3), SYNC}, 2));
	/* replacing a leaf: break, invalidate, make */
	CU_ASSERT_EQUAL(ops->map(lv, a, 0x301000, 0x301000, 0x1000, R | W), 0);
	CU_ASSERT_TRUE(cmds_are((uint64_t[]){tlbi(3), SYNC}, 2));
	/* a switch: invalid and invalidated, then the new STE and invalidated */
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, b), 0);
	CU_ASSERT_TRUE(cmds_are((uint64_t[]){CFGI(24), SYNC, CFGI(24), SYNC}, 4));
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, -1), 0);
	CU_ASSERT_TRUE(cmds_are((uint64_t[]){CFGI(24), SYNC}, 2));
	/* a detached device stays blocked: nothing to do */
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, -1), 0);
	CU_ASSERT_TRUE(cmds_are(NULL, 0));
	ops->dom_free(lv, a);
	CU_ASSERT_TRUE(cmds_are((uint64_t[]){tlbi(3), SYNC}, 2));
}

/* A CMD_SYNC that never completes: -ETIMEDOUT. */
static void test_timeout(void)
{
	int dom = one_attached(stage);

	smmuv3_sim_knobs(sim)->sync_stuck = true;
	CU_ASSERT_EQUAL(ops->unmap(lv, dom, 0x300000, 0x1000), -ETIMEDOUT);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 25, dom), -ETIMEDOUT);
}

/* The unit refuses a command: -EIO, the queue recovered for the next update. */
static void test_refused(void)
{
	int dom = one_attached(stage);

	cmds.corrupt = true;
	CU_ASSERT_EQUAL(ops->unmap(lv, dom, 0x300000, 0x1000), -EIO);
	CU_ASSERT_EQUAL(((struct smmuv3_unit *)unit.caps)->cmd_errors, 1);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 24, -1), 0);
	CU_ASSERT_EQUAL(dma(24, 0x300000, false), -EFAULT);
	CU_ASSERT_TRUE(fault_is(SMMUV3_EVT_C_BAD_STE, 24, 0));
	CU_ASSERT_TRUE(startup_same());
}

/*
 * A 2-level stream table: a StreamID whose L1 descriptor is invalid gets
 * an L2 table of 64 STEs from the pool, linked once its STE is written.
 */
static void test_two_level(void)
{
	uint64_t l1;
	int dom;

	CU_ASSERT_FATAL(boot_live_policy(live_policy_2lvl, stage, 64) == 0);
	l1 = TABLES + ((struct smmuv3_unit *)unit.caps)->strtab_off;
	CU_ASSERT_EQUAL(dma(0x40, 0x300000, false), -EFAULT);
	CU_ASSERT_EQUAL(faults(), 1);
	dom = ops->dom_new(lv, 0);
	CU_ASSERT_EQUAL(ops->map(lv, dom, 0x300000, 0x300000, 0x1000, R), 0);
	CU_ASSERT_EQUAL(used_pages(), stage == 1 ? 5 : 4);
	cmds.n = 0;
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 0x45, dom), 0);
	CU_ASSERT_TRUE(cmds_are((uint64_t[]){CFGI(0x45), SYNC}, 2));
	CU_ASSERT_EQUAL(used_pages(), stage == 1 ? 6 : 5);
	CU_ASSERT_EQUAL(mem[l1 + 8] & 0x1f, 7);
	CU_ASSERT_EQUAL(dma(0x45, 0x300000, false), 0);
	/* its neighbours share the L2 table and stay blocked */
	CU_ASSERT_EQUAL(dma(0x44, 0x300000, false), -EFAULT);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 0x7f, dom), 0);
	CU_ASSERT_EQUAL(used_pages(), stage == 1 ? 6 : 5);
	CU_ASSERT_EQUAL(dma(0x7f, 0x300000, false), 0);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 0x45, -1), 0);
	CU_ASSERT_EQUAL(dma(0x45, 0x300000, false), -EFAULT);
	/* no L2 table, or beyond LOG2SIZE 13: a detach has nothing to do */
	cmds.n = 0;
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 0x80, -1), 0);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 0x2000, -1), 0);
	CU_ASSERT_TRUE(cmds_are(NULL, 0));
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 0x2000, dom), -ENOSPC);
	CU_ASSERT_EQUAL(ops->attach(lv, 0, 0x1000, dom), -EBUSY);
	CU_ASSERT_EQUAL(dma(0x1000, 0x100000, true), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

/* ---- the seeded random sequence ----------------------------------------- */

#define NDEV 4
#define NDOM 3
#define NPG  16
#define WIN  0x300000ull /* the window every device is probed over */
#define OUT  0x600000ull /* translated pages land from here */

static const uint32_t rsids[NDEV] = {8, 9, 24, 31};
static struct {
	int dev_dom[NDEV];	/* model index, -1 detached */
	int handle[NDOM];	/* live handle, -1 none */
	uint64_t pa[NDOM][NPG]; /* 0: unmapped */
	unsigned perms[NDOM][NPG];
} md;
static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng >> 33) % n;
}

static void step(void)
{
	int k = (int)rnd(NDOM), dv = (int)rnd(NDEV);
	uint32_t p = rnd(NPG), n = 1 + rnd(NPG - p);
	unsigned perms = stage == 1 ? 1 + 2 * rnd(2) : 1 + rnd(3);
	uint64_t pa;

	switch (rnd(6)) {
	case 0:
	case 1:
		if (md.handle[k] < 0)
			break;
		pa = rnd(2) ? WIN + p * 4096ull : OUT + rnd(64) * 4096ull;
		CU_ASSERT_EQUAL_FATAL(
		    ops->map(lv, md.handle[k], WIN + p * 4096ull, pa, n * 4096ull, perms), 0);
		for (uint32_t i = 0; i < n; i++) {
			md.pa[k][p + i] = pa + i * 4096ull;
			md.perms[k][p + i] = perms;
		}
		break;
	case 2:
		if (md.handle[k] < 0)
			break;
		CU_ASSERT_EQUAL_FATAL(ops->unmap(lv, md.handle[k], WIN + p * 4096ull, n * 4096ull),
				      0);
		for (uint32_t i = 0; i < n; i++)
			md.pa[k][p + i] = 0;
		break;
	case 3:
		if (md.handle[k] < 0)
			break;
		CU_ASSERT_EQUAL_FATAL(ops->attach(lv, 0, rsids[dv], md.handle[k]), 0);
		md.dev_dom[dv] = k;
		break;
	case 4:
		CU_ASSERT_EQUAL_FATAL(ops->attach(lv, 0, rsids[dv], -1), 0);
		md.dev_dom[dv] = -1;
		break;
	default:
		/* a domain freed (its devices blocked) or made */
		if (md.handle[k] >= 0) {
			ops->dom_free(lv, md.handle[k]);
			md.handle[k] = -1;
			memset(md.pa[k], 0, sizeof(md.pa[k]));
			for (int i = 0; i < NDEV; i++)
				if (md.dev_dom[i] == k)
					md.dev_dom[i] = -1;
		} else {
			md.handle[k] = ops->dom_new(lv, 0);
			CU_ASSERT_FATAL(md.handle[k] >= 0);
		}
	}
}

/* Every device, every page, both directions: the unit against the model. */
static unsigned check(uint32_t seq)
{
	unsigned bad = 0;

	for (int dv = 0; dv < NDEV; dv++)
		for (int pg = 0; pg < NPG; pg++)
			for (int wr = 0; wr < 2; wr++) {
				int k = md.dev_dom[dv];
				bool allow =
				    k >= 0 && md.pa[k][pg] && (md.perms[k][pg] & (wr ? W : R));
				uint64_t va = WIN + pg * 4096ull + 8 * (unsigned)dv;
				uint32_t v = seq << 8 | (uint32_t)(dv * 2 + wr), got = 0;
				int rc;

				if (allow && !wr)
					memcpy(mem + md.pa[k][pg] + 8 * (unsigned)dv, &v, 4);
				rc = smmuv3_sim_dma(sim, rsids[dv], va, 4, wr, wr ? &v : &got);
				if (rc != (allow ? 0 : -EFAULT))
					bad++;
				else if (allow && wr)
					bad += memcmp(mem + md.pa[k][pg] + 8 * (unsigned)dv, &v,
						      4) != 0;
				else if (allow)
					bad += got != v;
			}
	faults();
	return bad;
}

static void test_random(void)
{
	unsigned bad = 0, steps = 0;
	uint8_t *boot_tables = malloc(POOL_OFF);

	CU_ASSERT_PTR_NOT_NULL_FATAL(boot_tables);
	for (uint64_t seed = 1; seed <= 3; seed++) {
		CU_ASSERT_FATAL(boot_live(stage, 256) == 0);
		memcpy(boot_tables, mem + TABLES, POOL_OFF);
		rng = seed * 0x9e3779b97f4a7c15ull;
		memset(&md, 0, sizeof(md));
		for (int i = 0; i < NDEV; i++)
			md.dev_dom[i] = -1;
		for (int i = 0; i < NDOM; i++)
			md.handle[i] = -1;
		for (uint32_t s = 0; s < 300; s++, steps++) {
			step();
			bad += check(s);
		}
		for (int i = 0; i < NDOM; i++)
			if (md.handle[i] >= 0)
				ops->dom_free(lv, md.handle[i]);
		CU_ASSERT_EQUAL(used_pages(), 0);
		CU_ASSERT_TRUE(startup_same());
		CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
		/* every device detached: the startup tables as installed, byte for byte */
		CU_ASSERT_EQUAL(memcmp(boot_tables, mem + TABLES, POOL_OFF), 0);
	}
	free(boot_tables);
	CU_ASSERT_EQUAL(steps, 900);
	CU_ASSERT_EQUAL(bad, 0);
}

static int at_stage1(void)
{
	stage = 1;
	return 0;
}

int main(void)
{
	static const struct cu_case cases[] = {
	    {"a device's unit and StreamID from the board", test_stream},
	    {"open refuses a pool over tables or outside them", test_open_refused},
	    {"attach, map, DMA per perms, unmap, detach", test_lifecycle},
	    {"bad arguments", test_bad_args},
	    {"a translating mapping", test_translating},
	    {"pool exhaustion: nothing changed; dom_free gives it back", test_exhaustion},
	    {"every removal invalidated", test_invalidation},
	    {"the commands of each update, in order", test_commands},
	    {"a sync that never completes", test_timeout},
	    {"a command the unit refuses", test_refused},
	    {"a 2-level stream table grows an L2 table", test_two_level},
	    {"seeded random sequence against a page model", test_random},
	};
	const struct cu_suite suites[] = {
	    {"smmuv3 live, stage 2", NULL, NULL, cases, CU_COUNT(cases)},
	    {"smmuv3 live, stage 1", at_stage1, NULL, cases, CU_COUNT(cases)},
	};
	int rc = cu_run_suites(suites, 2);

	teardown();
	free(blob);
	if (*board_path)
		unlink(board_path);
	return rc;
}
