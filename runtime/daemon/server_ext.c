/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An object's mappings as the tables hold them: extents sorted by IOVA,
 * disjoint. A call's entries change it in one sweep (sorted ranges cut
 * out, then merged in), so 1,000 pages in one call cost a sort and two
 * passes, not 1,000 passes; entries that overlap each other are applied
 * one by one, in the order given (the later wins, as in the tables).
 * Each change is whole or not at all: a new array replaces the old one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/server_int.h"

static int by_iova(const void *a, const void *b)
{
	const struct sext *x = a, *y = b;

	return (x->iova > y->iova) - (x->iova < y->iova);
}

static struct sext piece(const struct sext *e, uint64_t lo, uint64_t hi)
{
	return (struct sext){ lo, hi - lo, e->pa + (lo - e->iova), e->perms };
}

static void replace(struct sobj *o, struct sext *ext, size_t n, size_t cap)
{
	free(o->ext);
	o->ext = ext;
	o->next = n;
	o->capext = cap;
}

/* o without the sorted, disjoint ranges r[0..n): one sweep. */
static int cut_sorted(struct sobj *o, const struct sext *r, size_t n)
{
	size_t cap = o->next + n + 1, k = 0, j = 0;
	struct sext *out = malloc(cap * sizeof(*out));

	if (!out)
		return -ENOMEM;
	for (size_t i = 0; i < o->next; i++) {
		const struct sext *e = &o->ext[i];
		uint64_t pos = e->iova, end = e->iova + e->len;

		while (j < n && r[j].iova + r[j].len <= pos)
			j++;
		for (size_t t = j; t < n && r[t].iova < end; t++) {
			if (r[t].iova > pos)
				out[k++] = piece(e, pos, r[t].iova);
			if (r[t].iova + r[t].len > pos)
				pos = r[t].iova + r[t].len;
		}
		if (pos < end)
			out[k++] = piece(e, pos, end);
	}
	replace(o, out, k, cap);
	return 0;
}

/* o merged with the sorted extents a[0..n), disjoint from it and each other. */
static int merge_sorted(struct sobj *o, const struct sext *a, size_t n)
{
	size_t cap = o->next + n + 1, k = 0, i = 0, j = 0;
	struct sext *out = malloc(cap * sizeof(*out));

	if (!out)
		return -ENOMEM;
	while (i < o->next || j < n)
		out[k++] = j == n || (i < o->next && o->ext[i].iova < a[j].iova) ? o->ext[i++]
										  : a[j++];
	replace(o, out, k, cap);
	return 0;
}

/* The ranges of e[0..n) sorted; true when no two overlap. */
static struct sext *sorted(const struct sext *e, size_t n, bool *disjoint)
{
	struct sext *s = malloc((n ? n : 1) * sizeof(*s));

	if (!s)
		return NULL;
	if (n)
		memcpy(s, e, n * sizeof(*s));
	qsort(s, n, sizeof(*s), by_iova);
	*disjoint = true;
	for (size_t i = 1; i < n; i++)
		if (s[i - 1].iova + s[i - 1].len > s[i].iova)
			*disjoint = false;
	return s;
}

static int apply(struct sobj *o, const struct sext *e, size_t n, bool add)
{
	bool disjoint;
	struct sext *s = sorted(e, n, &disjoint);
	int rc = 0;

	if (!s)
		return -ENOMEM;
	if (disjoint) {
		rc = cut_sorted(o, s, n);
		if (!rc && add)
			rc = merge_sorted(o, s, n);
	} else {
		for (size_t i = 0; i < n && !rc; i++) {
			rc = cut_sorted(o, &e[i], 1);
			if (!rc && add)
				rc = merge_sorted(o, &e[i], 1);
		}
	}
	free(s);
	return rc;
}

/* Whole or nothing: on -ENOMEM the extents are as they were. */
static int apply_whole(struct sobj *o, const struct sext *e, size_t n, bool add)
{
	struct sext *was = malloc((o->next ? o->next : 1) * sizeof(*was));
	size_t nwas = o->next;
	int rc;

	if (!was)
		return -ENOMEM;
	if (nwas)
		memcpy(was, o->ext, nwas * sizeof(*was));
	rc = apply(o, e, n, add);
	if (rc)
		replace(o, was, nwas, nwas ? nwas : 1);
	else
		free(was);
	return rc;
}

int srv_ext_add(struct sobj *o, const struct sext *e, size_t n)
{
	return apply_whole(o, e, n, true);
}

int srv_ext_remove(struct sobj *o, const struct sext *r, size_t n)
{
	return apply_whole(o, r, n, false);
}

size_t srv_ext_first(const struct sobj *o, uint64_t iova)
{
	size_t lo = 0, hi = o->next;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (o->ext[mid].iova + o->ext[mid].len <= iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool srv_ext_clip(const struct sext *e, uint64_t iova, uint64_t len, struct sext *out)
{
	uint64_t lo = e->iova > iova ? e->iova : iova;
	uint64_t hi = e->iova + e->len < iova + len ? e->iova + e->len : iova + len;

	if (lo >= hi)
		return false;
	*out = piece(e, lo, hi);
	return true;
}
