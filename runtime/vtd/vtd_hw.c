/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d's register page through /dev/mem: the mapping itself is every
 * architecture's (runtime/iommu/devmem.c); what is VT-d's is the window's
 * size and the kernel arguments that leave the unit to us.
 */
#include "vtd/vtd_hw.h"

#include <stdio.h>

#include "iommu/devmem.h"

static const char kargs_hint[] =
	"boot Linux with intel_iommu=off intremap=off iomem=relaxed "
	"memmap=<size>$<table address> so it leaves the unit and the carve-out alone";

int vtd_hw_open(uint64_t reg_base, uint64_t table_phys, uint64_t table_len,
		struct unit_io *io, char *err, size_t errlen)
{
	if (!io) {
		if (err && errlen)
			snprintf(err, errlen, "vtd_hw_open: no unit_io");
		return -1;
	}
	return iommu_devmem_open(reg_base, VTD_HW_REG_LEN, table_phys, table_len, "VT-d registers",
				 kargs_hint, io, err, errlen);
}

void vtd_hw_close(struct unit_io *io)
{
	iommu_devmem_close(io, VTD_HW_REG_LEN);
}
