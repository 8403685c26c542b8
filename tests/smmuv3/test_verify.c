/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 proof on tables written here by hand for a small policy:
 * the right tables prove, and every single-word corruption that changes
 * what a device may do (each word of them zeroed, a permission bit, an
 * address, an extra entry, a stranger's STE) is reported with the
 * StreamID, address and access where it shows.
 */
#include <CUnit/Basic.h>
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "smmuv3/smmuv3_verify.h"
#include "smmuv3/smmuv3_walk_int.h"
#include "cu_run.h"
#include "util/le.h"

#define BASE	   0x50000000ull
#define NPAGES	   6
#define STRTAB_CFG 3u /* linear, 8 STEs */
#define PAGE_MASK  0xfffull

static uint8_t pages[NPAGES * 4096] __attribute__((aligned(4096)));

static void put(uint32_t off, uint64_t v)
{
	le64_put(pages + off, v);
}

static uint64_t get(uint32_t off)
{
	return le64_get(pages + off);
}

/*
 * Stage 1, 39-bit VA, 44-bit OA. Domain 0 (ASID 1): 0x10000-0x11fff RW,
 * 0x20000 R; SID 3 and 5 use it. Domain 1 (ASID 2) grants nothing; SID 6.
 * Pages: 0 stream table, 1 the CDs of ASID 1 and (at +0x40) 2, 2 level 1,
 * 3 level 2, 4 level 3, 5 the empty level-1 table of ASID 2.
 */
static const struct smmuv3_range ranges[] = {
    {0x10000, 0x2000, SMMUV3_PERM_R | SMMUV3_PERM_W},
    {0x20000, 0x1000, SMMUV3_PERM_R},
};
static const struct smmuv3_domain_in domains[] = {{1, ranges, 2}, {2, NULL, 0}};
static const struct smmuv3_device_in devices[] = {{3, 0}, {5, 0}, {6, 1}};
static const struct smmuv3_policy pol = {
    .prof = {.stage = 1, .ias = 39, .oas = 44, .blk2m = true, .blk1g = true},
    .domains = domains,
    .ndomains = 2,
    .devices = devices,
    .ndevices = 3,
};

static uint64_t cd0(unsigned asid)
{
	return 25 | SMMUV3_CD0_EPD1 | SMMUV3_CD0_V | (4ull << SMMUV3_CD0_IPS_SHIFT) |
	       SMMUV3_CD0_AA64 | SMMUV3_CD0_R | SMMUV3_CD0_A |
	       ((uint64_t)asid << SMMUV3_CD0_ASID_SHIFT);
}

static void build(void)
{
	uint64_t ste0 = (SMMUV3_STE_CONFIG_S1 << 1) | SMMUV3_STE0_V;

	memset(pages, 0, sizeof(pages));
	put(3 * 64, (BASE + 0x1000) | ste0);
	put(5 * 64, (BASE + 0x1000) | ste0);
	put(6 * 64, (BASE + 0x1040) | ste0);
	put(0x1000, cd0(1));
	put(0x1008, BASE + 0x2000);
	put(0x1040, cd0(2));
	put(0x1048, BASE + 0x5000);
	put(0x2000, (BASE + 0x3000) | 3);
	put(0x3000, (BASE + 0x4000) | 3);
	put(0x4000 + 0x10 * 8, 0x10000 | 0x743);
	put(0x4000 + 0x11 * 8, 0x11000 | 0x743);
	put(0x4000 + 0x20 * 8, 0x20000 | 0x7c3);
}

static int verify(struct smmuv3_mismatch *mm)
{
	return smmuv3_verify(&pol, pages, NPAGES, BASE, BASE, STRTAB_CFG, mm, NULL);
}

/* verify() finds exactly this first mismatch. */
static void mismatch(struct smmuv3_mismatch *mm, uint32_t sid, uint64_t addr, bool write,
		     bool expected, bool got)
{
	CU_ASSERT_EQUAL_FATAL(verify(mm), 1);
	CU_ASSERT_EQUAL(mm->sid, sid);
	CU_ASSERT_EQUAL(mm->addr, addr);
	CU_ASSERT_EQUAL(mm->write, write);
	CU_ASSERT_EQUAL(mm->expected, expected);
	CU_ASSERT_EQUAL(mm->got, got);
}

static void test_proves(void)
{
	struct smmuv3_mismatch mm;
	size_t n = 0;

	build();
	CU_ASSERT_EQUAL(smmuv3_verify(&pol, pages, NPAGES, BASE, BASE, STRTAB_CFG, &mm, &n), 0);
	CU_ASSERT(n > 100);
	/* the same tables seen at another base do not */
	CU_ASSERT_EQUAL(
	    smmuv3_verify(&pol, pages, NPAGES, BASE + 0x10000, BASE, STRTAB_CFG, &mm, NULL), 1);
	CU_ASSERT_EQUAL(smmuv3_verify(&pol, NULL, NPAGES, BASE, BASE, STRTAB_CFG, &mm, NULL),
			-EINVAL);
}

/*
 * Zeroing any word that grants is caught; SID 6 is denied everything, so
 * its STE and CD zeroed (C_BAD_STE, C_BAD_CD) still deny everything, with
 * an event, and prove. Its TTB0 zeroed points the walk at physical 0,
 * outside the pages: the proof sees an external abort where a unit reads
 * whatever is there, so that is caught too.
 */
static void test_zeroed_words(void)
{
	struct smmuv3_mismatch mm;
	unsigned caught = 0, words = 0;

	for (uint32_t off = 0; off < sizeof(pages); off += 8) {
		bool same = off == 6 * 64 || off == 0x1040;

		build();
		if (!get(off))
			continue;
		words++;
		put(off, 0);
		if (verify(&mm) == (same ? 0 : 1))
			caught++;
		else
			CU_FAIL("a zeroed word judged wrong");
	}
	CU_ASSERT_EQUAL(words, 12);
	CU_ASSERT_EQUAL(caught, words);
}

static void test_read_only_made_writable(void)
{
	struct smmuv3_mismatch mm;

	build();
	put(0x4000 + 0x20 * 8, 0x20000 | 0x743);
	mismatch(&mm, 3, 0x20000, true, false, true);
}

static void test_writable_made_read_only(void)
{
	struct smmuv3_mismatch mm;

	build();
	put(0x4000 + 0x11 * 8, 0x11000 | 0x7c3);
	mismatch(&mm, 3, 0x11000, true, true, false);
	CU_ASSERT_EQUAL(mm.res.event, SMMUV3_EVT_F_PERMISSION);
}

static void test_wrong_address(void)
{
	struct smmuv3_mismatch mm;

	build();
	put(0x4000 + 0x10 * 8, 0x30000 | 0x743);
	CU_ASSERT_EQUAL_FATAL(verify(&mm), 1);
	CU_ASSERT_EQUAL(mm.addr, 0x10000);
	CU_ASSERT_TRUE(mm.expected);
	CU_ASSERT_TRUE(mm.got);
	CU_ASSERT_TRUE(mm.res.ok);
	CU_ASSERT_EQUAL(mm.res.pa, 0x30000);
}

static void test_extra_page(void)
{
	struct smmuv3_mismatch mm;

	build();
	put(0x4000 + 0x12 * 8, 0x12000 | 0x743);
	CU_ASSERT_EQUAL_FATAL(verify(&mm), 1);
	CU_ASSERT_EQUAL(mm.addr, 0x12000);
	CU_ASSERT_FALSE(mm.write);
	CU_ASSERT_FALSE(mm.expected);
	CU_ASSERT_TRUE(mm.got);
	/* far from every edge: the whole-table pass finds it */
	build();
	put(0x4000 + 0x100 * 8, 0x100000 | 0x743);
	CU_ASSERT_EQUAL_FATAL(verify(&mm), 1);
	CU_ASSERT_EQUAL(mm.addr, 0x100000);
	CU_ASSERT_TRUE(mm.got);
	/* a 1 GiB block in the empty domain's table */
	build();
	put(0x5000 + 8 * 8, (8ull << 30) | 0x741);
	CU_ASSERT_EQUAL_FATAL(verify(&mm), 1);
	CU_ASSERT_EQUAL(mm.sid, 6);
	CU_ASSERT_EQUAL(mm.addr, 8ull << 30);
	CU_ASSERT_TRUE(mm.got);
}

static void test_strangers(void)
{
	struct smmuv3_mismatch mm;

	/* an unused StreamID given device 3's STE */
	build();
	put(4 * 64, get(3 * 64));
	CU_ASSERT_EQUAL_FATAL(verify(&mm), 1);
	CU_ASSERT_EQUAL(mm.sid, 4);
	CU_ASSERT_TRUE(mm.got);
	/* abort STE for a stranger: denied but nothing recorded */
	build();
	put(7 * 64, SMMUV3_STE0_V);
	CU_ASSERT_EQUAL_FATAL(verify(&mm), 1);
	CU_ASSERT_EQUAL(mm.sid, 7);
	CU_ASSERT_FALSE(mm.got);
	CU_ASSERT_FALSE(mm.expected);
	CU_ASSERT_EQUAL(mm.res.event, 0);
	/* a bypass STE for device 5 */
	build();
	put(5 * 64, (SMMUV3_STE_CONFIG_BYPASS << 1) | SMMUV3_STE0_V);
	CU_ASSERT_EQUAL_FATAL(verify(&mm), 1);
	CU_ASSERT_EQUAL(mm.sid, 5);
	CU_ASSERT_TRUE(mm.res.bypass);
	/* a larger table than was built reaches STEs past it */
	build();
	CU_ASSERT_EQUAL(smmuv3_verify(&pol, pages, NPAGES, BASE, BASE, 12, &mm, NULL), 1);
}

/*
 * Tables that reuse themselves hold more entries than their pages: refused.
 * SID 6's level-1 table is its own level 2 and 3 (leaves without AF, so
 * every walk is denied, as its empty domain wants).
 */
static void test_loop(void)
{
	struct smmuv3_mismatch mm;

	build();
	for (uint32_t i = 0; i < 512; i++)
		put(0x5000 + i * 8, (BASE + 0x5000) | 3);
	CU_ASSERT_EQUAL(verify(&mm), -ELOOP);
}

static void test_bad_policy(void)
{
	static const struct smmuv3_device_in desc[] = {{5, 0}, {3, 0}};
	static const struct smmuv3_range overlap[] = {{0x10000, 0x2000, 3}, {0x11000, 0x1000, 1}};
	static const struct smmuv3_domain_in dom[] = {{1, overlap, 2}};
	struct smmuv3_policy p = pol;

	build();
	p.devices = desc;
	p.ndevices = 2;
	CU_ASSERT_EQUAL(smmuv3_verify(&p, pages, NPAGES, BASE, BASE, STRTAB_CFG, NULL, NULL),
			-EINVAL);
	p = pol;
	p.domains = dom;
	p.ndomains = 1;
	p.ndevices = 2;
	CU_ASSERT_EQUAL(smmuv3_verify(&p, pages, NPAGES, BASE, BASE, STRTAB_CFG, NULL, NULL),
			-EINVAL);
	p = pol;
	p.prof.ias = 40;
	CU_ASSERT_EQUAL(smmuv3_verify(&p, pages, NPAGES, BASE, BASE, STRTAB_CFG, NULL, NULL),
			-EINVAL);
}

/*
 * Stage 2, 39-bit IPA: VMID 7 for SID 2, a 2 MiB block RW at 2 MiB and a
 * write-only page at 4 MiB (stage 2 can say that). Pages: 0 stream table,
 * 1 level 1, 2 level 2, 3 level 3.
 */
static const struct smmuv3_range s2_ranges[] = {
    {0x200000, 0x200000, SMMUV3_PERM_R | SMMUV3_PERM_W},
    {0x400000, 0x1000, SMMUV3_PERM_W},
};
static const struct smmuv3_domain_in s2_domains[] = {{7, s2_ranges, 2}};
static const struct smmuv3_device_in s2_devices[] = {{2, 0}};
static const struct smmuv3_policy s2_pol = {
    .prof = {.stage = 2, .ias = 39, .oas = 44, .blk2m = true},
    .domains = s2_domains,
    .ndomains = 1,
    .devices = s2_devices,
    .ndevices = 1,
};

static void build_s2(void)
{
	memset(pages, 0, sizeof(pages));
	put(2 * 64, (SMMUV3_STE_CONFIG_S2 << 1) | SMMUV3_STE0_V);
	put(2 * 64 + 16, 7 | (25ull << SMMUV3_STE2_S2T0SZ_SHIFT) |
			     (1ull << SMMUV3_STE2_S2SL0_SHIFT) | (4ull << SMMUV3_STE2_S2PS_SHIFT) |
			     SMMUV3_STE2_S2AA64 | SMMUV3_STE2_S2R);
	put(2 * 64 + 24, BASE + 0x1000);
	put(0x1000, (BASE + 0x2000) | 3);
	put(0x2000 + 8, 0x200000 | 0x7c1);
	put(0x2000 + 16, (BASE + 0x3000) | 3);
	put(0x3000, 0x400000 | 0x783);
}

static void test_stage2(void)
{
	struct smmuv3_mismatch mm;
	unsigned words = 0, caught = 0;

	build_s2();
	CU_ASSERT_EQUAL(smmuv3_verify(&s2_pol, pages, 4, BASE, BASE, STRTAB_CFG, &mm, NULL), 0);
	/* the write-only page made readable */
	put(0x3000, 0x400000 | 0x7c3);
	CU_ASSERT_EQUAL_FATAL(smmuv3_verify(&s2_pol, pages, 4, BASE, BASE, STRTAB_CFG, &mm, NULL),
			      1);
	CU_ASSERT_EQUAL(mm.sid, 2);
	CU_ASSERT_EQUAL(mm.addr, 0x400000);
	CU_ASSERT_FALSE(mm.write);
	CU_ASSERT_FALSE(mm.expected);
	CU_ASSERT_TRUE(mm.got);
	CU_ASSERT_EQUAL(mm.res.tag, 7);
	/* every word grants something */
	for (uint32_t off = 0; off < 4 * 4096; off += 8) {
		build_s2();
		if (!get(off))
			continue;
		words++;
		put(off, 0);
		caught += smmuv3_verify(&s2_pol, pages, 4, BASE, BASE, STRTAB_CFG, &mm, NULL) == 1;
	}
	CU_ASSERT_EQUAL(words, 7);
	CU_ASSERT_EQUAL(caught, words);
}

/* Random bits flipped in random words: never a crash, never an error. */
static void test_random_flips(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	unsigned proven = 0, found = 0;

	for (unsigned k = 0; k < 1000; k++) {
		uint32_t off;
		int rc;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		build();
		off = (uint32_t)(x % (sizeof(pages) / 8)) * 8;
		/* mostly the words in use */
		if (k & 1)
			off = (uint32_t[]){3 * 64, 0x1000, 0x1008, 0x2000,
					   0x3000, 0x4080, 0x4088, 0x4100}[(x >> 20) % 8];
		put(off, get(off) ^ (1ull << ((x >> 32) % 64)));
		rc = verify(NULL);
		CU_ASSERT(rc == 0 || rc == 1);
		proven += rc == 0;
		found += rc == 1;
	}
	CU_ASSERT(found > 300);
	CU_ASSERT(proven > 0);
}

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* One random policy within what the builder accepts: its ranges and devices. */
static void random_policy(uint64_t *x, struct smmuv3_policy *p, struct smmuv3_domain_in *dom,
			  struct smmuv3_range (*rg)[6], struct smmuv3_device_in *dev)
{
	unsigned stage = 1 + rnd(x) % 2, ias = rnd(x) % 2 ? 48 : 39;
	unsigned oas = stage == 2 && ias == 48 ? 48 : (unsigned[]){40, 44, 48}[rnd(x) % 3];
	unsigned top = ias < oas ? ias : oas;
	uint32_t sid = 0;

	*p = (struct smmuv3_policy){.prof = {stage, ias, oas, rnd(x) % 2, rnd(x) % 2, rnd(x) % 2}};
	p->ndomains = 1 + rnd(x) % 4;
	for (size_t k = 0; k < p->ndomains; k++) {
		uint64_t at =
		    (rnd(x) % 4 ? rnd(x) % (1ull << 32) : rnd(x) % (1ull << top) / 2) & ~PAGE_MASK;
		size_t n = rnd(x) % 7;

		for (size_t i = 0; i < n; i++) {
			uint64_t len =
			    rnd(x) % 3 ? (1 + rnd(x) % 5) * 4096 : (1 + rnd(x) % 3) * (2ull << 20);
			uint32_t perms = stage == 1 ? (rnd(x) % 2 ? 1 : 3) : 1 + rnd(x) % 3;

			if (rnd(x) % 2)
				at = (at + (2ull << 20) - 1) & ~((2ull << 20) - 1);
			rg[k][i] = (struct smmuv3_range){at, len, perms};
			at += len + (rnd(x) % 3 ? 0 : (1 + rnd(x) % 600) * 4096);
		}
		if (at >= 1ull << top)
			n = 0;
		dom[k] = (struct smmuv3_domain_in){(uint16_t)(k + 1), rg[k], n};
	}
	p->ndevices = 1 + rnd(x) % 6;
	for (size_t i = 0; i < p->ndevices; i++) {
		sid += 1 + (uint32_t)(rnd(x) % (rnd(x) % 4 ? 8 : 70000));
		dev[i] = (struct smmuv3_device_in){sid, (uint32_t)(rnd(x) % p->ndomains)};
	}
	p->domains = dom;
	p->devices = dev;
}

/* The builder (written apart) against the walker: random policies prove. */
static void test_builder(void)
{
	uint64_t x = 0x5eed5eed12345678ull;
	unsigned built = 0, proven = 0;

	for (unsigned k = 0; k < 300; k++) {
		struct smmuv3_domain_in dom[4];
		struct smmuv3_range rg[4][6];
		struct smmuv3_device_in dev[6];
		struct smmuv3_build_out o = {0};
		struct smmuv3_mismatch mm;
		struct smmuv3_policy p;
		uint64_t *rel, base;
		uint8_t *pool;
		size_t align;
		int rc;

		random_policy(&x, &p, dom, rg, dev);
		/* a dry run sizes the pool */
		if (smmuv3_build(&p, &o) || !o.npages)
			continue;
		align = o.strtab_align > 4096 ? o.strtab_align : 4096;
		pool = aligned_alloc(align, (o.npages * 4096 + align - 1) / align * align);
		rel = calloc(o.nrelocs + 1, sizeof(*rel));
		CU_ASSERT_FATAL(pool && rel);
		memset(pool, 0, o.npages * 4096);
		o.pool = pool;
		o.pool_pages = o.npages;
		o.relocs = rel;
		o.reloc_cap = o.nrelocs;
		rc = smmuv3_build(&p, &o);
		if (rc == 0) {
			built++;
			base = (0x80000000ull + align - 1) & ~(uint64_t)(align - 1);
			CU_ASSERT_EQUAL(smmuv3_relocate(pool, o.npages, rel, o.nrelocs, base), 0);
			rc = smmuv3_verify(&p, pool, o.npages, base, base + o.strtab, o.strtab_cfg,
					   &mm, NULL);
			CU_ASSERT_EQUAL(rc, 0);
			proven += rc == 0;
		}
		free(pool);
		free(rel);
	}
	CU_ASSERT(built > 200);
	CU_ASSERT_EQUAL(proven, built);
}

/*
 * A table descriptor to memory outside the pages, in a span no one is
 * granted and far from every grant's edge: the proof reads an external
 * abort there, the unit reads whatever memory that is. Caught wherever it
 * lies: in a granting domain's tree (SID 3) and in an empty one (SID 6).
 */
static void test_outside(void)
{
	struct smmuv3_mismatch mm;

	build();
	put(0x2000 + 5 * 8, 0x90000000ull | 3); /* 5 GiB: level 1 of ASID 1 */
	CU_ASSERT_EQUAL_FATAL(verify(&mm), 1);
	CU_ASSERT_EQUAL(mm.sid, 3);
	CU_ASSERT_EQUAL(mm.res.event, SMMUV3_EVT_F_WALK_EABT);
	CU_ASSERT_EQUAL(mm.addr, 5ull << 30);
	build();
	put(0x5000 + 3 * 8, 0x90000000ull | 3); /* 3 GiB: level 1 of ASID 2 */
	CU_ASSERT_EQUAL_FATAL(verify(&mm), 1);
	CU_ASSERT_EQUAL(mm.sid, 6);
	CU_ASSERT_EQUAL(mm.res.event, SMMUV3_EVT_F_WALK_EABT);
}

/*
 * APTable[1] on the level-1 table descriptor: no write below it, whatever
 * the leaves say. The proof resumes the walker at each table it reaches
 * (smmuv3_walk_from), so what the walk gathered above must come along:
 * writable leaves under it prove a read-only policy, and a walk resumed at
 * level 3 answers as the walk from the root does.
 */
static void test_aptable_resumed(void)
{
	static const struct smmuv3_range ro[] = {
	    {0x10000, 0x2000, SMMUV3_PERM_R},
	    {0x20000, 0x1000, SMMUV3_PERM_R},
	};
	static const struct smmuv3_domain_in rodom[] = {{1, ro, 2}, {2, NULL, 0}};
	const struct smmuv3_mem mem = {pages, BASE, sizeof(pages)};
	const uint64_t aptable1 = 1ull << 62;
	struct smmuv3_policy p = pol;
	struct smmuv3_walk_result r0, a, b;
	struct smmuv3_walk_at at[4];
	struct smmuv3_mismatch mm;
	struct smmuv3_walk_cfg cfg;
	struct smmuv3_regime rg;

	p.domains = rodom;
	build();
	put(0x4000 + 0x20 * 8, 0x20000 | 0x743);
	put(0x2000, get(0x2000) | aptable1);
	CU_ASSERT_EQUAL(smmuv3_verify(&p, pages, NPAGES, BASE, BASE, STRTAB_CFG, &mm, NULL), 0);
	/* without it the leaves grant writes the policy does not */
	put(0x2000, get(0x2000) & ~aptable1);
	CU_ASSERT_EQUAL(smmuv3_verify(&p, pages, NPAGES, BASE, BASE, STRTAB_CFG, &mm, NULL), 1);
	CU_ASSERT_EQUAL(mm.addr, 0x10000);
	CU_ASSERT_TRUE(mm.write && mm.got && !mm.expected);
	put(0x2000, get(0x2000) | aptable1);

	smmuv3_walk_cfg_from_profile(&p.prof, BASE, STRTAB_CFG, &cfg);
	CU_ASSERT_EQUAL_FATAL(smmuv3_walk_regime(&mem, &cfg, 3, 0, &rg, &r0), 1);
	smmuv3_walk_root(&rg, 0, &at[1]);
	CU_ASSERT_EQUAL(at[1].level, 1);
	CU_ASSERT_EQUAL(at[1].table, BASE + 0x2000);
	for (unsigned l = 1; l < 3; l++) {
		a = r0;
		CU_ASSERT_EQUAL_FATAL(
		    smmuv3_walk_from(&mem, &rg, &at[l], 0x11000, false, &a, &at[l + 1]), 1);
		CU_ASSERT_EQUAL(at[l + 1].level, l + 1);
		CU_ASSERT_EQUAL(at[l + 1].aptable, aptable1);
	}
	CU_ASSERT_EQUAL(at[3].table, BASE + 0x4000);
	for (unsigned w = 0; w < 2; w++) {
		a = r0;
		CU_ASSERT_EQUAL(smmuv3_walk_from(&mem, &rg, &at[3], 0x11008, w, &a, &at[0]), 0);
		CU_ASSERT_EQUAL(smmuv3_walk(&mem, &cfg, 3, 0x11008, w, &b), 0);
		CU_ASSERT_EQUAL(a.ok, !w);
		CU_ASSERT_EQUAL(b.ok, !w);
		CU_ASSERT_EQUAL(a.pa, b.pa);
		CU_ASSERT_EQUAL(a.event, w ? SMMUV3_EVT_F_PERMISSION : 0);
		CU_ASSERT_EQUAL(b.event, a.event);
	}
}

int main(void)
{
	static const struct cu_case cases[] = {
		{"hand-built tables prove", test_proves},
		{"every word zeroed is caught", test_zeroed_words},
		{"read-only made writable", test_read_only_made_writable},
		{"writable made read-only", test_writable_made_read_only},
		{"a leaf to another address", test_wrong_address},
		{"an extra leaf", test_extra_page},
		{"StreamIDs not in the policy", test_strangers},
		{"tables reused within a tree", test_loop},
		{"a table outside the pages, far from any grant", test_outside},
		{"policies the builder refuses", test_bad_policy},
		{"stage 2, a block and a write-only page", test_stage2},
		{"random bit flips", test_random_flips},
		{"the builder's tables prove", test_builder},
		{"APTable carried into resumed walks", test_aptable_resumed},
	};

	return CU_RUN("smmuv3_verify", cases);
}
