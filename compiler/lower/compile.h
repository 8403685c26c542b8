/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The whole compile: lowering, then the translation tables of the policy's
 * architecture (runtime/iommu/arch.h), built from the blob's own records,
 * proven by the architecture's independent walker, and stored with their
 * capability contract. Every table goes through the architecture table
 * from here; nothing else in the compiler knows a table format.
 */
#ifndef SMMU_COMPILE_H
#define SMMU_COMPILE_H

#include <stdbool.h>
#include <stddef.h>
#include "front/ast.h"
#include "front/diag.h"
#include "iommu/arch.h"

struct compile_opts {
	bool late_bind;        /* keep unresolved $asinfo names as relocations */
	bool tables;           /* build translation tables (--profile none: not) */
	/* --profile's architecture and format; NULL: the policy's, its default */
	const struct iommu_arch *arch;
	struct iommu_profile prof;
	bool safety_variant;   /* record that the safety variant wrote the blob */
	bool verbose;          /* report table statistics on stderr */
};

/* Tables in the default profile of the policy's architecture. */
void compile_default_opts(struct compile_opts *o);

/*
 * Parses a --profile value: one of an architecture's (for VT-d "vtd-aw48"
 * | "vtd-aw39", then optional ",1g" (allow 1 GiB pages), ",no2m" (forbid
 * 2 MiB pages)), or "none" (no tables). Returns 0 or -1.
 */
int compile_parse_profile(const char *s, struct compile_opts *o);

/*
 * Compiles cfg (checked, without errors) to a blob: 0, a malloc'd buffer
 * and the view it was validated with (once: the reader's own check of the
 * writer), or -1 after reporting (an internal error: the reader rejected
 * the output, or the tables differ from the policy; or tables asked for
 * an architecture this build lacks).
 */
int compile_policy(const struct config *cfg, struct diag_ctx *d, const struct compile_opts *o,
		   void **blob, size_t *len, struct smmub_view *v);

/*
 * Proves the tables of blob v (validated; read from path, for the
 * messages) as compile_policy proved them when it wrote them, through its
 * architecture. A blob without tables, or late-bound, has none to prove
 * (said on stderr when verbose). Returns smmucc's exit status: 0 proven,
 * 1 a bad blob, 2 out of memory; errors are reported through d.
 */
int compile_prove_blob(const struct smmub_view *v, const char *path, struct diag_ctx *d,
		       bool verbose);

#endif
