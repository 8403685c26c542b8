/* SPDX-License-Identifier: BSD-2-Clause */
/* Intel VT-d as an IOMMU architecture (iommu/arch.h): its entry and pieces. */
#ifndef SMMU_VTD_ARCH_H
#define SMMU_VTD_ARCH_H

#include "iommu/arch.h"
#include "vtd/vtd_drv.h"

/* A unit's state as the architecture keeps it (rt_unit.caps). */
struct vtd_unit {
	struct vtd_caps caps;
	bool probed; /* caps are the unit's (else decoded again when needed) */
};

extern const struct iommu_arch iommu_arch_vtd;

/* The access methods (vtd/backend_sim.c, vtd/backend_devmem.c). */
extern const struct backend vtd_backend_sim;
extern const struct backend vtd_backend_devmem;

/* iommu_arch.tables_install (vtd_boot.c) */
int vtd_tables_install_boot(const struct iommu_tables_in *in, struct iommu_tables_out *out);
/* iommu_arch.tables_build and tables_prove (vtd_tables.c) */
int vtd_tables_build_blob(const struct smmub_view *v, const struct iommu_profile *p,
			  iommu_section_fn add, void *ctx, FILE *verbose, char *err, size_t errlen);
int vtd_tables_prove_blob(const struct smmub_view *v, const char *path, FILE *verbose, char *err,
			  size_t errlen);

#endif
