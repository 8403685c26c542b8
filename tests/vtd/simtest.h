/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the software-unit and driver suites: tables into the model's memory. */
#ifndef SMMU_TESTS_VTD_SIMTEST_H
#define SMMU_TESTS_VTD_SIMTEST_H

#include <stdlib.h>

#include "iommu/unit_io.h"
#include "vtd/vtd_pt.h"

/* Builds pol straight into table memory and relocates it; returns pages or -errno. */
static inline long install(const struct unit_io *io, const struct vtd_policy *pol)
{
	uint64_t relocs[1024];
	struct vtd_build_out out = {
	    io->table_mem, (size_t)(io->table_size / VTD_PAGE_SIZE), relocs, 1024, NULL, 0, 0, 0};
	int err = vtd_build(pol, &out);

	if (err)
		return err;
	err = vtd_relocate(io->table_mem, out.npages, relocs, out.nrelocs, io->table_phys);
	return err ? err : (long)out.npages;
}

#endif
