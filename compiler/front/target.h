/* SPDX-License-Identifier: BSD-2-Clause */
/* Which IOMMU architecture a configuration is for (runtime/iommu/arch.h). */
#ifndef SMMU_TARGET_H
#define SMMU_TARGET_H

#include <stdbool.h>
#include "front/ast.h"
#include "iommu/arch.h"

/*
 * The architecture of cfg's smmu lines (the first one's type), or the
 * platform default when it has none; NULL when this build has no
 * architecture for that type. *type gets the type (SMMU_UNKNOWN: none).
 */
const struct iommu_arch *target_arch(const struct config *cfg, enum smmu_type *type);

#endif
