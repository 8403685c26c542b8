/* SPDX-License-Identifier: BSD-2-Clause */
/* What test_live.c shares with its random suite (test_live_rand.c). */
#ifndef SMMU_TESTS_VTD_TEST_LIVE_H
#define SMMU_TESTS_VTD_TEST_LIVE_H

#include <stddef.h>
#include <stdint.h>

#include "iommu/backend.h"
#include "iommu/live.h"
#include "vtd/vtd_sim.h"

extern struct vtd_sim *sim;
extern struct rt_unit unit;
extern struct iommu_live *live;
extern const struct iommu_live_ops *ops;
extern uint64_t pool_off; /* where the pool starts in table memory */

/* The policy on a fresh unit, translating, with a pool of npool pages after its tables. */
int boot(void (*tweak)(struct vtd_sim_cfg *), size_t npool);
/* The model's whole memory, copied (the caller frees it). */
uint8_t *snap(void);
/* A unit with caching mode, page-selective invalidation, draining and RWBF. */
void cm(struct vtd_sim_cfg *c);

void test_random(void);
void test_random_cm(void);

#endif
