/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>

#include "vtd_blob.h"

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

	memcpy(&r, t->relocs + (uint64_t)i * t->reloc_stride, sizeof(r));
	return smmub_le64(r);
}

int vtd_tables_view(const struct smmub_view *v, struct vtd_tables_view *t, uint64_t *bad_offset)
{
	struct smmub_secinfo c, p, r, dt;
	const struct smmub_vtd_contract *k;
	uint32_t known = SMMUB_VTD_PGSZ_4K | SMMUB_VTD_PGSZ_2M | SMMUB_VTD_PGSZ_1G;
	uint64_t prev = 0;

	memset(t, 0, sizeof(*t));
	if (smmub_find_section(v, SMMUB_SEC_VTD_CONTRACT, &c))
		return 0;
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
	if (smmub_find_section(v, SMMUB_SEC_VTD_PAGES, &p) || p.count != t->npages ||
	    p.stride != PAGE || !t->npages)
		return bad(bad_offset, p.data ? p.offset : c.offset);
	if (smmub_find_section(v, SMMUB_SEC_VTD_RELOCS, &r) || r.count != t->nrelocs ||
	    r.stride < sizeof(uint64_t))
		return bad(bad_offset, r.data ? r.offset : c.offset);
	t->pages = p.data;
	t->relocs = r.data;
	t->reloc_stride = r.stride;
	for (uint32_t i = 0; i < t->nrelocs; i++) {
		uint64_t off = vtd_tables_reloc(t, i);

		/* each a whole 64-bit entry inside the pages, strictly ascending */
		if ((off & 7) || off >= (uint64_t)t->npages * PAGE || (i && off <= prev))
			return bad(bad_offset, r.offset + (uint64_t)i * r.stride);
		prev = off;
	}
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
