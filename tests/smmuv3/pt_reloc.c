/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 table builder: the relocation list is exactly the words that hold
 * a table address (found by following the tables), relocating at two bases
 * changes exactly those words; seeded random policies; determinism; the
 * -ENOSPC protocol.
 */
#include <CUnit/Basic.h>
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pttest.h"

static uint64_t want[MAXREL];
static size_t nwant;

static void walk_table(uint64_t t, unsigned level)
{
	for (unsigned i = 0; i < 512; i++) {
		uint64_t e = w(t + i * 8);

		if (level < 3 && (e & 3) == 3) {
			want[nwant++] = t + i * 8;
			walk_table(e & SMMUV3_PTE_ADDR_MASK, level + 1);
		}
	}
}

/* Every word that holds a table address, found by following the tables. */
static void pointer_words(unsigned stage, unsigned top)
{
	unsigned log2 = out.strtab_cfg & 0x3f, split = (out.strtab_cfg >> 6) & 0x1f;
	bool two = out.strtab_cfg >> 16 & 1;
	uint64_t nste = 1ull << log2, l2 = 0;

	nwant = 0;
	for (uint64_t sid = 0; sid < nste; sid++) {
		uint64_t ste;

		if (two) {
			uint64_t l1d = out.strtab + (sid >> split) * 8, d = w(l1d);

			if (!(d & 0x1f)) {
				sid |= (1ull << split) - 1;
				continue;
			}
			if ((sid & ((1ull << split) - 1)) == 0)
				want[nwant++] = l1d;
			l2 = d & SMMUV3_L1_ADDR_MASK;
			ste = l2 + (sid & ((1ull << split) - 1)) * 64;
		} else {
			ste = out.strtab + sid * 64;
		}
		if (!(w(ste) & 1))
			continue;
		if (stage == 1) {
			uint64_t cd = w(ste) & SMMUV3_STE0_S1CTXPTR_MASK;

			want[nwant++] = ste;
			/* a shared CD is listed once: at its first STE */
			bool seen = false;

			for (size_t k = 0; k < nwant; k++)
				seen |= want[k] == cd + 8;
			if (seen)
				continue;
			want[nwant++] = cd + 8;
			walk_table(w(cd + 8) & SMMUV3_CD1_TTB0_MASK, top);
		} else {
			uint64_t t = w(ste + 24) & SMMUV3_STE3_S2TTB_MASK;
			bool seen = false;

			want[nwant++] = ste + 24;
			for (size_t k = 0; k + 1 < nwant; k++)
				seen |= w(want[k]) == t && (want[k] & 63) == 24;
			if (!seen)
				walk_table(t, top);
		}
	}
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static uint8_t copy_a[MAXPAGES * 4096], copy_b[MAXPAGES * 4096];

static void check_relocs(const struct smmuv3_policy *pol)
{
	const uint64_t a = 0x5c000000, b = 0x12345670000ull;
	size_t bytes, diff = 0, k = 0;

	CU_ASSERT_EQUAL_FATAL(build(pol), 0);
	pointer_words(pol->prof.stage, pol->prof.ias == 48 ? 0 : 1);
	qsort(want, nwant, sizeof(*want), u64_cmp);
	CU_ASSERT_EQUAL_FATAL(out.nrelocs, nwant);
	for (size_t i = 0; i < nwant; i++) {
		CU_ASSERT_EQUAL(relocs[i], want[i]);
		if (i)
			CU_ASSERT(relocs[i] > relocs[i - 1]);
	}
	bytes = out.npages * 4096;
	memcpy(copy_a, pool, bytes);
	memcpy(copy_b, pool, bytes);
	CU_ASSERT_EQUAL_FATAL(smmuv3_relocate(copy_a, out.npages, relocs, out.nrelocs, a), 0);
	CU_ASSERT_EQUAL_FATAL(smmuv3_relocate(copy_b, out.npages, relocs, out.nrelocs, b), 0);
	for (size_t off = 0; off < bytes; off += 8) {
		uint64_t x, y;

		memcpy(&x, copy_a + off, 8);
		memcpy(&y, copy_b + off, 8);
		if (x == y)
			continue;
		diff++;
		while (k < out.nrelocs && relocs[k] < off)
			k++;
		CU_ASSERT(k < out.nrelocs && relocs[k] == off);
		CU_ASSERT_EQUAL(le64toh(y) - le64toh(x), b - a);
		CU_ASSERT_EQUAL(le64toh(x) - w(off), a);
	}
	CU_ASSERT_EQUAL(diff, out.nrelocs);
}

static const struct smmuv3_range mix_a[] = {{0x1000, 0x3000, 1},
					    {0x200000, 0x400000, RW},
					    {0x7fff000, 0x2000, RW},
					    {0x40000000, 0x40001000, 1},
					    {0x4000000000ull, 0x1000, RW}};
static const struct smmuv3_range mix_b[] = {{0x0, 0x1000, RW}, {0x3ffff000, 0x1000, 1}};

static void test_relocs_complete(void)
{
	struct smmuv3_domain_in dom[] = {{5, mix_a, 5}, {6, mix_b, 2}, {7, NULL, 0}};
	struct smmuv3_device_in dev[] = {{0, 1}, {8, 0}, {9, 0}, {0x100, 2}, {0x2345, 1}};
	struct smmuv3_policy pol = {prof(1, 48, 48, true, true, true), dom, 3, dev, 5};

	check_relocs(&pol);
	pol.prof.stage = 2;
	check_relocs(&pol);
	pol.prof = prof(2, 39, 40, true, false, false);
	check_relocs(&pol);
	pol.prof.stage = 1;
	check_relocs(&pol);
}

static uint64_t seed = 0x5eed;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(seed >> 33) % n;
}

/* One range of a random domain: pages, 2 MiB and 1 GiB runs, some adjacent. */
static struct smmuv3_range rnd_range(uint64_t *at, unsigned stage)
{
	uint64_t len = 1 + rnd(3), gap = rnd(4);
	struct smmuv3_range r;

	len <<= rnd(3) == 0 ? 21 : 12;
	gap <<= 12 + 9 * rnd(3);
	*at += rnd(3) == 0 ? 0 : gap;
	if (rnd(8) == 0) {
		len = 1ull << 30;
		*at = (*at + len - 1) & ~(len - 1);
	}
	r = (struct smmuv3_range){*at, len, 1 + rnd(3)};
	if (stage == 1 && r.perms == SMMUV3_PERM_W)
		r.perms = RW;
	*at += len;
	return r;
}

/* Seeded random policies: a dry run counts what the real run writes, and the relocations are
 * complete. */
static void test_random(void)
{
	static struct smmuv3_range rr[4][6];
	struct smmuv3_domain_in dom[4];
	struct smmuv3_device_in dev[8];
	struct smmuv3_policy pol;
	unsigned built = 0;

	for (unsigned it = 0; it < 300; it++) {
		struct smmuv3_build_out dry = {0};
		size_t nd, nv;
		uint32_t sid = 0;

		pol.prof.stage = 1 + rnd(2);
		pol.prof.ias = rnd(2) ? 48 : 39;
		/* a stage-2 input is never wider than the output */
		pol.prof.oas = pol.prof.stage == 2 && pol.prof.ias == 48 ? 48 : 40;
		pol.prof.blk2m = rnd(2);
		pol.prof.blk1g = rnd(2);
		pol.prof.st_2lvl = rnd(2);
		nd = 1 + rnd(4);
		for (size_t d = 0; d < nd; d++) {
			uint64_t at = (uint64_t)rnd(64) << 12;

			dom[d] = (struct smmuv3_domain_in){(uint16_t)(d + 1), rr[d], rnd(7)};
			for (size_t k = 0; k < dom[d].nranges; k++)
				rr[d][k] = rnd_range(&at, pol.prof.stage);
		}
		nv = rnd(8);
		for (size_t i = 0; i < nv; i++) {
			sid += 1 + (rnd(4) == 0 ? rnd(8192) : rnd(70));
			dev[i] = (struct smmuv3_device_in){sid, rnd((unsigned)nd)};
		}
		pol.domains = dom;
		pol.ndomains = nd;
		pol.devices = dev;
		pol.ndevices = nv;
		CU_ASSERT_EQUAL_FATAL(smmuv3_build(&pol, &dry), 0);
		if (dry.npages > MAXPAGES)
			continue;
		built++;
		check_relocs(&pol);
		CU_ASSERT_EQUAL(out.npages, dry.npages);
		CU_ASSERT_EQUAL(out.nrelocs, dry.nrelocs);
		CU_ASSERT_EQUAL(out.sizes_used, dry.sizes_used);
		CU_ASSERT_EQUAL(out.strtab, dry.strtab);
		CU_ASSERT_EQUAL(out.strtab_cfg, dry.strtab_cfg);
		CU_ASSERT_EQUAL(out.strtab % out.strtab_align, 0);
	}
	CU_ASSERT(built > 200);
}

static void test_deterministic(void)
{
	struct smmuv3_domain_in dom[] = {{5, mix_a, 5}, {6, mix_b, 2}};
	struct smmuv3_device_in dev[] = {{0, 1}, {8, 0}, {0x2345, 1}};
	struct smmuv3_policy pol = {prof(2, 48, 48, true, true, true), dom, 2, dev, 3};
	static uint64_t rel2[MAXREL];
	size_t bytes, nrel;

	memset(pool, 0xa5, sizeof(pool));
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	bytes = out.npages * 4096;
	nrel = out.nrelocs;
	memcpy(copy_a, pool, bytes);
	memcpy(rel2, relocs, nrel * 8);
	memset(pool, 0x5a, sizeof(pool));
	memset(relocs, 0x5a, sizeof(relocs));
	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	CU_ASSERT_EQUAL(out.npages * 4096, bytes);
	CU_ASSERT_EQUAL(out.nrelocs, nrel);
	CU_ASSERT(memcmp(copy_a, pool, bytes) == 0);
	CU_ASSERT(memcmp(rel2, relocs, nrel * 8) == 0);
}
static void test_enospc(void)
{
	struct smmuv3_domain_in dom[] = {{5, mix_a, 5}, {6, mix_b, 2}};
	struct smmuv3_device_in dev[] = {{0, 1}, {8, 0}, {0x2345, 1}};
	struct smmuv3_policy pol = {prof(1, 48, 48, true, true, true), dom, 2, dev, 3};
	struct smmuv3_build_out o = {0};
	size_t np, nr;

	CU_ASSERT_EQUAL_FATAL(build(&pol), 0);
	np = out.npages;
	nr = out.nrelocs;
	memcpy(copy_a, pool, np * 4096);
	memcpy(want, relocs, nr * 8);

	CU_ASSERT_EQUAL(smmuv3_build(&pol, &o), 0); /* dry run */
	CU_ASSERT_EQUAL(o.npages, np);
	CU_ASSERT_EQUAL(o.nrelocs, nr);
	CU_ASSERT_EQUAL(o.strtab_cfg, out.strtab_cfg);
	CU_ASSERT_EQUAL(o.strtab, out.strtab);

	/* exactly sized buffers, so that the sanitizer sees a write past them */
	for (size_t short_pages = 0; short_pages < np; short_pages++) {
		uint8_t *p = malloc(short_pages * 4096 + 1);
		uint64_t *rl = malloc(nr * 8);

		CU_ASSERT_FATAL(p && rl);
		o = (struct smmuv3_build_out){.pool = p, .pool_pages = short_pages,
					      .relocs = rl, .reloc_cap = nr};
		CU_ASSERT_EQUAL(smmuv3_build(&pol, &o), -ENOSPC);
		CU_ASSERT_EQUAL(o.npages, np);
		CU_ASSERT_EQUAL(o.nrelocs, nr);
		free(p);
		free(rl);
	}
	for (size_t cap = 0; cap < nr; cap++) {
		uint64_t *rl = malloc(cap * 8 + 1);

		CU_ASSERT_FATAL(rl != NULL);
		o = (struct smmuv3_build_out){.pool = pool, .pool_pages = np,
					      .relocs = rl, .reloc_cap = cap};
		CU_ASSERT_EQUAL(smmuv3_build(&pol, &o), -ENOSPC);
		CU_ASSERT_EQUAL(o.npages, np);
		CU_ASSERT_EQUAL(o.nrelocs, nr);
		free(rl);
	}
	o = (struct smmuv3_build_out){.pool = pool, .pool_pages = np, .relocs = NULL};
	CU_ASSERT_EQUAL(smmuv3_build(&pol, &o), -ENOSPC);

	memset(pool, 0xee, sizeof(pool));
	o = (struct smmuv3_build_out){.pool = pool, .pool_pages = np, .relocs = relocs,
				      .reloc_cap = nr};
	CU_ASSERT_EQUAL_FATAL(smmuv3_build(&pol, &o), 0);
	CU_ASSERT(memcmp(copy_a, pool, np * 4096) == 0);
	CU_ASSERT(memcmp(want, relocs, nr * 8) == 0);
}

const struct cu_case pt_reloc_cases[] = {
	{"relocations complete, two bases", test_relocs_complete},
	{"random policies: dry run, relocations", test_random},
	{"deterministic on a dirty pool", test_deterministic},
	{"-ENOSPC, then success", test_enospc},
};
const size_t pt_reloc_ncases = CU_COUNT(pt_reloc_cases);
