/* SPDX-License-Identifier: BSD-2-Clause */
#include "front/target.h"

const struct iommu_arch *target_arch(const struct config *cfg, enum smmu_type *type)
{
	*type = cfg->nsmmus ? cfg->smmus[0].type : SMMU_UNKNOWN;
	if (!cfg->nsmmus)
		return iommu_arch_default();
	/* the language's types are the blob's, value for value */
	return iommu_arch_by_type((uint32_t)*type);
}
