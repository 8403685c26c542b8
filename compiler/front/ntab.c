/* SPDX-License-Identifier: BSD-2-Clause */
/* Hash index of item numbers: see ntab.h. */
#include <stdlib.h>
#include <string.h>
#include "front/ntab.h"

/* One multiply and shift folds 64 bits into h. */
static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xff51afd7ed558ccdu;
	return h ^ (h >> 32);
}

/*
 * Eight bytes a step, then a final mix for the low bits the tables use: a
 * byte a step (FNV-1a) made hashing a tenth of --check on 10^5 lines.
 * Values stay within the process, so byte order does not matter.
 */
uint32_t ntab_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;
	size_t i;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = mix(h, w);
	}
	if (n) {
		for (w = 0, i = 0; i < n; i++)
			w |= (uint64_t)s[i] << (8 * i);
		h = mix(h, w);
	}
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53u;
	return (uint32_t)(h ^ (h >> 32));
}

uint32_t ntab_hash_str(const char *s)
{
	return ntab_hash(s, strlen(s));
}

long ntab_find(const struct ntab *t, uint32_t hash, ntab_eq_fn *eq, const void *ctx,
	       const void *key)
{
	size_t i, mask;

	if (!t->cap)
		return -1;
	mask = t->cap - 1;
	for (i = hash & mask;; i = (i + 1) & mask) {
		const struct ntab_slot *s = &t->slots[i];

		if (!s->item1)
			return -1;
		if (s->hash == hash && eq(ctx, s->item1 - 1, key))
			return (long)(s->item1 - 1);
	}
}

static void put(struct ntab_slot *slots, size_t mask, uint32_t hash, uint32_t item1)
{
	size_t i;

	for (i = hash & mask; slots[i].item1; i = (i + 1) & mask)
		;
	slots[i].hash = hash;
	slots[i].item1 = item1;
}

int ntab_add(struct ntab *t, uint32_t hash, size_t item)
{
	if (item >= UINT32_MAX)
		return -1;
	/* Keep the load under 1/2 so probes stay short. */
	if ((t->n + 1) * 2 > t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 64, i;
		struct ntab_slot *ns = calloc(ncap, sizeof(*ns));

		if (!ns)
			return -1;
		for (i = 0; i < t->cap; i++)
			if (t->slots[i].item1)
				put(ns, ncap - 1, t->slots[i].hash, t->slots[i].item1);
		free(t->slots);
		t->slots = ns;
		t->cap = ncap;
	}
	put(t->slots, t->cap - 1, hash, (uint32_t)item + 1);
	t->n++;
	return 0;
}

void ntab_free(struct ntab *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

void *grow_array(void *p, size_t n, size_t sz)
{
	/* Capacities are the powers of two, so n alone says when to grow. */
	if (n && (n & (n - 1)))
		return p;
	return realloc(p, (n ? n * 2 : 1) * sz);
}
