/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fixture of the software SMMUv3's suites: a unit with its queues
 * programmed and tables built by hand (not with the builder, which the
 * model referees), and the helpers that drive it.
 */
#ifndef SMMU_TESTS_SMMUV3_SIMFIX_H
#define SMMU_TESTS_SMMUV3_SIMFIX_H

#include <CUnit/Basic.h>
#include <errno.h>
#include <string.h>

#include "smmuv3/smmuv3_regs.h"
#include "smmuv3/smmuv3_sim.h"
/* The layout: everything in the table window at 8 MiB. */
#define STRTAB	0x800000ull /* linear, 256 STEs */
#define CMDQ	0x810000ull
#define EVTQ	0x811000ull
#define CD	0x812000ull
#define S1_L1	0x820000ull /* T0SZ 25: the walk starts at level 1 */
#define S1_L2	0x821000ull
#define S1_L3	0x822000ull
#define S2_L1	0x830000ull
#define S2_L2	0x831000ull
#define S2_L3	0x832000ull
#define L2TAB	0x840000ull /* 2-level stream table: its L2 part */
#define PAGE	0x100000ull /* RW; PAGE + 0x1000 read-only; + 0x2000 unmapped */
#define SID_S1	0x08
#define SID_BYP 0x10
#define SID_ABT 0x18
#define SID_BAD 0x20 /* V = 0 */
#define SID_S2	0x28
#define ASID	1
#define VMID	3

/* the CD: T0SZ 25, 4K, EPD1, V, IPS 44 bits, AA64, R, A, ASET, ASID */
#define CD0                                                                                        \
	(25ull | SMMUV3_CD0_EPD1 | SMMUV3_CD0_V | 4ull << SMMUV3_CD0_IPS_SHIFT | SMMUV3_CD0_AA64 | \
	 SMMUV3_CD0_R | SMMUV3_CD0_A | SMMUV3_CD0_ASET)
#define PTE_RW 0x743ull /* valid, page, AP[1], SH IS, AF */
#define PTE_RO (PTE_RW | SMMUV3_PTE_S1_AP2)
#define PTE_S2                                                                                     \
	(SMMUV3_PTE_VALID | SMMUV3_PTE_TABLE | SMMUV3_PTE_AF | SMMUV3_PTE_S2AP_R |                 \
	 SMMUV3_PTE_S2AP_W)

static struct smmuv3_sim *sim;
static struct unit_io io;
static uint8_t *mem;
static uint32_t prod; /* our CMDQ_PROD */

static uint32_t r32(uint32_t off)
{
	return io.read32(io.ctx, off);
}

static void w32(uint32_t off, uint32_t v)
{
	io.write32(io.ctx, off, v);
}

static void w64(uint32_t off, uint64_t v)
{
	io.write64(io.ctx, off, v);
}

static uint64_t ld(uint64_t pa)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | mem[pa + i];
	return v;
}

static void st(uint64_t pa, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		mem[pa + i] = (uint8_t)(v >> (8 * i));
}

static void ste_s1(uint32_t sid)
{
	st(STRTAB + sid * 64, SMMUV3_STE0_V | (uint64_t)SMMUV3_STE_CONFIG_S1 << 1 | CD);
}

/* Stage-1 and stage-2 identity tables for PAGE (RW), PAGE+4K (RO at stage 1). */
static void tables(void)
{
	unsigned i = (unsigned)(PAGE >> 12) & 511;

	ste_s1(SID_S1);
	st(STRTAB + SID_BYP * 64, SMMUV3_STE0_V | (uint64_t)SMMUV3_STE_CONFIG_BYPASS << 1);
	st(STRTAB + SID_ABT * 64, SMMUV3_STE0_V | (uint64_t)SMMUV3_STE_CONFIG_ABORT << 1);
	st(STRTAB + SID_BAD * 64, (uint64_t)SMMUV3_STE_CONFIG_S1 << 1 | CD);
	st(CD, CD0 | (uint64_t)ASID << SMMUV3_CD0_ASID_SHIFT);
	st(CD + 8, S1_L1);
	st(S1_L1, S1_L2 | 3);
	st(S1_L2, S1_L3 | 3);
	st(S1_L3 + 8 * i, PAGE | PTE_RW);
	st(S1_L3 + 8 * (i + 1), (PAGE + 0x1000) | PTE_RO);
	/* stage 2: T0SZ 25, SL0 1 (level 1), 4K, PS 44 bits, AA64, R */
	st(STRTAB + SID_S2 * 64, SMMUV3_STE0_V | (uint64_t)SMMUV3_STE_CONFIG_S2 << 1);
	st(STRTAB + SID_S2 * 64 + 16,
	   VMID | 25ull << SMMUV3_STE2_S2T0SZ_SHIFT | 1ull << SMMUV3_STE2_S2SL0_SHIFT |
	       4ull << SMMUV3_STE2_S2PS_SHIFT | SMMUV3_STE2_S2AA64 | SMMUV3_STE2_S2R);
	st(STRTAB + SID_S2 * 64 + 24, S2_L1);
	st(S2_L1, S2_L2 | 3);
	st(S2_L2, S2_L3 | 3);
	st(S2_L3 + 8 * i, PAGE | PTE_S2);
}

/* One command at PROD, then PROD written: the model consumes it at once. */
static void cmd(uint64_t d0, uint64_t d1)
{
	uint64_t slot = CMDQ + 16 * (prod & 3);

	st(slot, d0);
	st(slot + 8, d1);
	prod = (prod + 1) & 7;
	w32(SMMUV3_REG_CMDQ_PROD, prod);
}

static void sync(void)
{
	cmd(SMMUV3_CMD_SYNC, 0);
}

/* A fresh unit with the queues programmed: 4 commands, 4 events (evtq_log2). */
static void fresh_cfg(const struct smmuv3_sim_cfg *c, unsigned evtq_log2)
{
	smmuv3_sim_free(sim);
	sim = smmuv3_sim_new(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim);
	smmuv3_sim_io(sim, &io);
	mem = smmuv3_sim_mem(sim);
	prod = 0;
	tables();
	w64(SMMUV3_REG_STRTAB_BASE, SMMUV3_BASE_RA | STRTAB);
	w32(SMMUV3_REG_STRTAB_BASE_CFG, 8);
	w64(SMMUV3_REG_CMDQ_BASE, SMMUV3_BASE_RA | CMDQ | 2);
	w32(SMMUV3_REG_CMDQ_PROD, 0);
	w32(SMMUV3_REG_CMDQ_CONS, 0);
	w64(SMMUV3_REG_EVTQ_BASE, EVTQ | evtq_log2);
	w32(SMMUV3_REG_EVTQ_PROD, 0);
	w32(SMMUV3_REG_EVTQ_CONS, 0);
}

static void fresh(bool qemu, unsigned evtq_log2)
{
	struct smmuv3_sim_cfg c;

	smmuv3_sim_default_cfg(&c, qemu);
	c.s2p = true;
	fresh_cfg(&c, evtq_log2);
}

/* Queues on, caches invalidated, translation on. */
static void enable(void)
{
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN | SMMUV3_CR0_EVTQEN);
	cmd(SMMUV3_CMD_CFGI_ALL, 31);
	cmd(SMMUV3_CMD_TLBI_NSNH_ALL, 0);
	sync();
	w32(SMMUV3_REG_CR0, SMMUV3_CR0_CMDQEN | SMMUV3_CR0_EVTQEN | SMMUV3_CR0_SMMUEN);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CR0ACK), 0xd);
	CU_ASSERT_EQUAL(r32(SMMUV3_REG_CMDQ_CONS), prod);
	CU_ASSERT_EQUAL(smmuv3_sim_errors(sim), 0);
}

static int dma(uint32_t sid, uint64_t addr, size_t len, bool write)
{
	static uint8_t buf[3 * 4096];

	if (write)
		memset(buf, 0xa5, sizeof(buf));
	return smmuv3_sim_dma(sim, sid, addr, len, write, buf);
}

/* The event at index i equals the four dwords. */
static void evt_is(unsigned i, uint64_t d0, uint64_t d1, uint64_t d2, uint64_t d3)
{
	uint64_t p = EVTQ + 32ull * i;

	CU_ASSERT_EQUAL(ld(p), d0);
	CU_ASSERT_EQUAL(ld(p + 8), d1);
	CU_ASSERT_EQUAL(ld(p + 16), d2);
	CU_ASSERT_EQUAL(ld(p + 24), d3);
}

static uint32_t evtq_prod(void)
{
	return r32(SMMUV3_REG_EVTQ_PROD);
}

static void fini(void)
{
	smmuv3_sim_free(sim);
}

#endif
