/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot-time proof of the VT-d tables (vtd_bootcheck.h), in three
 * steps over what was written:
 *  1. the relocations, indexed by page (their list is sorted);
 *  2. the pointers, top down: root entries, context entries, then each
 *     domain's paging structures from its top page, giving every page it
 *     reaches one role (root, context table of a bus, level L at IOVA B)
 *     and the domains that reach it; pointers are exactly the relocated
 *     words, so this step reads only those (kept as written by the
 *     expansion) and the context entries' high words;
 *  3. every non-zero word again, as the runs that wrote it: words of root
 *     and context pages must be entries step 2 proved, the others leaves,
 *     checked a run at a time where a run is a page-size step of leaves.
 * Pages no pointer reaches are never walked by the unit and not checked.
 */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_bootcheck_int.h"

#define WORDS	512u
#define PAGE_B	4096ull
#define R_ROOT	5 /* roles; 1..4 are the paging levels */
#define R_CTX	6
#define LEAF_RW (VTD_SL_R | VTD_SL_W)

static uint64_t reloc_off(const struct bc *c, size_t i)
{
	return c->tb->view ? vtd_tables_reloc(c->tb->view, (uint32_t)i) : c->tb->relocs[i];
}

static uint64_t ptr_word(const struct bc *c, size_t i)
{
	return c->tb->ptrs ? c->tb->ptrs[i] : get64(c->tb->mem + reloc_off(c, i));
}

static uint64_t span(unsigned level)
{
	return VTD_LEVEL_SPAN(level);
}

static int fail(struct bc *c, int err, uint32_t page, uint32_t index, uint64_t word)
{
	c->bad->page = page;
	c->bad->index = index;
	c->bad->word = word;
	return -err;
}

static int fail_dom(struct bc *c, int err, uint32_t page, uint32_t index, uint64_t word,
		    uint32_t d, uint64_t iova)
{
	c->bad->domain = d;
	c->bad->did = d < c->ndom ? c->dom[d].did : NONE;
	c->bad->has_iova = true;
	c->bad->iova = iova;
	return fail(c, err, page, index, word);
}

/* The table page a pointer names, or NONE outside the pages. */
static uint32_t ptr_page(const struct bc *c, uint64_t w)
{
	uint64_t a = w & VTD_ADDR_MASK;

	if (a < c->tb->phys || a - c->tb->phys >= (uint64_t)c->tb->npages * PAGE_B)
		return NONE;
	return (uint32_t)((a - c->tb->phys) / PAGE_B);
}

/* ---- step 2: pointers, top down --------------------------------------- */

static int add_dom(struct bc *c, uint32_t p, uint32_t d)
{
	if (c->pg[p].dom == NONE) {
		c->pg[p].dom = d;
		return 0;
	}
	if (c->nnodes == c->nodecap) {
		size_t cap = c->nodecap ? 2 * c->nodecap : 256;
		struct node *n = realloc(c->nodes, cap * sizeof(*n));

		if (!n)
			return -VTD_BC_ERR_NOMEM;
		c->nodes = n;
		c->nodecap = cap;
	}
	c->nodes[c->nnodes] = (struct node){ d, c->pg[p].more };
	c->pg[p].more = (uint32_t)c->nnodes++;
	return 0;
}

static int index_relocs(struct bc *c)
{
	uint64_t bytes = (uint64_t)c->tb->npages * PAGE_B, prev = 0;
	uint32_t p = 0;

	for (size_t i = 0; i < c->nrelocs; i++) {
		uint64_t off = reloc_off(c, i);

		if ((off & 7) || off >= bytes || (i && off <= prev))
			return fail(c, VTD_BC_ERR_INVAL, off < bytes ? (uint32_t)(off / PAGE_B) : NONE,
				    (uint32_t)(off % PAGE_B / 8), 0);
		for (; p <= off / PAGE_B; p++)
			c->pg[p].rfirst = (uint32_t)i;
		prev = off;
	}
	for (; p <= c->tb->npages; p++)
		c->pg[p].rfirst = (uint32_t)c->nrelocs;
	return 0;
}

static int roots(struct bc *c)
{
	c->pg[0].role = R_ROOT;
	for (uint32_t i = c->pg[0].rfirst; i < c->pg[1].rfirst; i++) {
		uint32_t idx = (uint32_t)(reloc_off(c, i) / 8), cp;
		uint64_t w = ptr_word(c, i);

		if (idx & 1)
			return fail(c, VTD_BC_ERR_RELOC_LEAF, 0, idx, w);
		if ((w & ~VTD_ADDR_MASK) != VTD_ROOT_P)
			return fail(c, VTD_BC_ERR_ROOT_BITS, 0, idx, w);
		cp = ptr_page(c, w);
		if (cp == NONE)
			return fail(c, VTD_BC_ERR_PTR_RANGE, 0, idx, w);
		if (c->pg[cp].role)
			return fail(c, VTD_BC_ERR_PTR_ROLE, 0, idx, w);
		c->pg[cp].role = R_CTX;
		c->pg[cp].base = idx / 2;
	}
	return 0;
}

static int context(struct bc *c, uint32_t cp)
{
	uint64_t aw = c->tb->levels == 3 ? VTD_CTX_AW_39 : VTD_CTX_AW_48;

	for (uint32_t i = c->pg[cp].rfirst; i < c->pg[cp + 1].rfirst; i++) {
		uint32_t idx = (uint32_t)(reloc_off(c, i) % PAGE_B / 8), d, top;
		uint64_t lo = ptr_word(c, i), hi;
		struct gdom *g;

		c->bad->sid = (uint32_t)(c->pg[cp].base << 8 | idx / 2);
		d = bc_sid_domain(c, (uint16_t)c->bad->sid);
		c->bad->domain = d < c->ndom ? d : NONE;
		c->bad->did = d < c->ndom ? c->dom[d].did : NONE;
		if (idx & 1)
			return fail(c, VTD_BC_ERR_RELOC_LEAF, cp, idx, lo);
		hi = get64(c->tb->mem + cp * PAGE_B + (idx + 1) * 8);
		if (lo & VTD_CTX_LO_TT_MASK)
			return fail(c, VTD_BC_ERR_CTX_TT, cp, idx, lo);
		if ((lo & ~VTD_ADDR_MASK) != VTD_CTX_LO_P)
			return fail(c, VTD_BC_ERR_CTX_BITS, cp, idx, lo);
		if ((hi & VTD_CTX_HI_AW_MASK) != aw)
			return fail(c, VTD_BC_ERR_CTX_AW, cp, idx + 1, hi);
		if (hi & ~(VTD_CTX_HI_AW_MASK | VTD_CTX_HI_DID_MASK))
			return fail(c, VTD_BC_ERR_CTX_BITS, cp, idx + 1, hi);
		if (d == NONE || d >= c->ndom)
			return fail(c, VTD_BC_ERR_CTX_NODOMAIN, cp, idx, lo);
		g = &c->dom[d];
		if (((hi & VTD_CTX_HI_DID_MASK) >> VTD_CTX_HI_DID_SHIFT) != g->did)
			return fail(c, VTD_BC_ERR_CTX_DID, cp, idx + 1, hi);
		top = ptr_page(c, lo);
		if (top == NONE)
			return fail(c, VTD_BC_ERR_PTR_RANGE, cp, idx, lo);
		if (!c->pg[top].role) {
			c->pg[top].role = (uint8_t)c->tb->levels;
			c->pg[top].base = 0;
		} else if (c->pg[top].role != c->tb->levels || c->pg[top].base) {
			return fail(c, VTD_BC_ERR_PTR_ROLE, cp, idx, lo);
		}
		if (g->top == NONE) {
			/* the IOTLB is tagged by DID: one DID, one domain, one top page */
			if (c->did_seen[g->did / 8] & (1u << (g->did % 8)))
				return fail(c, VTD_BC_ERR_DID_SHARED, cp, idx + 1, hi);
			c->did_seen[g->did / 8] |= (uint8_t)(1u << (g->did % 8));
			g->top = top;
		} else if (g->top != top) {
			return fail(c, VTD_BC_ERR_CTX_TOP, cp, idx, lo);
		}
	}
	c->bad->sid = NONE;
	c->bad->domain = c->bad->did = NONE;
	return 0;
}

/* Domain d's paging structures from its top page, depth first. */
static int walk_domain(struct bc *c, uint32_t d)
{
	uint32_t sp = 0, top = c->dom[d].top;
	int err;

	c->pg[top].stamp = d + 1;
	if ((err = add_dom(c, top, d)))
		return err;
	c->stack[sp++] = top;
	while (sp) {
		uint32_t p = c->stack[--sp];
		unsigned level = c->pg[p].role;
		uint64_t base = c->pg[p].base;

		for (uint32_t i = c->pg[p].rfirst; i < c->pg[p + 1].rfirst; i++) {
			uint32_t idx = (uint32_t)(reloc_off(c, i) % PAGE_B / 8), ch;
			uint64_t w = ptr_word(c, i), cb = base + idx * span(level);

			if (level == 1 || (w & VTD_SL_PS))
				return fail_dom(c, VTD_BC_ERR_RELOC_LEAF, p, idx, w, d, cb);
			if ((w & ~VTD_ADDR_MASK) != LEAF_RW)
				return fail_dom(c, VTD_BC_ERR_PTR_BITS, p, idx, w, d, cb);
			ch = ptr_page(c, w);
			if (ch == NONE)
				return fail_dom(c, VTD_BC_ERR_PTR_RANGE, p, idx, w, d, cb);
			if (!c->pg[ch].role) {
				c->pg[ch].role = (uint8_t)(level - 1);
				c->pg[ch].base = cb;
			} else if (c->pg[ch].role != level - 1 || c->pg[ch].base != cb) {
				return fail_dom(c, VTD_BC_ERR_PTR_ROLE, p, idx, w, d, cb);
			}
			if (c->pg[ch].stamp == d + 1)
				continue;
			c->pg[ch].stamp = d + 1;
			if ((err = add_dom(c, ch, d)))
				return err;
			/* each page once per domain: the stack never holds more than the pages */
			c->stack[sp++] = ch;
		}
	}
	return 0;
}

/* ---- step 3: every non-zero word -------------------------------------- */

static bool is_reloc(const struct bc *c, uint32_t p, uint64_t off)
{
	uint32_t lo = c->pg[p].rfirst, hi = c->pg[p + 1].rfirst;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint64_t m = reloc_off(c, mid);

		if (m == off)
			return true;
		if (m < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* A root or context page word that no pointer check covered. */
static int stray(struct bc *c, uint32_t p, uint32_t idx, uint64_t w)
{
	if (c->pg[p].role == R_ROOT) {
		if (idx & 1)
			return fail(c, VTD_BC_ERR_ROOT_HI, p, idx, w);
		return fail(c, w & VTD_ROOT_P ? VTD_BC_ERR_NOT_RELOC : VTD_BC_ERR_ROOT_BITS, p, idx,
			    w);
	}
	if ((idx & 1) && is_reloc(c, p, p * PAGE_B + (idx - 1) * 8))
		return 0; /* the high word of an entry step 2 proved */
	c->bad->sid = (uint32_t)(c->pg[p].base << 8 | idx / 2);
	if (!(idx & 1) && (w & VTD_CTX_LO_P))
		return fail(c, VTD_BC_ERR_NOT_RELOC, p, idx, w);
	return fail(c, VTD_BC_ERR_CTX_BITS, p, idx, w);
}

/*
 * The usual leaves, inline: well formed, identity, clear of the forbidden
 * ranges, inside the grant of their one domain that the last leaf was in
 * (or the next). False: leaves() gives the verdict.
 */
static inline bool leaves_ok(struct bc *c, const struct pinfo *pg, uint32_t idx, uint64_t w,
			     uint64_t last, uint32_t n)
{
	const struct vtd_bc_tables *tb = c->tb;
	unsigned level = pg->role;
	uint64_t sz = span(level), iova = pg->base + idx * sz, end = iova + n * sz;
	uint64_t flags = w & ~VTD_ADDR_MASK;

	if (level > 1) {
		if (!(flags & VTD_SL_PS) || level > 3 ||
		    !(tb->sizes & (level == 2 ? VTD_PGSZ_2M : VTD_PGSZ_1G)))
			return false;
		flags &= ~VTD_SL_PS;
	}
	if ((w & VTD_ADDR_MASK) != iova || !flags || (flags & ~LEAF_RW) ||
	    ((last ^ w) & ~VTD_ADDR_MASK) || pg->more != NONE)
		return false;
	for (size_t f = 0; f < tb->nforbid; f++)
		if (tb->forbid[f].length && tb->forbid[f].start < end &&
		    (tb->forbid[f].start >= iova || iova - tb->forbid[f].start < tb->forbid[f].length))
			return false;
	/* VTD_SL_R and VTD_SL_W are VTD_PERM_R and VTD_PERM_W */
	return covered(&c->dom[pg->dom], iova, end, (uint32_t)flags);
}

/*
 * n leaves of page p from entry idx, the first w and each next one a page
 * size higher (the caller saw to that); last is the last one's word.
 */
static __attribute__((noinline, cold)) int leaves(struct bc *c, uint32_t p, uint32_t idx,
						  uint64_t w, uint64_t last, uint32_t n)
{
	const struct vtd_bc_tables *tb = c->tb;
	unsigned level = c->pg[p].role;
	uint64_t sz = span(level), iova = c->pg[p].base + idx * sz, len = n * sz, flags, at;
	uint32_t perms, d = c->pg[p].dom, nd = c->pg[p].more;
	unsigned need = level == 2 ? VTD_PGSZ_2M : VTD_PGSZ_1G;

	flags = w & ~VTD_ADDR_MASK;
	if (level > 1) {
		if (!(w & VTD_SL_PS))
			return fail_dom(c, VTD_BC_ERR_NOT_RELOC, p, idx, w, d, iova);
		if (level > 3 || !(tb->sizes & need))
			return fail_dom(c, VTD_BC_ERR_LEAF_SIZE, p, idx, w, d, iova);
		flags &= ~VTD_SL_PS;
	}
	if (!flags || (flags & ~LEAF_RW))
		return fail_dom(c, VTD_BC_ERR_LEAF_BITS, p, idx, w, d, iova);
	if ((w & VTD_ADDR_MASK) != iova)
		return fail_dom(c, VTD_BC_ERR_LEAF_IDENTITY, p, idx, w, d, iova);
	/* a carry out of the address field would show in the last word's flags */
	if ((last & ~VTD_ADDR_MASK) != (w & ~VTD_ADDR_MASK))
		return fail_dom(c, VTD_BC_ERR_LEAF_IDENTITY, p, idx + n - 1, last, d,
				iova + len - sz);
	for (size_t f = 0; f < tb->nforbid; f++) {
		uint64_t fs = tb->forbid[f].start, fl = tb->forbid[f].length;
		uint64_t fe = fs + fl < fs ? UINT64_MAX : fs + fl;

		if (fl && fs < iova + len && iova < fe) {
			uint32_t k = fs > iova ? (uint32_t)((fs - iova) / sz) : 0;

			return fail_dom(c, VTD_BC_ERR_LEAF_TABLE_MEM, p, idx + k, w + k * sz, d,
					iova + k * sz);
		}
	}
	perms = ((flags & VTD_SL_R) ? VTD_PERM_R : 0) | ((flags & VTD_SL_W) ? VTD_PERM_W : 0);
	for (;;) {
		int err = bc_covers(&c->dom[d], iova, len, perms, &at);

		if (err) {
			uint32_t k = (uint32_t)((at - iova) / sz);

			return fail_dom(c, err, p, idx + k, w + k * sz, d, at);
		}
		if (nd == NONE)
			return 0;
		d = c->nodes[nd].dom;
		nd = c->nodes[nd].next;
	}
}

/* The next relocation, as a word index into the pages (UINT64_MAX: none left). */
struct rcur {
	size_t i;
	uint64_t next;
	uint64_t last; /* the one before it */
};

static void rc_next(const struct bc *c, struct rcur *rc)
{
	rc->last = rc->next;
	rc->i++;
	rc->next = rc->i < c->nrelocs ? reloc_off(c, rc->i) / 8 : UINT64_MAX;
}

/*
 * The words page * 512 + idx .. + n - 1 as written: value + k * step,
 * except that relocated ones (step 2's) may differ. Inline: a dense
 * table is one run per leaf, and a call per run cost a tenth of a boot.
 */
static inline __attribute__((always_inline)) int check_run(struct bc *c, uint32_t p,
							 uint32_t idx, uint32_t n,
							 uint64_t value, uint64_t step,
							 struct rcur *rc)
{
	uint64_t first = (uint64_t)p * WORDS + idx;
	unsigned role = c->pg[p].role;
	int err;

	while (rc->next < first)
		rc_next(c, rc);
	if (rc->next >= first + n && role && role <= 4) {
		const struct pinfo *pg = &c->pg[p];

		if (n > 1 && step == span(role)) {
			uint64_t last = value + (n - 1) * step;

			return leaves_ok(c, pg, idx, value, last, n) ? 0
								      : leaves(c, p, idx, value, last, n);
		}
		for (uint32_t k = 0; k < n; k++) {
			uint64_t w = value + k * step;

			if (!leaves_ok(c, pg, idx + k, w, w, 1) &&
			    (err = leaves(c, p, idx + k, w, w, 1)))
				return err;
		}
		return 0;
	}
	for (uint32_t k = 0; k < n; k++) {
		if (rc->next == first + k) {
			rc_next(c, rc);
			continue;
		}
		/* a context entry's high word, after its low word step 2 proved */
		if (!role || (role == R_CTX && ((idx + k) & 1) && rc->last == first + k - 1))
			continue;
		err = role <= 4 ? leaves(c, p, idx + k, value + k * step, value + k * step, 1)
				: stray(c, p, idx + k, value + k * step);
		if (err)
			return err;
	}
	return 0;
}

/* Rebuilt pages: the non-zero words of every page reached, as runs. */
static int scan_pages(struct bc *c)
{
	struct rcur rc = { 0, c->nrelocs ? reloc_off(c, 0) / 8 : UINT64_MAX, UINT64_MAX };

	for (uint32_t p = 0; p < c->tb->npages; p++) {
		const uint8_t *pg = c->tb->mem + p * PAGE_B;

		for (uint32_t i = 0, j; c->pg[p].role && i < WORDS; i = j) {
			uint64_t w = get64(pg + i * 8), step = 0, prev = w;
			int err;

			j = i + 1;
			if (!w)
				continue;
			if (j < WORDS && get64(pg + j * 8) > w)
				step = get64(pg + j * 8) - w;
			for (; step && j < WORDS && get64(pg + j * 8) - prev == step &&
			       get64(pg + j * 8) > prev;
			     j++)
				prev = get64(pg + j * 8);
			err = check_run(c, p, i, j - i, w, j - i > 1 ? step : 0, &rc);
			if (err)
				return err;
		}
	}
	return 0;
}

static int scan_runs(struct bc *c)
{
	const struct vtd_tables_view *t = c->tb->view;
	struct rcur rc = { 0, c->nrelocs ? reloc_off(c, 0) / 8 : UINT64_MAX, UINT64_MAX };

	for (uint32_t i = 0; i < t->nruns; i++) {
		struct smmub_run run;
		uint64_t first;
		int err;

		iommu_run_read(t->runs + (uint64_t)i * t->run_stride, &run, &first);
		err = check_run(c, run.page, run.index, run.count, run.value, run.step, &rc);
		if (err)
			return err;
	}
	return 0;
}

static int prove(struct bc *c, const struct vtd_policy *pol)
{
	const struct vtd_bc_tables *tb = c->tb;
	size_t np = (size_t)tb->npages + 1;
	int err;

	if (!tb->mem || !tb->npages || (tb->phys & (PAGE_B - 1)) ||
	    (tb->levels != 3 && tb->levels != 4) || (!c->v == !pol) ||
	    (!tb->view && tb->nrelocs && !tb->relocs))
		return fail(c, VTD_BC_ERR_INVAL, NONE, NONE, 0);
	c->nrelocs = tb->view ? tb->view->nrelocs : tb->nrelocs;
	c->pg = malloc(np * sizeof(*c->pg));
	c->stack = malloc(np * sizeof(*c->stack));
	if (!c->pg || !c->stack)
		return -VTD_BC_ERR_NOMEM;
	for (size_t p = 0; p < np; p++)
		c->pg[p] = (struct pinfo){ 0, NONE, NONE, 0, 0, 0 };
	err = c->v ? bc_from_blob(c) : bc_from_input(c, pol);
	if (!err)
		err = index_relocs(c);
	if (!err)
		err = roots(c);
	for (uint32_t i = 0; !err && tb->npages > 1 && i < c->pg[1].rfirst; i++)
		err = context(c, ptr_page(c, ptr_word(c, i)));
	for (size_t d = 0; !err && d < c->ndom; d++)
		if (c->dom[d].top != NONE)
			err = walk_domain(c, (uint32_t)d);
	if (!err)
		err = tb->view ? scan_runs(c) : scan_pages(c);
	return err;
}

int vtd_bootcheck(const struct vtd_bc_tables *tb, const struct smmub_view *v,
		  const struct vtd_policy *pol, struct vtd_bc_bad *bad)
{
	struct vtd_bc_bad own;
	struct bc *c = calloc(1, sizeof(*c));
	int err;

	if (!bad)
		bad = &own;
	*bad = (struct vtd_bc_bad){ NONE, NONE, 0, NONE, NONE, NONE, false, 0 };
	if (!c)
		return -VTD_BC_ERR_NOMEM;
	c->tb = tb;
	c->v = v;
	c->bad = bad;
	err = prove(c, pol);
	free(c->pg);
	free(c->stack);
	free(c->dom);
	free(c->nodes);
	free(c->sids);
	free(c->norm);
	free(c);
	return err;
}

int vtd_tables_install_proven(const struct smmub_view *v, const struct vtd_tables_view *t,
			      uint8_t *mem, uint64_t phys, bool check_crc,
			      const struct vtd_bc_range *forbid, size_t nforbid,
			      struct vtd_bc_bad *bad)
{
	uint64_t *ptrs = malloc((t->nrelocs ? t->nrelocs : 1) * sizeof(*ptrs));
	struct vtd_bc_tables tb = { .mem = mem, .phys = phys, .npages = t->npages,
				    .levels = t->levels, .sizes = t->sizes_used, .view = t,
				    .ptrs = ptrs, .forbid = forbid, .nforbid = nforbid };
	int err;

	if (bad)
		*bad = (struct vtd_bc_bad){ NONE, NONE, 0, NONE, NONE, NONE, false, 0 };
	if (!ptrs)
		return -VTD_BC_ERR_NOMEM;
	err = vtd_tables_install_ptrs(v, t, mem, phys, check_crc, ptrs);
	if (!err)
		err = vtd_bootcheck(&tb, v, NULL, bad);
	free(ptrs);
	return err;
}
