/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdint.h>
#include <string.h>

#include "smmuv3/smmuv3_blob.h"

static int bad(uint64_t *out, uint64_t off)
{
	if (out)
		*out = off;
	return -SMMUB_ERR_BADVALUE;
}

static bool oas_known(unsigned oas)
{
	return oas == 32 || oas == 36 || oas == 40 || oas == 42 || oas == 44 || oas == 48 ||
	       oas == 52;
}

uint64_t smmuv3_strtab_bytes(uint32_t cfg)
{
	unsigned log2 = cfg & SMMUV3_STRTAB_LOG2SIZE_MASK;
	unsigned split = (cfg & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT;

	if ((cfg >> SMMUV3_STRTAB_FMT_SHIFT & 3) == SMMUV3_STRTAB_FMT_2LVL)
		return 8ull << (log2 > split ? log2 - split : 0);
	return (uint64_t)SMMUV3_STE_BYTES << log2;
}

/* STRTAB_BASE_CFG as the builder writes it: linear, or 2-level with SPLIT 6, 8 or 10. */
static bool cfg_ok(uint32_t cfg)
{
	unsigned log2 = cfg & SMMUV3_STRTAB_LOG2SIZE_MASK, fmt = cfg >> SMMUV3_STRTAB_FMT_SHIFT;
	unsigned split = (cfg & SMMUV3_STRTAB_SPLIT_MASK) >> SMMUV3_STRTAB_SPLIT_SHIFT;

	if (log2 > 32 || cfg & ~(SMMUV3_STRTAB_LOG2SIZE_MASK | SMMUV3_STRTAB_SPLIT_MASK |
				 3u << SMMUV3_STRTAB_FMT_SHIFT))
		return false;
	if (fmt == SMMUV3_STRTAB_FMT_LINEAR)
		return split == 0;
	return fmt == SMMUV3_STRTAB_FMT_2LVL && (split == 6 || split == 8 || split == 10) &&
	       log2 > split;
}

int smmuv3_tables_view(const struct smmub_view *v, struct smmuv3_tables_view *t,
		       uint64_t *bad_offset)
{
	const unsigned known = SMMUB_SMMUV3_PGSZ_4K | SMMUB_SMMUV3_PGSZ_2M | SMMUB_SMMUV3_PGSZ_1G;
	struct smmub_secinfo c, p = { 0 }, r = { 0 };
	const struct smmub_smmuv3_contract *k;
	uint32_t stage, ias, oas, flags;
	uint64_t bytes, align;
	int rc;

	memset(t, 0, sizeof(*t));
	rc = smmub_find_section(v, SMMUB_SEC_SMMUV3_CONTRACT, &c);
	if (rc == -SMMUB_ERR_NOTFOUND)
		return 0;
	if (rc || c.count != 1 || c.stride < sizeof(*k))
		return bad(bad_offset, c.offset);
	k = (const struct smmub_smmuv3_contract *)(const void *)c.data;
	stage = smmub_le32(k->stage);
	ias = smmub_le32(k->ias);
	oas = smmub_le32(k->oas);
	flags = smmub_le32(k->flags);
	t->sizes_used = smmub_le32(k->sizes_used);
	t->sizes_allowed = smmub_le32(k->sizes_allowed);
	t->strtab_cfg = smmub_le32(k->strtab_cfg);
	t->strtab_off = smmub_le64(k->strtab_offset);
	t->strtab_align = smmub_le64(k->strtab_align);
	t->ndevices = smmub_le32(k->device_count);
	t->pages.npages = smmub_le32(k->page_count);
	t->pages.nrelocs = smmub_le32(k->reloc_count);
	if ((stage != 1 && stage != 2) || (ias != 39 && ias != 48) || !oas_known(oas) ||
	    (stage == 2 && ias > oas) || (t->sizes_used & ~known) ||
	    (t->sizes_allowed & ~known) || !(t->sizes_allowed & SMMUB_SMMUV3_PGSZ_4K) ||
	    (t->sizes_used & ~t->sizes_allowed) || (flags & ~SMMUB_SMMUV3_LINEAR_ONLY) ||
	    !cfg_ok(t->strtab_cfg) ||
	    ((flags & SMMUB_SMMUV3_LINEAR_ONLY) &&
	     (t->strtab_cfg >> SMMUV3_STRTAB_FMT_SHIFT) != SMMUV3_STRTAB_FMT_LINEAR))
		return bad(bad_offset, c.offset);
	align = t->strtab_align;
	bytes = smmuv3_strtab_bytes(t->strtab_cfg);
	/* the stream table inside the pages, aligned to its size, as the unit needs */
	if (!t->pages.npages || t->pages.npages > UINT32_MAX / 4096u || align < 4096 ||
	    (align & (align - 1)) || align < bytes || t->strtab_off % align ||
	    t->strtab_off >= (uint64_t)t->pages.npages * 4096u ||
	    bytes > (uint64_t)t->pages.npages * 4096u - t->strtab_off)
		return bad(bad_offset, c.offset);
	if (smmub_find_section(v, SMMUB_SEC_SMMUV3_RUNS, &p) || p.stride < sizeof(struct smmub_run))
		return bad(bad_offset, p.data ? p.offset : c.offset);
	if (smmub_find_section(v, SMMUB_SEC_SMMUV3_RELOCS, &r) || r.count != t->pages.nrelocs ||
	    r.stride < sizeof(uint64_t))
		return bad(bad_offset, r.data ? r.offset : c.offset);
	t->pages.runs = p.data;
	t->pages.nruns = p.count;
	t->pages.run_stride = p.stride;
	t->pages.relocs = r.data;
	t->pages.reloc_stride = r.stride;
	if ((rc = iommu_pages_check(&t->pages, p.offset, r.offset, bad_offset)))
		return rc;
	t->prof = (struct smmuv3_profile){
		.stage = stage,
		.ias = ias,
		.oas = oas,
		.blk2m = (t->sizes_allowed & SMMUB_SMMUV3_PGSZ_2M) != 0,
		.blk1g = (t->sizes_allowed & SMMUB_SMMUV3_PGSZ_1G) != 0,
		.st_2lvl = !(flags & SMMUB_SMMUV3_LINEAR_ONLY),
	};
	t->present = true;
	return 0;
}
