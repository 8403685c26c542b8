/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The software SMMUv3's DMA: pieces, memory bounds, event queue overflow
 * both ways, and the caches that only the right command invalidates (a
 * driver that forgets one must see the stale translation here first).
 */
#include "simfix.h"
#include "cu_run.h"

static void test_pieces(void)
{
	uint8_t *buf;

	fresh(false, 2);
	enable();
	buf = mem + 0x200000; /* anywhere the test owns */
	memset(buf, 0xee, 0x2000);
	/* three pages: RW, RO, unmapped; the RW page completes */
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, SID_S1, PAGE + 0x800, 0x2000, true, buf), -EFAULT);
	CU_ASSERT_EQUAL(mem[PAGE + 0x800], 0xee);
	CU_ASSERT_EQUAL(mem[PAGE + 0xfff], 0xee);
	CU_ASSERT_EQUAL(mem[PAGE + 0x1000], 0);
	CU_ASSERT_EQUAL(evtq_prod(), 2);
	evt_is(0, 0x0000000800000013, 0, PAGE + 0x1000, 0);
	evt_is(1, 0x0000000800000010, 0, PAGE + 0x2000, 0);
}

static void test_erange(void)
{
	unsigned i = (unsigned)(PAGE >> 12) & 511;

	fresh(false, 2);
	/* PAGE + 4K and + 8K past the 64 MiB */
	st(S1_L3 + 8 * (i + 1), (128ull << 20) | PTE_RW);
	st(S1_L3 + 8 * (i + 2), (128ull << 20) | PTE_RW);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x2000, 4, false), -ERANGE);
	/* nothing done: not the first page, no event, nothing cached */
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0xff0, 0x20, true), -ERANGE);
	CU_ASSERT_EQUAL(mem[PAGE + 0xff0], 0);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x2ff0, 0x20, false), -ERANGE); /* then a fault */
	CU_ASSERT_EQUAL(evtq_prod(), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->tlb_fills, 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->ste_fills, 0);
	CU_ASSERT_EQUAL(dma(SID_S1, UINT64_MAX - 3, 8, false), -EINVAL);
	CU_ASSERT_EQUAL(smmuv3_sim_dma(sim, SID_S1, PAGE, 0, false, mem), -EINVAL);
}

static void test_overflow_spec(void)
{
	unsigned i;

	fresh(false, 1); /* two records */
	enable();
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(dma(SID_BAD, PAGE, 4, false), -EFAULT);
	/* full after two; the third toggles OVFLG, the fourth finds it pending */
	CU_ASSERT_EQUAL(evtq_prod(), SMMUV3_EVTQ_PROD_OVFLG | 2);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->evt_overflow, 2);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GERROR), 0);
	/* consumed and acknowledged: records again, and a new overflow toggles back */
	w32(SMMUV3_REG_EVTQ_CONS, 0x80000002);
	for (i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(dma(SID_BAD, PAGE, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(evtq_prod(), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->events, 4);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->evt_overflow, 3);
}

static void test_overflow_qemu(void)
{
	unsigned i;

	fresh(true, 1);
	enable();
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(dma(SID_BAD, PAGE, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(evtq_prod(), 2);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GERROR) ^ r32(SMMUV3_REG_GERRORN), SMMUV3_GERROR_EVTQ_ABT);
	w32(SMMUV3_REG_GERRORN, SMMUV3_GERROR_EVTQ_ABT);
	w32(SMMUV3_REG_EVTQ_CONS, 2);
	CU_ASSERT_EQUAL(dma(SID_BAD, PAGE, 4, false), -EFAULT);
	CU_ASSERT_EQUAL(evtq_prod(), 3);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_GERROR) ^ r32(SMMUV3_REG_GERRORN), 0);
}

/* ---- caching ------------------------------------------------------------ */

static void test_stale_ste(void)
{
	fresh(false, 2);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	/* abort in memory: the cached STE still translates */
	st(STRTAB + SID_S1 * 64, SMMUV3_STE0_V);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x800, 8, true), 0);
	cmd(SMMUV3_CMD_CFGI_STE | (uint64_t)(SID_S1 + 1) << 32, 1); /* another SID */
	cmd(SMMUV3_CMD_TLBI_NSNH_ALL, 0);			    /* the TLB is not the STE */
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	cmd(SMMUV3_CMD_CFGI_STE | (uint64_t)SID_S1 << 32, 1);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), -EFAULT);
	/* back to stage 1: the abort is cached until CFGI_ALL (Range 31) */
	ste_s1(SID_S1);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), -EFAULT);
	cmd(SMMUV3_CMD_CFGI_ALL | 0x100ull << 32, 0); /* Range 0: SIDs 0x100, 0x101 */
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), -EFAULT);
	cmd(SMMUV3_CMD_CFGI_ALL, 31);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	CU_ASSERT_EQUAL(evtq_prod(), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->ste_fills, 3);
}

/*
 * A cached valid STE replaced by another valid one is found when CFGI drops
 * it: the unit may have fetched a mix. Invalid and invalidated first is not.
 */
static void test_torn_ste(void)
{
	fresh(false, 2);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	st(STRTAB + SID_S1 * 64, 0);
	cmd(SMMUV3_CMD_CFGI_STE | (uint64_t)SID_S1 << 32, 1);
	sync();
	ste_s1(SID_S1);
	cmd(SMMUV3_CMD_CFGI_STE | (uint64_t)SID_S1 << 32, 1);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
	/* an uncached STE changes freely */
	st(STRTAB + SID_BAD * 64 + 8, 1);
	cmd(SMMUV3_CMD_CFGI_ALL, 31);
	sync();
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	st(STRTAB + SID_S1 * 64, SMMUV3_STE0_V);
	cmd(SMMUV3_CMD_CFGI_STE | (uint64_t)SID_S1 << 32, 1);
	sync();
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), SMMUV3_SIM_ERR_STE_TORN);
}

static void test_stale_cd(void)
{
	fresh(false, 2);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	st(CD, 0);						  /* invalid in memory */
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x1000, 8, false), 0); /* not in the TLB */
	cmd(SMMUV3_CMD_CFGI_CD | (uint64_t)SID_S1 << 32, 1);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x1000, 8, false), -EFAULT);
	CU_ASSERT_EQUAL(evtq_prod(), 1);
	evt_is(0, 0x000000080000000a, 0, 0, 0);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->cd_fills, 1);
}

static void test_stale_tlb(void)
{
	unsigned i = (unsigned)(PAGE >> 12) & 511;

	fresh(false, 2);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	st(S1_L3 + 8 * i, 0); /* unmapped without a TLBI */
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x10, 8, true), 0);
	CU_ASSERT_EQUAL(mem[PAGE + 0x10], 0xa5);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, false), -EFAULT); /* reads were never cached */
	cmd(SMMUV3_CMD_TLBI_NH_ASID | (uint64_t)(ASID + 1) << 48, 0);
	cmd(SMMUV3_CMD_TLBI_S12_VMALL | (uint64_t)ASID << 32, 0);
	cmd(SMMUV3_CMD_CFGI_ALL, 31);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x20, 8, true), 0);
	cmd(SMMUV3_CMD_TLBI_NH_ASID | (uint64_t)ASID << 48, 0);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x30, 8, true), -EFAULT);
	CU_ASSERT_EQUAL(mem[PAGE + 0x30], 0);
	/* read-only without a TLBI: writes still land; TLBI_NH_ALL ends it */
	st(S1_L3 + 8 * i, PAGE | PTE_RW);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	st(S1_L3 + 8 * i, PAGE | PTE_RO);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x40, 8, true), 0);
	cmd(SMMUV3_CMD_TLBI_NH_ALL, 0);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x50, 8, true), -EFAULT);
	/* remapped elsewhere: the old page until TLBI_NSNH_ALL */
	st(S1_L3 + 8 * i, PAGE | PTE_RW);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x60, 8, true), 0);
	st(S1_L3 + 8 * i, 0x300000 | PTE_RW);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x70, 8, true), 0);
	CU_ASSERT_EQUAL(mem[PAGE + 0x70], 0xa5);
	cmd(SMMUV3_CMD_TLBI_NSNH_ALL, 0);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x80, 8, true), 0);
	CU_ASSERT_EQUAL(mem[PAGE + 0x80], 0);
	CU_ASSERT_EQUAL(mem[0x300080], 0xa5);
	CU_ASSERT_EQUAL(smmuv3_sim_stats(sim)->tlb_hits, 4);
}

static void test_stale_tlb_s2(void)
{
	unsigned i = (unsigned)(PAGE >> 12) & 511;

	fresh(false, 2);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S2, PAGE, 8, false), 0);
	st(S2_L3 + 8 * i, 0);
	cmd(SMMUV3_CMD_TLBI_NH_ALL, 0);
	cmd(SMMUV3_CMD_TLBI_S12_VMALL | (uint64_t)(VMID + 1) << 32, 0);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S2, PAGE, 8, false), 0);
	cmd(SMMUV3_CMD_TLBI_S12_VMALL | (uint64_t)VMID << 32, 0);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S2, PAGE, 8, false), -EFAULT);
}

static void test_2lvl(void)
{
	struct smmuv3_sim_cfg c;

	/* SPLIT 8, LOG2SIZE 16; the L1 descriptor for SIDs 0-255 -> L2TAB, Span 9 */
	fresh(false, 2);
	memcpy(mem + L2TAB, mem + STRTAB, 256 * 64);
	memset(mem + STRTAB, 0, 256 * 64);
	st(STRTAB, L2TAB | 9);
	w32(SMMUV3_REG_STRTAB_BASE_CFG, 1u << 16 | 8u << 6 | 16);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), 0);
	/* the L1 descriptor is cached with the STE */
	st(STRTAB, 0);
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x1000, 8, false), 0);
	cmd(SMMUV3_CMD_CFGI_STE | (uint64_t)SID_S1 << 32, 0);
	sync();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE + 0x1000, 8, false), -EFAULT);
	evt_is(0, 0x0000000800000002, 0, 0, 0);
	/* a unit without ST_LEVEL refuses the format */
	smmuv3_sim_default_cfg(&c, false);
	c.st_level = 0;
	fresh_cfg(&c, 2);
	w32(SMMUV3_REG_STRTAB_BASE_CFG, 1u << 16 | 8u << 6 | 16);
	enable();
	CU_ASSERT_EQUAL(dma(SID_S1, PAGE, 8, true), -EIO);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), SMMUV3_SIM_ERR_BAD_STRTAB);
}

static const struct cu_case cases[] = {
    {"pieces: allowed ones complete", test_pieces},
    {"out of RAM: -ERANGE, nothing done", test_erange},
    {"overflow: OVFLG (spec)", test_overflow_spec},
    {"overflow: GERROR.EVTQ_ABT_ERR (QEMU)", test_overflow_qemu},
    {"stale STE until CFGI_STE or CFGI_ALL", test_stale_ste},
    {"a valid STE replaced without break-before-make", test_torn_ste},
    {"stale CD until CFGI_CD", test_stale_cd},
    {"stale stage-1 TLB until a TLBI", test_stale_tlb},
    {"stale stage-2 TLB until TLBI_S12_VMALL", test_stale_tlb_s2},
    {"2-level stream table", test_2lvl},
};

int main(void)
{
	int rc = CU_RUN("smmuv3_sim_cache", cases);

	fini();
	return rc;
}
