/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 live domains: their tables in the pool, written in an order the
 * unit may walk at any moment. A new table is zeroed and filled before
 * the entry that links it is written (one recursive pass does both, a
 * child before its parent's entry). A leaf that changes is cleared first,
 * the tag invalidated (TLBI and CMD_SYNC), and only then written again
 * (break-before-make: the unit never holds two translations of one page).
 * An unmap clears the leaves and the links of tables it leaves empty,
 * invalidates, and only then gives those pages back. Every op counts the
 * pages it needs before it writes anything, so -ENOMEM changes nothing.
 * Only 4 KiB leaves are written: a range of any alignment maps, and an
 * unmap never has to split a block.
 */
#include <errno.h>
#include <stdlib.h>

#include "iommu/arch.h"
#include "iommu/devmem.h"
#include "smmuv3/smmuv3_live.h"
#include "smmuv3/smmuv3_regs.h"

static const unsigned oas_bits[] = {32, 36, 40, 42, 44, 48, 52};

static uint64_t oas_code(unsigned oas)
{
	uint64_t i = 0;

	while (i < 6 && oas_bits[i] != oas)
		i++;
	return i;
}

static struct lv_dom *dom_of(struct iommu_live *l, int dom)
{
	if (dom < 0 || (size_t)dom >= l->ndoms || !l->doms[dom].used)
		return NULL;
	return &l->doms[dom];
}

/* ---- one pass over a range of a domain's tables -------------------------- */

enum lv_mode { LV_NEED, LV_DIFF, LV_MAP, LV_CLEAR, LV_FREE };

struct lv_pass {
	struct iommu_live *l;
	struct unit_io *io;
	size_t g;
	enum lv_mode mode;
	uint64_t s, e;		       /* the range, [s, e) */
	uint64_t iova, pa, leaf_attrs; /* LV_MAP and LV_DIFF: the new leaves */
	size_t count; /* pages needed (NEED), leaves that differ (DIFF) or cleared (CLEAR) */
	bool prune;   /* LV_CLEAR: unlink the tables it empties (an unmap) */
	uint64_t *fl; /* LV_CLEAR: tables unlinked, freed after the invalidation */
	size_t nfl, cfl;
};

/* A table a valid entry of ours links: its offset, or -EIO if it is not a pool page. */
static int child(const struct lv_pass *p, uint64_t ent, uint64_t *off)
{
	const struct iommu_pool *pl = &p->l->groups[p->g].pool;
	uint64_t a = ent & SMMUV3_PTE_ADDR_MASK;

	if (!(ent & SMMUV3_PTE_TABLE) || a < p->io->table_phys)
		return -EIO;
	a -= p->io->table_phys;
	if (a < pl->off || (a - pl->off) / IOMMU_PAGE_SIZE >= pl->npages)
		return -EIO;
	*off = a;
	return 0;
}

/*
 * The tables a fresh subtree at level needs for [s, e), itself included:
 * at each level, the windows of one table there that the range touches.
 */
static size_t fresh(unsigned level, uint64_t s, uint64_t e)
{
	size_t n = 0;

	for (unsigned lv = level; lv <= 3; lv++) {
		uint64_t w = SMMUV3_LEVEL_SPAN(lv) * SMMUV3_PT_ENTRIES;

		n += (size_t)((e - 1) / w - s / w + 1);
	}
	return n;
}

static bool all_zero(const struct unit_io *io, uint64_t off)
{
	for (unsigned i = 0; i < SMMUV3_PT_ENTRIES; i++)
		if (lv_rd(io, off + 8ull * i))
			return false;
	return true;
}

/* Keeps room for one more table to free; false: leave it linked (it stays in the domain). */
static bool fl_room(struct lv_pass *p)
{
	uint64_t *n;

	if (p->nfl < p->cfl)
		return true;
	n = realloc(p->fl, (p->cfl ? p->cfl * 2 : 16) * sizeof(*n));
	if (!n)
		return false;
	p->fl = n;
	p->cfl = p->cfl ? p->cfl * 2 : 16;
	return true;
}

static int pass(struct lv_pass *p, uint64_t t, unsigned level, uint64_t s, uint64_t e);

/* Slot at off of a table at level (< 3), covering [s, e): the subtree below it. */
static int slot(struct lv_pass *p, uint64_t off, unsigned level, uint64_t s, uint64_t e)
{
	uint64_t ent = lv_rd(p->io, off), c;
	int rc;

	if (!(ent & SMMUV3_PTE_VALID)) {
		/* beyond the pool: no need to count a hostile length to its end */
		if (p->mode == LV_NEED &&
		    (p->count += fresh(level + 1, s, e)) > p->l->groups[p->g].pool.nfree)
			return -ENOMEM;
		if (p->mode != LV_MAP)
			return 0;
		if ((rc = lv_page(p->l, p->g, &c)))
			return rc; /* counted before: never */
		if ((rc = pass(p, c, level + 1, s, e)))
			return rc;
		lv_flush(p->io, c, IOMMU_PAGE_SIZE);
		lv_wr(p->io, off, (p->io->table_phys + c) | SMMUV3_PTE_VALID | SMMUV3_PTE_TABLE);
		lv_flush(p->io, off, 8);
		return 0;
	}
	if ((rc = child(p, ent, &c)) || (rc = pass(p, c, level + 1, s, e)))
		return rc;
	if (p->mode == LV_FREE) {
		iommu_pool_free(&p->l->groups[p->g].pool, c);
	} else if (p->mode == LV_CLEAR && p->prune && all_zero(p->io, c) && fl_room(p)) {
		lv_wr(p->io, off, 0);
		lv_flush(p->io, off, 8);
		p->fl[p->nfl++] = c;
	}
	return 0;
}

/* Level 3: the leaves of [s, e). */
static void leaves(struct lv_pass *p, uint64_t t, uint64_t s, uint64_t e)
{
	for (uint64_t a = s; a < e; a += SMMUV3_PAGE_SIZE) {
		uint64_t off = t + (a >> SMMUV3_PAGE_SHIFT & (SMMUV3_PT_ENTRIES - 1)) * 8;
		uint64_t cur = lv_rd(p->io, off), want = (p->pa + (a - p->iova)) | p->leaf_attrs;

		if (p->mode == LV_MAP) {
			lv_wr(p->io, off, want);
		} else if (p->mode == LV_DIFF) {
			p->count += (cur & SMMUV3_PTE_VALID) && cur != want;
		} else if (p->mode == LV_CLEAR && (cur & SMMUV3_PTE_VALID) &&
			   (!p->leaf_attrs || cur != want)) {
			lv_wr(p->io, off, 0);
			p->count++;
		}
	}
	if (p->mode != LV_DIFF)
		lv_flush(p->io, t, IOMMU_PAGE_SIZE);
}

/* The table at t (level) whose window holds [s, e). */
static int pass(struct lv_pass *p, uint64_t t, unsigned level, uint64_t s, uint64_t e)
{
	uint64_t span = SMMUV3_LEVEL_SPAN(level);
	int rc;

	if (level == 3) {
		if (p->mode != LV_NEED && p->mode != LV_FREE)
			leaves(p, t, s, e);
		return 0;
	}
	for (uint64_t a = s; a < e;) {
		uint64_t next = (a & ~(span - 1)) + span;
		uint64_t end = next < e && next > a ? next : e;
		uint64_t off = t + (a / span % SMMUV3_PT_ENTRIES) * 8;

		if ((rc = slot(p, off, level, a, end)))
			return rc;
		a = end;
	}
	return 0;
}

/* A pass of mode m over [s, e) of dm's tables. */
static struct lv_pass pass_of(struct iommu_live *l, const struct lv_dom *dm, enum lv_mode m,
			      uint64_t s, uint64_t e)
{
	return (struct lv_pass){
	    .l = l, .io = l->groups[dm->group].io, .g = dm->group, .mode = m, .s = s, .e = e};
}

static int run(struct lv_pass *p, const struct lv_dom *dm)
{
	return pass(p, dm->top, p->l->top_level, p->s, p->e);
}

/* ---- domains ------------------------------------------------------------ */

static int tag_new(struct iommu_live *l)
{
	for (unsigned t = 1; t <= l->tag_max; t++)
		if (!(l->tags[t / 64] & 1ull << (t % 64)))
			return (int)t;
	return -ENOSPC;
}

static int slot_new(struct iommu_live *l)
{
	struct lv_dom *n;
	size_t i, cap;

	for (i = 0; i < l->ndoms; i++)
		if (!l->doms[i].used)
			return (int)i;
	/* a handle is an int; there are at most LV_TAGS domains anyway */
	if (l->ndoms >= LV_TAGS)
		return -ENOSPC;
	cap = l->ndoms ? l->ndoms * 2 : 8;
	n = realloc(l->doms, cap * sizeof(*n));
	if (!n)
		return -ENOMEM;
	for (i = l->ndoms; i < cap; i++)
		n[i] = (struct lv_dom){0};
	i = l->ndoms;
	l->doms = n;
	l->ndoms = cap;
	return (int)i;
}

int lv_dom_new(struct iommu_live *l, size_t g)
{
	struct lv_group *gr;
	struct lv_dom *dm;
	struct unit_io *io;
	int tag, k;
	uint64_t top, cd = 0;

	if (g >= l->ngroups)
		return -EINVAL;
	gr = &l->groups[g];
	io = gr->io;
	if ((tag = tag_new(l)) < 0)
		return tag;
	if (gr->pool.nfree < (l->stage == 1 ? 2u : 1u))
		return -ENOMEM;
	if ((k = slot_new(l)) < 0)
		return k;
	lv_page(l, g, &top);
	if (l->stage == 1) {
		/* the CD is whole before any STE points to it */
		lv_page(l, g, &cd);
		lv_wr(io, cd + 8, (io->table_phys + top) & SMMUV3_CD1_TTB0_MASK);
		lv_wr(io, cd + 24, 0xff); /* MAIR attribute 0: Normal WB, as the builder's */
		lv_wr(io, cd,
		      (uint64_t)(64 - l->ias) | 1ull << SMMUV3_CD0_IRGN0_SHIFT |
			  1ull << SMMUV3_CD0_ORGN0_SHIFT | 3ull << SMMUV3_CD0_SH0_SHIFT |
			  SMMUV3_CD0_EPD1 | SMMUV3_CD0_V |
			  oas_code(l->oas) << SMMUV3_CD0_IPS_SHIFT | SMMUV3_CD0_AA64 |
			  SMMUV3_CD0_R | SMMUV3_CD0_A | SMMUV3_CD0_ASET |
			  (uint64_t)tag << SMMUV3_CD0_ASID_SHIFT);
		lv_flush(io, cd, SMMUV3_CD_BYTES);
	}
	dm = &l->doms[k];
	*dm = (struct lv_dom){.used = true, .group = g, .tag = (uint16_t)tag, .top = top, .cd = cd};
	l->tags[tag / 64] |= 1ull << (tag % 64);
	return k;
}

void lv_ste_for(const struct iommu_live *l, const struct lv_dom *dm, uint64_t ste[4], uint64_t phys)
{
	ste[1] = ste[2] = ste[3] = 0;
	if (l->stage == 1) {
		ste[0] = ((phys + dm->cd) & SMMUV3_STE0_S1CTXPTR_MASK) | SMMUV3_STE0_V |
			 (uint64_t)SMMUV3_STE_CONFIG_S1 << SMMUV3_STE0_CONFIG_SHIFT;
		/* S1DSS substream 0; CD fetches WB read-allocate, inner shareable */
		ste[1] = 2ull | 1ull << SMMUV3_STE1_S1CIR_SHIFT | 1ull << SMMUV3_STE1_S1COR_SHIFT |
			 3ull << SMMUV3_STE1_S1CSH_SHIFT;
		return;
	}
	ste[0] = SMMUV3_STE0_V | (uint64_t)SMMUV3_STE_CONFIG_S2 << SMMUV3_STE0_CONFIG_SHIFT;
	ste[2] = dm->tag | (uint64_t)(64 - l->ias) << SMMUV3_STE2_S2T0SZ_SHIFT |
		 (l->ias == 48 ? 2ull : 1ull) << SMMUV3_STE2_S2SL0_SHIFT |
		 1ull << SMMUV3_STE2_S2IR0_SHIFT | 1ull << SMMUV3_STE2_S2OR0_SHIFT |
		 3ull << SMMUV3_STE2_S2SH0_SHIFT | oas_code(l->oas) << SMMUV3_STE2_S2PS_SHIFT |
		 SMMUV3_STE2_S2AA64 | SMMUV3_STE2_S2R;
	ste[3] = (phys + dm->top) & SMMUV3_STE3_S2TTB_MASK;
}

static uint64_t leaf_attrs(const struct iommu_live *l, unsigned perms)
{
	uint64_t e = SMMUV3_PTE_VALID | SMMUV3_PTE_TABLE | SMMUV3_PTE_AF | SMMUV3_PTE_SH_IS;

	if (l->stage == 1)
		return e | SMMUV3_PTE_S1_AP1 | (perms & IOMMU_LIVE_W ? 0 : SMMUV3_PTE_S1_AP2);
	return e | 0xfull << SMMUV3_PTE_S2_MEMATTR_SHIFT |
	       (perms & IOMMU_LIVE_R ? SMMUV3_PTE_S2AP_R : 0) |
	       (perms & IOMMU_LIVE_W ? SMMUV3_PTE_S2AP_W : 0);
}

/* [a, a + len) page aligned, not empty, below 2^bits. */
static bool range_ok(uint64_t a, uint64_t len, unsigned bits)
{
	return !((a | len) & (SMMUV3_PAGE_SIZE - 1)) && len && a + len > a &&
	       (bits >= 64 || a + len <= 1ull << bits);
}

/* A device that can write a table (or a queue) can grant itself all memory. */
static bool over_table_memory(const struct iommu_live *l, uint64_t pa, uint64_t len)
{
	for (size_t i = 0; i < l->nunits; i++) {
		const struct unit_io *io = &l->units[i].u->io;
		uint64_t end = io->table_phys + io->table_size + io->table_held;

		if (pa < end && io->table_phys < pa + len)
			return true;
	}
	return false;
}

int lv_map(struct iommu_live *l, int dom, uint64_t iova, uint64_t pa, uint64_t len, unsigned perms)
{
	struct lv_dom *dm = dom_of(l, dom);
	struct lv_pass p;
	int rc;

	/* stage 1 reads whatever it may write: a write-only grant cannot be expressed */
	if (!dm || !perms || perms & ~(IOMMU_LIVE_R | IOMMU_LIVE_W) ||
	    (l->stage == 1 && perms == IOMMU_LIVE_W) || !range_ok(iova, len, l->ias) ||
	    !range_ok(pa, len, l->oas) || over_table_memory(l, pa, len))
		return -EINVAL;
	p = pass_of(l, dm, LV_NEED, iova, iova + len);
	p.iova = iova;
	p.pa = pa;
	p.leaf_attrs = leaf_attrs(l, perms);
	if ((rc = run(&p, dm)))
		return rc;
	p.mode = LV_DIFF;
	p.count = 0;
	if ((rc = run(&p, dm)))
		return rc;
	if (p.count) {
		/* break before make: the leaves that change go, then the unit forgets them */
		p.mode = LV_CLEAR; /* no prune: the tables stay, as counted */
		if ((rc = run(&p, dm)) || (rc = lv_tlbi(l, dm)))
			return rc;
	}
	p.mode = LV_MAP;
	return run(&p, dm);
}

int lv_unmap(struct iommu_live *l, int dom, uint64_t iova, uint64_t len)
{
	struct lv_dom *dm = dom_of(l, dom);
	struct lv_pass p;
	int rc;

	if (!dm || !range_ok(iova, len, l->ias))
		return -EINVAL;
	p = pass_of(l, dm, LV_CLEAR, iova, iova + len);
	p.prune = true;
	rc = run(&p, dm);
	if (!rc && (p.count || p.nfl))
		rc = lv_tlbi(l, dm);
	/* a unit that may still walk them keeps them: the pages are lost, not reused */
	for (size_t i = 0; !rc && i < p.nfl; i++)
		iommu_pool_free(&l->groups[dm->group].pool, p.fl[i]);
	free(p.fl);
	return rc;
}

void lv_dom_release(struct iommu_live *l, int dom)
{
	struct lv_dom *dm = dom_of(l, dom);
	struct lv_pass p;
	struct iommu_pool *pl;

	if (!dm)
		return;
	pl = &l->groups[dm->group].pool;
	/*
	 * The unit may hold its translations and walks until the TLBI: when
	 * that fails the pages and the tag stay out of use for good.
	 */
	if (lv_tlbi(l, dm) == 0) {
		p = pass_of(l, dm, LV_FREE, 0, 1ull << l->ias);
		run(&p, dm);
		iommu_pool_free(pl, dm->top);
		if (l->stage == 1)
			iommu_pool_free(pl, dm->cd);
		l->tags[dm->tag / 64] &= ~(1ull << (dm->tag % 64));
	}
	*dm = (struct lv_dom){0};
}
