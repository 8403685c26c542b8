/* SPDX-License-Identifier: BSD-2-Clause */
#include <endian.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "vtd_blob.h"

#define PAGE 4096u
#define WORDS (PAGE / 8) /* 64-bit words a page */

static int bad(uint64_t *out, uint64_t off)
{
	if (out)
		*out = off;
	return -SMMUB_ERR_BADVALUE;
}

/* Run i, fields in host order; its first word at page * 512 + index. */
static void run_at(const struct vtd_tables_view *t, uint32_t i, struct smmub_vtd_run *r,
		   uint64_t *first)
{
	memcpy(r, t->runs + (uint64_t)i * t->run_stride, sizeof(*r));
	r->page = smmub_le32(r->page);
	r->index = le16toh(r->index);
	r->count = le16toh(r->count);
	r->value = smmub_le64(r->value);
	r->step = smmub_le64(r->step);
	*first = (uint64_t)r->page * WORDS + r->index;
}

/* The rules of struct smmub_vtd_run, against the previous run's end. */
static bool run_ok(const struct vtd_tables_view *t, const struct smmub_vtd_run *r, uint64_t first,
		   uint64_t prev_end)
{
	return r->page < t->npages && r->index < WORDS && r->count &&
	       r->index + r->count <= WORDS && r->value && (r->count > 1 || !r->step) &&
	       (!r->step || r->count - 1u <= (UINT64_MAX - r->value) / r->step) &&
	       first >= prev_end;
}

uint64_t vtd_tables_reloc(const struct vtd_tables_view *t, uint32_t i)
{
	uint64_t r;

	memcpy(&r, t->relocs + (uint64_t)i * t->reloc_stride, sizeof(r));
	return smmub_le64(r);
}

int vtd_tables_view(const struct smmub_view *v, struct vtd_tables_view *t, uint64_t *bad_offset)
{
	struct smmub_secinfo c, p = { 0 }, r = { 0 }, dt = { 0 };
	const struct smmub_vtd_contract *k;
	uint32_t known = SMMUB_VTD_PGSZ_4K | SMMUB_VTD_PGSZ_2M | SMMUB_VTD_PGSZ_1G;
	uint64_t prev = 0;
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
	    smmub_find_section(v, SMMUB_SEC_VTD_RUNS, &p) || p.stride < sizeof(struct smmub_vtd_run))
		return bad(bad_offset, p.data ? p.offset : c.offset);
	if (smmub_find_section(v, SMMUB_SEC_VTD_RELOCS, &r) || r.count != t->nrelocs ||
	    r.stride < sizeof(uint64_t))
		return bad(bad_offset, r.data ? r.offset : c.offset);
	t->runs = p.data;
	t->nruns = p.count;
	t->run_stride = p.stride;
	t->relocs = r.data;
	t->reloc_stride = r.stride;
	for (uint32_t i = 0; i < t->nruns; i++) {
		struct smmub_vtd_run run;
		uint64_t first;

		run_at(t, i, &run, &first);
		if (!run_ok(t, &run, first, prev))
			return bad(bad_offset, p.offset + (uint64_t)i * p.stride);
		prev = first + run.count;
	}
	for (uint32_t i = 0, j = 0; i < t->nrelocs; i++) {
		uint64_t off = vtd_tables_reloc(t, i), first = UINT64_MAX;
		struct smmub_vtd_run run = { 0 };

		/* each names a stored word, strictly ascending: a merge with the runs */
		for (; j < t->nruns; j++) {
			run_at(t, j, &run, &first);
			if (first + run.count > off / 8)
				break;
		}
		if ((off & 7) || j == t->nruns || first > off / 8 ||
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
	uint64_t *word = (uint64_t *)(void *)mem; /* table memory is page aligned */
	uint64_t done = 0;			  /* words written */

	/* each byte once: the zeros before a run, then the run */
	for (uint32_t i = 0; i < t->nruns; i++) {
		struct smmub_vtd_run run;
		uint64_t first;

		run_at(t, i, &run, &first);
		memset(word + done, 0, (first - done) * 8);
		for (uint64_t k = first, w = run.value; k < first + run.count; k++, w += run.step)
			word[k] = htole64(w);
		done = first + run.count;
	}
	memset(word + done, 0, ((uint64_t)t->npages * WORDS - done) * 8);
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
