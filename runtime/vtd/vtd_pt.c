/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d legacy-mode table builder.
 *
 * Layout of the result, all relative to the start of table memory:
 *   page 0                  root table
 *   pages 1..nbus           context tables, one per bus in use, ascending
 *   the rest                second-level tables, domain by domain, each
 *                           tree in pre-order (a table before its children)
 * A second-level table is built only where its window holds a grant that a
 * leaf cannot express; a leaf is as large as the profile allows where one
 * run of equal permissions covers the whole aligned window. A subtree whose
 * window holds exactly the grants of an earlier domain's subtree at the same
 * place is that subtree (identity mapping makes them byte-identical), so no
 * two pages are equal. Every decision depends only on the grants, so a dry
 * run (no pool) counts exactly what the real run writes, and a run that
 * outgrows its pool goes on dry to report what it needs.
 */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/pages.h"
#include "util/le.h"
#include "vtd/vtd_pt.h"

struct ival {
	uint64_t start, end; /* [start, end), page aligned */
	uint32_t perms;
};

struct dom {
	struct ival *iv;
	size_t n;
	uint32_t top;
};

/*
 * Every second-level table written so far, by level, window and a hash of
 * the grants in the window, so that sharing a subtree costs one lookup
 * instead of a scan over every earlier domain (quadratic in domains).
 */
struct subtree {
	uint64_t wb, hash;
	uint32_t dom, next; /* next: chain in the bucket, UINT32_MAX ends */
	unsigned level;
};

struct bctx {
	const struct vtd_policy *pol;
	unsigned levels;
	struct dom *doms;
	struct iommu_writer w; /* pages and relocations, or counting only */
	unsigned sizes;
	struct subtree *st;
	uint32_t *bucket; /* nbucket heads, a power of two */
	size_t nst, stcap, nbucket;
	int err;
};

/* ---- grants of one domain as disjoint runs ----------------------------- */

struct event {
	uint64_t pos;
	int dr, dw; /* change of the read and write cover counts */
};

static int event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Unions permissions page by page: a sweep over range starts and ends. */
static int normalize(const struct vtd_domain_in *d, struct dom *out)
{
	struct event *ev;
	size_t nev = 0, i;
	int cr = 0, cw = 0;

	out->iv = NULL;
	out->n = 0;
	if (d->nranges == 0)
		return 0;
	ev = calloc(2 * d->nranges, sizeof(*ev));
	out->iv = calloc(2 * d->nranges, sizeof(*out->iv));
	if (!ev || !out->iv) {
		free(ev);
		return -ENOMEM;
	}
	for (i = 0; i < d->nranges; i++) {
		const struct vtd_range *r = &d->ranges[i];
		int rr = !!(r->perms & VTD_PERM_R), rw = !!(r->perms & VTD_PERM_W);

		if (!rr && !rw)
			continue;
		ev[nev++] = (struct event){r->start, rr, rw};
		ev[nev++] = (struct event){r->start + r->length, -rr, -rw};
	}
	qsort(ev, nev, sizeof(*ev), event_cmp);
	for (i = 0; i < nev;) {
		uint64_t pos = ev[i].pos;
		uint32_t perms;

		while (i < nev && ev[i].pos == pos) {
			cr += ev[i].dr;
			cw += ev[i].dw;
			i++;
		}
		perms = (cr ? VTD_PERM_R : 0) | (cw ? VTD_PERM_W : 0);
		/* the open run (end UINT64_MAX) goes on while its perms hold */
		if (out->n && out->iv[out->n - 1].end == UINT64_MAX) {
			if (out->iv[out->n - 1].perms == perms)
				continue;
			out->iv[out->n - 1].end = pos;
		}
		if (perms)
			out->iv[out->n++] = (struct ival){pos, UINT64_MAX, perms};
	}
	free(ev);
	return 0;
}

/* First run that ends after addr. */
static size_t first_after(const struct dom *d, uint64_t addr)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->iv[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

enum cover { COVER_NONE, COVER_FULL, COVER_MIXED };

/* How the grants meet [ws, we): not at all, one run all over, or otherwise. */
static enum cover classify(const struct dom *d, uint64_t ws, uint64_t we, uint32_t *perms)
{
	size_t i = first_after(d, ws);

	if (i == d->n || d->iv[i].start >= we)
		return COVER_NONE;
	if (d->iv[i].start <= ws && d->iv[i].end >= we) {
		*perms = d->iv[i].perms;
		return COVER_FULL;
	}
	return COVER_MIXED;
}

static bool same_in_window(const struct dom *a, const struct dom *b, uint64_t ws, uint64_t we)
{
	size_t i = first_after(a, ws), j = first_after(b, ws);

	for (;;) {
		bool ea = i == a->n || a->iv[i].start >= we;
		bool eb = j == b->n || b->iv[j].start >= we;

		if (ea || eb)
			return ea && eb;
		if ((a->iv[i].start > ws ? a->iv[i].start : ws) !=
			(b->iv[j].start > ws ? b->iv[j].start : ws) ||
		    (a->iv[i].end < we ? a->iv[i].end : we) !=
			(b->iv[j].end < we ? b->iv[j].end : we) ||
		    a->iv[i].perms != b->iv[j].perms)
			return false;
		i++;
		j++;
	}
}

/* ---- second-level tables -------------------------------------------- */

static bool leaf_allowed(const struct bctx *c, unsigned level)
{
	return level == 1 || (level == 2 && c->pol->prof.sp2m) || (level == 3 && c->pol->prof.sp1g);
}

static uint64_t window_base(uint64_t addr, unsigned level)
{
	return addr & ~(VTD_LEVEL_SPAN(level) - 1);
}

/* Follows d's written tables from the top down to the one at 'level'. */
static uint32_t table_of(const struct bctx *c, const struct dom *d, unsigned level, uint64_t addr)
{
	uint32_t p = d->top;
	unsigned l;

	for (l = c->levels; l > level; l--) {
		unsigned idx = (addr >> (VTD_PAGE_SHIFT + VTD_LEVEL_BITS * (l - 1))) & 511;
		uint64_t e = le64_get(c->w.pool + (size_t)p * VTD_PAGE_SIZE + idx * 8);

		p = (uint32_t)((e & VTD_ADDR_MASK) >> VTD_PAGE_SHIFT);
	}
	return p;
}


static uint32_t alloc_page(struct bctx *c)
{
	uint32_t p = (uint32_t)c->w.npages++;

	if (c->w.pool && p >= c->w.pool_pages)
		iommu_writer_spill(&c->w);
	if (c->w.pool)
		memset(c->w.pool + (size_t)p * VTD_PAGE_SIZE, 0, VTD_PAGE_SIZE);
	return p;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h *= 0xff51afd7ed558ccdull;
	return h ^ (h >> 32); /* the bucket is the low bits: fold the high ones in */
}

/* Hash of the grants of d in [wb, we), clipped to the window. */
static uint64_t window_hash(const struct dom *d, unsigned level, uint64_t wb, uint64_t we)
{
	uint64_t h = mix(level, wb);

	for (size_t i = first_after(d, wb); i < d->n && d->iv[i].start < we; i++) {
		h = mix(h, d->iv[i].start > wb ? d->iv[i].start : wb);
		h = mix(h, d->iv[i].end < we ? d->iv[i].end : we);
		h = mix(h, d->iv[i].perms);
	}
	return h;
}

static void subtree_add(struct bctx *c, size_t di, unsigned level, uint64_t wb, uint64_t h)
{
	if (c->err)
		return;
	if (c->nst == c->stcap) {
		size_t cap = c->stcap ? 2 * c->stcap : 256;
		struct subtree *st = realloc(c->st, cap * sizeof(*st));
		uint32_t *b = malloc(cap * sizeof(*b));

		if (!st || !b || cap >= UINT32_MAX) {
			free(b);
			if (st)
				c->st = st;
			c->err = -ENOMEM;
			return;
		}
		free(c->bucket);
		c->st = st;
		c->stcap = cap;
		c->bucket = b;
		c->nbucket = cap; /* load factor at most 1 */
		memset(b, 0xff, cap * sizeof(*b));
		for (size_t k = 0; k < c->nst; k++) {
			uint32_t *head = &b[c->st[k].hash & (cap - 1)];

			c->st[k].next = *head;
			*head = (uint32_t)k;
		}
	}
	c->st[c->nst] = (struct subtree){ wb, h, (uint32_t)di, UINT32_MAX, level };
	c->st[c->nst].next = c->bucket[h & (c->nbucket - 1)];
	c->bucket[h & (c->nbucket - 1)] = (uint32_t)c->nst;
	c->nst++;
}

/* The table at 'level' whose window starts at wb, for domain di. */
static uint32_t build_table(struct bctx *c, size_t di, unsigned level, uint64_t wb)
{
	const struct dom *d = &c->doms[di];
	uint64_t span = VTD_LEVEL_SPAN(level), we = wb + span * VTD_SL_ENTRIES, pos = wb;
	size_t i;
	uint32_t p, k;

	uint64_t h = window_hash(d, level, wb, we);

	/*
	 * Only a domain's first table with given grants is indexed; a later
	 * equal one is never written. So a match is the lowest-numbered domain
	 * with this subtree, the one a scan of domains 0..di-1 would find.
	 */
	for (k = c->nbucket ? c->bucket[h & (c->nbucket - 1)] : UINT32_MAX; k != UINT32_MAX;
	     k = c->st[k].next) {
		const struct subtree *t = &c->st[k];

		if (t->hash == h && t->wb == wb && t->level == level &&
		    same_in_window(d, &c->doms[t->dom], wb, we))
			return c->w.pool ? table_of(c, &c->doms[t->dom], level, wb) : 0;
	}
	subtree_add(c, di, level, wb, h);
	p = alloc_page(c);
	for (i = first_after(d, wb); i < d->n && d->iv[i].start < we;) {
		/* the slot holding the first granted byte at or after pos */
		uint64_t from = d->iv[i].start > pos ? d->iv[i].start : pos;
		uint64_t es = window_base(from, level);
		unsigned slot = (unsigned)((es - wb) / span);
		uint64_t e, off = (uint64_t)p * VTD_PAGE_SIZE + slot * 8;
		uint32_t perms = 0;
		enum cover cv = classify(d, es, es + span, &perms);

		if (cv == COVER_FULL && leaf_allowed(c, level)) {
			e = es | (perms & VTD_PERM_R ? VTD_SL_R : 0) |
			    (perms & VTD_PERM_W ? VTD_SL_W : 0) | (level > 1 ? VTD_SL_PS : 0);
			c->sizes |= level == 1	 ? VTD_PGSZ_4K
				    : level == 2 ? VTD_PGSZ_2M
						 : VTD_PGSZ_1G;
		} else {
			/* runs are page aligned, so only level > 1 gets here */
			uint32_t child = build_table(c, di, level - 1, es);

			e = ((uint64_t)child << VTD_PAGE_SHIFT) | VTD_SL_R | VTD_SL_W;
			iommu_writer_reloc(&c->w, off);
		}
		if (c->w.pool)
			le64_put(c->w.pool + off, e);
		/* next slot: skip runs that end inside this one */
		pos = es + span;
		if (pos >= we)
			break;
		i = first_after(d, pos);
	}
	return p;
}

/* ---- root and context tables ----------------------------------------- */

static int dev_cmp(const void *a, const void *b)
{
	const struct vtd_device_in *x = a, *y = b;

	if (x->sid != y->sid)
		return x->sid < y->sid ? -1 : 1;
	return (x->domain > y->domain) - (x->domain < y->domain);
}

static int reloc_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static int check_policy(const struct vtd_policy *pol)
{
	const struct vtd_profile *pr = &pol->prof;
	uint64_t limit;
	size_t d, r;

	if (pr->levels != 3 && pr->levels != 4)
		return -EINVAL;
	limit = 1ull << (pr->levels == 3 ? 39 : 48);
	if ((pol->ndomains && !pol->domains) || (pol->ndevices && !pol->devices))
		return -EINVAL;
	for (d = 0; d < pol->ndomains; d++) {
		const struct vtd_domain_in *dm = &pol->domains[d];

		if (dm->did == 0 || (dm->nranges && !dm->ranges))
			return -EINVAL;
		for (r = 0; r < dm->nranges; r++) {
			const struct vtd_range *rg = &dm->ranges[r];

			if ((rg->start | rg->length) & (VTD_PAGE_SIZE - 1) || rg->length == 0 ||
			    rg->start >= limit || rg->length > limit - rg->start ||
			    rg->perms & ~(VTD_PERM_R | VTD_PERM_W))
				return -EINVAL;
		}
	}
	for (d = 0; d < pol->ndevices; d++)
		if (pol->devices[d].domain >= pol->ndomains)
			return -EINVAL;
	return 0;
}

/* One pass: counts always, writes when c->w.pool is set. 0 or -ENOMEM. */
static int build_all(struct bctx *c, const struct vtd_device_in *dev, size_t ndev)
{
	const struct vtd_policy *pol = c->pol;
	unsigned nbus = 0, bus, prev = 256;
	uint32_t ctx_page = 1;
	size_t i, d;

	for (i = 0; i < ndev; i++) {
		bus = dev[i].sid >> 8;
		if (c->doms[dev[i].domain].n && bus != prev) {
			nbus++;
			prev = bus;
		}
	}
	c->w.npages = 0;
	c->w.nrelocs = 0;
	c->sizes = 0;
	c->nst = 0;
	if (c->nbucket)
		memset(c->bucket, 0xff, c->nbucket * sizeof(*c->bucket));
	alloc_page(c); /* root */
	for (i = 0; i < nbus; i++)
		alloc_page(c);
	for (d = 0; d < pol->ndomains; d++)
		c->doms[d].top = c->doms[d].n ? build_table(c, d, c->levels, 0) : VTD_NO_PAGE;

	prev = 256;
	for (i = 0; i < ndev; i++) {
		const struct dom *dm = &c->doms[dev[i].domain];
		uint64_t off;

		if (!dm->n)
			continue;
		bus = dev[i].sid >> 8;
		if (bus != prev) {
			if (prev != 256)
				ctx_page++;
			prev = bus;
			off = (uint64_t)bus * 16;
			if (c->w.pool)
				le64_put(c->w.pool + off,
				      ((uint64_t)ctx_page << VTD_PAGE_SHIFT) | VTD_ROOT_P);
			iommu_writer_reloc(&c->w, off);
		}
		off = (uint64_t)ctx_page * VTD_PAGE_SIZE + (dev[i].sid & 0xff) * 16u;
		if (c->w.pool) {
			le64_put(c->w.pool + off, ((uint64_t)dm->top << VTD_PAGE_SHIFT) | VTD_CTX_LO_P |
						 (VTD_CTX_TT_SLPT << VTD_CTX_LO_TT_SHIFT));
			le64_put(c->w.pool + off + 8, (c->levels == 3 ? VTD_CTX_AW_39 : VTD_CTX_AW_48) |
						     ((uint64_t)pol->domains[dev[i].domain].did
						      << VTD_CTX_HI_DID_SHIFT));
		}
		iommu_writer_reloc(&c->w, off);
	}
	if (c->w.pool)
		qsort(c->w.relocs, c->w.nrelocs, sizeof(*c->w.relocs), reloc_cmp);
	return c->err;
}

int vtd_build(const struct vtd_policy *pol, struct vtd_build_out *out)
{
	struct vtd_device_in *dev = NULL;
	struct bctx c = {.pol = pol};
	size_t i, ndev = 0;
	int err;

	err = check_policy(pol);
	if (err)
		return err;
	c.levels = pol->prof.levels;
	c.doms = calloc(pol->ndomains ? pol->ndomains : 1, sizeof(*c.doms));
	dev = calloc(pol->ndevices ? pol->ndevices : 1, sizeof(*dev));
	if (!c.doms || !dev) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < pol->ndomains; i++) {
		err = normalize(&pol->domains[i], &c.doms[i]);
		if (err)
			goto out;
	}
	/* sorted by sid, duplicates dropped; one sid in two domains is an error */
	if (pol->ndevices)
		memcpy(dev, pol->devices, pol->ndevices * sizeof(*dev));
	qsort(dev, pol->ndevices, sizeof(*dev), dev_cmp);
	for (i = 0; i < pol->ndevices; i++) {
		if (ndev && dev[ndev - 1].sid == dev[i].sid) {
			if (dev[ndev - 1].domain != dev[i].domain) {
				err = -EINVAL;
				goto out;
			}
			continue;
		}
		dev[ndev++] = dev[i];
	}

	/* one pass, writing while the pool and relocs have room */
	c.w.pool = out->relocs ? out->pool : NULL;
	c.w.pool_pages = out->pool_pages;
	c.w.relocs = out->relocs;
	c.w.reloc_cap = out->reloc_cap;
	err = build_all(&c, dev, ndev);
	if (err)
		goto out;
	out->npages = c.w.npages;
	out->nrelocs = c.w.nrelocs;
	out->sizes_used = c.sizes;
	if (out->pool && (c.w.spilled || !out->relocs))
		err = -ENOSPC;
	if (out->dom_top)
		for (i = 0; i < pol->ndomains; i++)
			out->dom_top[i] = !c.doms[i].n ? VTD_NO_PAGE : c.w.pool ? c.doms[i].top : 0;
out:
	if (c.doms)
		for (i = 0; i < pol->ndomains; i++)
			free(c.doms[i].iv);
	free(c.doms);
	free(c.st);
	free(c.bucket);
	free(dev);
	return err;
}

int vtd_build_size(const struct vtd_policy *pol, size_t *npages, size_t *nrelocs)
{
	struct vtd_build_out o = {0};
	int err = vtd_build(pol, &o);

	if (err)
		return err;
	*npages = o.npages;
	*nrelocs = o.nrelocs;
	return 0;
}

int vtd_relocate(uint8_t *pages, size_t npages, const uint64_t *relocs, size_t nrelocs,
		 uint64_t base)
{
	return iommu_relocate(pages, npages, relocs, nrelocs, base, VTD_ADDR_MASK);
}
