/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SMMUv3 builder against the proof on thousands of seeded random
 * policies, wider than test_verify.c's 300: up to 6 domains (some empty,
 * some shared) of up to 12 ranges (adjacent ones with other permissions,
 * write-only at stage 2, 2 MiB and 1 GiB runs, ranges ending at the top of
 * the input or output size), up to 24 devices on StreamIDs dense or sparse
 * up to 2^20, every profile (stage, ias 39/48, oas, blocks, stream-table
 * format), relocated at a random base. Every build proves. Then the
 * builder's own tables, not hand-made ones, are corrupted one word at a
 * time where the device-reachable trees show it (a leaf's permission, a
 * valid bit, an STE's S2TTB or CD pointer or a CD's TTB0 moved by a page,
 * a leaf's output moved): the proof must report each, on a device that
 * reaches the word.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smmuv3/smmuv3_verify.h"
#include "cu_run.h"
#include "util/le.h"

#define NPOL	2000
#define MAXDOM	6
#define MAXRNG	12
#define MAXDEV	24
#define MAXCAND 8192
#define K4	0x1000ull
#define M2	(1ull << 21)
#define G1	(1ull << 30)

static uint64_t seed = 0x243f6a8885a308d3ull;

/* xorshift64*: the suite's own, so a seed gives the same policies anywhere. */
static uint64_t rnd(uint64_t n)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return n ? (seed * 0x2545f4914f6cdd1dull) % n : 0;
}

struct rpol {
	struct smmuv3_policy p;
	struct smmuv3_domain_in dom[MAXDOM];
	struct smmuv3_range rg[MAXDOM][MAXRNG];
	struct smmuv3_device_in dev[MAXDEV];
};

static uint32_t rperms(unsigned stage)
{
	if (stage == 1) /* W alone is the policy layer's to widen */
		return rnd(2) ? SMMUV3_PERM_R : SMMUV3_PERM_R | SMMUV3_PERM_W;
	return 1 + (uint32_t)rnd(3);
}

/*
 * Ranges of one domain, ascending from a start near 0, anywhere, or near
 * the top. 1 GiB runs only with 2 MiB blocks, else a run is 2^18 leaves to
 * walk.
 */
static size_t rranges(struct smmuv3_range *r, const struct smmuv3_profile *pr, uint64_t top)
{
	size_t n = rnd(MAXRNG + 1), k;
	uint64_t at;

	switch (rnd(3)) {
	case 0:
		at = rnd(64) * K4;
		break;
	case 1:
		at = rnd(top >> 12) << 12;
		break;
	default:
		at = top - (1 + rnd(3)) * G1 + rnd(512) * K4;
		break;
	}
	for (k = 0; k < n; k++) {
		uint64_t len, align;

		switch (rnd(6)) {
		case 0:
			len = (1 + rnd(3)) * M2;
			at = (at + M2 - 1) & ~(M2 - 1);
			break;
		case 1:
			len = (1 + rnd(3)) * M2; /* unaligned: pages */
			break;
		case 2: /* 2 MiB aligned at least: else 2^18 pages to walk */
			len = pr->blk2m ? G1 : M2;
			align = rnd(2) ? len : M2;
			at = (at + align - 1) & ~(align - 1);
			break;
		default:
			len = (1 + rnd(12)) * K4;
			break;
		}
		if (at >= top || len > top - at)
			break;
		r[k] = (struct smmuv3_range){at, len, rperms(pr->stage)};
		at += len;
		/* adjacent (another permission, or the same: one run), or a gap */
		if (rnd(3))
			at += rnd(4) ? rnd(16) * K4 : (1 + rnd(64)) * M2;
	}
	return k;
}

static void rpolicy(struct rpol *rp)
{
	struct smmuv3_profile *pr = &rp->p.prof;
	static const unsigned oases[] = {36, 40, 42, 44, 48};
	uint64_t top;
	uint32_t sid = 0;
	size_t nd, nv;

	pr->stage = 1 + (unsigned)rnd(2);
	pr->ias = rnd(2) ? 48 : 39;
	do /* a stage-2 input is never wider than the output */
		pr->oas = oases[rnd(5)];
	while (pr->stage == 2 && pr->oas < pr->ias);
	pr->blk2m = rnd(4) != 0;
	pr->blk1g = rnd(2);
	pr->st_2lvl = rnd(3) != 0;
	top = 1ull << (pr->ias < pr->oas ? pr->ias : pr->oas);
	nd = 1 + rnd(MAXDOM);
	for (size_t d = 0; d < nd; d++) {
		size_t n;
		bool same;

		/* no two domains grant alike: a pointer moved to another's tree shows */
		do {
			n = rranges(rp->rg[d], pr, top);
			same = false;
			for (size_t e = 0; n && e < d; e++)
				same |=
				    rp->dom[e].nranges && rp->rg[e][0].start == rp->rg[d][0].start;
		} while (same);
		rp->dom[d] =
		    (struct smmuv3_domain_in){(uint16_t)(1 + d * 7 + rnd(7)), rp->rg[d], n};
	}
	/* sparse only where a 2-level table may hold them: a linear 2^20 is 64 MiB */
	nv = 1 + rnd(MAXDEV);
	for (size_t i = 0; i < nv; i++) {
		uint32_t step = rnd(3) ? 1 + (uint32_t)rnd(8) : 1 + (uint32_t)rnd(1u << 17);

		if (!pr->st_2lvl)
			step = 1 + step % 300;
		if (sid + step >= 1u << 20)
			break;
		sid += step;
		rp->dev[i] = (struct smmuv3_device_in){sid, (uint32_t)rnd(nd)};
		rp->p.ndevices = i + 1;
	}
	rp->p.domains = rp->dom;
	rp->p.ndomains = nd;
	rp->p.devices = rp->dev;
}

/* A word the proof must see changed, and the device or domain that reaches it. */
enum kind { LEAF_PERM, LEAF_OA, TABLE, STE_V, L1D, CD_V, STE_PTR, CD_TTB, NKIND };

static const char *const kind_name[NKIND] = {
    "leaf permission", "leaf output", "table valid", "STE valid",
    "L1 span",	       "CD valid",    "STE pointer", "CD TTB0",
};

struct cand {
	uint64_t off;
	bool leaf; /* LEAF_* (else the kind is fixed) */
	enum kind kind;
	unsigned level;
	uint32_t dom;
	uint32_t sid;
};

static struct cand cand[MAXCAND];
static size_t ncand;
static const uint8_t *pool;
static size_t npool;

static uint64_t word(uint64_t off)
{
	return off + 8 <= npool * K4 ? le64_get(pool + off) : 0;
}

static void add(uint64_t off, enum kind k, unsigned level, uint32_t dom, uint32_t sid)
{
	if (ncand < MAXCAND)
		cand[ncand++] = (struct cand){off, k == LEAF_PERM, k, level, dom, sid};
}

/* The entries of one tree, before relocation (addresses are pool offsets). */
static void tree(uint64_t t, unsigned level, uint32_t dom)
{
	for (unsigned i = 0; i < 512 && t + K4 <= npool * K4; i++) {
		uint64_t e = word(t + i * 8);

		if (!(e & SMMUV3_PTE_VALID))
			continue;
		if (level < 3 && (e & SMMUV3_PTE_TABLE)) {
			add(t + i * 8, TABLE, level, dom, 0);
			tree(e & SMMUV3_PTE_ADDR_MASK, level + 1, dom);
		} else {
			add(t + i * 8, LEAF_PERM, level, dom, 0);
		}
	}
}

/* Every word a device of the policy reaches, each domain's tree once. */
static void candidates(const struct rpol *rp, const struct smmuv3_build_out *o)
{
	bool two = (o->strtab_cfg >> SMMUV3_STRTAB_FMT_SHIFT & 3) == SMMUV3_STRTAB_FMT_2LVL;
	unsigned split = (o->strtab_cfg & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT;
	unsigned level0 = rp->p.prof.ias == 48 ? 0 : 1;
	bool walked[MAXDOM] = {false};

	ncand = 0;
	for (size_t i = 0; i < rp->p.ndevices; i++) {
		uint32_t sid = rp->dev[i].sid, d = rp->dev[i].domain;
		uint64_t ste = o->strtab + (uint64_t)sid * 64;

		if (two) {
			uint64_t l1 = o->strtab + (uint64_t)(sid >> split) * 8;

			if (!(word(l1) & SMMUV3_L1_SPAN_MASK))
				continue;
			ste = (word(l1) & SMMUV3_L1_ADDR_MASK) +
			      (uint64_t)(sid & ((1u << split) - 1)) * 64;
			if (word(ste) & SMMUV3_STE0_V)
				add(l1, L1D, split, d, sid);
		}
		if (!(word(ste) & SMMUV3_STE0_V))
			continue;
		add(ste, STE_V, 0, d, sid);
		add(ste + (rp->p.prof.stage == 1 ? 0 : 24), STE_PTR, 0, d, sid);
		if (walked[d])
			continue;
		walked[d] = true;
		if (rp->p.prof.stage == 1) {
			uint64_t cd = word(ste) & SMMUV3_STE0_S1CTXPTR_MASK;

			add(cd, CD_V, 0, d, 0);
			add(cd + 8, CD_TTB, 0, d, 0);
			tree(word(cd + 8) & SMMUV3_CD1_TTB0_MASK, level0, d);
		} else {
			tree(word(ste + 24) & SMMUV3_STE3_S2TTB_MASK, level0, d);
		}
	}
}

/* A pointer moved from at to to shows: what it finds there differs, or is out of the pool. */
static bool moved_shows(const uint8_t *pg, size_t npages, uint64_t at, uint64_t to, size_t len)
{
	return to + len > npages * K4 || memcmp(pg + at, pg + to, len) != 0;
}

/* One word of cand c in the relocated copy cp, changed so that what a device may do changes. */
static uint64_t corrupted(const struct rpol *rp, const uint8_t *cp, size_t npages, uint64_t base,
			  struct cand *c)
{
	uint64_t v = le64_get(cp + c->off), mask, at, size;
	size_t len = K4;

	switch (c->kind) {
	case LEAF_PERM:
		if (rp->p.prof.stage == 1)
			return v ^ SMMUV3_PTE_S1_AP2;
		return v ^ (rnd(2) ? SMMUV3_PTE_S2AP_R : SMMUV3_PTE_S2AP_W);
	case LEAF_OA: /* by its own size: another identity-mapped leaf's output */
		size = 1ull << (12 + 9 * (3 - c->level));
		return (v & SMMUV3_PTE_ADDR_MASK) >= size ? v - size : v + size;
	case TABLE:
	case STE_V:
		return v & ~SMMUV3_PTE_VALID;
	case L1D:
		return v & ~(uint64_t)SMMUV3_L1_SPAN_MASK;
	case CD_V:
		return v & ~SMMUV3_CD0_V;
	default:
		break;
	}
	if (c->kind == CD_TTB)
		mask = SMMUV3_CD1_TTB0_MASK;
	else if (rp->p.prof.stage == 1)
		mask = SMMUV3_STE0_S1CTXPTR_MASK, len = SMMUV3_CD_BYTES;
	else
		mask = SMMUV3_STE3_S2TTB_MASK;
	at = (v & mask) - base;
	if (moved_shows(cp, npages, at, at + K4, len) || at < K4)
		return v + K4;
	return v - K4;
}

static unsigned tried[NKIND], caught[NKIND];

/*
 * Corrupts one word of the relocated copy cp and proves it: the proof must
 * report a difference on the device whose entry it is, or on a device of
 * the domain whose tree or CD it is.
 */
static void corrupt(const struct rpol *rp, uint8_t *cp, const struct smmuv3_build_out *o,
		    uint64_t base)
{
	enum kind want = (enum kind)rnd(NKIND);
	struct smmuv3_mismatch mm = {0};
	size_t pick[MAXCAND], n = 0;
	bool reaches = false;
	struct cand c;
	int rc;

	/* every kind alike, where the policy has one: leaves outnumber the rest */
	for (size_t i = 0; i < ncand; i++)
		if (cand[i].kind == want || (cand[i].leaf && want == LEAF_OA))
			pick[n++] = i;
	c = n ? cand[pick[rnd(n)]] : cand[rnd(ncand)];
	if (c.leaf)
		c.kind = want == LEAF_OA ? LEAF_OA : LEAF_PERM;

	le64_put(cp + c.off, corrupted(rp, cp, o->npages, base, &c));
	tried[c.kind]++;
	rc = smmuv3_verify(&rp->p, cp, o->npages, base, base + o->strtab, o->strtab_cfg, &mm, NULL);
	if (c.kind == L1D) /* the span's first device shows it */
		reaches = mm.sid >> c.level == c.sid >> c.level;
	else if (c.sid)
		reaches = mm.sid == c.sid;
	else
		for (size_t i = 0; i < rp->p.ndevices; i++)
			reaches |= rp->dev[i].sid == mm.sid && rp->dev[i].domain == c.dom;
	if (rc != 1 || !reaches)
		fprintf(stderr, "%s at 0x%llx (stage %u): verify %d, StreamID %u\n",
			kind_name[c.kind], (unsigned long long)c.off, rp->p.prof.stage, rc, mm.sid);
	CU_ASSERT_EQUAL(rc, 1);
	CU_ASSERT(reaches);
	caught[c.kind] += rc == 1 && reaches;
}

static unsigned built, linear, twolevel, corrupted_n;
static size_t walks;

/* A base for table memory: aligned for the stream table, above 0, within the output. */
static uint64_t rbase(const struct smmuv3_profile *pr, uint64_t align, size_t bytes)
{
	uint64_t room = (1ull << (pr->oas < 44 ? pr->oas : 44)) - bytes;
	uint64_t b = rnd(2) ? rnd(1ull << 32) : rnd(room);

	b &= ~(align - 1);
	if (!b)
		b = align;
	return b > room ? align : b;
}

static void one(struct rpol *rp, bool corrupt_it)
{
	struct smmuv3_build_out o = {0};
	uint64_t *rel, base, align;
	uint8_t *pg, *cp;
	size_t bytes, n;
	int rc;

	rc = smmuv3_build(&rp->p, &o); /* a dry run sizes the pool */
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	align = o.strtab_align > K4 ? o.strtab_align : K4;
	bytes = (o.npages * K4 + align - 1) / align * align;
	pg = aligned_alloc(align, bytes);
	cp = malloc(bytes);
	rel = calloc(o.nrelocs + 1, sizeof(*rel));
	CU_ASSERT_FATAL(pg && cp && rel);
	memset(pg, 0, bytes);
	o.pool = pg;
	o.pool_pages = o.npages;
	o.relocs = rel;
	o.reloc_cap = o.nrelocs;
	CU_ASSERT_EQUAL_FATAL(smmuv3_build(&rp->p, &o), 0);
	built++;
	if ((o.strtab_cfg >> SMMUV3_STRTAB_FMT_SHIFT & 3) == SMMUV3_STRTAB_FMT_2LVL)
		twolevel++;
	else
		linear++;
	pool = pg;
	npool = o.npages;
	candidates(rp, &o);
	base = rbase(&rp->p.prof, align, bytes);
	CU_ASSERT_EQUAL(smmuv3_relocate(pg, o.npages, rel, o.nrelocs, base), 0);
	n = 0;
	rc = smmuv3_verify(&rp->p, pg, o.npages, base, base + o.strtab, o.strtab_cfg, NULL, &n);
	CU_ASSERT_EQUAL(rc, 0);
	walks += n;
	if (corrupt_it && ncand) {
		memcpy(cp, pg, o.npages * K4);
		corrupt(rp, cp, &o, base);
		corrupted_n++;
	}
	free(pg);
	free(cp);
	free(rel);
}

/* Every random policy builds and proves; every corrupted copy is caught. */
static void test_random(void)
{
	struct timespec t0, t1;
	struct rpol *rp = malloc(sizeof(*rp));

	CU_ASSERT_FATAL(rp != NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned k = 0; k < NPOL; k++) {
		memset(rp, 0, sizeof(*rp));
		rpolicy(rp);
		one(rp, true);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	free(rp);
	printf("\n  %u policies (%u linear, %u 2-level stream tables), %zu walks, %u corrupted "
	       "copies caught in %.1f s:",
	       built, linear, twolevel, walks, corrupted_n,
	       (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	for (unsigned k = 0; k < NKIND; k++)
		printf(" %s %u/%u,", kind_name[k], caught[k], tried[k]);
	printf("\n");
	CU_ASSERT_EQUAL(built, NPOL);
	CU_ASSERT(linear > NPOL / 10 && twolevel > NPOL / 10);
	for (unsigned k = 0; k < NKIND; k++) {
		CU_ASSERT(tried[k] > 20);
		CU_ASSERT_EQUAL(caught[k], tried[k]);
	}
}

int main(void)
{
	static const struct cu_case cases[] = {
	    {"random policies prove, corrupted copies do not", test_random},
	};

	return CU_RUN("smmuv3_tables_rand", cases);
}
