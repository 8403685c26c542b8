/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The table-memory lower bound (bench_bound.h). Independent of vtd_pt.c on
 * purpose: grants become disjoint runs by a plain boundary sweep, runs
 * become the largest aligned leaves greedily, and a table is needed for
 * each (level, window) above a leaf. Two tables at the same level and
 * window with the same grants inside are the same page (identity mapping),
 * so they are counted once, by a 64-bit hash of the clipped grants.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bench_bound.h"
#include "vtd/vtd_policy.h"
#include "vtd/vtd_pt.h"

#define LEVELS 4u

struct run {
	uint64_t start, end; /* [start, end) */
	uint32_t perms;
};

struct hset {
	uint64_t *slot; /* 0: empty */
	size_t cap, n;
};

static int hset_add(struct hset *h, uint64_t key)
{
	key |= !key; /* 0 marks an empty slot */
	if (2 * (h->n + 1) > h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 1024;
		uint64_t *s = calloc(cap, sizeof(*s));

		if (!s)
			return -1;
		for (size_t i = 0; i < h->cap; i++)
			for (size_t j = h->slot[i] & (cap - 1); h->slot[i]; j = (j + 1) & (cap - 1))
				if (!s[j]) {
					s[j] = h->slot[i];
					break;
				}
		free(h->slot);
		h->slot = s;
		h->cap = cap;
	}
	for (size_t j = key & (h->cap - 1);; j = (j + 1) & (h->cap - 1)) {
		if (h->slot[j] == key)
			return 0;
		if (!h->slot[j]) {
			h->slot[j] = key;
			h->n++;
			return 0;
		}
	}
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x100000001b3ull;
	return h ^ (h >> 29);
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Disjoint runs of equal permissions, ascending; returns their number or -1. */
static long make_runs(const struct vtd_domain_in *d, struct run **out)
{
	uint64_t *b = malloc(2 * d->nranges * sizeof(*b));
	struct run *r = malloc(2 * d->nranges * sizeof(*r));
	size_t nb = 0, nr = 0;

	if (!b || !r) {
		free(b);
		free(r);
		return -1;
	}
	for (size_t i = 0; i < d->nranges; i++) {
		b[nb++] = d->ranges[i].start;
		b[nb++] = d->ranges[i].start + d->ranges[i].length;
	}
	qsort(b, nb, sizeof(*b), u64_cmp);
	for (size_t i = 0; i + 1 < nb; i++) {
		uint32_t p = 0;

		if (b[i] == b[i + 1])
			continue;
		for (size_t k = 0; k < d->nranges; k++)
			if (d->ranges[k].start <= b[i] &&
			    d->ranges[k].start + d->ranges[k].length > b[i])
				p |= d->ranges[k].perms;
		if (!p)
			continue;
		if (nr && r[nr - 1].end == b[i] && r[nr - 1].perms == p)
			r[nr - 1].end = b[i + 1];
		else
			r[nr++] = (struct run){ b[i], b[i + 1], p };
	}
	free(b);
	*out = r;
	return (long)nr;
}

static uint64_t span(unsigned level)
{
	return 1ull << (12 + 9 * (level - 1));
}

/* Hash of the grants in the window of the level-L table at wb. */
static uint64_t window_key(const struct run *r, size_t n, unsigned level, uint64_t wb)
{
	uint64_t we = wb + 512 * span(level), h = mix(mix(0xcbf29ce484222325ull, level), wb);

	for (size_t i = 0; i < n; i++) {
		if (r[i].end <= wb || r[i].start >= we)
			continue;
		h = mix(h, r[i].start > wb ? r[i].start : wb);
		h = mix(h, r[i].end < we ? r[i].end : we);
		h = mix(h, r[i].perms);
	}
	return h;
}

/* Adds the tables one domain needs to the set. */
static int domain_tables(const struct vtd_domain_in *d, struct hset *set)
{
	struct run *r = NULL;
	long n = make_runs(d, &r);
	uint64_t *w = NULL; /* level << 56 | window base >> 12 */
	size_t nw = 0, cap = 0;
	int rc = -1;

	if (n < 0)
		return -1;
	for (long i = 0; i < n; i++) {
		for (uint64_t a = r[i].start; a < r[i].end;) {
			unsigned leaf = 1;

			/* the largest leaf: 2 MiB when aligned and inside the run */
			if (!(a & (span(2) - 1)) && r[i].end - a >= span(2))
				leaf = 2;
			for (unsigned l = leaf; l <= LEVELS; l++) {
				uint64_t wb = l == LEVELS ? 0 : a & ~(512 * span(l) - 1);

				if (nw == cap) {
					uint64_t *nwp = realloc(w, (cap = cap ? 2 * cap : 64) *
								       sizeof(*w));

					if (!nwp)
						goto out;
					w = nwp;
				}
				w[nw++] = (uint64_t)l << 56 | wb >> 12;
			}
			a += span(leaf);
		}
	}
	qsort(w, nw, sizeof(*w), u64_cmp);
	for (size_t i = 0; i < nw; i++) {
		if (i && w[i] == w[i - 1])
			continue;
		if (hset_add(set, window_key(r, (size_t)n, (unsigned)(w[i] >> 56),
					     (w[i] & ((1ull << 56) - 1)) << 12)))
			goto out;
	}
	rc = 0;
out:
	free(w);
	free(r);
	return rc;
}

int bench_bound(const struct smmub_view *v, struct bench_bound *out)
{
	const struct vtd_profile prof = { .levels = LEVELS, .sp2m = true, .sp1g = false };
	struct vtd_input in;
	struct hset set = { 0 };
	bool bus[256] = { false };
	bool *reach;
	char err[256];
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (vtd_input_from_blob(v, &prof, NULL, NULL, &in, err, sizeof(err)))
		return -1;
	reach = calloc(in.pol.ndomains + 1, sizeof(*reach));
	if (!reach)
		goto out;
	for (size_t i = 0; i < in.pol.ndevices; i++) {
		const struct vtd_device_in *dv = &in.pol.devices[i];

		if (in.pol.domains[dv->domain].nranges) {
			reach[dv->domain] = true;
			bus[dv->sid >> 8] = true;
		}
	}
	for (size_t d = 0; d < in.pol.ndomains; d++)
		if (reach[d] && domain_tables(&in.pol.domains[d], &set))
			goto out;
	for (unsigned b = 0; b < 256; b++)
		out->buses += bus[b];
	out->tables = set.n;
	out->pages = 1 + out->buses + out->tables;
	rc = 0;
out:
	free(reach);
	free(set.slot);
	vtd_input_free(&in);
	return rc;
}
