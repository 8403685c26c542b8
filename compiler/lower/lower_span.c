/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Page-granular union of a device's grants, and the table that makes
 * devices with identical grants share one domain.
 */
#include <stdlib.h>
#include <string.h>

#include "lower/lower_int.h"
#include "smmub.h"

int span_add(struct span_list *sl, uint64_t first, uint64_t last, uint32_t perms, bool resv)
{
	if (sl->n == sl->cap) {
		size_t cap = sl->cap ? sl->cap * 2 : 16;
		struct span *v = realloc(sl->v, cap * sizeof(*v));

		if (!v) {
			sl->oom = true;
			return -1;
		}
		sl->v = v;
		sl->cap = cap;
	}
	sl->v[sl->n++] = (struct span){ first, last, perms, resv };
	return 0;
}

void span_free(struct span_list *sl)
{
	free(sl->v);
	*sl = (struct span_list){ 0 };
}

/*
 * A boundary where coverage changes. pos is 65 bits wide: a span ending at
 * the last address of the 64-bit space closes at 2^64.
 */
struct edge {
	unsigned __int128 pos;
	int open; /* +1 opens, -1 closes */
	uint32_t perms;
	bool resv;
};

static int edge_cmp(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return 0;
}

static int push_reg(struct lreg **v, size_t *n, size_t *cap, uint64_t start, uint64_t last,
		    uint32_t perms, uint32_t flags)
{
	/* merge with the previous region when it touches and is equal */
	if (*n && (*v)[*n - 1].perms == perms && (*v)[*n - 1].flags == flags &&
	    (*v)[*n - 1].start + (*v)[*n - 1].length == start) {
		(*v)[*n - 1].length += last - start + 1;
		return 0;
	}
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct lreg *nv = realloc(*v, nc * sizeof(*nv));

		if (!nv)
			return -1;
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = (struct lreg){ start, last - start + 1, perms, flags };
	return 0;
}

int span_merge(const struct span_list *sl, struct lreg **out, size_t *nout)
{
	struct edge *e = malloc((sl->n ? sl->n : 1) * 2 * sizeof(*e));
	struct lreg *v = NULL;
	size_t n = 0, cap = 0;
	unsigned cnt_r = 0, cnt_w = 0, cnt_resv = 0;

	if (!e)
		return -1;
	for (size_t i = 0; i < sl->n; i++) {
		e[2 * i] = (struct edge){ sl->v[i].first, 1, sl->v[i].perms, sl->v[i].resv };
		e[2 * i + 1] = (struct edge){ (unsigned __int128)sl->v[i].last + 1, -1,
					      sl->v[i].perms, sl->v[i].resv };
	}
	qsort(e, sl->n * 2, sizeof(*e), edge_cmp);
	for (size_t i = 0; i < sl->n * 2;) {
		unsigned __int128 pos = e[i].pos;

		/* apply every edge at this position, then emit up to the next one */
		for (; i < sl->n * 2 && e[i].pos == pos; i++) {
			cnt_r += (e[i].perms & SMMUB_PERM_R) ? e[i].open : 0;
			cnt_w += (e[i].perms & SMMUB_PERM_W) ? e[i].open : 0;
			cnt_resv += e[i].resv ? e[i].open : 0;
		}
		if (i == sl->n * 2 || (!cnt_r && !cnt_w))
			continue;
		uint32_t perms = (cnt_r ? SMMUB_PERM_R : 0) | (cnt_w ? SMMUB_PERM_W : 0);
		uint32_t flags = cnt_resv ? SMMUB_REG_RESERVED : 0;

		if (push_reg(&v, &n, &cap, (uint64_t)pos, (uint64_t)(e[i].pos - 1), perms,
			     flags)) {
			free(e);
			free(v);
			return -1;
		}
	}
	free(e);
	*out = v;
	*nout = n;
	return 0;
}

static uint64_t mix(uint64_t h, uint64_t x)
{
	h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h;
}

static uint64_t dom_hash(const struct ldom *k)
{
	uint64_t h = mix(0, (uint64_t)k->owned << 1 | k->late);

	h = mix(h, (uint64_t)(int64_t)k->late_set);
	h = mix(h, (uint64_t)(int64_t)k->late_dev);
	for (size_t i = 0; i < k->nregs; i++) {
		h = mix(h, k->regs[i].start);
		h = mix(h, k->regs[i].length);
		h = mix(h, (uint64_t)k->regs[i].perms << 32 | k->regs[i].flags);
	}
	return h;
}

static bool dom_equal(const struct ldom *a, const struct ldom *b)
{
	if (a->owned != b->owned || a->late != b->late || a->late_set != b->late_set ||
	    a->late_dev != b->late_dev || a->nregs != b->nregs)
		return false;
	for (size_t i = 0; i < a->nregs; i++)
		if (a->regs[i].start != b->regs[i].start ||
		    a->regs[i].length != b->regs[i].length ||
		    a->regs[i].perms != b->regs[i].perms || a->regs[i].flags != b->regs[i].flags)
			return false;
	return true;
}

int dom_table_init(struct dom_table *dt, size_t ndevs)
{
	size_t size = 16;

	while (size < ndevs * 2)
		size *= 2;
	dt->slot = malloc(size * sizeof(*dt->slot));
	if (!dt->slot)
		return -1;
	for (size_t i = 0; i < size; i++)
		dt->slot[i] = -1;
	dt->mask = size - 1;
	return 0;
}

void dom_table_free(struct dom_table *dt)
{
	free(dt->slot);
	dt->slot = NULL;
}

long dom_table_get(struct dom_table *dt, struct ldom *key, struct lowered *lw,
		   uint32_t device_first)
{
	size_t i = dom_hash(key) & dt->mask;

	for (; dt->slot[i] >= 0; i = (i + 1) & dt->mask) {
		if (dom_equal(&lw->doms[dt->slot[i]], key)) {
			free(key->regs);
			key->regs = NULL;
			return dt->slot[i];
		}
	}
	if (lw->ndoms == lw->doms_cap) {
		size_t nc = lw->doms_cap ? lw->doms_cap * 2 : 16;
		struct ldom *nd = realloc(lw->doms, nc * sizeof(*nd));

		if (!nd)
			return -1;
		lw->doms = nd;
		lw->doms_cap = nc;
	}
	key->device_first = device_first;
	lw->doms[lw->ndoms] = *key;
	key->regs = NULL;
	dt->slot[i] = (long)lw->ndoms;
	return (long)lw->ndoms++;
}
