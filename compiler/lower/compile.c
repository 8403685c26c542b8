/* SPDX-License-Identifier: BSD-2-Clause */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob/blob.h"
#include "front/target.h"
#include "lower/blobwrite.h"
#include "lower/compile.h"
#include "lower/lower.h"

void compile_default_opts(struct compile_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->tables = true;
}

int compile_parse_profile(const char *s, struct compile_opts *o)
{
	const struct iommu_arch *a;

	if (!strcmp(s, "none")) {
		o->tables = false;
		o->arch = NULL;
		return 0;
	}
	a = iommu_arch_by_profile(s);
	if (!a || a->profile_parse(s, &o->prof))
		return -1;
	o->tables = true;
	o->arch = a;
	return 0;
}

static int finish(struct blobw *bb, struct diag_ctx *d, void **blob, size_t *len,
		  struct smmub_view *v)
{
	uint64_t bad = 0;
	int rc = blobw_finish_view(bb, blob, len, v, &bad);

	if (rc) {
		diag_fatal(d, "internal error: the blob reader rejects the output: %s at offset %llu",
			   smmub_strerror(rc), (unsigned long long)bad);
		return -1;
	}
	return 0;
}

static int add_section(void *ctx, uint32_t id, const void *data, uint32_t count, uint32_t size)
{
	return blobw_section(ctx, id, data, count, size);
}

/*
 * The architecture that builds the tables, and the profile: 0, 1 when no
 * tables are built (said), -1 when the ask cannot be met (reported).
 */
static int tables_for(const struct config *cfg, struct diag_ctx *d, const struct compile_opts *o,
		      const struct iommu_arch **arch, struct iommu_profile *prof)
{
	enum smmu_type t;
	const struct iommu_arch *a = target_arch(cfg, &t);

	if (!a && o->arch) {
		diag_fatal(d, "--profile is for %s tables, and the policy is for smmu %s, which "
			   "this smmucc has no architecture for (it has %s)", o->arch->name,
			   smmub_smmu_type_name((uint32_t)t), iommu_arch_names());
		return -1;
	}
	if (!a) {
		/* the policy's records still compile; smmuman refuses the blob at boot */
		fprintf(stderr, "smmucc: note: no translation tables: this smmucc has no "
			"architecture for smmu %s (it has %s)\n", smmub_smmu_type_name((uint32_t)t),
			iommu_arch_names());
		return 1;
	}
	if (o->arch && o->arch != a) {
		diag_fatal(d, "--profile is for %s tables, and the policy is for smmu %s", o->arch->name,
			   a->name);
		return -1;
	}
	*arch = a;
	if (o->arch)
		*prof = o->prof;
	else
		a->profile_default(prof);
	return 0;
}

int compile_policy(const struct config *cfg, struct diag_ctx *d, const struct compile_opts *o,
		   void **blob, size_t *len, struct smmub_view *v)
{
	struct lower_opts lo = { .late_bind = o->late_bind };
	struct blobw *bb = blobw_new();
	const struct iommu_arch *arch = NULL;
	struct iommu_profile prof;
	uint32_t flags = 0;
	char err[512];
	int rc = -1, want;

	*blob = NULL;
	if (!bb) {
		diag_fatal(d, "out of memory");
		return -1;
	}
	if (lower_policy(cfg, d, &lo, bb, &flags))
		goto out;
	blobw_set_flags(bb, flags);
	if (o->safety_variant) {
		struct smmub_producer p = { htole32(SMMUB_PROD_SAFETY_VARIANT), 0 };

		if (blobw_section(bb, SMMUB_SEC_PRODUCER, &p, 1, sizeof(p)))
			goto out;
	}
	want = o->tables && !(flags & SMMUB_F_LATE_BOUND) ? tables_for(cfg, d, o, &arch, &prof) : 1;
	if (want < 0 || finish(bb, d, blob, len, v))
		goto out;
	/* tables come from the records just written, as the runtime would build them */
	if (want == 0) {
		void *first = *blob;

		*blob = NULL;
		err[0] = 0;
		rc = arch->tables_build(v, &prof, add_section, bb, o->verbose ? stderr : NULL, err,
					sizeof(err));
		free(first);
		if (rc)
			diag_fatal(d, "%s", err);
		if (rc || finish(bb, d, blob, len, v)) {
			rc = -1;
			goto out;
		}
	}
	rc = 0;
out:
	if (rc) {
		free(*blob);
		*blob = NULL;
	}
	blobw_free(bb);
	return rc;
}

int compile_prove_blob(const struct smmub_view *v, const char *path, struct diag_ctx *d,
		       bool verbose)
{
	char err[512] = "", why[512] = "";
	const struct iommu_arch *a = iommu_arch_for_blob(v, why, sizeof(why));
	int st;

	if (!a) {
		/* tables only an architecture this build has would write (one, not two) */
		if (verbose)
			fprintf(stderr, "smmucc: %s: no tables to prove: %s\n", path, why);
		return 0;
	}
	st = a->tables_prove(v, path, verbose ? stderr : NULL, err, sizeof(err));
	if (st)
		diag_fatal(d, "%s", err);
	return st;
}
