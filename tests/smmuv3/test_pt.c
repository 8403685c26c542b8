/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 table builder: exact words of STEs, CDs and LPAE entries for small
 * hand-made policies, blocks, the stream-table format and its SPLIT,
 * alignment, every refusal; pt_reloc.c: relocations, random policies,
 * determinism, the -ENOSPC protocol.
 */
#include <CUnit/Basic.h>
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pttest.h"

uint8_t pool[MAXPAGES * 4096];
uint64_t relocs[MAXREL];
struct smmuv3_build_out out;

uint64_t w(uint64_t off)
{
	uint64_t v;

	memcpy(&v, pool + off, 8);
	return le64toh(v);
}

int build(const struct smmuv3_policy *pol)
{
	memset(&out, 0, sizeof(out));
	out.pool = pool;
	out.pool_pages = MAXPAGES;
	out.relocs = relocs;
	out.reloc_cap = MAXREL;
	return smmuv3_build(pol, &out);
}

/* Nonzero words in the pages the build used. */
static size_t nonzero(void)
{
	size_t n = 0;

	for (uint64_t off = 0; off < out.npages * 4096ull; off += 8)
		n += w(off) != 0;
	return n;
}

struct smmuv3_profile prof(unsigned stage, unsigned ias, unsigned oas, bool b2, bool b1, bool two)
{
	return (struct smmuv3_profile){stage, ias, oas, b2, b1, two};
}

/* One domain (tag 1) and one device. */
static struct smmuv3_policy one(struct smmuv3_profile pr, const struct smmuv3_range *r, size_t n,
				struct smmuv3_domain_in *dom, struct smmuv3_device_in *dev,
				uint32_t sid)
{
	*dom = (struct smmuv3_domain_in){1, r, n};
	*dev = (struct smmuv3_device_in){sid, 0};
	return (struct smmuv3_policy){pr, dom, 1, dev, 1};
}

static void expect_relocs(const uint64_t *want, size_t n)
{
	CU_ASSERT_EQUAL_FATAL(out.nrelocs, n);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_EQUAL(relocs[i], want[i]);
}
static void test_s1_48(void)
{
	const struct smmuv3_range r[] = {{0x5c100000, 0x2000, RW}, {0x5c102000, 0x1000, 1}};
	struct smmuv3_domain_in dom;
	struct smmuv3_device_in dev;
	struct smmuv3_policy pol = one(prof(1, 48, 44, true, true, true), r, 2, &dom, &dev, 8);
	const uint64_t rel[] = {0x200, 0x1008, 0x2000, 0x3008, 0x4700};

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	/* sid 8: 16 STEs, linear, one page; CD page; L0 L1 L2 L3 */
	CU_ASSERT_EQUAL(out.npages, 6);
	CU_ASSERT_EQUAL(out.strtab, 0);
	CU_ASSERT_EQUAL(out.strtab_cfg, 4);
	CU_ASSERT_EQUAL(out.strtab_align, 4096);
	CU_ASSERT_EQUAL(out.sizes_used, SMMUV3_PGSZ_4K);
	CU_ASSERT_EQUAL(w(0x200), 0x100b);
	CU_ASSERT_EQUAL(w(0x208), 0xd6);
	CU_ASSERT_EQUAL(w(0x1000), 0x0001e204c0003510ull); /* the facts file's working CD */
	CU_ASSERT_EQUAL(w(0x1008), 0x2000);
	CU_ASSERT_EQUAL(w(0x1018), 0xff);
	CU_ASSERT_EQUAL(w(0x2000), 0x3003);
	CU_ASSERT_EQUAL(w(0x3008), 0x4003);
	CU_ASSERT_EQUAL(w(0x4000 + 0xe0 * 8), 0x5003);
	CU_ASSERT_EQUAL(w(0x5000 + 0x100 * 8), 0x5c100743);
	CU_ASSERT_EQUAL(w(0x5000 + 0x101 * 8), 0x5c101743);
	CU_ASSERT_EQUAL(w(0x5000 + 0x102 * 8), 0x5c1027c3);
	CU_ASSERT_EQUAL(nonzero(), 11);
	expect_relocs(rel, 5);
}

static void test_s1_39_block(void)
{
	const struct smmuv3_range r[] = {{0x200000, 0x200000, 1}, {0x400000, 0x1000, RW}};
	struct smmuv3_domain_in dom;
	struct smmuv3_device_in dev;
	struct smmuv3_policy pol = one(prof(1, 39, 40, true, false, true), r, 2, &dom, &dev, 0);
	const uint64_t rel[] = {0, 0x1008, 0x2000, 0x3010};

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 5);
	CU_ASSERT_EQUAL(out.strtab_cfg, 0);
	CU_ASSERT_EQUAL(out.sizes_used, SMMUV3_PGSZ_4K | SMMUV3_PGSZ_2M);
	CU_ASSERT_EQUAL(w(0), 0x100b);
	CU_ASSERT_EQUAL(w(8), 0xd6);
	CU_ASSERT_EQUAL(w(0x1000), 0x0001e202c0003519ull); /* T0SZ 25, IPS 2 */
	CU_ASSERT_EQUAL(w(0x1008), 0x2000);
	CU_ASSERT_EQUAL(w(0x2000), 0x3003);   /* level 1 at the top */
	CU_ASSERT_EQUAL(w(0x3008), 0x2007c1); /* read-only 2 MiB block */
	CU_ASSERT_EQUAL(w(0x3010), 0x4003);
	CU_ASSERT_EQUAL(w(0x4000), 0x400743);
	CU_ASSERT_EQUAL(nonzero(), 9);
	expect_relocs(rel, 4);
}

static void test_s2_48(void)
{
	const struct smmuv3_range r[] = {
	    {0x1000, 0x1000, SMMUV3_PERM_R}, {0x2000, 0x1000, SMMUV3_PERM_W}, {0x3000, 0x1000, RW}};
	struct smmuv3_domain_in dom;
	struct smmuv3_device_in dev;
	struct smmuv3_policy pol = one(prof(2, 48, 48, true, true, true), r, 3, &dom, &dev, 0x10);
	const uint64_t rel[] = {0x418, 0x1000, 0x2000, 0x3000};

	dom.tag = 7;
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 5); /* no CD at stage 2 */
	CU_ASSERT_EQUAL(out.strtab_cfg, 5);
	CU_ASSERT_EQUAL(w(0x400), 0xd);
	CU_ASSERT_EQUAL(w(0x408), 0);
	CU_ASSERT_EQUAL(w(0x410), 0x040d359000000007ull);
	CU_ASSERT_EQUAL(w(0x418), 0x1000);
	CU_ASSERT_EQUAL(w(0x1000), 0x2003);
	CU_ASSERT_EQUAL(w(0x2000), 0x3003);
	CU_ASSERT_EQUAL(w(0x3000), 0x4003);
	CU_ASSERT_EQUAL(w(0x4008), 0x177f); /* S2AP read */
	CU_ASSERT_EQUAL(w(0x4010), 0x27bf); /* S2AP write: stage 2 can say write-only */
	CU_ASSERT_EQUAL(w(0x4018), 0x37ff);
	CU_ASSERT_EQUAL(nonzero(), 9);
	expect_relocs(rel, 4);
}

static void test_s2_39_1g(void)
{
	const struct smmuv3_range r[] = {{0x40000000, 0x40000000, RW}, {0x80000000, 0x200000, 1}};
	struct smmuv3_domain_in dom;
	struct smmuv3_device_in dev;
	struct smmuv3_policy pol = one(prof(2, 39, 40, true, true, false), r, 2, &dom, &dev, 3);
	const uint64_t rel[] = {0xd8, 0x1010};

	dom.tag = 9;
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 3);
	CU_ASSERT_EQUAL(out.strtab_cfg, 2);
	CU_ASSERT_EQUAL(out.sizes_used, SMMUV3_PGSZ_2M | SMMUV3_PGSZ_1G);
	CU_ASSERT_EQUAL(w(0xc0), 0xd);
	CU_ASSERT_EQUAL(w(0xd0), 0x040a355900000009ull);
	CU_ASSERT_EQUAL(w(0xd8), 0x1000);
	CU_ASSERT_EQUAL(w(0x1008), 0x400007fd); /* 1 GiB block, RW */
	CU_ASSERT_EQUAL(w(0x1010), 0x2003);
	CU_ASSERT_EQUAL(w(0x2000), 0x8000077d); /* 2 MiB block, R */
	CU_ASSERT_EQUAL(nonzero(), 6);
	expect_relocs(rel, 2);
}

/* The L3 table under L2 slot 'slot' of a 48-bit stage-1 build with one domain. */
static uint64_t l2_entry(unsigned slot)
{
	return w(0x4000 + slot * 8);
}

static void test_blocks_aligned_allowed(void)
{
	/* a page below a 2 MiB window, the window as two ranges of equal perms */
	const struct smmuv3_range r[] = {
	    {0x1ff000, 0x101000, RW}, {0x300000, 0x100000, RW}, {0x40000000, 0x40000000, 1}};
	struct smmuv3_domain_in dom;
	struct smmuv3_device_in dev;
	const struct smmuv3_range r2[] = {{0x200000, 0x1ff000, RW}};
	struct smmuv3_policy pol = one(prof(1, 48, 48, true, true, true), r, 3, &dom, &dev, 0);

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	/* strtab, CD, L0 0x2000, L1 0x3000, L2 0x4000, L3 0x5000 */
	CU_ASSERT_EQUAL(out.npages, 6);
	CU_ASSERT_EQUAL(out.sizes_used, 7);
	CU_ASSERT_EQUAL(w(0x3000), 0x4003);
	CU_ASSERT_EQUAL(w(0x3008), 0x400007c1); /* 1 GiB read-only block */
	CU_ASSERT_EQUAL(l2_entry(0), 0x5003);
	CU_ASSERT_EQUAL(l2_entry(1), 0x200741);
	CU_ASSERT_EQUAL(l2_entry(2), 0);
	CU_ASSERT_EQUAL(w(0x5000 + 511 * 8), 0x1ff743);
	CU_ASSERT_EQUAL(nonzero(), 2 + 3 + 5 + 1);

	/* blocks not allowed: the same grants in pages */
	pol.prof.blk2m = pol.prof.blk1g = false;
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.sizes_used, SMMUV3_PGSZ_4K);
	CU_ASSERT_EQUAL(out.npages, 4 + 3 + 513);
	CU_ASSERT_EQUAL(l2_entry(1) & 3, 3);

	/* 1 GiB not allowed, 2 MiB allowed: 512 blocks */
	pol.prof.blk2m = true;
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.sizes_used, SMMUV3_PGSZ_4K | SMMUV3_PGSZ_2M);
	CU_ASSERT_EQUAL(w(0x3008), 0x6003);
	CU_ASSERT_EQUAL(w(0x6000), 0x400007c1);
	CU_ASSERT_EQUAL(w(0x6000 + 511 * 8), 0x7fe007c1);

	/* one page short of the window: no block */
	pol.prof.blk1g = true;
	dom.ranges = r2;
	dom.nranges = 1;
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.sizes_used, SMMUV3_PGSZ_4K);
	CU_ASSERT_EQUAL(w(0x5000 + 510 * 8), 0x3fe743);
	CU_ASSERT_EQUAL(w(0x5000 + 511 * 8), 0);
}

/* Devices on sids[0..n), all in one domain with one page. */
static int build_sids(const uint32_t *sids, size_t n, bool two, struct smmuv3_build_out *o)
{
	static const struct smmuv3_range r = {0x10000, 0x1000, RW};
	static struct smmuv3_device_in dev[64];
	struct smmuv3_domain_in dom = {1, &r, 1};
	struct smmuv3_policy pol = {prof(1, 48, 48, false, false, two), &dom, 1, dev, n};

	for (size_t i = 0; i < n; i++)
		dev[i] = (struct smmuv3_device_in){sids[i], 0};
	if (o)
		return smmuv3_build(&pol, o);
	return build(&pol);
}

static void test_strtab_format(void)
{
	uint32_t s[64];
	size_t n = 0;
	struct smmuv3_build_out dry;

	/* 1024 STEs (64 KiB) stay linear even when 2-level is allowed */
	s[0] = 1023;
	CU_ASSERT_EQUAL_FATAL(build_sids(s, 1, true, NULL), 0);
	CU_ASSERT_EQUAL(out.strtab_cfg, 10);
	CU_ASSERT_EQUAL(out.strtab_align, 65536);
	CU_ASSERT_EQUAL(out.npages, 16 + 1 + 4);
	CU_ASSERT_EQUAL(w(1023 * 64), 0x1000b);

	/* 2048 STEs: linear only when 2-level is not allowed */
	s[0] = 1024;
	CU_ASSERT_EQUAL_FATAL(build_sids(s, 1, false, NULL), 0);
	CU_ASSERT_EQUAL(out.strtab_cfg, 11);
	CU_ASSERT_EQUAL(out.strtab_align, 131072);
	CU_ASSERT_EQUAL(out.npages, 32 + 1 + 4);

	/* one device: SPLIT 6 (256 B of L1 + 4 KiB) beats 8 and 10 */
	CU_ASSERT_EQUAL_FATAL(build_sids(s, 1, true, NULL), 0);
	CU_ASSERT_EQUAL(out.strtab_cfg, 0x1018b);
	CU_ASSERT_EQUAL(out.strtab, 0);
	CU_ASSERT_EQUAL(out.strtab_align, 4096);
	CU_ASSERT_EQUAL(out.npages, 2 + 1 + 4);
	CU_ASSERT_EQUAL(w(16 * 8), 0x1007); /* L2 at page 1, Span 7 */
	CU_ASSERT_EQUAL(nonzero(), 1 + 2 + 3 + 4);
	CU_ASSERT_EQUAL(w(0x1000), 0x200b);
	CU_ASSERT_EQUAL(relocs[0], 0x80);

	/* a tie (16 KiB + 5 x 4 KiB against 4 KiB + 2 x 16 KiB): the smaller SPLIT */
	n = 0;
	s[n++] = 0, s[n++] = 64, s[n++] = 128, s[n++] = 192, s[n++] = 0x10000;
	CU_ASSERT_EQUAL_FATAL(build_sids(s, n, true, NULL), 0);
	CU_ASSERT_EQUAL(out.strtab_cfg, 0x10191);
	CU_ASSERT_EQUAL(out.strtab, 0);
	CU_ASSERT_EQUAL(out.strtab_align, 16384);
	CU_ASSERT_EQUAL(out.npages, 9 + 1 + 4);
	CU_ASSERT_EQUAL(w(0x10000 / 64 * 8), 0x8007);

	/* SPLIT 8: 4 KiB of L1 + 2 x 16 KiB beats 16 KiB + 6 x 4 KiB; L2s first */
	n = 0;
	s[n++] = 0, s[n++] = 64, s[n++] = 128, s[n++] = 192, s[n++] = 0x10000, s[n++] = 0x10040;
	CU_ASSERT_EQUAL_FATAL(build_sids(s, n, true, NULL), 0);
	CU_ASSERT_EQUAL(out.strtab_cfg, 0x10211);
	CU_ASSERT_EQUAL(out.strtab, 0x8000);
	CU_ASSERT_EQUAL(out.strtab_align, 16384);
	CU_ASSERT_EQUAL(out.npages, 9 + 1 + 4);
	CU_ASSERT_EQUAL(w(0x8000), 9);
	CU_ASSERT_EQUAL(w(0x8000 + 0x100 * 8), 0x4009);
	CU_ASSERT_EQUAL(w(0x1000), 0x900b);
	CU_ASSERT_EQUAL(w(0x5000), 0x900b);
	CU_ASSERT_EQUAL(nonzero(), 2 + 6 * 2 + 3 + 4);

	/* SPLIT 10: two full 1024-groups under a 2^20 table; L1 (8 KiB) after them */
	n = 0;
	for (uint32_t sid = 0; sid < 1024; sid += 64)
		s[n++] = sid;
	for (uint32_t sid = 0xffc00; sid <= 0xfffc0; sid += 64)
		s[n++] = sid;
	CU_ASSERT_EQUAL_FATAL(build_sids(s, n, true, NULL), 0);
	CU_ASSERT_EQUAL(out.strtab_cfg, 0x10294);
	CU_ASSERT_EQUAL(out.strtab, 0x20000);
	CU_ASSERT_EQUAL(out.strtab % out.strtab_align, 0);
	CU_ASSERT_EQUAL(out.strtab_align, 65536);
	CU_ASSERT_EQUAL(out.npages, 34 + 1 + 4);
	CU_ASSERT_EQUAL(w(0x20000), 11);
	CU_ASSERT_EQUAL(w(0x20000 + 0x3ff * 8), 0x1000b);
	CU_ASSERT_EQUAL(w(0x10000 + 0x3c0 * 64), 0x2200b);

	/* the largest StreamID: linear needs 2^32 STEs, 2-level picks SPLIT 10 */
	s[0] = UINT32_MAX;
	memset(&dry, 0, sizeof(dry));
	CU_ASSERT_EQUAL(build_sids(s, 1, false, &dry), 0);
	CU_ASSERT_EQUAL(dry.strtab_cfg, 32);
	CU_ASSERT_EQUAL(dry.npages, (1u << 26) + 1 + 4);
	CU_ASSERT_EQUAL(dry.nrelocs, 5);
	memset(&dry, 0, sizeof(dry));
	CU_ASSERT_EQUAL(build_sids(s, 1, true, &dry), 0);
	CU_ASSERT_EQUAL(dry.strtab_cfg, 0x102a0);
	CU_ASSERT_EQUAL(dry.npages, 8192 + 16 + 1 + 4);
	CU_ASSERT_EQUAL(dry.strtab, 0);
	CU_ASSERT_EQUAL(dry.strtab_align, 32u << 20);
	CU_ASSERT_EQUAL(dry.nrelocs, 6);
}

static void test_no_grants(void)
{
	const struct smmuv3_range r = {0x1000, 0x1000, RW}, none = {0x2000, 0x1000, 0};
	struct smmuv3_domain_in dom[4] = {{1, NULL, 0}, {2, &none, 1}, {3, &r, 1}, {4, &r, 1}};
	/* domain 3 (tag 4) grants but no device names it: no CD, no tables */
	struct smmuv3_device_in dev[] = {{1, 0}, {2, 1}, {3, 2}, {5, 2}, {0x4000, 1}};
	struct smmuv3_policy pol = {prof(1, 39, 48, true, true, true), dom, 4, dev, 5};

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	/* 2^15 STEs: 2-level; one L2 (SPLIT 6) for sids 3 and 5, none for 0x4000 */
	CU_ASSERT_EQUAL(out.strtab_cfg, 0x1018f);
	CU_ASSERT_EQUAL(out.npages, 1 + 1 + 1 + 3);
	CU_ASSERT_EQUAL(w(0), 0x1007);
	CU_ASSERT_EQUAL(w((0x4000 >> 6) * 8), 0);
	CU_ASSERT_EQUAL(w(0x1000 + 1 * 64), 0);
	CU_ASSERT_EQUAL(w(0x1000 + 2 * 64), 0);
	/* devices sharing a domain share its CD and tables */
	CU_ASSERT_EQUAL(w(0x1000 + 3 * 64), 0x200b);
	CU_ASSERT_EQUAL(w(0x1000 + 5 * 64), 0x200b);
	CU_ASSERT_EQUAL(w(0x2040), 0);
	CU_ASSERT_EQUAL(w(0x2008), 0x3000);
	CU_ASSERT_EQUAL(nonzero(), 1 + 2 * 2 + 3 + 3);
	CU_ASSERT_EQUAL(out.nrelocs, 1 + 2 + 1 + 2);
}
/* ---- refusals ------------------------------------------------------------- */

static void test_einval(void)
{
	const struct smmuv3_range ok = {0x1000, 0x1000, RW};
	struct smmuv3_range r[2];
	struct smmuv3_domain_in dom[2];
	struct smmuv3_device_in dev[2];
	struct smmuv3_policy pol;
	unsigned ncase = 0;

#define RESET()                                                                                    \
	do {                                                                                       \
		r[0] = r[1] = ok;                                                                  \
		r[1].start = 0x2000;                                                               \
		dom[0] = (struct smmuv3_domain_in){1, r, 2};                                       \
		dom[1] = (struct smmuv3_domain_in){2, NULL, 0};                                    \
		dev[0] = (struct smmuv3_device_in){1, 0};                                          \
		dev[1] = (struct smmuv3_device_in){2, 1};                                          \
		pol = (struct smmuv3_policy){prof(1, 39, 40, true, true, true), dom, 2, dev, 2};   \
	} while (0)
#define REFUSED(change)                                                                            \
	do {                                                                                       \
		RESET();                                                                           \
		change;                                                                            \
		CU_ASSERT_EQUAL(smmuv3_build(&pol, &out), -EINVAL);                                \
		ncase++;                                                                           \
	} while (0)

	RESET();
	memset(&out, 0, sizeof(out));
	CU_ASSERT_EQUAL(smmuv3_build(&pol, &out), 0);
	REFUSED(pol.prof.stage = 0);
	REFUSED(pol.prof.stage = 3);
	REFUSED(pol.prof.ias = 40);
	REFUSED(pol.prof.ias = 32);
	REFUSED(pol.prof.oas = 41);
	REFUSED(pol.prof.oas = 0);
	/* stage 2: an IPA wider than the output size is ILLEGAL */
	REFUSED(pol.prof.stage = 2; pol.prof.ias = 48; pol.prof.oas = 44);
	REFUSED(pol.domains = NULL);
	REFUSED(pol.devices = NULL);
	REFUSED(dom[0].tag = 0);
	REFUSED(dom[1].tag = 1);
	REFUSED(dom[1].nranges = 1);  /* ranges NULL */
	REFUSED(r[0].start = 0x1800); /* unaligned */
	REFUSED(r[0].length = 0x800);
	REFUSED(r[0].length = 0);
	REFUSED(r[1].start = 1ull << 39); /* beyond ias */
	REFUSED(r[1].start = (1ull << 39) - 0x1000; r[1].length = 0x2000);
	REFUSED(r[1].length = UINT64_MAX - 0xfff);				   /* wraps */
	REFUSED(pol.prof.oas = 32; r[1].start = 0xfffff000; r[1].length = 0x2000); /* beyond oas */
	REFUSED(pol.prof.ias = 48; pol.prof.oas = 44; r[1].start = 1ull << 44);
	REFUSED(r[0].perms = 4);
	REFUSED(r[0].perms = SMMUV3_PERM_W); /* stage 1 cannot say write-only */
	REFUSED(r[1].start = 0x1000);	     /* overlapping */
	REFUSED(r[0].start = 0x3000);	     /* descending */
	REFUSED(dev[1].domain = 2);
	REFUSED(dev[1].sid = 1); /* a sid twice */
	REFUSED(dev[1].sid = 0); /* not ascending */
#undef REFUSED
#undef RESET
	CU_ASSERT_EQUAL(ncase, 27);

	/* what stage 2 can express, and the edges that are inside */
	r[0] = (struct smmuv3_range){0x1000, 0x1000, SMMUV3_PERM_W};
	r[1] = (struct smmuv3_range){(1ull << 39) - 0x1000, 0x1000, 0};
	dom[0] = (struct smmuv3_domain_in){0xffff, r, 2};
	pol = (struct smmuv3_policy){prof(2, 39, 52, false, false, false), dom, 1, dev, 1};
	dev[0] = (struct smmuv3_device_in){UINT32_MAX >> 16, 0};
	CU_ASSERT_EQUAL(smmuv3_build(&pol, &out), 0);
}
static void test_relocate_refuses(void)
{
	uint64_t off;

	memset(pool, 0, 2 * 4096);
	off = 8;
	CU_ASSERT_EQUAL(smmuv3_relocate(pool, 2, &off, 1, 0x800), -EINVAL);
	off = 2 * 4096;
	CU_ASSERT_EQUAL(smmuv3_relocate(pool, 2, &off, 1, 0x1000), -EINVAL);
	off = 4;
	CU_ASSERT_EQUAL(smmuv3_relocate(pool, 2, &off, 1, 0x1000), -EINVAL);
	off = 2 * 4096 - 8;
	memcpy(pool + off, &(uint64_t){htole64(0xfffffffff003ull)}, 8);
	CU_ASSERT_EQUAL(smmuv3_relocate(pool, 2, &off, 1, 0x1000), -ERANGE);
	CU_ASSERT_EQUAL(smmuv3_relocate(pool, 2, &off, 1, 0), 0);
	CU_ASSERT_EQUAL(w(off), 0xfffffffff003ull);
}
static const struct cu_case cases[] = {
	{"stage 1, 48-bit: STE, CD and pages, word by word", test_s1_48},
	{"stage 1, 39-bit: a 2 MiB block from level 1", test_s1_39_block},
	{"stage 2, 48-bit: STE dword2/3 and S2AP", test_s2_48},
	{"stage 2, 39-bit: 1 GiB and 2 MiB blocks", test_s2_39_1g},
	{"blocks only where aligned and allowed", test_blocks_aligned_allowed},
	{"stream table: linear or 2-level, SPLIT, alignment", test_strtab_format},
	{"domains without grants get no STE; shared CD", test_no_grants},
	{"every -EINVAL", test_einval},
	{"relocate refuses", test_relocate_refuses},
};

int main(void)
{
	const struct cu_suite suites[] = {
		{"smmuv3_pt", NULL, NULL, cases, CU_COUNT(cases)},
		{"smmuv3_pt_reloc", NULL, NULL, pt_reloc_cases, pt_reloc_ncases},
	};

	return cu_run_suites(suites, CU_COUNT(suites));
}
