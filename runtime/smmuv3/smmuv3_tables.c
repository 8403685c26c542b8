/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 tables for smmucc (iommu_arch.tables_build, tables_prove): built
 * from a blob's own records as smmuman would rebuild them, proven by the
 * independent walker, and stored as runs with their relocations and the
 * capability contract (schemas/smmub_smmuv3.h). A blob read back is proven
 * the same way.
 */
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smmuv3/smmuv3_arch.h"
#include "smmuv3/smmuv3_blob.h"
#include "smmuv3/smmuv3_policy.h"
#include "smmuv3/smmuv3_verify.h"

/* Where the proof relocates the tables: any base the builder did not assume. */
#define PROVE_BASE 0x40000000ull

/* Tables read back: a hostile page count must not cost gigabytes. */
#define PROVE_MAX_PAGES (1u << 18)

static unsigned pgsz_bits(const struct smmuv3_profile *p)
{
	return SMMUB_SMMUV3_PGSZ_4K | (p->blk2m ? SMMUB_SMMUV3_PGSZ_2M : 0) |
	       (p->blk1g ? SMMUB_SMMUV3_PGSZ_1G : 0);
}

void smmuv3_profile_from(const struct iommu_profile *p, struct smmuv3_profile *s)
{
	*s = (struct smmuv3_profile){
		.stage = p->stage,
		.ias = p->levels == 3 ? 39 : 48,
		.oas = p->oas,
		.blk2m = (p->pgsizes & IOMMU_PGSZ_2M) != 0,
		.blk1g = (p->pgsizes & IOMMU_PGSZ_1G) != 0,
		.st_2lvl = !p->linear,
	};
}

void smmuv3_profile_name(const struct smmuv3_profile *p, char *buf, size_t n)
{
	snprintf(buf, n, "smmuv3-s%u,ias%u,oas=%u%s%s%s", p->stage, p->ias, p->oas,
		 p->blk2m ? "" : ",no2m", p->blk1g ? "" : ",no1g", p->st_2lvl ? "" : ",linear");
}

int smmuv3_build_pages(const struct smmuv3_policy *pol, struct smmuv3_build_out *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = smmuv3_build(pol, out); /* a dry run counts */
	if (rc && rc != -ENOSPC)
		return rc;
	out->pool_pages = out->npages;
	out->reloc_cap = out->nrelocs;
	out->pool = iommu_pool_map(out->npages ? out->npages : 1);
	out->relocs = malloc((out->nrelocs ? out->nrelocs : 1) * sizeof(*out->relocs));
	if (!out->pool || !out->relocs) {
		smmuv3_build_free(out);
		return -ENOMEM;
	}
	rc = smmuv3_build(pol, out);
	if (rc)
		smmuv3_build_free(out);
	return rc;
}

void smmuv3_build_free(struct smmuv3_build_out *out)
{
	iommu_pool_unmap(out->pool, out->pool_pages);
	free(out->relocs);
	out->pool = NULL;
	out->relocs = NULL;
}

/*
 * Proves pages against pol relocated at PROVE_BASE (a relocation left out
 * then points elsewhere and fails), in place and back.
 */
static int prove_at(const struct smmuv3_policy *pol, uint8_t *pages, size_t npages,
		    const uint64_t *relocs, size_t nrelocs, uint64_t strtab, uint32_t cfg,
		    struct smmuv3_mismatch *mm, size_t *walks)
{
	int rc;

	if (smmuv3_relocate(pages, npages, relocs, nrelocs, PROVE_BASE))
		return -EFAULT;
	rc = smmuv3_verify(pol, pages, npages, PROVE_BASE, PROVE_BASE + strtab, cfg, mm, walks);
	smmuv3_relocate(pages, npages, relocs, nrelocs, 0 - PROVE_BASE);
	return rc;
}

void smmuv3_mismatch_str(const struct smmuv3_mismatch *mm, char *buf, size_t n)
{
	char got[64];

	if (mm->res.event == SMMUV3_EVT_F_STE_FETCH || mm->res.event == SMMUV3_EVT_F_CD_FETCH ||
	    mm->res.event == SMMUV3_EVT_F_WALK_EABT)
		snprintf(got, sizeof(got), "reach outside their pages (event 0x%x)", mm->res.event);
	else if (mm->got && mm->expected)
		snprintf(got, sizeof(got), "allow it to 0x%llx", (unsigned long long)mm->res.pa);
	else
		snprintf(got, sizeof(got), "%s", mm->got ? "allow" : "deny");
	snprintf(buf, n, "StreamID %u %s at 0x%llx: records %s, tables %s%s", mm->sid,
		 mm->write ? "write" : "read", (unsigned long long)mm->addr,
		 mm->expected ? "allow" : "deny", got,
		 mm->res.unpredictable ? " (unpredictable)" : "");
}


static int add_sections(iommu_section_fn add, void *ctx, const struct smmuv3_profile *prof,
			struct smmuv3_build_out *out, size_t ndevices)
{
	struct smmub_smmuv3_contract c = {
		.stage = htole32(prof->stage),
		.ias = htole32(prof->ias),
		.oas = htole32(prof->oas),
		.sizes_used = htole32(out->sizes_used),
		.sizes_allowed = htole32(pgsz_bits(prof)),
		.flags = htole32(prof->st_2lvl ? 0 : SMMUB_SMMUV3_LINEAR_ONLY),
		.strtab_cfg = htole32(out->strtab_cfg),
		.page_count = htole32((uint32_t)out->npages),
		.strtab_offset = htole64(out->strtab),
		.strtab_align = htole64(out->strtab_align),
		.reloc_count = htole32((uint32_t)out->nrelocs),
		.device_count = htole32((uint32_t)ndevices),
	};

	for (size_t i = 0; i < out->nrelocs; i++)
		out->relocs[i] = htole64(out->relocs[i]);
	return add(ctx, SMMUB_SEC_SMMUV3_CONTRACT, &c, 1, sizeof(c)) ||
	       iommu_add_runs(add, ctx, SMMUB_SEC_SMMUV3_RUNS, out->pool, out->npages) ||
	       add(ctx, SMMUB_SEC_SMMUV3_RELOCS, out->relocs, (uint32_t)out->nrelocs,
		   sizeof(uint64_t));
}

int smmuv3_tables_build_blob(const struct smmub_view *v, const struct iommu_profile *p,
			     iommu_section_fn add, void *ctx, FILE *verbose, char *err,
			     size_t errlen)
{
	struct smmuv3_profile prof;
	struct smmuv3_input in;
	struct smmuv3_build_out out;
	struct smmuv3_mismatch mm;
	size_t walks = 0;
	char why[256], name[64];
	int rc;

	smmuv3_profile_from(p, &prof);
	smmuv3_profile_name(&prof, name, sizeof(name));
	if (smmuv3_input_from_blob(v, &prof, false, NULL, NULL, &in, why, sizeof(why))) {
		snprintf(err, errlen, "cannot build SMMUv3 tables: %s", why);
		return -1;
	}
	rc = smmuv3_build_pages(&in.pol, &out);
	if (rc) {
		if (rc == -ENOMEM)
			snprintf(err, errlen, "out of memory building translation tables");
		else
			snprintf(err, errlen, "cannot build translation tables for profile %s: "
					      "is an address beyond the input or output size?",
				 name);
		smmuv3_input_free(&in);
		return -1;
	}
	rc = prove_at(&in.pol, out.pool, out.npages, out.relocs, out.nrelocs, out.strtab,
		      out.strtab_cfg, &mm, &walks);
	if (rc == 1) {
		smmuv3_mismatch_str(&mm, why, sizeof(why));
		snprintf(err, errlen, "internal error: translation tables differ from the policy: %s",
			 why);
	} else if (rc) {
		snprintf(err, errlen, "internal error: cannot verify the translation tables (%d)",
			 rc);
	} else if (add_sections(add, ctx, &prof, &out, in.pol.ndevices)) {
		snprintf(err, errlen, "out of memory adding translation tables");
		rc = -1;
	} else if (verbose) {
		fprintf(verbose, "smmucc: %s tables: %zu pages, %zu relocations, %zu StreamIDs, "
				 "%zu domains; proven with %zu walks\n",
			name, out.npages, out.nrelocs, in.pol.ndevices, in.pol.ndomains, walks);
	}
	smmuv3_build_free(&out);
	smmuv3_input_free(&in);
	return rc ? -1 : 0;
}

int smmuv3_tables_prove_blob(const struct smmub_view *v, const char *path, FILE *verbose,
			     char *err, size_t errlen)
{
	struct smmuv3_tables_view t;
	struct smmuv3_input in;
	struct smmuv3_mismatch mm;
	uint64_t bad = 0, *relocs;
	size_t walks = 0;
	char why[256];
	uint8_t *pages;
	int rc;

	if (smmuv3_tables_view(v, &t, &bad)) {
		snprintf(err, errlen, "%s: not a valid policy blob: SMMUv3 tables inconsistent at "
				      "offset %llu", path, (unsigned long long)bad);
		return 1;
	}
	if (!t.present || (v->flags & SMMUB_F_LATE_BOUND)) {
		if (verbose)
			fprintf(verbose, "smmucc: %s: no SMMUv3 tables to prove (%s)\n", path,
				(v->flags & SMMUB_F_LATE_BOUND)
					? "late-bound: smmuman builds them at boot"
					: "compiled without tables: --profile none");
		return 0;
	}
	if (t.pages.npages > PROVE_MAX_PAGES) {
		snprintf(err, errlen, "%s: not a valid policy blob: SMMUv3 tables of %u pages, more "
				      "than the %u pages smmucc proves", path, t.pages.npages,
			 PROVE_MAX_PAGES);
		return 1;
	}
	if (smmuv3_input_from_blob(v, &t.prof, false, NULL, NULL, &in, why, sizeof(why))) {
		snprintf(err, errlen, "%s: not a valid policy blob: its records give no SMMUv3 "
				      "tables: %s", path, why);
		return 1;
	}
	pages = iommu_pool_map(t.pages.npages);
	relocs = malloc((t.pages.nrelocs ? t.pages.nrelocs : 1) * sizeof(*relocs));
	if (!pages || !relocs) {
		rc = -ENOMEM;
		goto out;
	}
	iommu_pages_expand(&t.pages, pages, false, 0, NULL);
	for (uint32_t i = 0; i < t.pages.nrelocs; i++)
		relocs[i] = iommu_pages_reloc(&t.pages, i);
	rc = prove_at(&in.pol, pages, t.pages.npages, relocs, t.pages.nrelocs, t.strtab_off,
		      t.strtab_cfg, &mm, &walks);
out:
	if (rc == 1) {
		smmuv3_mismatch_str(&mm, why, sizeof(why));
		snprintf(err, errlen, "%s: not a valid policy blob: SMMUv3 tables differ from its "
				      "records: %s", path, why);
	} else if (rc == -EFAULT) {
		snprintf(err, errlen, "%s: not a valid policy blob: an SMMUv3 relocation does not "
				      "apply", path);
	} else if (rc == -ENOMEM) {
		snprintf(err, errlen, "out of memory proving %s", path);
	} else if (rc) {
		snprintf(err, errlen, "%s: not a valid policy blob: cannot prove its SMMUv3 tables "
				      "(%d)", path, rc);
	} else if (verbose) {
		fprintf(verbose, "smmucc: %s: smmuv3-s%u tables: %u pages, %u relocations, "
				 "%zu StreamIDs, %zu domains; proven with %zu walks\n",
			path, t.prof.stage, t.pages.npages, t.pages.nrelocs, in.pol.ndevices,
			in.pol.ndomains, walks);
	}
	iommu_pool_unmap(pages, t.pages.npages);
	free(relocs);
	smmuv3_input_free(&in);
	return rc == 0 ? 0 : rc == -ENOMEM ? 2 : 1;
}
