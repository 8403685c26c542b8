/* SPDX-License-Identifier: BSD-2-Clause */
#include <endian.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "iommu/pages.h"
#include "vtd/vtd_blob.h"
#include "vtd/vtd_pt.h"

#define PAGE 4096u

static int bad(uint64_t *out, uint64_t off)
{
	if (out)
		*out = off;
	return -SMMUB_ERR_BADVALUE;
}

uint64_t vtd_tables_reloc(const struct vtd_tables_view *t, uint32_t i)
{
	uint64_t r;

	/* the boot-time proof reads every relocation: no view built per call */
	memcpy(&r, t->relocs + (uint64_t)i * t->reloc_stride, sizeof(r));
	return smmub_le64(r);
}

int vtd_tables_view(const struct smmub_view *v, struct vtd_tables_view *t, uint64_t *bad_offset)
{
	struct smmub_secinfo c, p = { 0 }, r = { 0 }, dt = { 0 };
	const struct smmub_vtd_contract *k;
	uint32_t known = SMMUB_VTD_PGSZ_4K | SMMUB_VTD_PGSZ_2M | SMMUB_VTD_PGSZ_1G;
	struct iommu_pages pages;
	int rc;

	memset(t, 0, sizeof(*t));
	rc = smmub_find_section(v, SMMUB_SEC_VTD_CONTRACT, &c);
	if (rc == -SMMUB_ERR_NOTFOUND)
		return 0;
	if (rc)
		return bad(bad_offset, c.offset);
	if (c.count != 1 || c.stride < sizeof(*k))
		return bad(bad_offset, c.offset);
	k = (const struct smmub_vtd_contract *)(const void *)c.data;
	t->levels = smmub_le32(k->levels);
	t->sizes_used = smmub_le32(k->sizes_used);
	t->sizes_allowed = smmub_le32(k->sizes_allowed);
	t->npages = smmub_le32(k->page_count);
	t->nrelocs = smmub_le32(k->reloc_count);
	t->ndevices = smmub_le32(k->device_count);
	if ((t->levels != 3 && t->levels != 4) ||
	    smmub_le32(k->aw_bits) != (t->levels == 3 ? 39u : 48u) || (t->sizes_used & ~known) ||
	    (t->sizes_allowed & ~known) || (t->sizes_used & ~t->sizes_allowed) || k->reserved)
		return bad(bad_offset, c.offset);
	if (!t->npages || t->npages > (UINT32_MAX / PAGE) ||
	    smmub_find_section(v, SMMUB_SEC_VTD_RUNS, &p) || p.stride < sizeof(struct smmub_run))
		return bad(bad_offset, p.data ? p.offset : c.offset);
	if (smmub_find_section(v, SMMUB_SEC_VTD_RELOCS, &r) || r.count != t->nrelocs ||
	    r.stride < sizeof(uint64_t))
		return bad(bad_offset, r.data ? r.offset : c.offset);
	t->runs = p.data;
	t->nruns = p.count;
	t->run_stride = p.stride;
	t->relocs = r.data;
	t->reloc_stride = r.stride;
	pages = vtd_tables_pages(t);
	if ((rc = iommu_pages_check(&pages, p.offset, r.offset, bad_offset)))
		return rc;
	if (smmub_find_section(v, SMMUB_SEC_VTD_DOMTOP, &dt) ||
	    dt.count != smmub_count(v, SMMUB_SEC_DOMAINS) || dt.stride < sizeof(uint32_t))
		return bad(bad_offset, dt.data ? dt.offset : c.offset);
	for (uint32_t i = 0; i < dt.count; i++) {
		uint32_t top;

		memcpy(&top, dt.data + (uint64_t)i * dt.stride, sizeof(top));
		top = smmub_le32(top);
		if (top != SMMUB_NONE && (top == 0 || top >= t->npages))
			return bad(bad_offset, dt.offset + (uint64_t)i * dt.stride);
	}
	t->present = true;
	return 0;
}

void vtd_tables_expand(const struct vtd_tables_view *t, uint8_t *mem)
{
	struct iommu_pages p = vtd_tables_pages(t);

	iommu_pages_expand(&p, mem, false, 0, NULL);
}

int vtd_tables_install_ptrs(const struct smmub_view *v, const struct vtd_tables_view *t,
			    uint8_t *mem, uint64_t phys, bool check_crc, uint64_t *ptrs)
{
	const struct smmub_header *h = (const void *)v->base;
	struct iommu_pages p = vtd_tables_pages(t);

	if (check_crc && smmub_compute_crc(v->base, v->size) != smmub_le32(h->crc32c))
		return -SMMUB_ERR_BADCRC;
	iommu_pages_expand(&p, mem, true, phys, ptrs);
	return 0;
}

int vtd_tables_install(const struct smmub_view *v, const struct vtd_tables_view *t, uint8_t *mem,
		       uint64_t phys, bool check_crc)
{
	return vtd_tables_install_ptrs(v, t, mem, phys, check_crc, NULL);
}
