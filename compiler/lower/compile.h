/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The whole compile: lowering, then (for a VT-d target) translation tables
 * built from the blob's own records, proven by the independent walker, and
 * stored with their capability contract.
 */
#ifndef SMMU_COMPILE_H
#define SMMU_COMPILE_H

#include <stdbool.h>
#include <stddef.h>
#include "front/ast.h"
#include "front/diag.h"
#include "vtd/vtd_pt.h"

struct compile_opts {
	bool late_bind;        /* keep unresolved $asinfo names as relocations */
	bool tables;           /* build VT-d tables (profile below) */
	struct vtd_profile prof;
	bool safety_variant;   /* record that the safety variant wrote the blob */
	bool verbose;          /* report table statistics on stderr */
};

/* Default profile: 4 levels (48-bit), 2 MiB superpages, no 1 GiB. */
void compile_default_opts(struct compile_opts *o);

/*
 * Parses a --profile value: "vtd-aw48" | "vtd-aw39", then optional ",1g"
 * (allow 1 GiB pages), ",no2m" (forbid 2 MiB pages); or "none" (no tables).
 * Returns 0 or -1.
 */
int compile_parse_profile(const char *s, struct compile_opts *o);

/*
 * Compiles cfg (checked, without errors) to a blob: 0 and a malloc'd
 * buffer, or -1 after reporting (an internal error: the reader rejected
 * the output, or the tables differ from the policy).
 */
int compile_policy(const struct config *cfg, struct diag_ctx *d, const struct compile_opts *o,
		   void **blob, size_t *len);

/*
 * Proves the VT-d tables of blob v (validated; read from path, for the
 * messages) as compile_policy proved them when it wrote them: the tables
 * sections agree with their contract (vtd_tables_view), and the expanded
 * tables grant exactly what the records grant, both ways. A blob without
 * tables, or late-bound, has none to prove (said on stderr when verbose).
 * Returns smmucc's exit status: 0 proven, 1 a bad blob, 2 out of memory;
 * errors are reported through d.
 */
struct smmub_view;
int compile_prove_blob(const struct smmub_view *v, const char *path, struct diag_ctx *d,
		       bool verbose);

/* Whether cfg targets VT-d: an `smmu vtd` line, or no smmu line at all. */
bool compile_targets_vtd(const struct config *cfg);

#endif
