/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>

#include "backend.h"

int backend_policy_units(const struct smmub_view *v, struct rt_unit *u, size_t cap)
{
	uint32_t n = v ? smmub_count(v, SMMUB_SEC_UNITS) : 0;
	int k = 0;

	for (uint32_t i = 0; i < n && (size_t)k < cap; i++) {
		const struct smmub_unit *un = smmub_unit(v, i);
		const struct smmub_smmu *sm = smmub_smmu(v, smmub_le32(un->smmu));
		uint64_t base;

		if (!sm || smmub_le32(sm->type) != SMMUB_SMMU_VTD ||
		    smmub_param(v, smmub_le32(un->param_first), &base))
			continue;
		snprintf(u[k].name, sizeof(u[k].name), "%s", smmub_str(v, smmub_le32(un->name)));
		u[k++].reg_base = base;
	}
	return k;
}
