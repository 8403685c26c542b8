/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VT-d driver against the software unit: probe, the enable sequence
 * (the exact register writes, in order), DMA decided exactly as the walker
 * decides, the Design Safe State, fault polling and its acknowledgement,
 * and bounded waits turning into -ETIMEDOUT.
 */
#include <CUnit/Basic.h>
#include <errno.h>
#include <string.h>

#include "simtest.h"
#include "vtd/vtd_drv.h"
#include "vtd/vtd_regs.h"
#include "vtd/vtd_sim.h"
#include "vtd/vtd_walk.h"
#include "cu_run.h"

static struct vtd_sim *sim;
static struct unit_io simio, io; /* io: simio with every write logged */

struct wr {
	uint32_t off;
	uint64_t val;
	unsigned bits;
};
static struct wr wlog[256];
static unsigned nw;

static void spy_w32(void *ctx, uint32_t off, uint32_t v)
{
	if (nw < 256)
		wlog[nw++] = (struct wr){off, v, 32};
	simio.write32(ctx, off, v);
}

static void spy_w64(void *ctx, uint32_t off, uint64_t v)
{
	if (nw < 256)
		wlog[nw++] = (struct wr){off, v, 64};
	simio.write64(ctx, off, v);
}

static struct vtd_caps caps;

static void fresh(unsigned levels, void (*tweak)(struct vtd_sim_cfg *))
{
	struct vtd_sim_cfg c;

	vtd_sim_free(sim);
	vtd_sim_default_cfg(&c, levels);
	if (tweak)
		tweak(&c);
	sim = vtd_sim_new(&c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	vtd_sim_io(sim, &simio);
	io = simio;
	io.write32 = spy_w32;
	io.write64 = spy_w64;
	nw = 0;
	CU_ASSERT_EQUAL(vtd_probe(&io, &caps), 0);
}

static bool wrote(unsigned i, uint32_t off, uint64_t val, unsigned bits)
{
	return i < nw && wlog[i].off == off && wlog[i].val == val && wlog[i].bits == bits;
}

/* Two domains on two buses, with a 2 MiB run, for the unit's profile. */
static const struct vtd_range ra[] = {{0x200000, 0x200000, VTD_PERM_R | VTD_PERM_W},
				      {0x400000, 0x3000, VTD_PERM_R}};
static const struct vtd_range rb[] = {{0x401000, 0x1000, VTD_PERM_W}};
static const struct vtd_domain_in doms[] = {{1, ra, 2}, {2, rb, 1}};
static const struct vtd_device_in devs[] = {{0x0018, 0}, {0x0019, 0}, {0x0300, 1}};

static struct vtd_policy policy(void)
{
	struct vtd_policy pol = {{0, false, false}, doms, 2, devs, 3};
	const struct vtd_caps *one = &caps;
	const struct vtd_profile want = { 4, true, true };

	CU_ASSERT_EQUAL(vtd_caps_common(&one, 1, &want, &pol.prof), 0);
	return pol;
}

static void test_probe(void)
{
	struct vtd_profile p;
	const struct vtd_caps *one = &caps;
	const struct vtd_profile want = { 4, true, false };

	fresh(3, NULL);
	CU_ASSERT_EQUAL(caps.ver, 0x10);
	CU_ASSERT_EQUAL(caps.sagaw, VTD_SAGAW_39);
	CU_ASSERT_EQUAL(caps.mgaw, 39);
	CU_ASSERT_TRUE(caps.sp2m && caps.sp1g);
	CU_ASSERT_EQUAL(caps.nfr, 1);
	CU_ASSERT_EQUAL(caps.fro, 0x220);
	CU_ASSERT_EQUAL(caps.iro, 0xf0);
	CU_ASSERT_EQUAL(caps.nd, 6);
	CU_ASSERT_EQUAL(caps.ndoms, 65536);
	CU_ASSERT_FALSE(caps.cm || caps.rwbf);
	/* 4 levels asked, only 39-bit offered: 3; 1 GiB not asked: not used */
	CU_ASSERT_EQUAL(vtd_caps_common(&one, 1, &want, &p), 0);
	CU_ASSERT_EQUAL(p.levels, 3);
	CU_ASSERT_TRUE(p.sp2m);
	CU_ASSERT_FALSE(p.sp1g);
	CU_ASSERT_EQUAL(vtd_caps_fit(&caps, 4, VTD_PGSZ_4K), VTD_FIT_LEVELS);
	CU_ASSERT_EQUAL(vtd_caps_fit(&caps, 3, VTD_PGSZ_4K | VTD_PGSZ_1G), 0);
	caps.sp1g = false;
	CU_ASSERT_EQUAL(vtd_caps_fit(&caps, 3, VTD_PGSZ_4K | VTD_PGSZ_1G), VTD_PGSZ_1G);
	caps.sp2m = false;
	CU_ASSERT_EQUAL(vtd_caps_fit(&caps, 3, VTD_PGSZ_4K | VTD_PGSZ_2M), VTD_PGSZ_2M);
	CU_ASSERT_EQUAL(vtd_caps_fit(&caps, 3, VTD_PGSZ_4K), 0);
	CU_ASSERT_EQUAL(nw, 0); /* probing writes nothing */
}

static void old_version(struct vtd_sim_cfg *c)
{
	c->ver = 0x01; /* 0.1 */
}

static void test_probe_refuses_old(void)
{
	struct vtd_sim_cfg c;

	vtd_sim_free(sim);
	vtd_sim_default_cfg(&c, 3);
	old_version(&c);
	sim = vtd_sim_new(&c);
	vtd_sim_io(sim, &io);
	CU_ASSERT_EQUAL(vtd_probe(&io, &caps), -ENODEV);
	CU_ASSERT_EQUAL(caps.ver, 0x01);
	CU_ASSERT_EQUAL(caps.fro, 0x220); /* filled in all the same */
}

/* Every access at sampled places: the unit does what the walker says. */
static void check_dma_matches_walker(const struct vtd_policy *pol)
{
	static const uint64_t addrs[] = {0,	   0x1ff000, 0x200000, 0x3ff000, 0x400000,
					 0x401000, 0x402000, 0x403000, 0x600000, 0x7fffff000ull};
	static const uint16_t sids[] = {0x0018, 0x0019, 0x001a, 0x0300, 0x0301, 0x0400};
	struct vtd_mem m = {simio.table_mem, simio.table_phys, simio.table_size};
	struct vtd_walk_cfg wc;
	size_t i, j, allowed = 0;
	uint8_t buf[8];

	vtd_walk_cfg_from_profile(&pol->prof, &wc);
	wc.haw = wc.mgaw = caps.mgaw;
	for (i = 0; i < sizeof(sids) / sizeof(sids[0]); i++)
		for (j = 0; j < sizeof(addrs) / sizeof(addrs[0]); j++) {
			struct vtd_walk_res r;
			int w, got;

			for (w = 0; w < 2; w++) {
				vtd_walk(&m, &wc, simio.table_phys, sids[i], addrs[j], w, &r);
				got = vtd_sim_dma(sim, sids[i], addrs[j], 8, w, buf);
				CU_ASSERT_EQUAL(got, r.status == VTD_WALK_OK ? 0 : -EFAULT);
				allowed += got == 0;
				vtd_poll_faults(&io, &caps, NULL, NULL, NULL);
			}
		}
	/* 0x18, 0x19: 0x200000 0x3ff000 RW (4), 0x400000..0x402000 R (3); 0x300: W */
	CU_ASSERT_EQUAL(allowed, 2 * (4 + 3) + 1);
}

static void enable_case(unsigned levels)
{
	struct vtd_policy pol;
	long np;

	fresh(levels, NULL);
	pol = policy();
	/* 4 levels asked: a 48-bit unit takes them, a 39-bit-only one gets 3 */
	CU_ASSERT_EQUAL(pol.prof.levels, levels);
	np = install(&simio, &pol);
	CU_ASSERT_FATAL(np > 0);
	nw = 0;
	CU_ASSERT_EQUAL(vtd_enable(&io, &caps, simio.table_phys), 0);
	/* the order, write by write */
	CU_ASSERT_EQUAL(nw, 7);
	CU_ASSERT_TRUE(wrote(0, 0x22c, VTD_FRCD_TOP_F, 32));
	CU_ASSERT_TRUE(wrote(1, VTD_REG_FSTS, VTD_FSTS_PFO, 32));
	CU_ASSERT_TRUE(wrote(2, VTD_REG_RTADDR, simio.table_phys, 64));
	CU_ASSERT_TRUE(wrote(3, VTD_REG_GCMD, VTD_GCMD_SRTP, 32));
	CU_ASSERT_TRUE(wrote(4, VTD_REG_CCMD, VTD_CCMD_ICC | VTD_CCMD_GLOBAL, 64));
	CU_ASSERT_TRUE(wrote(5, 0xf8, VTD_IOTLB_IVT | VTD_IOTLB_GLOBAL, 64));
	CU_ASSERT_TRUE(wrote(6, VTD_REG_GCMD, VTD_GCMD_TE, 32));
	CU_ASSERT_EQUAL(simio.read32(simio.ctx, VTD_REG_GSTS), VTD_GSTS_TES | VTD_GSTS_RTPS);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
	check_dma_matches_walker(&pol);
	CU_ASSERT_EQUAL(vtd_enable(&io, &caps, simio.table_phys), -EBUSY);
	CU_ASSERT_EQUAL(vtd_enable(&io, &caps, simio.table_phys + 8), -EINVAL);
}

static void test_enable_3level(void)
{
	enable_case(3);
}

static void test_enable_4level(void)
{
	enable_case(4);
}

static void with_rwbf(struct vtd_sim_cfg *c)
{
	c->rwbf = true;
	c->nfr = 3;
	c->fro = 0x400;
}

static void test_enable_rwbf(void)
{
	struct vtd_policy pol;

	fresh(3, with_rwbf);
	CU_ASSERT_EQUAL(caps.nfr, 3);
	pol = policy();
	CU_ASSERT_FATAL(install(&simio, &pol) > 0);
	CU_ASSERT_EQUAL(vtd_enable(&io, &caps, simio.table_phys), 0);
	CU_ASSERT_EQUAL(nw, 10);
	CU_ASSERT_TRUE(wrote(2, 0x42c, VTD_FRCD_TOP_F, 32));
	CU_ASSERT_TRUE(wrote(8, VTD_REG_GCMD, VTD_GCMD_WBF, 32));
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->wbf, 1);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
}

static void test_block_all(void)
{
	static const uint16_t sids[] = {0x0000, 0x0018, 0x0300, 0xffff};
	struct vtd_policy pol;
	uint8_t buf[4];
	size_t i;

	/* from off */
	fresh(3, NULL);
	CU_ASSERT_EQUAL(vtd_block_all(&io, NULL), 0);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
	for (i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(vtd_sim_dma(sim, sids[i], 0x200000, 4, false, buf), -EFAULT);
		CU_ASSERT_EQUAL(vtd_sim_dma(sim, sids[i], 0x200000, 4, true, buf), -EFAULT);
	}
	CU_ASSERT_EQUAL(vtd_poll_faults(&io, &caps, NULL, NULL, NULL), 1);

	/* from on: the root is swapped, translation stays on */
	fresh(3, NULL);
	pol = policy();
	CU_ASSERT_FATAL(install(&simio, &pol) > 0);
	CU_ASSERT_EQUAL(vtd_enable(&io, &caps, simio.table_phys), 0);
	CU_ASSERT_EQUAL(vtd_sim_dma(sim, 0x0018, 0x200000, 4, false, buf), 0);
	nw = 0;
	CU_ASSERT_EQUAL(vtd_block_all(&io, &caps), 0);
	CU_ASSERT_EQUAL(nw, 4);
	CU_ASSERT_TRUE(wrote(0, VTD_REG_RTADDR, simio.table_phys, 64));
	CU_ASSERT_TRUE(wrote(1, VTD_REG_GCMD, VTD_GCMD_TE | VTD_GCMD_SRTP, 32));
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->srtp, 2);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->cc_global, 2);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->iotlb_global, 2);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(vtd_sim_dma(sim, sids[i], 0x200000, 4, false, buf), -EFAULT);
}

struct seen {
	struct vtd_fault f[4];
	unsigned n;
};

static void collect(void *arg, const struct vtd_fault *f)
{
	struct seen *s = arg;

	if (s->n < 4)
		s->f[s->n] = *f;
	s->n++;
}

static void test_poll_faults(void)
{
	struct vtd_fault_stats log = {0};
	struct seen seen = {0};
	struct vtd_policy pol;
	uint8_t buf[4];

	fresh(3, NULL);
	pol = policy();
	CU_ASSERT_FATAL(install(&simio, &pol) > 0);
	CU_ASSERT_EQUAL(vtd_enable(&io, &caps, simio.table_phys), 0);
	CU_ASSERT_EQUAL(vtd_poll_faults(&io, &caps, collect, &seen, &log), 0);

	CU_ASSERT_EQUAL(vtd_sim_dma(sim, 0x0300, 0x401000, 4, false, buf), -EFAULT);
	nw = 0;
	CU_ASSERT_EQUAL(vtd_poll_faults(&io, &caps, collect, &seen, &log), 1);
	CU_ASSERT_EQUAL(seen.n, 1);
	CU_ASSERT_EQUAL(seen.f[0].sid, 0x0300);
	CU_ASSERT_EQUAL(seen.f[0].addr, 0x401000);
	CU_ASSERT_EQUAL(seen.f[0].reason, VTD_FR_READ);
	CU_ASSERT_FALSE(seen.f[0].write);
	CU_ASSERT_EQUAL(seen.f[0].index, 0);
	/* exactly bit 127 of the record; FSTS untouched (nothing W1C was set) */
	CU_ASSERT_EQUAL(nw, 1);
	CU_ASSERT_TRUE(wrote(0, 0x22c, VTD_FRCD_TOP_F, 32));
	CU_ASSERT_EQUAL(simio.read32(simio.ctx, VTD_REG_FSTS), 0);

	/* acknowledged: the same SID's next fault is recorded */
	CU_ASSERT_EQUAL(vtd_sim_dma(sim, 0x0300, 0x200000, 4, true, buf), -EFAULT);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->recorded, 2);
	/* and another SID with the one record taken: PFO */
	CU_ASSERT_EQUAL(vtd_sim_dma(sim, 0x0018, 0x0, 4, true, buf), -EFAULT);
	CU_ASSERT_EQUAL(simio.read32(simio.ctx, VTD_REG_FSTS), VTD_FSTS_PPF | VTD_FSTS_PFO);
	nw = 0;
	CU_ASSERT_EQUAL(vtd_poll_faults(&io, &caps, collect, &seen, &log), 1);
	CU_ASSERT_EQUAL(seen.f[1].sid, 0x0300);
	CU_ASSERT_EQUAL(seen.f[1].addr, 0x200000);
	CU_ASSERT_EQUAL(seen.f[1].reason, VTD_FR_WRITE);
	CU_ASSERT_TRUE(seen.f[1].write);
	CU_ASSERT_EQUAL(nw, 2);
	CU_ASSERT_TRUE(wrote(0, 0x22c, VTD_FRCD_TOP_F, 32));
	CU_ASSERT_TRUE(wrote(1, VTD_REG_FSTS, VTD_FSTS_PFO, 32));
	CU_ASSERT_EQUAL(simio.read32(simio.ctx, VTD_REG_FSTS), 0);
	CU_ASSERT_EQUAL(log.overflows, 1);

	/* a third fault: counted, and handed over in the order recorded */
	CU_ASSERT_EQUAL(vtd_sim_dma(sim, 0x0018, 0x0, 4, false, buf), -EFAULT);
	CU_ASSERT_EQUAL(vtd_poll_faults(&io, &caps, collect, &seen, &log), 1);
	CU_ASSERT_EQUAL(log.total, 3);
	CU_ASSERT_EQUAL(seen.f[2].sid, 0x0018);
	CU_ASSERT_EQUAL(seen.f[2].reason, VTD_FR_READ);
	CU_ASSERT_FALSE(seen.f[2].write);
	CU_ASSERT_EQUAL(vtd_poll_faults(&io, &caps, collect, &seen, &log), 0);
	CU_ASSERT_EQUAL(seen.n, 3);
}

static void stuck_icc(struct vtd_sim_cfg *c)
{
	c->icc_stuck = true;
}

static void stuck_ivt(struct vtd_sim_cfg *c)
{
	c->ivt_stuck = true;
}

static void stuck_rtps(struct vtd_sim_cfg *c)
{
	c->rtps_stuck = true;
}

static void stuck_tes(struct vtd_sim_cfg *c)
{
	c->tes_stuck = true;
}

static void stuck_wbf(struct vtd_sim_cfg *c)
{
	c->rwbf = true;
	c->wbf_stuck = true;
}

static void test_timeouts(void)
{
	void (*knobs[])(struct vtd_sim_cfg *) = {stuck_icc, stuck_ivt, stuck_rtps, stuck_tes,
						 stuck_wbf};
	size_t i;

	for (i = 0; i < 5; i++) {
		fresh(3, knobs[i]);
		CU_ASSERT_EQUAL(vtd_enable(&io, &caps, simio.table_phys), -ETIMEDOUT);
		CU_ASSERT_EQUAL(vtd_sim_stats(sim)->delays, VTD_POLL_LIMIT);
		/* translation never came on, except where only its status hangs */
		CU_ASSERT_EQUAL(simio.read32(simio.ctx, VTD_REG_GSTS) & VTD_GSTS_TES, 0);
	}
	fresh(3, stuck_icc);
	CU_ASSERT_EQUAL(vtd_block_all(&io, &caps), -ETIMEDOUT);
	CU_ASSERT_STRING_EQUAL(vtd_drv_strerror(-ETIMEDOUT),
			       "unit did not complete a command in time");
}

static void test_strings(void)
{
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_str(VTD_FR_ROOT_NP), "root entry not present");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_str(VTD_FR_CTX_NP), "context entry not present");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_str(VTD_FR_WRITE), "write denied");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_str(VTD_FR_READ), "read denied");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_str(VTD_FR_PT_RSVD),
			       "reserved bits set in paging entry");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_str(0), "unknown fault reason");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_str(0xe), "unknown fault reason");
	CU_ASSERT_STRING_EQUAL(vtd_fault_reason_str(1000), "unknown fault reason");
	CU_ASSERT_STRING_EQUAL(vtd_drv_strerror(-EBUSY), "translation already enabled");
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "probe", test_probe },
		{ "probe refuses < 1.0", test_probe_refuses_old },
		{ "enable 3-level", test_enable_3level },
		{ "enable 4-level", test_enable_4level },
		{ "enable with RWBF", test_enable_rwbf },
		{ "block all", test_block_all },
		{ "poll faults", test_poll_faults },
		{ "timeouts", test_timeouts },
		{ "strings", test_strings },
	};
	int rc = CU_RUN("vtd_drv", cases);

	vtd_sim_free(sim);
	return rc;
}
