/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d table builder: exact bytes for small hand-made policies, exact page
 * counts, relocation, errors, and the walker's fault reasons on them.
 */
#include <CUnit/Basic.h>
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_policy.h"
#include "vtd/vtd_pt.h"
#include "vtd/vtd_regs.h"
#include "vtd/vtd_walk.h"
#include "cu_run.h"

#define MAXPAGES 600

static uint8_t pool[MAXPAGES * 4096];
static uint64_t relocs[4096];
static uint32_t tops[8];
static struct vtd_build_out out;

static uint64_t ent(size_t page, size_t index)
{
	uint64_t v;

	memcpy(&v, pool + page * 4096 + index * 8, 8);
	return le64toh(v);
}

static void set_ent(size_t page, size_t index, uint64_t v)
{
	v = htole64(v);
	memcpy(pool + page * 4096 + index * 8, &v, 8);
}

static int build(const struct vtd_policy *pol)
{
	memset(&out, 0, sizeof(out));
	out.pool = pool;
	out.pool_pages = MAXPAGES;
	out.relocs = relocs;
	out.reloc_cap = 4096;
	out.dom_top = tops;
	return vtd_build(pol, &out);
}

static struct vtd_policy one(unsigned levels, bool s2, bool s1, const struct vtd_range *r, size_t n,
			     struct vtd_domain_in *dom, struct vtd_device_in *dev, uint16_t sid)
{
	dom->did = 1;
	dom->ranges = r;
	dom->nranges = n;
	dev->sid = sid;
	dev->domain = 0;
	return (struct vtd_policy){{levels, s2, s1}, dom, 1, dev, 1};
}

static unsigned walk(const struct vtd_policy *pol, uint16_t sid, uint64_t iova, bool write,
		     struct vtd_walk_res *res)
{
	struct vtd_mem m = {pool, 0, out.npages * 4096};
	struct vtd_walk_cfg cfg;

	vtd_walk_cfg_from_profile(&pol->prof, &cfg);
	vtd_walk(&m, &cfg, 0, sid, iova, write, res);
	return res->status == VTD_WALK_FAULT ? res->reason : 0;
}

static void test_golden_3level(void)
{
	struct vtd_range r = {0x1000, 0x1000, VTD_PERM_R | VTD_PERM_W};
	struct vtd_domain_in dom;
	struct vtd_device_in dev;
	struct vtd_policy pol = one(3, false, false, &r, 1, &dom, &dev, 0x0018);
	size_t i, nz = 0;

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 5);
	CU_ASSERT_EQUAL(out.nrelocs, 4);
	CU_ASSERT_EQUAL(relocs[0], 0);
	CU_ASSERT_EQUAL(relocs[1], 4096 + 0x18 * 16);
	CU_ASSERT_EQUAL(relocs[2], 2 * 4096);
	CU_ASSERT_EQUAL(relocs[3], 3 * 4096);
	CU_ASSERT_EQUAL(tops[0], 2);
	CU_ASSERT_EQUAL(out.sizes_used, VTD_PGSZ_4K);
	CU_ASSERT_EQUAL(ent(0, 0), 0x1001);	      /* root[bus 0].lo: ctx page 1, P */
	CU_ASSERT_EQUAL(ent(0, 1), 0);		      /* root[bus 0].hi */
	CU_ASSERT_EQUAL(ent(1, 0x18 * 2), 0x2001);    /* ctx lo: SLPTPTR page 2, P, TT 0 */
	CU_ASSERT_EQUAL(ent(1, 0x18 * 2 + 1), 0x101); /* ctx hi: DID 1, AW 1 */
	CU_ASSERT_EQUAL(ent(2, 0), 0x3003);	      /* PDPT[0] -> PD, R W */
	CU_ASSERT_EQUAL(ent(3, 0), 0x4003);	      /* PD[0] -> PT, R W */
	CU_ASSERT_EQUAL(ent(4, 1), 0x1003);	      /* PT[1]: 0x1000 R W */
	for (i = 0; i < 5 * 512; i++)
		nz += ent(0, i) != 0;
	CU_ASSERT_EQUAL(nz, 6);
}

static void test_golden_4level(void)
{
	struct vtd_range r = {0x1000, 0x1000, VTD_PERM_R};
	struct vtd_domain_in dom;
	struct vtd_device_in dev;
	struct vtd_policy pol = one(4, true, true, &r, 1, &dom, &dev, 0x0320);

	dom.did = 0x1234;
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 6);
	CU_ASSERT_EQUAL(out.nrelocs, 5);
	CU_ASSERT_EQUAL(ent(0, 3 * 2), 0x1001);
	CU_ASSERT_EQUAL(ent(1, 0x20 * 2), 0x2001);
	CU_ASSERT_EQUAL(ent(1, 0x20 * 2 + 1), 0x123402); /* DID 0x1234, AW 2 */
	CU_ASSERT_EQUAL(ent(2, 0), 0x3003);		 /* PML4 */
	CU_ASSERT_EQUAL(ent(3, 0), 0x4003);		 /* PDPT */
	CU_ASSERT_EQUAL(ent(4, 0), 0x5003);		 /* PD */
	CU_ASSERT_EQUAL(ent(5, 1), 0x1001);		 /* PT: read only */
}

static void test_superpage_2m(void)
{
	struct vtd_range r = {0x200000, 0x200000, VTD_PERM_R};
	struct vtd_domain_in dom;
	struct vtd_device_in dev;
	struct vtd_policy pol = one(3, true, false, &r, 1, &dom, &dev, 0);
	struct vtd_walk_res res;

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 4);
	CU_ASSERT_EQUAL(ent(3, 1), 0x200000 | VTD_SL_PS | VTD_SL_R);
	CU_ASSERT_EQUAL(out.sizes_used, VTD_PGSZ_2M);
	CU_ASSERT_EQUAL(walk(&pol, 0, 0x3fffff, false, &res), 0);
	CU_ASSERT_EQUAL(res.page_size, VTD_SIZE_2M);
	CU_ASSERT_EQUAL(res.pa, 0x3fffff);
	CU_ASSERT_EQUAL(walk(&pol, 0, 0x300000, true, &res), VTD_FR_WRITE);

	/* the same run 4 KiB later: no PS, two page tables */
	r.start = 0x201000;
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 6);
	CU_ASSERT_EQUAL(out.sizes_used, VTD_PGSZ_4K);
	CU_ASSERT_EQUAL(ent(3, 1), 0x4003);
	CU_ASSERT_EQUAL(ent(3, 2), 0x5003);
	CU_ASSERT_EQUAL(ent(4, 0), 0);
	CU_ASSERT_EQUAL(ent(4, 1), 0x201001);
	CU_ASSERT_EQUAL(ent(4, 511), 0x3ff001);
	CU_ASSERT_EQUAL(ent(5, 0), 0x400001);
	CU_ASSERT_EQUAL(ent(5, 1), 0);

	/* aligned, but the profile forbids 2 MiB */
	r.start = 0x200000;
	pol.prof.sp2m = false;
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 5);
	CU_ASSERT_EQUAL(ent(3, 1), 0x4003);
	CU_ASSERT_EQUAL(ent(4, 511), 0x3ff001);
}

static void test_superpage_1g(void)
{
	struct vtd_range r = {VTD_SIZE_1G, VTD_SIZE_1G, VTD_PERM_R | VTD_PERM_W};
	struct vtd_domain_in dom;
	struct vtd_device_in dev;
	struct vtd_policy pol = one(3, true, true, &r, 1, &dom, &dev, 0);
	struct vtd_walk_res res;

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 3);
	CU_ASSERT_EQUAL(ent(2, 1), VTD_SIZE_1G | VTD_SL_PS | 3);
	CU_ASSERT_EQUAL(out.sizes_used, VTD_PGSZ_1G);
	CU_ASSERT_EQUAL(walk(&pol, 0, VTD_SIZE_1G + 0x12345, true, &res), 0);
	CU_ASSERT_EQUAL(res.page_size, VTD_SIZE_1G);

	pol.prof.sp1g = false; /* 512 x 2 MiB in one PD */
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 4);
	CU_ASSERT_EQUAL(ent(2, 1), 0x3003);
	CU_ASSERT_EQUAL(ent(3, 0), VTD_SIZE_1G | VTD_SL_PS | 3);
	CU_ASSERT_EQUAL(ent(3, 511), VTD_SIZE_1G + 511 * VTD_SIZE_2M + (VTD_SL_PS | 3));
	CU_ASSERT_EQUAL(out.sizes_used, VTD_PGSZ_2M);

	pol.prof.sp2m = false; /* 512 page tables */
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 516);
	CU_ASSERT_EQUAL(out.nrelocs, 2 + 1 + 512);

	/* 1 GiB + 2 MiB + 4 KiB, all aligned: one of each size */
	pol.prof.sp1g = pol.prof.sp2m = true;
	r.length = VTD_SIZE_1G + VTD_SIZE_2M + 4096;
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages, 5);
	CU_ASSERT_EQUAL(out.sizes_used, VTD_PGSZ_1G | VTD_PGSZ_2M | VTD_PGSZ_4K);
}

static void test_overlap_union(void)
{
	struct vtd_range r[] = {{0, 0x2000, VTD_PERM_R}, {0x1000, 0x2000, VTD_PERM_W}};
	struct vtd_domain_in dom;
	struct vtd_device_in dev;
	struct vtd_policy pol = one(3, true, true, r, 2, &dom, &dev, 0);

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(ent(4, 0), 0x0001);
	CU_ASSERT_EQUAL(ent(4, 1), 0x1003);
	CU_ASSERT_EQUAL(ent(4, 2), 0x2002);
	CU_ASSERT_EQUAL(ent(4, 3), 0);
}

static void test_buses_and_sharing(void)
{
	struct vtd_range ra[] = {{0x1000, 0x1000, 3}};
	struct vtd_range rb[] = {{0x1000, 0x1000, 3}, {0x40001000, 0x1000, 1}};
	struct vtd_domain_in dom[] = {{1, ra, 1}, {2, rb, 2}, {3, ra, 1}, {4, NULL, 0}};
	struct vtd_device_in dev[] = {{0x0500, 1}, {0x0010, 0}, {0x0508, 1},
				      {0x0700, 2}, {0x0900, 3}, {0x0010, 0}};
	struct vtd_policy pol = {{3, true, true}, dom, 4, dev, 6};
	struct vtd_walk_res res;

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	/* root, ctx for buses 0, 5, 7 (not 9: its domain grants nothing),
	 * A: PDPT PD PT, B: PDPT (PD of A shared) PD PT; C is A */
	CU_ASSERT_EQUAL(out.npages, 10);
	CU_ASSERT_EQUAL(tops[0], 4);
	CU_ASSERT_EQUAL(tops[1], 7);
	CU_ASSERT_EQUAL(tops[2], 4);
	CU_ASSERT_EQUAL(tops[3], VTD_NO_PAGE);
	CU_ASSERT_EQUAL(ent(0, 0), 0x1001);
	CU_ASSERT_EQUAL(ent(0, 10), 0x2001);
	CU_ASSERT_EQUAL(ent(0, 14), 0x3001);
	CU_ASSERT_EQUAL(ent(0, 18), 0);
	CU_ASSERT_EQUAL(ent(7, 0), ent(4, 0));	   /* B's first 1 GiB is A's PD */
	CU_ASSERT_EQUAL(ent(2, 2 * 8 + 1), 0x201); /* bus 5 devfn 8: DID 2 */
	CU_ASSERT_EQUAL(ent(3, 1), 0x301);	   /* bus 7 devfn 0: DID 3 */
	CU_ASSERT_EQUAL(walk(&pol, 0x0900, 0x1000, false, &res), VTD_FR_ROOT_NP);
	CU_ASSERT_EQUAL(walk(&pol, 0x0508, 0x40001000, false, &res), 0);
	CU_ASSERT_EQUAL(res.did, 2);
	CU_ASSERT_EQUAL(walk(&pol, 0x0010, 0x40001000, false, &res), VTD_FR_READ);
	CU_ASSERT_EQUAL(walk(&pol, 0x0011, 0x1000, false, &res), VTD_FR_CTX_NP);

	/* deterministic */
	{
		static uint8_t first[10 * 4096];

		memcpy(first, pool, sizeof(first));
		CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
		CU_ASSERT_EQUAL(memcmp(first, pool, sizeof(first)), 0);
	}
}

static void test_errors_and_size(void)
{
	struct vtd_range r = {0x1000, 0x1000, 3};
	struct vtd_domain_in dom;
	struct vtd_device_in devs[2] = {{0x10, 0}, {0x10, 1}};
	struct vtd_device_in dev;
	struct vtd_policy pol = one(3, false, false, &r, 1, &dom, &dev, 0x10);
	struct vtd_domain_in two[2];
	size_t np = 0, nr = 0;

	CU_ASSERT_EQUAL(vtd_build_size(&pol, &np, &nr), 0);
	CU_ASSERT_EQUAL(np, 5);
	CU_ASSERT_EQUAL(nr, 4);
	memset(&out, 0, sizeof(out));
	out.pool = pool;
	out.pool_pages = 4;
	out.relocs = relocs;
	out.reloc_cap = 4;
	CU_ASSERT_EQUAL(vtd_build(&pol, &out), -ENOSPC);
	CU_ASSERT_EQUAL(out.npages, 5);
	out.pool_pages = 5;
	out.reloc_cap = 3;
	CU_ASSERT_EQUAL(vtd_build(&pol, &out), -ENOSPC);
	out.reloc_cap = 4;
	CU_ASSERT_EQUAL(vtd_build(&pol, &out), 0);

	r.start = 0x1800;
	CU_ASSERT_EQUAL(build(&pol), -EINVAL);
	r.start = 1ull << 39;
	CU_ASSERT_EQUAL(build(&pol), -EINVAL);
	pol.prof.levels = 4;
	CU_ASSERT_EQUAL(build(&pol), 0);
	pol.prof.levels = 5;
	CU_ASSERT_EQUAL(build(&pol), -EINVAL);
	pol.prof.levels = 3;
	r.start = 0x1000;
	r.length = 0;
	CU_ASSERT_EQUAL(build(&pol), -EINVAL);
	r.length = 0x1000;
	dom.did = 0;
	CU_ASSERT_EQUAL(build(&pol), -EINVAL);
	dom.did = 1;
	dev.domain = 1;
	CU_ASSERT_EQUAL(build(&pol), -EINVAL);
	two[0] = two[1] = dom;
	two[1].did = 2;
	pol.domains = two;
	pol.ndomains = 2;
	pol.devices = devs;
	pol.ndevices = 2;
	CU_ASSERT_EQUAL(build(&pol), -EINVAL); /* one sid in two domains */
}

static void test_relocate(void)
{
	struct vtd_range r = {0x1000, 0x1000, 3};
	struct vtd_domain_in dom;
	struct vtd_device_in dev;
	struct vtd_policy pol = one(3, false, false, &r, 1, &dom, &dev, 0x0018);
	struct vtd_mem m = {pool, 0xc000000, 0};
	struct vtd_walk_cfg cfg;
	struct vtd_walk_res res;

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(vtd_relocate(pool, out.npages, relocs, out.nrelocs, 0xc000000), 0);
	CU_ASSERT_EQUAL(ent(0, 0), 0xc001001);
	CU_ASSERT_EQUAL(ent(1, 0x18 * 2), 0xc002001);
	CU_ASSERT_EQUAL(ent(1, 0x18 * 2 + 1), 0x101);
	CU_ASSERT_EQUAL(ent(4, 1), 0x1003); /* leaves are not relocated */
	m.size = out.npages * 4096;
	vtd_walk_cfg_from_profile(&pol.prof, &cfg);
	vtd_walk(&m, &cfg, 0xc000000, 0x18, 0x1abc, true, &res);
	CU_ASSERT_EQUAL(res.status, VTD_WALK_OK);
	CU_ASSERT_EQUAL(res.pa, 0x1abc);
	/* unrelocated tables seen at that base point outside table memory */
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	vtd_walk(&m, &cfg, 0xc000000, 0x18, 0x1abc, true, &res);
	CU_ASSERT_EQUAL(res.status, VTD_WALK_OUTSIDE);
	CU_ASSERT_EQUAL(res.bad_addr, 0x1000 + 0x18 * 16);
	CU_ASSERT_EQUAL(vtd_relocate(pool, 1, relocs, out.nrelocs, 0), -EINVAL);
	CU_ASSERT_EQUAL(vtd_relocate(pool, out.npages, relocs, out.nrelocs, 0x800), -EINVAL);
}

/*
 * vtd_build_at, the boot path's one-pass build into table memory: domains
 * sharing eight subtrees need more relocations than its first guess, so
 * the second pass runs; the bytes and relocations are vtd_build's; tables
 * one page too big for the memory give -ENOSPC with the pages they need.
 */
static void test_build_at(void)
{
	enum { NDOM = 4, NSHARED = 8 };
	static uint8_t want[MAXPAGES * 4096];
	struct vtd_range r[NDOM][NSHARED + 1];
	struct vtd_domain_in dom[NDOM];
	struct vtd_device_in dev[NDOM];
	struct vtd_policy pol = {{4, true, false}, dom, NDOM, dev, NDOM};
	struct vtd_build_out at = {0};
	size_t np = 0, nr = 0;

	for (unsigned d = 0; d < NDOM; d++) {
		for (unsigned k = 0; k < NSHARED; k++)
			r[d][k] = (struct vtd_range){(k + 1ull) << 30 | 0x1000, 0x1000, 3};
		r[d][NSHARED] = (struct vtd_range){(16ull + d) << 30 | 0x1000, 0x1000, 1};
		dom[d] = (struct vtd_domain_in){(uint16_t)(d + 1), r[d], NSHARED + 1};
		dev[d] = (struct vtd_device_in){(uint16_t)(0x100 + d), d};
	}
	CU_ASSERT_EQUAL_FATAL(vtd_build_size(&pol, &np, &nr), 0);
	CU_ASSERT_EQUAL(np, 2 + NDOM * 4 + 2 * NSHARED);
	CU_ASSERT_EQUAL(nr, 1 + NDOM * (4 + NSHARED) + NSHARED);
	CU_ASSERT_FATAL(np + NDOM < nr); /* the first guess is short */
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	memcpy(want, pool, np * 4096);

	memset(pool, 0xa5, sizeof(pool));
	CU_ASSERT_EQUAL_FATAL(vtd_build_at(&pol, pool, np, &at), 0);
	CU_ASSERT_EQUAL(at.npages, np);
	CU_ASSERT_EQUAL_FATAL(at.nrelocs, nr);
	CU_ASSERT_EQUAL(memcmp(pool, want, np * 4096), 0);
	CU_ASSERT_EQUAL(memcmp(at.relocs, relocs, nr * sizeof(*relocs)), 0);
	free(at.relocs);

	at = (struct vtd_build_out){0};
	CU_ASSERT_EQUAL(vtd_build_at(&pol, pool, np - 1, &at), -ENOSPC);
	CU_ASSERT_EQUAL(at.npages, np);
	CU_ASSERT_PTR_NULL(at.relocs);
	r[0][0].start = 0x1800; /* unaligned: no build, nothing to free */
	CU_ASSERT_EQUAL(vtd_build_at(&pol, pool, np, &at), -EINVAL);
	CU_ASSERT_PTR_NULL(at.relocs);
}

static void test_walker_reasons(void)
{
	struct vtd_range r = {0x200000, 0x200000, VTD_PERM_R};
	struct vtd_domain_in dom;
	struct vtd_device_in dev;
	struct vtd_policy pol = one(3, true, false, &r, 1, &dom, &dev, 0x0018);
	struct vtd_walk_res res;
	size_t ce = 0x18 * 2;

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), 0);
	CU_ASSERT_EQUAL(walk(&pol, 0x0118, 0x200000, false, &res), VTD_FR_ROOT_NP);
	CU_ASSERT_EQUAL(walk(&pol, 0x0019, 0x200000, false, &res), VTD_FR_CTX_NP);
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 1ull << 39, false, &res), VTD_FR_ADDR_BEYOND);
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, true, &res), VTD_FR_WRITE);
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x400000, false, &res), VTD_FR_READ);
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x400000, true, &res), VTD_FR_WRITE);
	CU_ASSERT_EQUAL(res.level, 2);

	set_ent(1, ce + 1, 0x103); /* AW 3: 5-level, not offered */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_CTX_INV);
	set_ent(1, ce + 1, 0x102); /* AW 2 on a 3-level-only unit */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_CTX_INV);
	set_ent(1, ce + 1, 0x101);
	set_ent(1, ce, 0x2005); /* TT 01 */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_CTX_INV);
	set_ent(1, ce, 0x2011); /* bit 4 reserved */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_CTX_RSVD);
	set_ent(1, ce, 0x2001);
	set_ent(1, ce + 1, 0x40000101); /* hi bit 30 */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_CTX_RSVD);
	set_ent(1, ce + 1, 0x101);
	set_ent(0, 0, 0x1003); /* root bit 1 */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_ROOT_RSVD);
	set_ent(0, 0, 0x1001);
	set_ent(0, 1, 1); /* root hi */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_ROOT_RSVD);
	set_ent(0, 1, 0);
	set_ent(3, 1, 0x200000 | VTD_SL_PS | VTD_SL_R | VTD_SL_SNP);
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_PT_RSVD);
	set_ent(3, 1, 0x201000 | VTD_SL_PS | VTD_SL_R); /* unaligned superpage */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_PT_RSVD);
	set_ent(3, 1, 0x200000 | VTD_SL_PS | VTD_SL_R);
	pol.prof.sp2m = false; /* the unit does not offer 2 MiB: PS is reserved */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_PT_RSVD);
	pol.prof.sp2m = true;
	set_ent(2, 0, 0x9003); /* PD pointer beyond table memory */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), 0);
	CU_ASSERT_EQUAL(res.status, VTD_WALK_OUTSIDE);
	CU_ASSERT_EQUAL(res.bad_addr, 0x9008);
	set_ent(0, 0, 0xfffffffffffff001ull); /* above the host address width */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), VTD_FR_ROOT_RSVD);
	set_ent(0, 0, 0x7001); /* context table beyond table memory */
	CU_ASSERT_EQUAL(walk(&pol, 0x0018, 0x200000, false, &res), 0);
	CU_ASSERT_EQUAL(res.status, VTD_WALK_OUTSIDE);
	CU_ASSERT_EQUAL(res.bad_addr, 0x7000 + 0x18 * 16);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "golden 3-level", test_golden_3level },
		{ "golden 4-level", test_golden_4level },
		{ "2 MiB superpages", test_superpage_2m },
		{ "1 GiB superpages", test_superpage_1g },
		{ "overlaps union", test_overlap_union },
		{ "buses and sharing", test_buses_and_sharing },
		{ "errors and sizing", test_errors_and_size },
		{ "relocation", test_relocate },
		{ "one-pass build into table memory", test_build_at },
		{ "walker fault reasons", test_walker_reasons },
		};
	int rc = CU_RUN("vtd_pt", cases);

	return rc;
}
