/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The software VT-d unit's register semantics, driven register by register
 * (not through the driver): the model is the referee, so it is checked
 * against the specification's rules directly.
 */
#include <CUnit/Basic.h>
#include <errno.h>
#include <string.h>

#include "simtest.h"
#include "vtd/vtd_regs.h"
#include "vtd/vtd_sim.h"
#include "cu_run.h"

static struct vtd_sim *sim;
static struct unit_io io;

/* One domain: sid 0x0018 may read [0x100000, +8K) and write its first page. */
static const struct vtd_range ranges[] = {{0x100000, 0x2000, VTD_PERM_R},
					  {0x100000, 0x1000, VTD_PERM_W}};
static const struct vtd_domain_in dom = {5, ranges, 2};
static const struct vtd_device_in dev[] = {{0x0018, 0}, {0x0020, 0}};

static void fresh(unsigned levels, unsigned nfr)
{
	struct vtd_sim_cfg c;
	struct vtd_policy pol = {{levels, true, true}, &dom, 1, dev, 2};

	vtd_sim_free(sim);
	vtd_sim_default_cfg(&c, levels);
	c.nfr = nfr;
	sim = vtd_sim_new(&c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	vtd_sim_io(sim, &io);
	CU_ASSERT_FATAL(install(&io, &pol) > 0);
}

static uint32_t r32(uint32_t off)
{
	return io.read32(io.ctx, off);
}

static uint64_t r64(uint32_t off)
{
	return io.read64(io.ctx, off);
}

static void w32(uint32_t off, uint32_t v)
{
	io.write32(io.ctx, off, v);
}

static void w64(uint32_t off, uint64_t v)
{
	io.write64(io.ctx, off, v);
}

/* Latch, invalidate, enable, by hand. */
static void enable(void)
{
	w64(VTD_REG_RTADDR, io.table_phys);
	w32(VTD_REG_GCMD, VTD_GCMD_SRTP);
	w64(VTD_REG_CCMD, VTD_CCMD_ICC | VTD_CCMD_GLOBAL);
	w64(0xf8, VTD_IOTLB_IVT | VTD_IOTLB_GLOBAL);
	w32(VTD_REG_GCMD, VTD_GCMD_TE);
	CU_ASSERT_EQUAL(r32(VTD_REG_GSTS), VTD_GSTS_TES | VTD_GSTS_RTPS);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
}

static int dma(uint16_t sid, uint64_t iova, size_t len, bool write)
{
	static uint8_t buf[3 * 4096];

	return vtd_sim_dma(sim, sid, iova, len, write, buf);
}

static void test_reset_values(void)
{
	struct vtd_sim_cfg c;

	fresh(3, 1);
	CU_ASSERT_EQUAL(r32(VTD_REG_VER), 0x10);
	/* ND 6, SAGAW 39-bit, MGAW 39, FRO 0x220/16, 2M+1G, NFR 1 */
	CU_ASSERT_EQUAL(r64(VTD_REG_CAP),
			0x6ull | 0x2ull << 8 | 38ull << 16 | 0x22ull << 24 | 3ull << 34);
	CU_ASSERT_EQUAL(r64(VTD_REG_ECAP), 0xfull << 8);
	CU_ASSERT_EQUAL(r32(VTD_REG_FECTL), VTD_FECTL_IM);
	CU_ASSERT_EQUAL(r32(VTD_REG_GSTS), 0);
	CU_ASSERT_EQUAL(r32(VTD_REG_GCMD), 0); /* write-only */
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), 0);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), 0);
	fresh(4, 4);
	CU_ASSERT_EQUAL((r64(VTD_REG_CAP) >> 8) & 0x1f, 0x6);
	CU_ASSERT_EQUAL((r64(VTD_REG_CAP) >> 40) & 0xff, 3);
	/* the 32-bit halves of a 64-bit register read the same bits */
	CU_ASSERT_EQUAL(r32(VTD_REG_CAP + 4), (uint32_t)(r64(VTD_REG_CAP) >> 32));
	r32(0x800);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), VTD_SIM_ERR_BAD_REG);

	vtd_sim_default_cfg(&c, 3);
	c.fro = 0xff8; /* record beyond the register page */
	CU_ASSERT_PTR_NULL(vtd_sim_new(&c));
	vtd_sim_default_cfg(&c, 3);
	c.table_base = c.mem_size;
	CU_ASSERT_PTR_NULL(vtd_sim_new(&c));
}

static void test_passthrough_before_te(void)
{
	uint8_t data[16] = "pass-through-ok", back[16] = {0};

	fresh(3, 1);
	CU_ASSERT_EQUAL(vtd_sim_dma(sim, 0x0700, 0x300000, 16, true, data), 0);
	CU_ASSERT_EQUAL(memcmp(vtd_sim_mem(sim) + 0x300000, data, 16), 0);
	CU_ASSERT_EQUAL(vtd_sim_dma(sim, 0x0700, 0x300000, 16, false, back), 0);
	CU_ASSERT_EQUAL(memcmp(back, data, 16), 0);
	CU_ASSERT_EQUAL(vtd_sim_dma(sim, 0x0700, 64ull << 20, 16, false, back), -ERANGE);
	CU_ASSERT_EQUAL(vtd_sim_dma(sim, 0x0700, 0, 0, false, back), -EINVAL);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), 0);
}

static void test_te_before_srtp(void)
{
	fresh(3, 1);
	w32(VTD_REG_GCMD, VTD_GCMD_TE);
	CU_ASSERT_TRUE(vtd_sim_errors(sim) & VTD_SIM_ERR_TE_NO_ROOT);
	CU_ASSERT_EQUAL(dma(0x0018, 0x100000, 4, false), -EIO);
	CU_ASSERT_EQUAL(dma(0x0700, 0x300000, 4, false), -EIO);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->dma_blocked, 2);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), 0); /* refused, not a recorded fault */
	/* latching a root afterwards makes it a unit again */
	w64(VTD_REG_RTADDR, io.table_phys);
	w32(VTD_REG_GCMD, VTD_GCMD_TE | VTD_GCMD_SRTP);
	CU_ASSERT_FALSE(vtd_sim_errors(sim) & VTD_SIM_ERR_TE_NO_ROOT);
	CU_ASSERT_EQUAL(dma(0x0018, 0x100000, 4, false), 0);
}

static void test_gcmd_restate(void)
{
	fresh(3, 1);
	enable();
	/* SRTP written alone drops TE: GCMD states every enable */
	w32(VTD_REG_GCMD, VTD_GCMD_SRTP);
	CU_ASSERT_EQUAL(r32(VTD_REG_GSTS), VTD_GSTS_RTPS);
	CU_ASSERT_EQUAL(dma(0x0700, 0x300000, 4, false), 0); /* pass-through again */
	w32(VTD_REG_GCMD, VTD_GCMD_TE);
	w32(VTD_REG_GCMD, (r32(VTD_REG_GSTS) & VTD_GSTS_PERSIST) | VTD_GCMD_SRTP);
	CU_ASSERT_EQUAL(r32(VTD_REG_GSTS), VTD_GSTS_TES | VTD_GSTS_RTPS);
	/* RTADDR is used once latched, not when written */
	w64(VTD_REG_RTADDR, io.table_phys + 0x1000);
	CU_ASSERT_EQUAL(dma(0x0018, 0x100000, 4, false), 0);
	CU_ASSERT_EQUAL(r64(VTD_REG_RTADDR), io.table_phys + 0x1000);
}

static void test_stale_caches(void)
{
	fresh(3, 1);
	w64(VTD_REG_RTADDR, io.table_phys);
	w32(VTD_REG_GCMD, VTD_GCMD_SRTP);
	w32(VTD_REG_GCMD, VTD_GCMD_TE);
	CU_ASSERT_EQUAL(vtd_sim_errors(sim), VTD_SIM_ERR_STALE_CTX | VTD_SIM_ERR_STALE_IOTLB);
}

static void test_invalidation_self_clear(void)
{
	fresh(3, 1);
	w64(VTD_REG_CCMD, VTD_CCMD_ICC | VTD_CCMD_GLOBAL);
	CU_ASSERT_EQUAL(r64(VTD_REG_CCMD), VTD_CCMD_GLOBAL | 1ull << VTD_CCMD_CAIG_SHIFT);
	w64(VTD_REG_CCMD, VTD_CCMD_ICC | VTD_CCMD_DOMAIN | 5);
	CU_ASSERT_EQUAL(r64(VTD_REG_CCMD), VTD_CCMD_DOMAIN | 2ull << VTD_CCMD_CAIG_SHIFT | 5);
	/* lower half then upper half: the command runs on the upper write */
	w32(VTD_REG_CCMD, 0);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->cc_global, 1);
	w32(VTD_REG_CCMD + 4, (uint32_t)((VTD_CCMD_ICC | VTD_CCMD_GLOBAL) >> 32));
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->cc_global, 2);
	CU_ASSERT_FALSE((r64(VTD_REG_CCMD) & VTD_CCMD_ICC) != 0);
	w64(0xf8, VTD_IOTLB_IVT | VTD_IOTLB_GLOBAL);
	CU_ASSERT_EQUAL(r64(0xf8), VTD_IOTLB_GLOBAL | 1ull << VTD_IOTLB_IAIG_SHIFT);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->cc_domain, 1);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->iotlb_global, 1);
	vtd_sim_knobs(sim)->icc_stuck = true;
	vtd_sim_knobs(sim)->ivt_stuck = true;
	w64(VTD_REG_CCMD, VTD_CCMD_ICC | VTD_CCMD_GLOBAL);
	w64(0xf8, VTD_IOTLB_IVT | VTD_IOTLB_GLOBAL);
	CU_ASSERT_TRUE((r64(VTD_REG_CCMD) & VTD_CCMD_ICC) != 0);
	CU_ASSERT_TRUE((r64(0xf8) & VTD_IOTLB_IVT) != 0);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->cc_global, 2);
}

static void test_fault_records(void)
{
	uint64_t hi;

	fresh(3, 1);
	enable();
	CU_ASSERT_EQUAL(dma(0x0018, 0x100000, 8192, false), 0);
	CU_ASSERT_EQUAL(dma(0x0018, 0x100000, 4096, true), 0);
	/* a write spilling into the read-only page faults at that page */
	CU_ASSERT_EQUAL(dma(0x0018, 0x100ff0, 32, true), -EFAULT);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), VTD_FSTS_PPF); /* FRI 0 */
	CU_ASSERT_EQUAL(r64(0x220), 0x101000);
	hi = r64(0x228);
	CU_ASSERT_EQUAL(hi, VTD_FRCD_HI_F | (uint64_t)VTD_FR_WRITE << 32 | 0x0018); /* T 0 */
	CU_ASSERT_EQUAL(r32(VTD_REG_FECTL), VTD_FECTL_IM | VTD_FECTL_IP);

	/* same SID while pending: compressed, the record keeps the first fault */
	CU_ASSERT_EQUAL(dma(0x0018, 0x500000, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->compressed, 1);
	CU_ASSERT_EQUAL(r64(0x220), 0x101000);
	/* another SID, no free record: PFO, dropped */
	CU_ASSERT_EQUAL(dma(0x0020, 0x500000, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->overflowed, 1);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), VTD_FSTS_PPF | VTD_FSTS_PFO);
	CU_ASSERT_EQUAL(r64(0x228), hi);
	/* while PFO is set nothing is recorded */
	w32(0x22c, VTD_FRCD_TOP_F);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), VTD_FSTS_PFO);
	CU_ASSERT_EQUAL(dma(0x0020, 0x500000, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->dropped_pfo, 1);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), VTD_FSTS_PFO);

	/* FSTS is W1C on exactly the bits written 1 */
	w32(VTD_REG_FSTS, 0);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), VTD_FSTS_PFO);
	w32(VTD_REG_FSTS, VTD_FSTS_PPF | VTD_FSTS_IQE);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), VTD_FSTS_PFO);
	w32(VTD_REG_FSTS, VTD_FSTS_PFO);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), 0);

	/* a read denial: reason 6, T 1 */
	CU_ASSERT_EQUAL(dma(0x0020, 0x500123, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(r64(0x220), 0x500000);
	CU_ASSERT_EQUAL(r64(0x228),
			VTD_FRCD_HI_F | VTD_FRCD_HI_T | (uint64_t)VTD_FR_READ << 32 | 0x0020);
	/* F is W1C: writing 0 to it, or to the other bits, changes nothing */
	w64(0x228, 0);
	w32(0x228, 0xffffffff);
	CU_ASSERT_TRUE((r64(0x228) & VTD_FRCD_HI_F) != 0);
	w64(0x228, VTD_FRCD_HI_F);
	CU_ASSERT_FALSE((r64(0x228) & VTD_FRCD_HI_F) != 0);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), 0);
	/* unknown requester: root entry not present for bus 7 */
	CU_ASSERT_EQUAL(dma(0x0700, 0x100000, 4, false), -EFAULT);
	CU_ASSERT_EQUAL((r64(0x228) >> 32) & 0xff, VTD_FR_ROOT_NP);
}

static void test_several_records(void)
{
	fresh(4, 2);
	enable();
	CU_ASSERT_EQUAL(dma(0x0018, 0x900000, 4, true), -EFAULT);
	CU_ASSERT_EQUAL(dma(0x0020, 0x901000, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), VTD_FSTS_PPF);
	CU_ASSERT_EQUAL(r64(0x220), 0x900000);
	CU_ASSERT_EQUAL(r64(0x230), 0x901000);
	CU_ASSERT_EQUAL(r64(0x238) & 0xffff, 0x0020);
	/* free the first: FRI still names where the first pending fault went;
	 * the next fault goes to the next slot in turn, which is free again */
	w32(0x22c, VTD_FRCD_TOP_F);
	CU_ASSERT_EQUAL(r32(VTD_REG_FSTS), VTD_FSTS_PPF);
	CU_ASSERT_EQUAL(dma(0x0700, 0x100000, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(r64(0x220), 0x100000);
	CU_ASSERT_EQUAL((r64(0x228) >> 32) & 0xff, VTD_FR_ROOT_NP);
	CU_ASSERT_EQUAL(vtd_sim_stats(sim)->recorded, 3);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "reset values", test_reset_values },
		{ "pass-through before TE", test_passthrough_before_te },
		{ "TE before SRTP refused", test_te_before_srtp },
		{ "GCMD restates enables", test_gcmd_restate },
		{ "stale caches noted", test_stale_caches },
		{ "CCMD/IOTLB self-clear", test_invalidation_self_clear },
		{ "fault records, W1C, compression", test_fault_records },
		{ "several records", test_several_records },
	};
	int rc = CU_RUN("vtd_sim", cases);

	vtd_sim_free(sim);
	return rc;
}
