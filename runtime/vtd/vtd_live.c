/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d live updates (iommu/live.h): second-level tables of 4 KiB leaves
 * in pool pages, context entries written in the order the specification
 * gives, register-based invalidation on every unit of the table-memory
 * group (vtd_drv.c). The startup tables stay as installed: a context
 * table the builder shares between buses is copied before one of its
 * entries changes, and an entry whose domain id is not one of ours is a
 * startup device's and is never touched.
 *
 * Every table entry is one aligned 64-bit store (table memory is Device
 * memory on arm64); a new table is zeroed and flushed before the entry
 * linking it is written. Tables emptied by unmap stay until dom_free, so
 * no paging-structure entry is ever freed under the unit.
 */
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/devmem.h"
#include "iommu/pool.h"
#include "vtd/vtd_arch.h"
#include "vtd/vtd_live_int.h"
#include "vtd/vtd_regs.h"

static unsigned idx(uint64_t iova, unsigned level)
{
	return (unsigned)(iova >> (VTD_PAGE_SHIFT + VTD_LEVEL_BITS * (level - 1))) &
	       (VTD_SL_ENTRIES - 1);
}

/* ---- invalidation on every unit of a group ------------------------- */

int vtd_live_inv(const struct iommu_live *l, size_t gi, enum inv what, const struct inv_arg *a)
{
	for (size_t k = 0; k < l->nunits; k++) {
		const struct unit_io *io = &l->units[k].io;
		const struct vtd_caps *c = caps_of(&l->units[k]);
		int rc;

		if (l->group[k] != gi)
			continue;
		/* the table writes reach memory before any cache is dropped */
		rc = vtd_flush_write_buffer(io, c);
		if (!rc && what == INV_ALL)
			rc = vtd_inv_all(io, c);
		if (!rc && what == INV_DEV)
			rc = vtd_inv_context_dev(io, c, a->ctx_did, a->sid);
		if (!rc && what == INV_DEV)
			rc = vtd_inv_iotlb_domain(io, c, a->did);
		if (!rc && what == INV_PAGES)
			rc = vtd_inv_iotlb_range(io, c, a->did, a->iova, a->len);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- pages and ids ---------------------------------------------------- */

/* A zeroed pool page, flushed: its table-memory offset. */
int vtd_live_new_page(const struct iommu_live *l, struct lgroup *g, uint64_t *off)
{
	struct unit_io *io = gio(l, g);
	int rc = iommu_pool_alloc(&g->pool, off);

	if (rc)
		return rc;
	iommu_tmem_zero(io->table_mem + *off, VTD_PAGE_SIZE);
	fl(io, *off, VTD_PAGE_SIZE);
	return 0;
}

/* The pool page entry e links: 1 (*off), 0 not present, -EIO not a pool page. */
static int child(const struct iommu_live *l, const struct lgroup *g, uint64_t e, uint64_t *off)
{
	uint64_t rel = (e & VTD_ADDR_MASK) - gio(l, g)->table_phys;

	if (!(e & PRESENT))
		return 0;
	if ((e & VTD_ADDR_MASK) < gio(l, g)->table_phys || rel < g->pool.off ||
	    (rel - g->pool.off) / VTD_PAGE_SIZE >= g->pool.npages)
		return -EIO;
	*off = rel;
	return 1;
}

/* The table holding iova's entries of level lvl: 1 (*off), 0 not there yet, -EIO. */
static int table_at(const struct iommu_live *l, const struct lgroup *g, uint64_t top,
		    uint64_t iova, unsigned lvl, uint64_t *off)
{
	uint64_t t = top;

	for (unsigned k = levels(g); k > lvl; k--) {
		int rc = child(l, g, ld(gio(l, g), t + idx(iova, k) * 8), &t);

		if (rc <= 0)
			return rc;
	}
	*off = t;
	return 1;
}

static int did_alloc(struct lgroup *g, uint16_t *did)
{
	for (uint32_t i = 1; i < g->sc.ndids; i++)
		if (g->sc.dids[i / 64] == UINT64_MAX)
			i |= 63; /* a full word: 64 ids at a time */
		else if (!(g->sc.dids[i / 64] & (1ull << (i % 64)))) {
			g->sc.dids[i / 64] |= 1ull << (i % 64);
			*did = (uint16_t)i;
			return 0;
		}
	return -ENOSPC;
}

struct ldom *vtd_live_dom_get(const struct iommu_live *l, int dom)
{
	if (dom < 0 || (size_t)dom >= l->ndoms || !l->doms[dom].used)
		return NULL;
	return &l->doms[dom];
}

/* ---- the ops ---------------------------------------------------------- */

static int live_stream(struct iommu_live *l, const struct iommu_devid *d, size_t *unit,
		       uint32_t *sid)
{
	int u = -1;

	/* VT-d remaps PCI requests only: a memory-mapped master is behind no unit */
	if (d->mem || d->rid > 0xffff || !l->nunits)
		return -ENOENT;
	if (l->be && l->be->unit_for)
		u = l->be->unit_for(l->units, l->nunits, l->v, d->rid);
	else if (l->nunits == 1 || l->ng == 1)
		u = 0; /* one table memory: every unit of it is invalidated alike */
	if (u < 0 || (size_t)u >= l->nunits || l->units[u].segment != 0)
		return -ENOENT;
	*unit = (size_t)u;
	*sid = d->rid;
	return 0;
}

static size_t live_group(const struct iommu_live *l, size_t unit)
{
	return unit < l->nunits ? l->group[unit] : SIZE_MAX;
}

static int live_dom_new(struct iommu_live *l, size_t gi)
{
	struct lgroup *g;
	struct ldom *d = NULL;
	uint16_t did;
	uint64_t top;
	size_t i;
	int rc;

	if (gi >= l->ng)
		return -EINVAL;
	g = &l->g[gi];
	for (i = 0; i < l->ndoms && l->doms[i].used; i++)
		;
	if (i == l->ndoms) {
		struct ldom *n;

		if (l->ndoms >= (size_t)INT32_MAX / 2)
			return -ENOSPC;
		n = realloc(l->doms, (l->ndoms * 2 + 8) * sizeof(*n));
		if (!n)
			return -ENOMEM;
		memset(n + l->ndoms, 0, (l->ndoms + 8) * sizeof(*n));
		l->doms = n;
		l->ndoms = l->ndoms * 2 + 8;
	}
	if ((rc = did_alloc(g, &did)))
		return rc;
	if ((rc = vtd_live_new_page(l, g, &top))) {
		g->sc.dids[did / 64] &= ~(1ull << (did % 64));
		return rc;
	}
	d = &l->doms[i];
	*d = (struct ldom){ .used = true, .g = gi, .did = did, .top = top };
	return (int)i;
}

/* Common checks of map and unmap: the domain, and the range within the address width. */
static struct ldom *range_ok(const struct iommu_live *l, int dom, uint64_t iova, uint64_t len)
{
	struct ldom *d = vtd_live_dom_get(l, dom);
	uint64_t lim;

	if (!d || !len || ((iova | len) & (VTD_PAGE_SIZE - 1)))
		return NULL;
	lim = 1ull << l->g[d->g].sc.bits;
	return iova < lim && len <= lim - iova ? d : NULL;
}

/* Pages map needs for [iova, end): 0 (*need), -ENOMEM beyond the free ones, -EIO. */
static int count_new(const struct iommu_live *l, const struct lgroup *g, const struct ldom *d,
		     uint64_t iova, uint64_t end, size_t *need)
{
	*need = 0;
	/* entries of level lvl link tables of level lvl - 1; a missing parent means a missing child */
	for (unsigned lvl = levels(g); lvl >= 2; lvl--) {
		uint64_t span = VTD_LEVEL_SPAN(lvl);

		for (uint64_t a = iova & ~(span - 1); a < end; a += span) {
			uint64_t t, sub;
			int rc = table_at(l, g, d->top, a, lvl, &t);

			if (rc > 0)
				rc = child(l, g, ld(gio(l, g), t + idx(a, lvl) * 8), &sub);
			if (rc < 0)
				return rc;
			if (!rc && ++*need > g->pool.nfree)
				return -ENOMEM;
		}
	}
	return 0;
}

/* Does [pa, pa + len) reach the table memory of any unit? */
static bool hits_tables(const struct iommu_live *l, uint64_t pa, uint64_t len)
{
	for (size_t k = 0; k < l->nunits; k++) {
		const struct unit_io *io = &l->units[k].io;
		uint64_t tlen = io->table_size + io->table_held;

		if (pa < io->table_phys + tlen && io->table_phys < pa + len)
			return true;
	}
	return false;
}

static int live_map(struct iommu_live *l, int dom, uint64_t iova, uint64_t pa, uint64_t len,
		    unsigned perms)
{
	struct ldom *d = range_ok(l, dom, iova, len);
	struct lgroup *g;
	struct unit_io *io;
	bool replaced = false;
	size_t need;
	int rc;

	if (!d || !perms || (perms & ~(IOMMU_LIVE_R | IOMMU_LIVE_W)) ||
	    (pa & (VTD_PAGE_SIZE - 1)))
		return -EINVAL;
	g = &l->g[d->g];
	io = gio(l, g);
	if (pa >= 1ull << g->sc.bits || len > (1ull << g->sc.bits) - pa || hits_tables(l, pa, len))
		return -EINVAL;
	/* all or nothing: every page the tables need, counted before any write */
	if ((rc = count_new(l, g, d, iova, iova + len, &need)))
		return rc;
	for (uint64_t a = iova; a < iova + len; a += VTD_PAGE_SIZE) {
		uint64_t t = d->top, e, sub, leaf;

		for (unsigned lvl = levels(g); lvl > 1; lvl--) {
			uint64_t eo = t + idx(a, lvl) * 8;

			rc = child(l, g, ld(io, eo), &sub);
			if (rc < 0)
				return rc;
			if (!rc) {
				if ((rc = vtd_live_new_page(l, g, &sub)))
					return rc; /* counted: never */
				st(io, eo, (io->table_phys + sub) | PRESENT);
				fl(io, eo, 8);
			}
			t = sub;
		}
		leaf = t + idx(a, 1) * 8;
		e = ((pa + (a - iova)) & VTD_ADDR_MASK) | perms;
		replaced |= (ld(io, leaf) & PRESENT) && ld(io, leaf) != e;
		st(io, leaf, e);
		fl(io, leaf, 8);
	}
	/* a changed leaf may be cached; in caching mode a not-present one too */
	if (replaced || g->sc.cm)
		return vtd_live_inv(l, d->g, INV_PAGES,
			   &(struct inv_arg){ .did = d->did, .iova = iova, .len = len });
	return vtd_live_inv(l, d->g, INV_WB, &(struct inv_arg){ 0 });
}

static int live_unmap(struct iommu_live *l, int dom, uint64_t iova, uint64_t len)
{
	struct ldom *d = range_ok(l, dom, iova, len);
	const struct lgroup *g;
	struct unit_io *io;
	uint64_t a = iova, end = iova + len;
	bool any = false;

	if (!d)
		return -EINVAL;
	g = &l->g[d->g];
	io = gio(l, g);
	while (a < end) {
		uint64_t t = d->top, sub;
		unsigned lvl;
		int rc = 1;

		for (lvl = levels(g); lvl > 1 && rc > 0; lvl--)
			if ((rc = child(l, g, ld(io, t + idx(a, lvl) * 8), &sub)) > 0)
				t = sub;
		if (rc < 0)
			return rc;
		if (!rc) {
			/* nothing beneath the missing entry (of level lvl + 1): skip its span */
			a = (a | (VTD_LEVEL_SPAN(lvl + 1) - 1)) + 1;
			continue;
		}
		if (ld(io, t + idx(a, 1) * 8) & PRESENT) {
			st(io, t + idx(a, 1) * 8, 0);
			fl(io, t + idx(a, 1) * 8, 8);
			any = true;
		}
		a += VTD_PAGE_SIZE;
	}
	if (!any)
		return 0;
	return vtd_live_inv(l, d->g, INV_PAGES,
			    &(struct inv_arg){ .did = d->did, .iova = iova, .len = len });
}

/* Gives back table t (of level lvl) and every table beneath it. */
static void free_tables(struct iommu_live *l, struct lgroup *g, uint64_t t, unsigned lvl)
{
	for (unsigned i = 0; lvl > 1 && i < VTD_SL_ENTRIES; i++) {
		uint64_t sub;

		if (child(l, g, ld(gio(l, g), t + i * 8ull), &sub) > 0)
			free_tables(l, g, sub, lvl - 1);
	}
	iommu_pool_free(&g->pool, t);
}

static void live_dom_free(struct iommu_live *l, int dom)
{
	struct ldom *d = vtd_live_dom_get(l, dom);
	struct lgroup *g;

	/* a domain still walked keeps its pages: never freed under the unit */
	if (!d || d->devs)
		return;
	g = &l->g[d->g];
	/*
	 * No translation tagged with its id survives: every device left it
	 * through attach, whose domain-selective IOTLB invalidation dropped
	 * them, and nothing walks it since.
	 */
	free_tables(l, g, d->top, levels(g));
	g->sc.dids[d->did / 64] &= ~(1ull << (d->did % 64));
	d->used = false;
}

static void live_usage(const struct iommu_live *l, size_t *used, size_t *total)
{
	*used = *total = 0;
	for (size_t i = 0; i < l->ng; i++) {
		*used += l->g[i].pool.npages - l->g[i].pool.nfree;
		*total += l->g[i].pool.npages;
	}
}

static void live_close(struct iommu_live *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->ng; i++) {
		iommu_pool_fini(&l->g[i].pool);
		free(l->g[i].sc.dids);
		free(l->g[i].saved);
	}
	free(l->g);
	free(l->group);
	free(l->doms);
	free(l);
}

static int live_open(const struct iommu_live_in *in, struct iommu_live **out, char *why,
		     size_t whylen)
{
	struct iommu_live *l = calloc(1, sizeof(*l));
	int rc = -ENOMEM;

	*out = NULL;
	if (whylen)
		*why = '\0';
	if (!l || !in->nunits || !(l->group = calloc(in->nunits, sizeof(*l->group))) ||
	    !(l->g = calloc(in->nunits, sizeof(*l->g)))) {
		snprintf(why, whylen, in->nunits ? "out of memory" : "no unit");
		live_close(l);
		return in->nunits ? -ENOMEM : -ENOENT;
	}
	l->units = in->units;
	l->nunits = in->nunits;
	l->be = in->be;
	l->v = in->v;
	/* a group: the units reaching one table memory (install_units' rule) */
	for (size_t k = 0; k < in->nunits; k++) {
		size_t j = 0;

		while (j < k && !(in->shared_table_memory &&
				  in->units[j].io.table_phys == in->units[k].io.table_phys))
			j++;
		l->group[k] = j < k ? l->group[j] : l->ng++;
		if (j == k)
			l->g[l->group[k]].first = k;
	}
	for (size_t gi = 0; gi < l->ng; gi++)
		if ((rc = vtd_live_scan(in, l->group, gi, l->g[gi].first, &l->g[gi].sc, why,
					whylen)) ||
		    (rc = iommu_pool_init(&l->g[gi].pool, in->pool_off, in->pool_len))) {
			if (rc == -EINVAL && !*why)
				snprintf(why, whylen, "bad pool");
			live_close(l);
			return rc;
		}
	*out = l;
	return 0;
}

const struct iommu_live_ops vtd_live_ops = {
	.open = live_open,
	.close = live_close,
	.stream = live_stream,
	.group = live_group,
	.dom_new = live_dom_new,
	.map = live_map,
	.unmap = live_unmap,
	.attach = vtd_live_attach,
	.dom_free = live_dom_free,
	.usage = live_usage,
};
