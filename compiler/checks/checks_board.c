/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Units the policy cannot run without. The board-* checks fire from the
 * --board pass (front/board.c), where the tree's answers are; this one
 * runs after it, over the units both the configuration and the tree gave.
 */
#include <string.h>
#include "checks/checks.h"

/* smmu armsmmuv3 require: at least one SMMUv3 unit, from a unit line or the tree. */
void check_no_units(struct check_run *run)
{
	const struct config *cfg = run->cfg;

	for (size_t i = 0; i < cfg->nunits; i++) {
		int s = cfg->units[i].smmu;

		if (s >= 0 && (size_t)s < cfg->nsmmus && cfg->smmus[s].type == SMMU_ARMSMMUV3)
			return;
	}
	for (size_t i = 0; i < cfg->nsmmus; i++) {
		const struct smmu *sm = &cfg->smmus[i];
		const struct stmt *s = &cfg->stmts[sm->stmt];

		if (sm->type != SMMU_ARMSMMUV3 || !sm->params_ok || !s->u.smmu->param ||
		    strcmp(s->u.smmu->param, "require") != 0)
			continue;
		diag_report(run->d, CHK_NO_UNITS, &s->u.smmu->param_pos,
			    "'smmu armsmmuv3 require' without an SMMUv3 unit: no unit line "
			    "declares one and no --board tree gives one");
	}
}
