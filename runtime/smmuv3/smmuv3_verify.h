/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The proof that SMMUv3 tables grant exactly a policy, asked of the
 * independent walker (smmuv3_walk.c) as the unit would be asked: the
 * policy's answer comes from its ranges as written, never from the builder.
 */
#ifndef SMMU_SMMUV3_VERIFY_H
#define SMMU_SMMUV3_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "smmuv3/smmuv3_pt.h"
#include "smmuv3/smmuv3_walk.h"

struct smmuv3_mismatch {
	uint32_t sid;
	uint64_t addr;
	bool write;
	bool expected;		       /* the policy allows the access */
	bool got;		       /* the tables allow it (to res.pa) */
	struct smmuv3_walk_result res; /* the walker's full answer */
};

/*
 * Proves the tables of pol: npages pages at physical base (relocated), the
 * stream table at strtab_base with STRTAB_BASE_CFG strtab_cfg. For every
 * device, at every edge of its domain's ranges (the page each side, the
 * first and last byte, the 2 MiB and 1 GiB boundaries around it), at 0, at
 * the last page of the input range and beyond it, reads and writes: a grant
 * where the policy grants, to the same address, and a denial elsewhere.
 * Then StreamIDs not in the policy (all of them up to 2^LOG2SIZE for tables
 * of up to 4096, the first and last of every level-1 span, the neighbours
 * of every used one, 2^LOG2SIZE and 2^32 - 1) at 0 and at the first
 * address the policy grants anyone: denied with an event recorded. Then
 * whole: every entry of every tree a device's STE and CD lead to (a device
 * whose STE and CD set up exactly what an earlier device of its domain did
 * is walked once instead), one walk per entry and access that decides
 * alike for its whole
 * span (a leaf, an invalid entry, a table out of reach), and the policy
 * must answer the same on every page of that span. A bypass, a grant to
 * another address, or an answer the walker marks unpredictable is a
 * difference. Returns 0 when proven, 1 with *mm set on the first
 * difference, -EINVAL for a policy the builder would refuse (devices not
 * ascending, a domain index out of range, ranges unaligned, descending,
 * overlapping or beyond ias), -ELOOP when a tree holds more entries than
 * npages pages can (tables reused within it), -ENOMEM. *nchecked (may be
 * NULL) counts the walks.
 */
int smmuv3_verify(const struct smmuv3_policy *pol, const uint8_t *pages, size_t npages,
		  uint64_t base, uint64_t strtab_base, uint32_t strtab_cfg,
		  struct smmuv3_mismatch *mm, size_t *nchecked);

/* The walker configuration a profile assumes: the most a unit may hold. */
void smmuv3_walk_cfg_from_profile(const struct smmuv3_profile *prof, uint64_t strtab_base,
				  uint32_t strtab_cfg, struct smmuv3_walk_cfg *cfg);

#endif
