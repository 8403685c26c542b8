/* SPDX-License-Identifier: BSD-2-Clause */
#include <endian.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "vtd/vtd_blob.h"
#include "vtd/vtd_pt.h"

#define PAGE 4096u
#define WORDS (PAGE / 8) /* 64-bit words a page */

static int bad(uint64_t *out, uint64_t off)
{
	if (out)
		*out = off;
	return -SMMUB_ERR_BADVALUE;
}

/*
 * The rules of struct smmub_vtd_run, against the previous run's end and
 * the end of the pages, in fewer tests: with count >= 1, index + count <=
 * 512 keeps index below 512, and first + count <= the pages' words keeps
 * page below page_count. The last word's wrap is checked without a
 * division, which every run with a step would otherwise pay at each boot.
 */
static inline bool run_ok(const struct vtd_tables_view *t, const struct smmub_vtd_run *r,
			  uint64_t first, uint64_t prev_end)
{
	uint64_t span;

	if (!r->count || r->index + r->count > WORDS || first + r->count > t->npages * WORDS ||
	    first < prev_end || !r->value)
		return false;
	if (!r->step)
		return true;
	return r->count > 1 && !__builtin_mul_overflow((uint64_t)r->count - 1, r->step, &span) &&
	       span <= UINT64_MAX - r->value;
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

		vtd_run_read(t->runs + (uint64_t)i * t->run_stride, &run, &first);
		if (!run_ok(t, &run, first, prev))
			return bad(bad_offset, p.offset + (uint64_t)i * p.stride);
		prev = first + run.count;
	}
	for (uint32_t i = 0, j = 0; i < t->nrelocs; i++) {
		uint64_t off = vtd_tables_reloc(t, i), first = UINT64_MAX;

		/* each names a stored word, strictly ascending: a merge with the runs */
		for (; j < t->nruns; j++) {
			struct smmub_vtd_run run;

			vtd_run_read(t->runs + (uint64_t)j * t->run_stride, &run, &first);
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

/*
 * n zero words. Gaps of a word or two between runs are common (a page of
 * leaf entries with every other page granted): those are stored inline,
 * where a call to memset would cost more than the stores.
 */
static inline void zero_words(uint64_t *w, uint64_t n)
{
	switch (n) {
	case 2:
		w[1] = 0;
		/* fall through */
	case 1:
		w[0] = 0;
		/* fall through */
	case 0:
		return;
	default:
		memset(w, 0, n * 8);
	}
}

/*
 * A run's words. Four a step, each from the step's first word, so the adds
 * do not wait on each other: identity maps make runs of hundreds of words,
 * most of the table bytes a boot writes.
 */
static inline void run_write(uint64_t *out, const struct smmub_vtd_run *r)
{
	uint64_t w = r->value, s = r->step, k = 0;

	if (r->count == 1) { /* a leaf every other page: most runs of a sparse table */
		out[0] = htole64(w);
		return;
	}
	for (; k + 4 <= r->count; k += 4, w += 4 * s) {
		out[k] = htole64(w);
		out[k + 1] = htole64(w + s);
		out[k + 2] = htole64(w + 2 * s);
		out[k + 3] = htole64(w + 3 * s);
	}
	for (; k < r->count; k++, w += s)
		out[k] = htole64(w);
}

/*
 * The pages, each byte once; with reloc, a relocated word gets phys as it
 * is written, while its cache line is still hot (a separate pass would
 * read it back from anywhere in table memory), and ptrs[i] keeps the word
 * of relocation i for the boot-time proof. The view proved that every
 * relocation names a run's word, ascending.
 */
static void expand(const struct vtd_tables_view *t, uint8_t *mem, bool reloc, uint64_t phys,
		   uint64_t *ptrs)
{
	uint64_t *word = (uint64_t *)(void *)mem; /* table memory is page aligned */
	uint64_t done = 0;			  /* words written */
	uint64_t next = reloc && t->nrelocs ? vtd_tables_reloc(t, 0) / 8 : UINT64_MAX;
	uint32_t j = 0;

	/* each byte once: the zeros before a run, then the run */
	for (uint32_t i = 0; i < t->nruns; i++) {
		struct smmub_vtd_run run;
		uint64_t first;

		vtd_run_read(t->runs + (uint64_t)i * t->run_stride, &run, &first);
		zero_words(word + done, first - done);
		run_write(word + first, &run);
		done = first + run.count;
		for (; next < done; j++) {
			uint64_t e = le64toh(word[next]) + phys;

			word[next] = htole64(e);
			if (ptrs)
				ptrs[j] = e;
			next = j + 1 < t->nrelocs ? vtd_tables_reloc(t, j + 1) / 8 : UINT64_MAX;
		}
	}
	zero_words(word + done, (uint64_t)t->npages * WORDS - done);
}

void vtd_tables_expand(const struct vtd_tables_view *t, uint8_t *mem)
{
	expand(t, mem, false, 0, NULL);
}

int vtd_tables_install_ptrs(const struct smmub_view *v, const struct vtd_tables_view *t,
			    uint8_t *mem, uint64_t phys, bool check_crc, uint64_t *ptrs)
{
	const struct smmub_header *h = (const void *)v->base;

	if (check_crc && smmub_compute_crc(v->base, v->size) != smmub_le32(h->crc32c))
		return -SMMUB_ERR_BADCRC;
	expand(t, mem, true, phys, ptrs);
	return 0;
}

int vtd_tables_install(const struct smmub_view *v, const struct vtd_tables_view *t, uint8_t *mem,
		       uint64_t phys, bool check_crc)
{
	return vtd_tables_install_ptrs(v, t, mem, phys, check_crc, NULL);
}

static uint64_t word_at(const uint8_t *page, unsigned i)
{
	uint64_t w;

	memcpy(&w, page + i * 8u, sizeof(w));
	return le64toh(w);
}

/*
 * The writer of the run encoding, beside its reader (vtd_run_read,
 * vtd_tables_expand): each run as long as the step between its first two
 * words holds, so one identity-mapped range is one run per table page.
 */
int vtd_runs_encode(const uint8_t *pages, size_t npages, struct smmub_vtd_run **runs, size_t *nruns)
{
	struct smmub_vtd_run *r = NULL;
	size_t n = 0, cap = 0;

	for (size_t p = 0; p < npages; p++) {
		const uint8_t *pg = pages + p * VTD_PAGE_SIZE;

		for (unsigned i = 0, j; i < VTD_PAGE_SIZE / 8; i = j) {
			uint64_t first = word_at(pg, i), step = 0;

			j = i + 1;
			if (!first)
				continue;
			if (j < VTD_PAGE_SIZE / 8 && word_at(pg, j) > first)
				step = word_at(pg, j) - first;
			/* the next word continues the run: one step up, without wrapping */
			while (step && j < VTD_PAGE_SIZE / 8 && word_at(pg, j) > word_at(pg, j - 1) &&
			       word_at(pg, j) - word_at(pg, j - 1) == step)
				j++;
			if (n == cap) {
				struct smmub_vtd_run *nr;

				cap = cap ? cap * 2 : 1024;
				nr = realloc(r, cap * sizeof(*r));
				if (!nr) {
					free(r);
					return -1;
				}
				r = nr;
			}
			if (j == i + 1)
				step = 0; /* one word: the canonical step */
			r[n++] = (struct smmub_vtd_run){ htole32((uint32_t)p), htole16((uint16_t)i),
							 htole16((uint16_t)(j - i)), htole64(first),
							 htole64(step) };
		}
	}
	*runs = r;
	*nruns = n;
	return 0;
}
