/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The software unit's caches (vtd_sim.c): a context cache by requester id
 * and an IOTLB by domain id and page, filled by DMA and emptied only by
 * the invalidation commands, as the hardware's are. Without them a live
 * update that forgets an invalidation would look right in every test;
 * with them the stale answer shows as a DMA that still goes through.
 * With CAP.CM (caching mode, as QEMU can report) not-present and faulting
 * entries are cached too, so software must invalidate after making an
 * entry present as well.
 */
#ifndef SMMU_VTD_SIM_CACHE_H
#define SMMU_VTD_SIM_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "vtd/vtd_walk.h"

#define VTD_SIMC_CTX 64	 /* context cache entries, direct mapped by requester id */
#define VTD_SIMC_TLB 256 /* IOTLB entries, direct mapped by domain id and page */

struct vtd_simc_ctx {
	bool valid, present;
	uint16_t sid, did;
	bool fpd;
	unsigned reason; /* not present: the fault the walk found */
	uint64_t table;	 /* present: the second-level table, and its levels */
	unsigned aw;
};

struct vtd_simc_tlb {
	bool valid;
	uint16_t did;
	uint64_t page;	 /* iova >> 12 */
	bool ok[2];	 /* read, write */
	unsigned reason[2];
	uint64_t pa;	 /* of the page */
	uint64_t page_size;
};

struct vtd_simc {
	struct vtd_simc_ctx ctx[VTD_SIMC_CTX];
	struct vtd_simc_tlb tlb[VTD_SIMC_TLB];
	unsigned hits; /* answers that came from a cache */
};

void vtd_simc_reset(struct vtd_simc *c);

/*
 * vtd_walk through the caches: the same answer as a walk of memory unless
 * an entry changed without its invalidation. cm: CAP.CM.
 */
void vtd_simc_walk(struct vtd_simc *c, bool cm, const struct vtd_mem *m,
		   const struct vtd_walk_cfg *wc, uint64_t rta, uint16_t sid, uint64_t iova,
		   bool write, struct vtd_walk_res *r);

/* A context-cache invalidation of granularity g (1 global, 2 domain, 3 device). */
void vtd_simc_inv_ctx(struct vtd_simc *c, unsigned g, uint16_t did, uint16_t sid, unsigned fm);
/* An IOTLB invalidation of granularity g (1 global, 2 domain, 3 page: iva's 2^am pages). */
void vtd_simc_inv_tlb(struct vtd_simc *c, unsigned g, uint16_t did, uint64_t iva, unsigned am);

#endif
