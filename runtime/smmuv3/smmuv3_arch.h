/* SPDX-License-Identifier: BSD-2-Clause */
/* ARM SMMUv3 as an IOMMU architecture (iommu/arch.h): its entry and pieces. */
#ifndef SMMU_SMMUV3_ARCH_H
#define SMMU_SMMUV3_ARCH_H

#include "iommu/arch.h"
#include "iommu/pages.h"
#include "smmuv3/smmuv3_pt.h"
#include "smmuv3/smmuv3_verify.h"

extern const struct iommu_arch iommu_arch_smmuv3;

/* The access method (smmuv3/backend_sim.c). */
extern const struct backend smmuv3_backend_sim;
/* Real units through /dev/mem (smmuv3/backend_devmem.c). */
extern const struct backend smmuv3_backend_devmem;

/* iommu_arch.live: live updates for smmuman's clients (smmuv3_live.c) */
extern const struct iommu_live_ops smmuv3_live_ops;

/* iommu_arch.tables_install (smmuv3_boot.c) */
int smmuv3_tables_install_boot(const struct iommu_tables_in *in, struct iommu_tables_out *out);
/* iommu_arch.tables_build and tables_prove (smmuv3_tables.c) */
int smmuv3_tables_build_blob(const struct smmub_view *v, const struct iommu_profile *p,
			     iommu_section_fn add, void *ctx, FILE *verbose, char *err,
			     size_t errlen);
int smmuv3_tables_prove_blob(const struct smmub_view *v, const char *path, FILE *verbose,
			     char *err, size_t errlen);

/* The --profile as the builder's profile, and its name ("smmuv3-s2,ias48,oas=48"). */
void smmuv3_profile_from(const struct iommu_profile *p, struct smmuv3_profile *s);
void smmuv3_profile_name(const struct smmuv3_profile *p, char *buf, size_t n);

/*
 * Builds pol into new pages (out->pool, out->relocs: smmuv3_build_free),
 * sized by a counting pass first. 0, or as smmuv3_build.
 */
int smmuv3_build_pages(const struct smmuv3_policy *pol, struct smmuv3_build_out *out);
void smmuv3_build_free(struct smmuv3_build_out *out);

/*
 * The one capability rule: the profile unit c walks closest to want (the
 * other stage, a smaller output, a 39-bit stage-2 input, a linear stream
 * table). 0, or -1 with why when the unit walks none.
 */
struct smmuv3_caps;
int smmuv3_caps_fit(const struct smmuv3_caps *c, const struct smmuv3_profile *want,
		    struct smmuv3_profile *got, char *why, size_t whylen);

/* "StreamID 8 write at 0x...: records allow, tables deny" */
void smmuv3_mismatch_str(const struct smmuv3_mismatch *mm, char *buf, size_t n);

#endif
