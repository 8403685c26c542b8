/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/backend.h"

int backend_policy_units(const struct smmub_view *v, uint32_t type, struct rt_unit **u)
{
	uint32_t n = v ? smmub_count(v, SMMUB_SEC_UNITS) : 0;
	int k = 0;

	*u = NULL;
	if (!n)
		return 0;
	if (n > INT_MAX / 2)
		return -1;
	/* every unit line, however many: one dropped would never be programmed */
	*u = calloc(n, sizeof(**u));
	if (!*u)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		const struct smmub_unit *un = smmub_unit(v, i);
		const struct smmub_smmu *sm = smmub_smmu(v, smmub_le32(un->smmu));
		uint64_t base;

		if (!sm || smmub_le32(sm->type) != type ||
		    smmub_param(v, smmub_le32(un->param_first), &base))
			continue;
		snprintf((*u)[k].name, sizeof((*u)[k].name), "%s",
			 smmub_str(v, smmub_le32(un->name)));
		(*u)[k++].reg_base = base;
	}
	if (!k) {
		free(*u);
		*u = NULL;
	}
	return k;
}
