/* SPDX-License-Identifier: BSD-2-Clause */
/* The faults one unit_poll_faults hands over: the first eight kept, all counted. */
#ifndef SMMU_TESTS_SMMUV3_FAULTLOG_H
#define SMMU_TESTS_SMMUV3_FAULTLOG_H

#include "iommu/fault_fmt.h"

struct fault_log {
	struct iommu_fault f[8];
	int n;
};

/* An iommu_fault_fn: arg is the struct fault_log. */
static inline void fault_log_add(void *arg, const struct iommu_fault *f)
{
	struct fault_log *g = arg;

	if (g->n < 8)
		g->f[g->n] = *f;
	g->n++;
}

#endif
