/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The index of a device tree's regions by name (the rule: fdt_regions.h),
 * built in one walk. Every name (node name, name up to '@', label) is a
 * record holding the list of regions that have it, so a lookup costs a
 * hash probe and at most FDT_LOOKUP_MAX_CAND steps along that list,
 * however many regions share the name: a tree of 10^5 "memory@..." nodes
 * and as many references stays linear.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "blob/blob.h"
#include "iommu/fdt_regions.h"

struct rec {
	const char *s;
	size_t len;
	uint32_t count, head, tail; /* a list through struct link */
	int32_t first_node;         /* the first region with this node name, or -1 */
};

struct link {
	uint32_t reg, next;
};

struct fdt_region_index {
	struct fdt_region *regs;
	size_t n, cap;
	struct rec *recs;
	size_t nrecs, caprecs;
	struct link *links;
	size_t nlinks, caplinks;
	uint32_t *slots; /* record + 1; 0 is empty */
	size_t nslots;   /* a power of two */
	int oom;
};

#define NO_LINK UINT32_MAX

static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Room for one more of an array of *n elements of sz bytes; 0 or -1. */
static int room(void **p, size_t n, size_t *cap, size_t sz)
{
	size_t c = *cap ? *cap * 2 : 16;
	void *q;

	if (n < *cap)
		return 0;
	if (c > SIZE_MAX / sz || c > UINT32_MAX / 2)
		return -1;
	q = realloc(*p, c * sz);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

static uint32_t *slot(const struct fdt_region_index *ix, const char *s, size_t len)
{
	size_t mask = ix->nslots - 1, i = hash(s, len) & mask;

	for (;; i = (i + 1) & mask) {
		const struct rec *r;

		if (!ix->slots[i])
			return &ix->slots[i];
		r = &ix->recs[ix->slots[i] - 1];
		if (r->len == len && !memcmp(r->s, s, len))
			return &ix->slots[i];
	}
}

static int rehash(struct fdt_region_index *ix)
{
	size_t n = ix->nslots ? ix->nslots * 2 : 64;
	uint32_t *old = ix->slots;

	if (n > SIZE_MAX / sizeof(*old))
		return -1;
	ix->slots = calloc(n, sizeof(*old));
	if (!ix->slots) {
		ix->slots = old;
		return -1;
	}
	ix->nslots = n;
	for (size_t i = 0; i < ix->nrecs; i++)
		*slot(ix, ix->recs[i].s, ix->recs[i].len) = (uint32_t)i + 1;
	free(old);
	return 0;
}

static struct rec *find(const struct fdt_region_index *ix, const char *s, size_t len)
{
	uint32_t *sl;

	if (!ix->nslots)
		return NULL;
	sl = slot(ix, s, len);
	return *sl ? &ix->recs[*sl - 1] : NULL;
}

/* The record of s, made if new; NULL when out of memory. */
static struct rec *record(struct fdt_region_index *ix, const char *s, size_t len)
{
	struct rec *r = find(ix, s, len);

	if (r)
		return r;
	/* at most half full, so that a probe stays short */
	if ((ix->nrecs + 1) * 2 > ix->nslots && rehash(ix) < 0)
		return NULL;
	if (room((void **)&ix->recs, ix->nrecs, &ix->caprecs, sizeof(*r)) < 0)
		return NULL;
	r = &ix->recs[ix->nrecs];
	*r = (struct rec){ s, len, 0, NO_LINK, NO_LINK, -1 };
	*slot(ix, s, len) = (uint32_t)++ix->nrecs;
	return r;
}

/* Region reg has the name s: one more on its list, unless it is already the last. */
static int name(struct fdt_region_index *ix, const char *s, size_t len, uint32_t reg)
{
	struct rec *r = record(ix, s, len);
	struct link *l;

	if (!r)
		return -1;
	if (r->tail != NO_LINK && ix->links[r->tail].reg == reg)
		return 0;
	if (room((void **)&ix->links, ix->nlinks, &ix->caplinks, sizeof(*l)) < 0)
		return -1;
	l = &ix->links[ix->nlinks];
	*l = (struct link){ reg, NO_LINK };
	if (r->tail == NO_LINK)
		r->head = (uint32_t)ix->nlinks;
	else
		ix->links[r->tail].next = (uint32_t)ix->nlinks;
	r->tail = (uint32_t)ix->nlinks++;
	r->count++;
	return 0;
}

static int on_region(void *arg, const struct fdt_region *r)
{
	struct fdt_region_index *ix = arg;
	uint32_t i = (uint32_t)ix->n;
	struct rec *rec;

	if (room((void **)&ix->regs, ix->n, &ix->cap, sizeof(*r)) < 0)
		goto oom;
	ix->regs[ix->n++] = *r;
	if (name(ix, r->node, r->len, i) < 0 ||
	    (r->baselen < r->len && name(ix, r->node, r->baselen, i) < 0))
		goto oom;
	rec = find(ix, r->node, r->len);
	if (rec->first_node < 0)
		rec->first_node = (int32_t)i;
	return 0;
oom:
	ix->oom = 1;
	return -FDT_ERR_NOSPACE;
}

/*
 * A label of the child node: the region the path leads to is the first
 * child of that name, as a path lookup in libfdt or the kernel finds it.
 */
static int on_label(void *arg, const char *label, const char *node, size_t nodelen)
{
	struct fdt_region_index *ix = arg;
	const struct rec *target = find(ix, node, nodelen);
	const struct fdt_region *r;
	size_t len = strlen(label);

	if (!target || target->first_node < 0 || !len)
		return 0; /* a disabled node, or no child of that name */
	r = &ix->regs[target->first_node];
	/* the node's own name already names it */
	if ((len == r->len || len == r->baselen) && !memcmp(label, r->node, len))
		return 0;
	if (name(ix, label, len, (uint32_t)target->first_node) < 0) {
		ix->oom = 1;
		return -FDT_ERR_NOSPACE;
	}
	return 0;
}

void fdt_region_index_free(struct fdt_region_index *ix)
{
	if (!ix)
		return;
	free(ix->regs);
	free(ix->recs);
	free(ix->links);
	free(ix->slots);
	free(ix);
}

int fdt_region_index(const void *fdt, size_t size, struct fdt_region_index **ixp, int *ac,
		     int *sc)
{
	struct fdt_region_index *ix = calloc(1, sizeof(*ix));
	int rc;

	*ixp = NULL;
	if (!ix)
		return -FDT_ERR_NOSPACE;
	rc = fdt_regions(fdt, size, on_region, on_label, ix, ac, sc);
	if (rc) {
		rc = ix->oom ? -FDT_ERR_NOSPACE : rc;
		fdt_region_index_free(ix);
		return rc;
	}
	*ixp = ix;
	return 0;
}

size_t fdt_region_count(const struct fdt_region_index *ix)
{
	return ix ? ix->n : 0;
}

/* NAME#N: the length of NAME and N, if name ends so (N decimal, no sign) */
static int entry_suffix(const char *name, size_t *base, int *entry)
{
	const char *h = strrchr(name, '#');
	long v = 0;

	if (!h || h == name || !h[1])
		return 0;
	for (const char *p = h + 1; *p; p++) {
		if (*p < '0' || *p > '9' || v > 100000000)
			return 0;
		v = v * 10 + (*p - '0');
	}
	*base = (size_t)(h - name);
	*entry = (int)v;
	return 1;
}

static enum fdt_lookup place(struct fdt_lookup_result *res)
{
	const struct fdt_region *r = res->r;

	if (r->kind == FDT_REGION_DYNAMIC)
		return FDT_LOOKUP_DYNAMIC;
	if (r->kind == FDT_REGION_NOREG)
		return FDT_LOOKUP_NOREG;
	res->nentries = fdt_region_nentries(r);
	if (res->nentries < 0)
		return FDT_LOOKUP_BADREG;
	if (res->entry < 0 && res->nentries > 1)
		return FDT_LOOKUP_SEVERAL;
	if (res->entry >= res->nentries)
		return FDT_LOOKUP_NO_ENTRY;
	fdt_region_entry(r, res->entry < 0 ? 0 : res->entry, &res->start, &res->size);
	if (!res->size)
		return FDT_LOOKUP_EMPTY;
	if (res->start + (res->size - 1) < res->start)
		return FDT_LOOKUP_WRAPS;
	return FDT_LOOKUP_OK;
}

enum fdt_lookup fdt_region_lookup(const struct fdt_region_index *ix, const char *name,
				  struct fdt_lookup_result *res)
{
	size_t len = strlen(name);
	const struct rec *rec = find(ix, name, len);
	uint32_t l;
	size_t k = 0;

	memset(res, 0, sizeof(*res));
	res->entry = -1;
	if (!rec && entry_suffix(name, &len, &res->entry))
		rec = find(ix, name, len);
	if (!rec) {
		res->entry = -1;
		return res->status = FDT_LOOKUP_NONE;
	}
	res->ncand = rec->count;
	for (l = rec->head; l != NO_LINK && res->ncand > 1 && k < FDT_LOOKUP_MAX_CAND;
	     l = ix->links[l].next)
		res->cand[k++] = &ix->regs[ix->links[l].reg];
	if (res->ncand > 1)
		return res->status = FDT_LOOKUP_AMBIGUOUS;
	res->r = &ix->regs[ix->links[rec->head].reg];
	return res->status = place(res);
}

int fdt_region_answer(const struct fdt_region_index *ix, const char *name, uint64_t *start,
		      uint64_t *length)
{
	struct fdt_lookup_result res;

	if (!ix)
		return SMMUB_ASINFO_NONE;
	switch (fdt_region_lookup(ix, name, &res)) {
	case FDT_LOOKUP_OK:
		*start = res.start;
		*length = res.size;
		return 0;
	case FDT_LOOKUP_NONE:
		return SMMUB_ASINFO_NONE;
	case FDT_LOOKUP_AMBIGUOUS:
		return SMMUB_ASINFO_AMBIGUOUS;
	default:
		return SMMUB_ASINFO_NO_PLACE;
	}
}

int fdt_region_find(const void *fdt, size_t size, const char *name, uint64_t *start,
		    uint64_t *length)
{
	struct fdt_region_index *ix;
	int rc;

	if (fdt_region_index(fdt, size, &ix, NULL, NULL))
		return SMMUB_ASINFO_NONE;
	rc = fdt_region_answer(ix, name, start, length);
	fdt_region_index_free(ix);
	return rc;
}
