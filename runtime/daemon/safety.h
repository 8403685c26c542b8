/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The `safety` response: each component smmuman relies on is either a
 * safety variant or not, and the policy says, per component or globally,
 * whether a non-safety component is ignored, warned about, or a reason for
 * the Design Safe State. This project claims no certification: "safety
 * variant" is the build configuration meant for it (configure
 * --enable-safety), and the components say which build they are.
 */
#ifndef SMMU_SAFETY_H
#define SMMU_SAFETY_H

#include <stdbool.h>
#include <stddef.h>
#include "blob/blob.h"

struct component {
	const char *name;     /* as written in `safety LEVEL COMPONENT` */
	bool safety_variant;
};

/*
 * Weighs every component against the policy's levels (global default:
 * none, or required when smmuman is itself the safety variant). Logs a
 * warning per non-safety component at level warn. Returns 0, or 1 with the
 * DSS reason in why when a component at level required is not a safety
 * variant.
 */
int safety_check(const struct smmub_view *v, bool safety_build, const struct component *c,
		 size_t n, char *why, size_t whylen);

/* Whether the blob says the safety variant of smmucc wrote it. */
bool safety_blob_from_safety_compiler(const struct smmub_view *v);

#endif
