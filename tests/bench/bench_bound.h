/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A lower bound on VT-d table memory for a policy, computed without the
 * builder: the root table, one context table per bus in use, and for every
 * domain a device reaches the second-level tables that the largest aligned
 * leaves (4 KiB, 2 MiB; 4 levels) need, counting equal subtrees once.
 */
#ifndef SMMU_BENCH_BOUND_H
#define SMMU_BENCH_BOUND_H

#include <stddef.h>
#include "blob/blob.h"

struct bench_bound {
	size_t pages;  /* the bound: 1 + buses + tables */
	size_t buses;  /* context tables */
	size_t tables; /* distinct second-level tables */
};

/* 0, or -1 (no memory, or the policy cannot be read). */
int bench_bound(const struct smmub_view *v, struct bench_bound *out);

#endif
