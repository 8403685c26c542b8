/* SPDX-License-Identifier: BSD-2-Clause */
/* VT-d live updates (iommu/live.h): the ops, and what open learns of the installed tables. */
#ifndef SMMU_VTD_LIVE_H
#define SMMU_VTD_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iommu/live.h"

extern const struct iommu_live_ops vtd_live_ops;

/* One table-memory group as installed. */
struct vtd_live_scan {
	unsigned aw;	/* VTD_CTX_AW_* the installed context entries use (new ones too) */
	unsigned bits;	/* iova and pa below 1 << bits: that width, or the smallest MGAW */
	uint32_t ndids; /* domain ids every unit of the group has (CAP.ND) */
	uint64_t *dids; /* one bit an id in use: 0 and the installed ones (malloc'ed) */
	bool cm;	/* a unit caches not-present entries (CAP.CM) */
};

/*
 * Reads the installed tables of group gi (the units k with group[k] == gi,
 * the first of them first): every unit translating from the root table at
 * the start of its table memory, every table the root table reaches below
 * the pool, the domain ids in use, one address width. 0, or -EINVAL with
 * the reason in why; -ENOMEM.
 */
int vtd_live_scan(const struct iommu_live_in *in, const size_t *group, size_t gi, size_t first,
		  struct vtd_live_scan *s, char *why, size_t whylen);

#endif
