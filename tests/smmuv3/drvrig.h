/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rig of the SMMUv3 driver's suites (test_drv.c, test_drv_evtq.c): the
 * software unit, a policy built with the builder and placed in its table
 * memory, and the driver's register writes watched one by one. After
 * every write a DMA from a granted and from an ungranted StreamID says
 * whether the unit let anything through untranslated at that moment; the
 * stream table region is checked too (still zero while SMMUEN=0, the
 * image complete before the last CFGI_ALL).
 */
#ifndef SMMU_TESTS_SMMUV3_DRVRIG_H
#define SMMU_TESTS_SMMUV3_DRVRIG_H

#include <CUnit/Basic.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "smmuv3/smmuv3_drv.h"
#include "smmuv3/smmuv3_pt.h"
#include "smmuv3/smmuv3_sim.h"
#include "cu_run.h"

#define GRANT  0x100000ull /* 2 pages RW for SID_OK */
#define SID_OK 8u
#define SID_NO 9u
#define NPAGES 64
#define NREL   64

/* The rig: the model, its io, the driver's io that watches every register write. */
static struct smmuv3_sim *sim;
static struct unit_io raw, io;
static struct smmuv3_unit d;
static uint8_t *mem;
static uint8_t image[NPAGES * 4096];
/* SID_OK's grant (policy()) */
static struct smmuv3_range grant = {GRANT, 0x2000, SMMUV3_PERM_R | SMMUV3_PERM_W};

static struct {
	bool on; /* DMA after every write */
	unsigned writes;
	int first_en;	       /* the write after which CR0ACK.SMMUEN was first seen, or -1 */
	int last_bypass;       /* the last write after which a DMA bypassed, or -1 */
	unsigned en_dropped;   /* writes after which SMMUEN had gone from 1 to 0 */
	unsigned filled_early; /* writes seen with SMMUEN=0 and the stream table not zero */
	unsigned ok_early;     /* SID_OK's DMA completed before its STE was in and invalidated */
	unsigned no_passed;    /* SID_NO's DMA completed */
	bool img_seen;	       /* the image was complete at a write */
	unsigned cfgi_at_img, sync_at_img; /* the model's counts then */
	int corrupt_cmd; /* > 0: that many CMDQ_PROD writes later, the command is made illegal */
} w;

static bool region_is(const uint8_t *want)
{
	static const uint8_t z[64];

	for (size_t i = 0; i < d.strtab_bytes; i += 64) {
		size_t n = d.strtab_bytes - i < 64 ? d.strtab_bytes - i : 64;

		if (memcmp(io.table_mem + d.strtab_off + i, want ? want + i : z, n))
			return false;
	}
	return true;
}

/* What the unit does now with a granted and an ungranted read (nothing written). */
static void look(void)
{
	const struct smmuv3_sim_stats *st = smmuv3_sim_stats(sim);
	unsigned by = st->dma_bypass;
	uint8_t buf[4];
	bool en = raw.read32(raw.ctx, SMMUV3_REG_CR0ACK) & SMMUV3_CR0_SMMUEN;

	if (en && w.first_en < 0)
		w.first_en = (int)w.writes;
	if (!en && w.first_en >= 0)
		w.en_dropped++;
	if (!en && d.strtab_image && !region_is(NULL))
		w.filled_early++;
	if (smmuv3_sim_dma(sim, SID_OK, GRANT, 4, false, buf) == 0 && en && !w.img_seen)
		w.ok_early++;
	if (smmuv3_sim_dma(sim, SID_NO, GRANT, 4, false, buf) == 0 && en)
		w.no_passed++;
	if (st->dma_bypass != by)
		w.last_bypass = (int)w.writes;
}

static void before(uint32_t off)
{
	const struct smmuv3_sim_stats *st = smmuv3_sim_stats(sim);

	if (w.on && !w.img_seen && d.strtab_image && region_is(d.strtab_image)) {
		w.img_seen = true;
		w.cfgi_at_img = st->cfgi_all;
		w.sync_at_img = st->syncs;
	}
	/* a command is published: PROD written with the queue on */
	if (off == SMMUV3_REG_CMDQ_PROD && w.corrupt_cmd > 0 &&
	    (raw.read32(raw.ctx, SMMUV3_REG_CR0ACK) & SMMUV3_CR0_CMDQEN) && --w.corrupt_cmd == 0) {
		uint32_t prod = raw.read32(raw.ctx, SMMUV3_REG_CMDQ_PROD);
		uint64_t slot = d.cmdq_off + 16 * (prod & ((1u << d.cmdq_log2) - 1));

		io.table_mem[slot] = 0x7f; /* an opcode no unit has */
	}
}

static void wr32(void *ctx, uint32_t off, uint32_t v)
{
	before(off);
	raw.write32(ctx, off, v);
	w.writes++;
	if (w.on)
		look();
}

static void wr64(void *ctx, uint32_t off, uint64_t v)
{
	before(off);
	raw.write64(ctx, off, v);
	w.writes++;
	if (w.on)
		look();
}

static void watch(bool on)
{
	memset(&w, 0, sizeof(w));
	w.on = on;
	w.first_en = w.last_bypass = -1;
}

static void rig_cfg(const struct smmuv3_sim_cfg *c)
{
	smmuv3_sim_free(sim);
	sim = smmuv3_sim_new(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	smmuv3_sim_io(sim, &raw);
	io = raw;
	io.write32 = wr32;
	io.write64 = wr64;
	mem = smmuv3_sim_mem(sim);
	memset(&d, 0, sizeof(d));
	watch(false);
}

/* QEMU's unit (no GBPA) or the specification's (GBPA, ABORT at reset or not). */
static void rig(bool qemu, bool gbpa_abort)
{
	struct smmuv3_sim_cfg c;

	smmuv3_sim_default_cfg(&c, qemu);
	c.gbpa_abort = gbpa_abort;
	rig_cfg(&c);
}

/*
 * Probe, carve, and the policy (SID_OK: GRANT RW, stage 1) built at the
 * start of table memory, its stream table region left zero and its bytes
 * in image. sid2 != 0 adds a second device, far enough to make it 2-level.
 */
static void policy(uint32_t sid2)
{
	static uint8_t pool[NPAGES * 4096];
	static uint64_t rel[NREL];
	struct smmuv3_device_in dev[2] = {{SID_OK, 0}, {sid2, 0}};
	struct smmuv3_domain_in dom = {1, &grant, 1};
	struct smmuv3_policy pol = {{1, 48, 44, false, false, true}, &dom, 1, dev, sid2 ? 2 : 1};
	struct smmuv3_build_out o = {pool, NPAGES, rel, NREL, 0, 0, 0, 0, 0, 0};
	unsigned log2, split;
	char why[128];

	CU_ASSERT_EQUAL_FATAL(smmuv3_probe(&io, &d.caps, why, sizeof(why)), 0);
	d.probed = true;
	CU_ASSERT_EQUAL_FATAL(smmuv3_carve(&io, &d), 0);
	memset(pool, 0, sizeof(pool));
	CU_ASSERT_EQUAL_FATAL(smmuv3_build(&pol, &o), 0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_relocate(pool, o.npages, rel, o.nrelocs, io.table_phys), 0);
	memcpy(io.table_mem, pool, o.npages * 4096);
	log2 = o.strtab_cfg & SMMUV3_STRTAB_LOG2SIZE_MASK;
	split = (o.strtab_cfg & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT;
	d.strtab_off = o.strtab;
	d.strtab_cfg = o.strtab_cfg;
	d.strtab_bytes = split ? 8u << (log2 - split) : 64u << log2;
	memcpy(image, pool + o.strtab, d.strtab_bytes);
	memset(io.table_mem + o.strtab, 0, d.strtab_bytes);
	d.strtab_image = image;
}

static int dma(uint32_t sid, uint64_t addr, size_t len, bool write)
{
	static uint8_t buf[64];

	memset(buf, 0x5a, sizeof(buf));
	return smmuv3_sim_dma(sim, sid, addr, len, write, buf);
}

struct seen {
	unsigned n;
	struct smmuv3_event e[64];
};

static void keep(void *arg, const struct smmuv3_event *e)
{
	struct seen *s = arg;

	if (s->n < 64)
		s->e[s->n] = *e;
	s->n++;
}

/* Exactly one event, as given. */
static void one_event(unsigned type, uint32_t sid, bool has, uint64_t addr, bool write)
{
	struct seen s = {0};
	bool ovf = true;

	CU_ASSERT_EQUAL(smmuv3_poll_events(&io, &d, keep, &s, &ovf), 1);
	CU_ASSERT_FALSE(ovf);
	CU_ASSERT_EQUAL_FATAL(s.n, 1);
	CU_ASSERT_EQUAL(s.e[0].type, type);
	CU_ASSERT_EQUAL(s.e[0].sid, sid);
	CU_ASSERT_EQUAL(s.e[0].has_addr, has);
	CU_ASSERT_EQUAL(s.e[0].addr, addr);
	CU_ASSERT_EQUAL(s.e[0].write, write);
}

/* After a good enable: the grant completes at GRANT, the rest is blocked and recorded. */
static void policy_works(void)
{
	CU_ASSERT_EQUAL(dma(SID_OK, GRANT + 0x10, 8, true), 0);
	CU_ASSERT_EQUAL(mem[GRANT + 0x10], 0x5a);
	CU_ASSERT_EQUAL(dma(SID_NO, GRANT, 4, false), -EFAULT);
	one_event(SMMUV3_EVT_C_BAD_STE, SID_NO, false, 0, false);
}

static int fini(void)
{
	smmuv3_sim_free(sim);
	sim = NULL;
	return 0;
}

#endif
