/* SPDX-License-Identifier: BSD-2-Clause */
#include <endian.h>
#include <stddef.h>
#include <string.h>

#include "vtd_blob.h"

#define PAGE 4096u

static int bad(uint64_t *out, uint64_t off)
{
	if (out)
		*out = off;
	return -SMMUB_ERR_BADVALUE;
}

/* Entry i as a word number: page * 512 + index. */
static uint64_t entry_word(const struct vtd_tables_view *t, uint32_t i)
{
	struct smmub_vtd_entry e;

	memcpy(&e, t->entries + (uint64_t)i * t->entry_stride, sizeof(e));
	if (smmub_le32(e.index) >= PAGE / 8)
		return UINT64_MAX; /* fails every range check */
	return (uint64_t)smmub_le32(e.page) * (PAGE / 8) + smmub_le32(e.index);
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
	if (!t->npages || t->npages > (UINT32_MAX / PAGE) ||
	    smmub_find_section(v, SMMUB_SEC_VTD_ENTRIES, &p) ||
	    p.stride < sizeof(struct smmub_vtd_entry))
		return bad(bad_offset, p.data ? p.offset : c.offset);
	if (smmub_find_section(v, SMMUB_SEC_VTD_RELOCS, &r) || r.count != t->nrelocs ||
	    r.stride < sizeof(uint64_t))
		return bad(bad_offset, r.data ? r.offset : c.offset);
	t->entries = p.data;
	t->nentries = p.count;
	t->entry_stride = p.stride;
	t->relocs = r.data;
	t->reloc_stride = r.stride;
	for (uint32_t i = 0; i < t->nentries; i++) {
		uint64_t w = entry_word(t, i), val;

		memcpy(&val, t->entries + (uint64_t)i * t->entry_stride +
				     offsetof(struct smmub_vtd_entry, value), sizeof(val));
		/* inside the pages, strictly ascending, never a zero word */
		if (w >= (uint64_t)t->npages * (PAGE / 8) || (i && w <= prev) || !val)
			return bad(bad_offset, p.offset + (uint64_t)i * p.stride);
		prev = w;
	}
	for (uint32_t i = 0, j = 0; i < t->nrelocs; i++) {
		uint64_t off = vtd_tables_reloc(t, i);

		/* each names a stored word, strictly ascending (merge with the words) */
		while (j < t->nentries && entry_word(t, j) * 8 < off)
			j++;
		if ((off & 7) || j == t->nentries || entry_word(t, j) * 8 != off ||
		    (i && off <= vtd_tables_reloc(t, i - 1)))
			return bad(bad_offset, r.offset + (uint64_t)i * r.stride);
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

void vtd_tables_expand(const struct vtd_tables_view *t, uint8_t *mem)
{
	memset(mem, 0, (size_t)t->npages * PAGE);
	for (uint32_t i = 0; i < t->nentries; i++) {
		struct smmub_vtd_entry e;

		memcpy(&e, t->entries + (uint64_t)i * t->entry_stride, sizeof(e));
		memcpy(mem + entry_word(t, i) * 8, &e.value, sizeof(e.value));
	}
}

int vtd_tables_install(const struct smmub_view *v, const struct vtd_tables_view *t, uint8_t *mem,
		       uint64_t phys, bool check_crc)
{
	const struct smmub_header *h = (const void *)v->base;

	if (check_crc && smmub_compute_crc(v->base, v->size) != smmub_le32(h->crc32c))
		return -SMMUB_ERR_BADCRC;
	vtd_tables_expand(t, mem);
	for (uint32_t r = 0; r < t->nrelocs; r++) {
		uint64_t off = vtd_tables_reloc(t, r), e;

		memcpy(&e, mem + off, sizeof(e));
		e = htole64(le64toh(e) + phys);
		memcpy(mem + off, &e, sizeof(e));
	}
	return 0;
}
