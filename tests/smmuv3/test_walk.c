/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 walker against structures written here word by word from
 * IHI 0070 and the VMSAv8-64 descriptor formats: every success path
 * (page, 2 MiB, 1 GiB; stage 1 and 2; linear and 2-level stream tables;
 * 39- and 48-bit inputs), every event, and pointers out of memory.
 */
#include <CUnit/Basic.h>
#include <endian.h>
#include <errno.h>
#include <string.h>

#include "smmuv3/smmuv3_walk.h"
#include "cu_run.h"
#include "util/le.h"

#define PH     0x40000000ull /* where the test memory sits */
#define STRTAB 0x0000u
#define CD     0x1000u
#define T0     0x2000u /* level-0 table */
#define T1     0x3000u
#define T2     0x4000u
#define T3     0x5000u
#define L1STD  0x6000u
#define L2STE  0x7000u
#define S2CAT  0x8000u /* two concatenated level-1 tables, 8 KiB aligned */

/* stage-1 leaves: AF | SH=IS | AP[1] | valid (| page) */
#define S1_PAGE 0x743ull
#define S1_BLK	0x741ull
/* stage-2 leaves: AF | SH=IS | S2AP=RW | valid (| page) */
#define S2_PAGE 0x7c3ull
#define S2_BLK	0x7c1ull

static uint8_t mem[0xa000] __attribute__((aligned(8192)));
static const struct smmuv3_mem M = {mem, PH, sizeof(mem)};
static struct smmuv3_walk_cfg C;
static struct smmuv3_walk_result R;

/* VA 1:2:3:4 + 0x123: index 1 at level 0, 2 at level 1, 3 at level 2, 4 at level 3 */
#define VA   ((1ull << 39) | (2ull << 30) | (3ull << 21) | (4ull << 12) | 0x123)
#define VA39 ((2ull << 30) | (3ull << 21) | (4ull << 12) | 0x123)

static void put(uint32_t off, uint64_t v)
{
	le64_put(mem + off, v);
}

static uint64_t get(uint32_t off)
{
	return le64_get(mem + off);
}

static uint64_t cd0(unsigned t0sz)
{
	return t0sz | SMMUV3_CD0_EPD1 | SMMUV3_CD0_V | (4ull << SMMUV3_CD0_IPS_SHIFT) |
	       SMMUV3_CD0_AA64 | SMMUV3_CD0_R | SMMUV3_CD0_A | (0x42ull << SMMUV3_CD0_ASID_SHIFT);
}

/* SID 1 stage 1, 48-bit VA, VA -> 0x80004000 page; linear table of 16 STEs. */
static void setup_s1(void)
{
	memset(mem, 0, sizeof(mem));
	C = (struct smmuv3_walk_cfg){.strtab_base = PH + STRTAB,
				     .strtab_cfg = 4,
				     .sidsize = 16,
				     .oas = 44,
				     .s1p = true,
				     .s2p = true};
	put(STRTAB + 64, (PH + CD) | (SMMUV3_STE_CONFIG_S1 << 1) | SMMUV3_STE0_V);
	put(CD, cd0(16));
	put(CD + 8, PH + T0);
	put(T0 + 1 * 8, (PH + T1) | 3);
	put(T1 + 2 * 8, (PH + T2) | 3);
	put(T2 + 3 * 8, (PH + T3) | 3);
	put(T3 + 4 * 8, 0x80004000ull | S1_PAGE);
}

static unsigned walk(uint32_t sid, uint64_t addr, bool write)
{
	CU_ASSERT_EQUAL(smmuv3_walk(&M, &C, sid, addr, write, &R), 0);
	return R.ok ? 0 : R.event;
}

static void expect_fault(uint32_t sid, uint64_t addr, bool write, unsigned event)
{
	CU_ASSERT_EQUAL(walk(sid, addr, write), event);
	CU_ASSERT_FALSE(R.ok);
	CU_ASSERT_EQUAL(R.event, event);
}

static void test_s1_page48(void)
{
	setup_s1();
	CU_ASSERT_EQUAL(walk(1, VA, false), 0);
	CU_ASSERT_TRUE(R.ok);
	CU_ASSERT_EQUAL(R.pa, 0x80004123ull);
	CU_ASSERT_EQUAL(R.level, 3);
	CU_ASSERT_EQUAL(R.tag, 0x42);
	CU_ASSERT_FALSE(R.bypass);
	CU_ASSERT_FALSE(R.unpredictable);
	CU_ASSERT_EQUAL(walk(1, VA, true), 0);
	/* the next page is not mapped */
	expect_fault(1, VA + 0x1000, false, SMMUV3_EVT_F_TRANSLATION);
	CU_ASSERT_EQUAL(smmuv3_walk(NULL, &C, 1, VA, false, &R), -EINVAL);
	CU_ASSERT_EQUAL(smmuv3_walk(&M, &C, 1, VA, false, NULL), -EINVAL);
}

static void test_s1_blocks(void)
{
	setup_s1();
	put(T2 + 3 * 8, 0x80200000ull | S1_BLK);
	CU_ASSERT_EQUAL(walk(1, VA, false), 0);
	CU_ASSERT_EQUAL(R.level, 2);
	CU_ASSERT_EQUAL(R.pa, 0x80200000ull + (VA & 0x1fffff));
	put(T1 + 2 * 8, 0xc0000000ull | S1_BLK);
	CU_ASSERT_EQUAL(walk(1, VA, true), 0);
	CU_ASSERT_EQUAL(R.level, 1);
	CU_ASSERT_EQUAL(R.pa, 0xc0000000ull + (VA & 0x3fffffff));
	/* a block's address bits below its size: RES0, left to the unit */
	put(T1 + 2 * 8, 0xc0001000ull | S1_BLK);
	expect_fault(1, VA, false, SMMUV3_EVT_F_TRANSLATION);
	CU_ASSERT_TRUE(R.unpredictable);
	/* the contiguous hint: a TLB may use the entry for its neighbours */
	setup_s1();
	put(T3 + 4 * 8, 0x80004000ull | S1_PAGE | (1ull << 52));
	expect_fault(1, VA, false, SMMUV3_EVT_F_TRANSLATION);
	CU_ASSERT_TRUE(R.unpredictable);
	/* no block at level 0 with 4 KiB granules; level 3 with bit 1 clear is reserved */
	setup_s1();
	put(T0 + 8, S1_BLK);
	expect_fault(1, VA, false, SMMUV3_EVT_F_TRANSLATION);
	setup_s1();
	put(T3 + 4 * 8, 0x80004000ull | S1_BLK);
	expect_fault(1, VA, false, SMMUV3_EVT_F_TRANSLATION);
	CU_ASSERT_FALSE(R.unpredictable);
}

static void test_s1_39bit(void)
{
	setup_s1();
	put(CD, cd0(25));
	put(CD + 8, PH + T1); /* starts at level 1 */
	CU_ASSERT_EQUAL(walk(1, VA39, false), 0);
	CU_ASSERT_EQUAL(R.pa, 0x80004123ull);
	/* the first address beyond 39 bits */
	expect_fault(1, 1ull << 39, false, SMMUV3_EVT_F_TRANSLATION);
	/* a VA of the upper half while TTB1 is disabled */
	expect_fault(1, 0xffffff8000000000ull | VA39, false, SMMUV3_EVT_F_TRANSLATION);
}

static void test_s1_perms(void)
{
	setup_s1();
	put(T3 + 4 * 8, 0x80004000ull | S1_PAGE | SMMUV3_PTE_S1_AP2);
	CU_ASSERT_EQUAL(walk(1, VA, false), 0);
	expect_fault(1, VA, true, SMMUV3_EVT_F_PERMISSION);
	/* APTable[1] write-protects the subtree */
	setup_s1();
	put(T1 + 2 * 8, (PH + T2) | 3 | (1ull << 62));
	CU_ASSERT_EQUAL(walk(1, VA, false), 0);
	expect_fault(1, VA, true, SMMUV3_EVT_F_PERMISSION);
	/* AP[1] = 0: privileged only; whether the access is depends on the device */
	setup_s1();
	put(T3 + 4 * 8, 0x80004000ull | (S1_PAGE & ~SMMUV3_PTE_S1_AP1));
	expect_fault(1, VA, false, SMMUV3_EVT_F_PERMISSION);
	CU_ASSERT_TRUE(R.unpredictable);
	/* unless the STE says: PRIVCFG = privileged */
	put(STRTAB + 64 + 8, 3ull << 48);
	CU_ASSERT_EQUAL(walk(1, VA, true), 0);
	put(STRTAB + 64 + 8, 2ull << 48);
	expect_fault(1, VA, false, SMMUV3_EVT_F_PERMISSION);
	CU_ASSERT_FALSE(R.unpredictable);
}

static void test_s1_access_flag(void)
{
	setup_s1();
	put(T3 + 4 * 8, 0x80004000ull | (S1_PAGE & ~SMMUV3_PTE_AF));
	expect_fault(1, VA, false, SMMUV3_EVT_F_ACCESS);
	put(CD, cd0(16) | SMMUV3_CD0_AFFD);
	CU_ASSERT_EQUAL(walk(1, VA, false), 0);
}

static void test_s1_record(void)
{
	/* CD.R = 0: the fault still blocks, and nothing is recorded */
	setup_s1();
	put(CD, cd0(16) & ~SMMUV3_CD0_R);
	expect_fault(1, VA + 0x1000, true, 0);
	put(T3 + 4 * 8, 0x80004000ull | S1_PAGE | SMMUV3_PTE_S1_AP2);
	expect_fault(1, VA, true, 0);
	CU_ASSERT_EQUAL(walk(1, VA, false), 0);
	/* an external abort is recorded all the same */
	put(T2 + 3 * 8, 0x7000000000ull | 3);
	expect_fault(1, VA, false, SMMUV3_EVT_F_WALK_EABT);
}

static void test_s1_addr_size(void)
{
	setup_s1();
	put(T3 + 4 * 8, (1ull << 44) | S1_PAGE);
	expect_fault(1, VA, false, SMMUV3_EVT_F_ADDR_SIZE);
	/* IPS 32 bits: a table above 4 GiB, then a page above it */
	setup_s1();
	put(CD, (cd0(16) & ~(7ull << SMMUV3_CD0_IPS_SHIFT)));
	put(T3 + 4 * 8, 0x100004000ull | S1_PAGE);
	expect_fault(1, VA, false, SMMUV3_EVT_F_ADDR_SIZE);
	put(T2 + 3 * 8, 0x100000000ull | 3);
	expect_fault(1, VA, false, SMMUV3_EVT_F_ADDR_SIZE);
	/* descriptor bits 51:48 set: RES0 with 4 KiB granules */
	setup_s1();
	put(T3 + 4 * 8, (1ull << 48) | 0x80004000ull | S1_PAGE);
	expect_fault(1, VA, false, SMMUV3_EVT_F_ADDR_SIZE);
	CU_ASSERT_TRUE(R.unpredictable);
}

static void test_s1_outside(void)
{
	setup_s1();
	put(T0 + 8, 0x7000000000ull | 3);
	expect_fault(1, VA, false, SMMUV3_EVT_F_WALK_EABT);
	setup_s1();
	put(CD + 8, PH + sizeof(mem));
	expect_fault(1, VA, false, SMMUV3_EVT_F_WALK_EABT);
	setup_s1();
	put(STRTAB + 64, (PH + sizeof(mem)) | (SMMUV3_STE_CONFIG_S1 << 1) | SMMUV3_STE0_V);
	expect_fault(1, VA, false, SMMUV3_EVT_F_CD_FETCH);
	setup_s1();
	C.strtab_base = PH + 0x100000;
	expect_fault(1, VA, false, SMMUV3_EVT_F_STE_FETCH);
	/* memory that starts above the structure, and an empty one */
	setup_s1();
	C.strtab_base = PH - 0x10000;
	expect_fault(1, VA, false, SMMUV3_EVT_F_STE_FETCH);
}

static void test_bad_cd(void)
{
	static const struct {
		uint64_t set, clear;
		bool unpredictable;
	} bad[] = {
	    {0, SMMUV3_CD0_V, false}, {0, SMMUV3_CD0_AA64, true},
	    {0, SMMUV3_CD0_A, true},  {0, SMMUV3_CD0_EPD1, true}, /* TTB1 enabled with T1SZ 0 */
	    {40, 16, true},					  /* T0SZ 40 */
	    {1ull << 6, 0, true},				  /* TG0 64 KiB */
	    {SMMUV3_CD0_S, 0, true},  {SMMUV3_CD0_HA, 0, true},
	    {SMMUV3_CD0_HD, 0, true}, {SMMUV3_CD0_ENDI, 0, true},
	};

	for (size_t i = 0; i < CU_COUNT(bad); i++) {
		setup_s1();
		put(CD, (cd0(16) | bad[i].set) & ~bad[i].clear);
		expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_CD);
		CU_ASSERT_EQUAL(R.unpredictable, bad[i].unpredictable);
	}
	/* TTB0 not aligned to its level-0 table: left to the unit */
	setup_s1();
	put(CD + 8, PH + T0 + 0x40);
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_CD);
	CU_ASSERT_TRUE(R.unpredictable);
	/* T0SZ 15 */
	setup_s1();
	put(CD, cd0(15));
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_CD);
	/* TTB0 beyond the IPS (32 bits) */
	setup_s1();
	put(CD, cd0(16) & ~(7ull << SMMUV3_CD0_IPS_SHIFT));
	put(CD + 8, 0x100000000ull);
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_CD);
	CU_ASSERT_FALSE(R.unpredictable);
	/* TTB1 enabled and valid: VA of the upper half translates through it */
	setup_s1();
	put(CD, (cd0(16) & ~SMMUV3_CD0_EPD1) | (16ull << SMMUV3_CD0_T1SZ_SHIFT) | (2ull << 22));
	put(CD + 16, PH + T0);
	CU_ASSERT_EQUAL(walk(1, VA | 0xffff000000000000ull, false), 0);
	CU_ASSERT_EQUAL(R.pa, 0x80004123ull);
	CU_ASSERT_EQUAL(walk(1, VA, false), 0);
}

static void test_ste(void)
{
	setup_s1();
	put(STRTAB + 64, 0);
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_STE);
	/* abort, and the reserved values that behave as abort: no event */
	for (uint64_t cfg = 0; cfg < 4; cfg++) {
		put(STRTAB + 64, (PH + CD) | (cfg << 1) | SMMUV3_STE0_V);
		expect_fault(1, VA, false, 0);
	}
	put(STRTAB + 64, (SMMUV3_STE_CONFIG_BYPASS << 1) | SMMUV3_STE0_V);
	CU_ASSERT_EQUAL(walk(1, 0xfedcba987ull, true), 0);
	CU_ASSERT_TRUE(R.bypass);
	CU_ASSERT_EQUAL(R.pa, 0xfedcba987ull);
	expect_fault(1, 1ull << 44, false, SMMUV3_EVT_F_ADDR_SIZE);
	/* stage 1 on a unit without it; S1CDMax and S1STALLD left to the unit */
	setup_s1();
	C.s1p = false;
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_STE);
	C.s1p = true;
	put(STRTAB + 64, get(STRTAB + 64) | (1ull << SMMUV3_STE0_S1CDMAX_SHIFT));
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_STE);
	CU_ASSERT_TRUE(R.unpredictable);
	setup_s1();
	put(STRTAB + 64 + 8, SMMUV3_STE1_S1STALLD);
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_STE);
	/* S1ContextPtr beyond the OAS */
	setup_s1();
	put(STRTAB + 64, (1ull << 44) | (SMMUV3_STE_CONFIG_S1 << 1) | SMMUV3_STE0_V);
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_STE);
	CU_ASSERT_FALSE(R.unpredictable);
	/* stage 2 and nested without stage 2 */
	setup_s1();
	C.s2p = false;
	put(STRTAB + 64, (SMMUV3_STE_CONFIG_S2 << 1) | SMMUV3_STE0_V);
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_STE);
	put(STRTAB + 64, (PH + CD) | (7 << 1) | SMMUV3_STE0_V);
	expect_fault(1, VA, false, SMMUV3_EVT_C_BAD_STE);
	CU_ASSERT_FALSE(R.unpredictable);
}

static void test_streamid(void)
{
	setup_s1();
	expect_fault(16, VA, false, SMMUV3_EVT_C_BAD_STREAMID);
	expect_fault(0xffffffffu, VA, false, SMMUV3_EVT_C_BAD_STREAMID);
	expect_fault(0, VA, false, SMMUV3_EVT_C_BAD_STE);
	/* SIDSIZE below LOG2SIZE bounds the StreamID */
	C.sidsize = 1;
	CU_ASSERT_EQUAL(walk(1, VA, false), 0);
	expect_fault(2, VA, false, SMMUV3_EVT_C_BAD_STREAMID);
	/* the base is aligned to the table's size (16 STEs: 1 KiB) */
	C.sidsize = 16;
	C.strtab_base = PH + STRTAB + 0x3c0;
	CU_ASSERT_EQUAL(walk(1, VA, false), 0);
}

/* 2-level: SPLIT 6, LOG2SIZE 8; L1STD 1 covers SIDs 64..127 with Span 7 (64 STEs). */
static void test_two_level(void)
{
	setup_s1();
	C.strtab_base = PH + L1STD;
	C.strtab_cfg = (1u << 16) | (6u << 6) | 8;
	put(L1STD + 8, (PH + L2STE) | 7);
	put(L2STE + 5 * 64, (PH + CD) | (SMMUV3_STE_CONFIG_S1 << 1) | SMMUV3_STE0_V);
	CU_ASSERT_EQUAL(walk(64 + 5, VA, false), 0);
	CU_ASSERT_EQUAL(R.pa, 0x80004123ull);
	expect_fault(64 + 6, VA, false, SMMUV3_EVT_C_BAD_STE);
	expect_fault(5, VA, false, SMMUV3_EVT_C_BAD_STREAMID);	 /* Span 0 */
	expect_fault(256, VA, false, SMMUV3_EVT_C_BAD_STREAMID); /* beyond LOG2SIZE */
	put(L1STD + 8, (PH + L2STE) | 3);			 /* 4 STEs */
	expect_fault(64 + 5, VA, false, SMMUV3_EVT_C_BAD_STREAMID);
	put(L1STD + 8, (PH + L2STE) | 12); /* reserved */
	expect_fault(64 + 5, VA, false, SMMUV3_EVT_C_BAD_STREAMID);
	put(L1STD + 8, (PH + L2STE) | 8); /* beyond SPLIT + 1 */
	expect_fault(64 + 5, VA, false, SMMUV3_EVT_C_BAD_STREAMID);
	put(L1STD + 8, 0x7000000000ull | 7);
	expect_fault(64 + 5, VA, false, SMMUV3_EVT_F_STE_FETCH);
	/* L2Ptr's bits below the array's size are taken as zero */
	put(L1STD + 8, (PH + L2STE + 0x40) | 7);
	CU_ASSERT_EQUAL(walk(64 + 5, VA, false), 0);
	/* the L1 table out of memory */
	C.strtab_base = PH + 0x100000;
	expect_fault(64 + 5, VA, false, SMMUV3_EVT_F_STE_FETCH);
}

/* SID 2 stage 2: VMID 9, S2T0SZ / S2SL0 as given, S2PS 44 bits, S2R. */
static void setup_s2(unsigned t0sz, unsigned sl0, uint32_t ttb)
{
	setup_s1();
	put(STRTAB + 128, (SMMUV3_STE_CONFIG_S2 << 1) | SMMUV3_STE0_V);
	put(STRTAB + 128 + 16, 9 | ((uint64_t)t0sz << SMMUV3_STE2_S2T0SZ_SHIFT) |
				   ((uint64_t)sl0 << SMMUV3_STE2_S2SL0_SHIFT) |
				   (4ull << SMMUV3_STE2_S2PS_SHIFT) | SMMUV3_STE2_S2AA64 |
				   SMMUV3_STE2_S2R);
	put(STRTAB + 128 + 24, PH + ttb);
	put(T0 + 1 * 8, (PH + T1) | 3);
	put(T1 + 2 * 8, (PH + T2) | 3);
	put(T2 + 3 * 8, (PH + T3) | 3);
	put(T3 + 4 * 8, 0x80004000ull | S2_PAGE);
}

static void test_s2(void)
{
	/* 48-bit IPA from level 0 (needs an OAS of 44 or more) */
	setup_s2(16, 2, T0);
	C.oas = 48;
	CU_ASSERT_EQUAL(walk(2, VA, true), 0);
	CU_ASSERT_EQUAL(R.pa, 0x80004123ull);
	CU_ASSERT_EQUAL(R.tag, 9);
	CU_ASSERT_EQUAL(R.level, 3);
	CU_ASSERT_FALSE(R.unpredictable);
	/* an IPA above the IAS is a stage-1 address size fault */
	expect_fault(2, 1ull << 48, false, SMMUV3_EVT_F_ADDR_SIZE);
	/* 48 bits of IPA on a unit of 44: beyond its IAS, ILLEGAL */
	C.oas = 44;
	expect_fault(2, VA, false, SMMUV3_EVT_C_BAD_STE);
	CU_ASSERT_FALSE(R.unpredictable);
	/* 39 bits on a unit of 36: the IAS is 40 if it has AArch32 tables too */
	setup_s2(25, 1, T1);
	C.oas = 36;
	expect_fault(2, VA39, false, SMMUV3_EVT_C_BAD_STE);
	CU_ASSERT_TRUE(R.unpredictable);
	setup_s2(16, 2, T0);
	C.oas = 48;
	/* read-only, then write-only leaves */
	put(T3 + 4 * 8, 0x80004000ull | (S2_PAGE & ~SMMUV3_PTE_S2AP_W));
	CU_ASSERT_EQUAL(walk(2, VA, false), 0);
	expect_fault(2, VA, true, SMMUV3_EVT_F_PERMISSION);
	put(T3 + 4 * 8, 0x80004000ull | (S2_PAGE & ~SMMUV3_PTE_S2AP_R));
	expect_fault(2, VA, false, SMMUV3_EVT_F_PERMISSION);
	CU_ASSERT_EQUAL(walk(2, VA, true), 0);
	/* S2R = 0: not recorded */
	put(STRTAB + 128 + 16, get(STRTAB + 128 + 16) & ~SMMUV3_STE2_S2R);
	expect_fault(2, VA, false, 0);
	/* AF = 0, and S2AFFD */
	setup_s2(16, 2, T0);
	C.oas = 48;
	put(T3 + 4 * 8, 0x80004000ull | (S2_PAGE & ~SMMUV3_PTE_AF));
	expect_fault(2, VA, false, SMMUV3_EVT_F_ACCESS);
	put(STRTAB + 128 + 16, get(STRTAB + 128 + 16) | SMMUV3_STE2_S2AFFD);
	CU_ASSERT_EQUAL(walk(2, VA, false), 0);
}

static void test_s2_39bit(void)
{
	/* 39-bit IPA from level 1, a 2 MiB and a 1 GiB block */
	setup_s2(25, 1, T1);
	CU_ASSERT_EQUAL(walk(2, VA39, false), 0);
	CU_ASSERT_EQUAL(R.pa, 0x80004123ull);
	put(T2 + 3 * 8, 0x80200000ull | S2_BLK);
	CU_ASSERT_EQUAL(walk(2, VA39, true), 0);
	CU_ASSERT_EQUAL(R.level, 2);
	put(T1 + 2 * 8, 0xc0000000ull | S2_BLK);
	CU_ASSERT_EQUAL(walk(2, VA39, true), 0);
	CU_ASSERT_EQUAL(R.level, 1);
	CU_ASSERT_EQUAL(R.pa, 0xc0000000ull + (VA39 & 0x3fffffff));
	/* beyond the S2T0SZ range: translation fault */
	expect_fault(2, 1ull << 39, false, SMMUV3_EVT_F_TRANSLATION);
	/* 40-bit IPA: two concatenated level-1 tables */
	setup_s2(24, 1, S2CAT);
	put(S2CAT + 512 * 8 + 2 * 8, 0xc0000000ull | S2_BLK);
	CU_ASSERT_EQUAL(walk(2, (1ull << 39) | VA39, false), 0);
	CU_ASSERT_EQUAL(R.pa, 0xc0000000ull + (VA39 & 0x3fffffff));
	expect_fault(2, VA39, false, SMMUV3_EVT_F_TRANSLATION);
	/* ... whose base must be aligned to both */
	setup_s2(24, 1, T1);
	expect_fault(2, VA39, false, SMMUV3_EVT_C_BAD_STE);
	CU_ASSERT_TRUE(R.unpredictable);
}

static void test_s2_bad_ste(void)
{
	static const struct {
		unsigned t0sz, sl0;
		uint64_t set, clear;
	} bad[] = {
	    {25, 2, 0, 0},				/* level 0 for 39 bits */
	    {25, 0, 0, 0},				/* level 2 cannot cover 39 bits */
	    {25, 3, 0, 0},				/* reserved SL0 */
	    {15, 1, 0, 0},				/* S2T0SZ below 16 */
	    {40, 1, 0, 0},				/* above 39 */
	    {25, 1, 0, SMMUV3_STE2_S2AA64},		/* AArch32 tables */
	    {25, 1, 1ull << SMMUV3_STE2_S2TG_SHIFT, 0}, /* 64 KiB */
	    {25, 1, SMMUV3_STE2_S2ENDI, 0},
	    {25, 1, SMMUV3_STE2_S2S, 0},
	    {25, 1, 1ull << 56, 0}, /* S2HA */
	};

	for (size_t i = 0; i < CU_COUNT(bad); i++) {
		setup_s2(bad[i].t0sz, bad[i].sl0, T1);
		put(STRTAB + 128 + 16, (get(STRTAB + 128 + 16) | bad[i].set) & ~bad[i].clear);
		expect_fault(2, VA39, false, SMMUV3_EVT_C_BAD_STE);
	}
	/* S2TTB beyond S2PS (32 bits) */
	setup_s2(25, 1, T1);
	put(STRTAB + 128 + 16, get(STRTAB + 128 + 16) & ~(7ull << SMMUV3_STE2_S2PS_SHIFT));
	put(STRTAB + 128 + 24, 0x100000000ull);
	expect_fault(2, VA39, false, SMMUV3_EVT_C_BAD_STE);
	/* the page beyond S2PS */
	setup_s2(25, 1, T1);
	put(STRTAB + 128 + 16, get(STRTAB + 128 + 16) & ~(7ull << SMMUV3_STE2_S2PS_SHIFT));
	put(T3 + 4 * 8, 0x100004000ull | S2_PAGE);
	expect_fault(2, VA39, false, SMMUV3_EVT_F_ADDR_SIZE);
	/* ATS enabled in the STE: the unit's ATS support decides */
	setup_s2(25, 1, T1);
	put(STRTAB + 128 + 8, 1ull << 28);
	expect_fault(2, VA39, false, SMMUV3_EVT_C_BAD_STE);
	CU_ASSERT_TRUE(R.unpredictable);
}

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/*
 * Random words in random places of the structures, random registers: no
 * crash, no read outside memory (ASan), and every grant consistent: a leaf
 * level, the page offset kept, an output within the OAS.
 */
static void test_random(void)
{
	uint64_t x = 0x243f6a8885a308d3ull;
	unsigned ok = 0;

	for (unsigned k = 0; k < 20000; k++) {
		uint64_t addr;
		uint32_t sid;

		setup_s1();
		if (k % 3 == 0)
			setup_s2(25, 1, T1);
		for (unsigned j = rnd(&x) % 4; j < 4; j++) {
			uint64_t v = rnd(&x), w = rnd(&x);

			if (w & 1)
				v = (v & ~0xfffull & ((1ull << 40) - 1)) | 0x40000000 |
				    (w >> 8 & 0xfff);
			put((uint32_t)(rnd(&x) % (sizeof(mem) / 8)) * 8, v);
		}
		if (k % 5 == 0)
			C.strtab_cfg = (uint32_t)rnd(&x);
		if (k % 7 == 0)
			C.strtab_base = rnd(&x);
		C.sidsize = (unsigned)(rnd(&x) % 33);
		sid = rnd(&x) % 2 ? (uint32_t)(rnd(&x) % 4) : (uint32_t)rnd(&x);
		addr = rnd(&x) % 2 ? (VA & ~0xfffull) | (rnd(&x) & 0xfff) : rnd(&x);
		CU_ASSERT_EQUAL_FATAL(smmuv3_walk(&M, &C, sid, addr, rnd(&x) & 1, &R), 0);
		if (!R.ok)
			continue;
		ok++;
		CU_ASSERT_EQUAL(R.event, 0);
		CU_ASSERT_FALSE(R.unpredictable);
		CU_ASSERT_EQUAL(R.pa & 0xfff, addr & 0xfff);
		CU_ASSERT(R.pa >> 44 == 0);
		if (!R.bypass)
			CU_ASSERT(R.level >= 1 && R.level <= 3);
	}
	CU_ASSERT(ok > 500);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"stage 1, 48-bit, page", test_s1_page48},
		{"stage 1, 2 MiB and 1 GiB blocks", test_s1_blocks},
		{"stage 1, 39-bit", test_s1_39bit},
		{"stage 1 permissions", test_s1_perms},
		{"stage 1 access flag", test_s1_access_flag},
		{"CD.R = 0 records nothing", test_s1_record},
		{"address size faults", test_s1_addr_size},
		{"structures out of memory", test_s1_outside},
		{"C_BAD_CD", test_bad_cd},
		{"STE Config and C_BAD_STE", test_ste},
		{"C_BAD_STREAMID, linear", test_streamid},
		{"2-level stream table", test_two_level},
		{"stage 2, 48-bit", test_s2},
		{"stage 2, 39- and 40-bit", test_s2_39bit},
		{"stage 2 C_BAD_STE", test_s2_bad_ste},
		{"random structures", test_random},
	};

	return CU_RUN("smmuv3_walk", cases);
}
