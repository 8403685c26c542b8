/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Builder against walker: thousands of random policies must verify with no
 * difference, and corrupted tables must not. The seed is printed; set
 * VTD_SEED to replay one run, VTD_POLICIES to change the count.
 */
#include <CUnit/Basic.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vtd/vtd_pt.h"
#include "vtd/vtd_regs.h"
#include "vtd/vtd_walk.h"
#include "cu_run.h"
#include "randpol.h"

static uint64_t get(const uint8_t *pages, uint64_t off)
{
	uint64_t v;

	memcpy(&v, pages + off, 8);
	return le64toh(v);
}

static void put(uint8_t *pages, uint64_t off, uint64_t v)
{
	v = htole64(v);
	memcpy(pages + off, &v, 8);
}

/* Byte offset of the last entry a walk of (sid, iova) reads: test-side lookup. */
static uint64_t entry_of(const uint8_t *pages, const struct vtd_profile *prof, uint16_t sid,
			 uint64_t iova, unsigned stop_level)
{
	uint64_t e = get(pages, (uint64_t)(sid >> 8) * 16), off;
	unsigned level;

	off = (e & VTD_ADDR_MASK) + (sid & 0xff) * 16u;
	e = get(pages, off);
	for (level = prof->levels; level >= 1; level--) {
		off = (e & VTD_ADDR_MASK) + ((iova >> (12 + 9 * (level - 1))) & 511) * 8;
		e = get(pages, off);
		if (level == stop_level || level == 1 || (e & VTD_SL_PS) || !e)
			break;
	}
	return off;
}

static void test_random(void)
{
	const char *s = getenv("VTD_SEED"), *n = getenv("VTD_POLICIES");
	uint64_t seed = s ? strtoull(s, NULL, 0) : 0x5eed0000ull + (uint64_t)time(NULL);
	unsigned count = n ? (unsigned)strtoul(n, NULL, 0) : 2000, k, bad = 0, caught = 0;
	unsigned corrupted = 0, shared = 0;
	size_t walks = 0, pages = 0;
	size_t cap = 2048;
	uint8_t *pool = malloc(cap * VTD_PAGE_SIZE);
	uint64_t *relocs = malloc(cap * 512 * sizeof(*relocs));
	struct rpolicy *p = malloc(sizeof(*p));

	CU_ASSERT_FATAL(pool && relocs && p);
	printf("\n  seed 0x%" PRIx64 " (VTD_SEED to replay), %u policies\n", seed, count);
	rng_state = seed;
	for (k = 0; k < count; k++) {
		struct vtd_build_out out = {pool, cap, relocs, cap * 512, NULL, 0, 0, 0};
		uint32_t tops[RANDPOL_MAXDOM];
		struct vtd_mismatch mm;
		size_t nw = 0, np = 0, nr = 0, d;
		int err;

		rand_policy(p);
		out.dom_top = tops;
		err = vtd_build(&p->pol, &out);
		CU_ASSERT_EQUAL(err, 0);
		CU_ASSERT_EQUAL(vtd_build_size(&p->pol, &np, &nr), 0);
		CU_ASSERT_EQUAL(np, out.npages);
		CU_ASSERT_EQUAL(nr, out.nrelocs);
		if (err)
			continue;
		pages += out.npages;
		for (d = 1; d < p->pol.ndomains; d++)
			shared += tops[d] != VTD_NO_PAGE && tops[d] == tops[d - 1];
		err = vtd_verify(&p->pol, pool, out.npages, 0, &mm, &nw);
		walks += nw;
		if (err) {
			if (bad++ < 5)
				printf("  policy %u: sid %04x iova 0x%" PRIx64
				       " %s: expected %d got %d "
				       "(status %d reason %#x)\n",
				       k, mm.sid, mm.iova, mm.write ? "write" : "read", mm.expected,
				       mm.got, mm.res.status, mm.res.reason);
			continue;
		}
		/* relocated to a base, the same proof holds */
		if (k % 7 == 0) {
			CU_ASSERT_EQUAL(
			    vtd_relocate(pool, out.npages, relocs, out.nrelocs, 0x40000000), 0);
			CU_ASSERT_EQUAL(
			    vtd_verify(&p->pol, pool, out.npages, 0x40000000, &mm, NULL), 0);
			continue;
		}
		/* corrupt what a walk of the first granted page reads; the proof must fail */
		for (d = 0; d < p->pol.ndevices; d++) {
			const struct vtd_device_in *dv = &p->dev[d];
			const struct vtd_domain_in *dm = &p->dom[dv->domain];
			uint64_t off, e;

			if (!dm->nranges)
				continue;
			/* the leaf: toggle R or W; or any level: clear the entry */
			if (below(2)) {
				off = entry_of(pool, &p->pol.prof, dv->sid, dm->ranges[0].start, 1);
				e = get(pool, off);
				put(pool, off, e ^ (below(2) ? VTD_SL_R : VTD_SL_W));
			} else {
				off = entry_of(pool, &p->pol.prof, dv->sid, dm->ranges[0].start,
					       1 + (unsigned)below(p->pol.prof.levels));
				e = get(pool, off);
				put(pool, off, 0);
			}
			corrupted++;
			caught += vtd_verify(&p->pol, pool, out.npages, 0, &mm, NULL) == 1;
			put(pool, off, e);
			/* a leaf in the middle of a range, far from any sampled boundary */
			{
				const struct vtd_range *r = &dm->ranges[below(dm->nranges)];
				uint64_t a =
				    r->start + below(r->length / VTD_PAGE_SIZE) * VTD_PAGE_SIZE;

				off = entry_of(pool, &p->pol.prof, dv->sid, a, 1);
				e = get(pool, off);
				put(pool, off, e ^ (below(2) ? VTD_SL_R : VTD_SL_W));
				corrupted++;
				caught += vtd_verify(&p->pol, pool, out.npages, 0, &mm, NULL) == 1;
				put(pool, off, e);
			}
			/* drop the context entry's present bit */
			off = (get(pool, (uint64_t)(dv->sid >> 8) * 16) & VTD_ADDR_MASK) +
			      (dv->sid & 0xff) * 16u;
			e = get(pool, off);
			put(pool, off, e & ~VTD_CTX_LO_P);
			corrupted++;
			caught += vtd_verify(&p->pol, pool, out.npages, 0, &mm, NULL) == 1;
			put(pool, off, e);
			break;
		}
	}
	printf("  %zu pages, %zu walks, %u shared tops, %u/%u corruptions caught\n", pages, walks,
	       shared, caught, corrupted);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(corrupted > count / 2);
	CU_ASSERT_EQUAL(caught, corrupted);
	free(pool);
	free(relocs);
	free(p);
}

/* A grant the policy does not have, next to a region, is caught. */
static void test_extra_grant(void)
{
	static uint8_t pool[8 * 4096];
	uint64_t relocs[16];
	struct vtd_range r = {0x10000, 0x3000, VTD_PERM_R};
	struct vtd_domain_in dom = {7, &r, 1};
	struct vtd_device_in dev = {0x0100, 0};
	struct vtd_policy pol = {{3, true, true}, &dom, 1, &dev, 1};
	struct vtd_build_out out = {pool, 8, relocs, 16, NULL, 0, 0, 0};
	struct vtd_mismatch mm;
	uint64_t off;

	CU_ASSERT_EQUAL_FATAL(vtd_build(&pol, &out), 0);
	CU_ASSERT_EQUAL(vtd_verify(&pol, pool, out.npages, 0, &mm, NULL), 0);
	off = entry_of(pool, &pol.prof, 0x0100, 0x13000, 1);
	put(pool, off, 0x13000 | VTD_SL_R);
	CU_ASSERT_EQUAL(vtd_verify(&pol, pool, out.npages, 0, &mm, NULL), 1);
	CU_ASSERT_EQUAL(mm.sid, 0x0100);
	CU_ASSERT_EQUAL(mm.iova & ~0xfffull, 0x13000);
	CU_ASSERT_FALSE(mm.write);
	CU_ASSERT_FALSE(mm.expected);
	CU_ASSERT_TRUE(mm.got);
	/* a leaf mapping the right page to the wrong address */
	put(pool, off, 0);
	off = entry_of(pool, &pol.prof, 0x0100, 0x12000, 1);
	put(pool, off, 0x22000 | VTD_SL_R);
	CU_ASSERT_EQUAL(vtd_verify(&pol, pool, out.npages, 0, &mm, NULL), 1);
	CU_ASSERT_EQUAL(mm.iova & ~0xfffull, 0x12000);
	CU_ASSERT_TRUE(mm.expected);
	CU_ASSERT_FALSE(mm.got);
	CU_ASSERT_EQUAL(mm.res.pa & ~0xfffull, 0x22000);
	put(pool, off, 0x12000 | VTD_SL_R);
	/* an absent requester id given a context entry */
	off = 4096 + 0x01 * 16;
	put(pool, off, get(pool, 4096));
	put(pool, off + 8, get(pool, 4096 + 8));
	CU_ASSERT_EQUAL(vtd_verify(&pol, pool, out.npages, 0, &mm, NULL), 1);
	CU_ASSERT_EQUAL(mm.sid, 0x0101);
	CU_ASSERT_EQUAL(vtd_verify(&pol, NULL, 0, 0, &mm, NULL), -EINVAL);
}

/* Far from every sampled place: only the complete proof sees it. */
static void test_mid_run(void)
{
	static uint8_t pool[8 * 4096];
	uint64_t relocs[16];
	struct vtd_range r = {0x10000, 0x40000, VTD_PERM_R | VTD_PERM_W};
	struct vtd_domain_in dom = {7, &r, 1};
	struct vtd_device_in dev = {0x0100, 0};
	struct vtd_policy pol = {{4, true, true}, &dom, 1, &dev, 1};
	struct vtd_build_out out = {pool, 8, relocs, 16, NULL, 0, 0, 0};
	struct vtd_mismatch mm;
	uint64_t off;

	CU_ASSERT_EQUAL_FATAL(vtd_build(&pol, &out), 0);
	off = entry_of(pool, &pol.prof, 0x0100, 0x31000, 1);
	put(pool, off, 0x31000 | VTD_SL_R);
	CU_ASSERT_EQUAL(vtd_verify(&pol, pool, out.npages, 0, &mm, NULL), 1);
	CU_ASSERT_EQUAL(mm.sid, 0x0100);
	CU_ASSERT_EQUAL(mm.iova, 0x31000);
	CU_ASSERT_TRUE(mm.write);
	CU_ASSERT_TRUE(mm.expected);
	CU_ASSERT_FALSE(mm.got);
	CU_ASSERT_EQUAL(mm.res.reason, VTD_FR_WRITE);
	/* restored, the proof holds again */
	put(pool, off, 0x31000 | VTD_SL_R | VTD_SL_W);
	CU_ASSERT_EQUAL(vtd_verify(&pol, pool, out.npages, 0, &mm, NULL), 0);
	/* an entry pointing outside table memory, mid-table */
	off = entry_of(pool, &pol.prof, 0x0100, 0x31000, 2);
	put(pool, off + 8 * 100, 0x9000000 | VTD_SL_R | VTD_SL_W);
	CU_ASSERT_EQUAL(vtd_verify(&pol, pool, out.npages, 0, &mm, NULL), 1);
	CU_ASSERT_EQUAL(mm.res.status, VTD_WALK_OUTSIDE);
	CU_ASSERT_EQUAL(mm.iova, 100 * VTD_SIZE_2M);
}

int main(void)
{
	static const struct cu_case cases[] = {
		{ "extra grants caught", test_extra_grant },
		{ "mid-run differences caught", test_mid_run },
		{ "random policies", test_random },
	};
	int rc = CU_RUN("vtd_verify", cases);

	return rc;
}
