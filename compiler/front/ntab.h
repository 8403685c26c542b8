/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small open-addressing hash index of item numbers; the items themselves
 * live in the caller's arrays (sets, units, devices, file names), so the
 * table only answers "which item equals this key" in O(1).
 */
#ifndef SMMU_NTAB_H
#define SMMU_NTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ntab_slot {
	uint32_t hash;
	uint32_t item1; /* item + 1; 0 is an empty slot */
};

struct ntab {
	struct ntab_slot *slots;
	size_t cap; /* a power of two, or 0 */
	size_t n;
};

typedef bool ntab_eq_fn(const void *ctx, size_t item, const void *key);

uint32_t ntab_hash(const void *p, size_t n);
uint32_t ntab_hash_str(const char *s);

/* The item equal to key, or -1. */
long ntab_find(const struct ntab *t, uint32_t hash, ntab_eq_fn *eq, const void *ctx,
	       const void *key);
/* Adds item (not already present); 0, or -1 on allocation failure. */
int ntab_add(struct ntab *t, uint32_t hash, size_t item);
void ntab_free(struct ntab *t);

/* Grows an array of n elements of size sz geometrically so that n+1 fit. */
void *grow_array(void *p, size_t n, size_t sz);

#endif
