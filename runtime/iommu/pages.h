/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Table pages as a blob stores them, for every architecture: the pages'
 * non-zero 64-bit words as runs (struct smmub_run, schemas/smmub.h) and a
 * list of the words that hold a table address relative to table memory
 * (relocations). The writer (iommu_runs_encode) and the reader (check,
 * expand with or without relocation) side by side. No allocation on the
 * reader's side, every count and offset checked before a byte is written.
 */
#ifndef SMMU_IOMMU_PAGES_H
#define SMMU_IOMMU_PAGES_H

#include <endian.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "blob/blob.h"

#define IOMMU_PAGE_WORDS 512u /* 64-bit words a 4 KiB page */

/* The run and relocation sections of one architecture's tables. */
struct iommu_pages {
	uint32_t npages;	  /* pages the tables occupy */
	const unsigned char *runs; /* struct smmub_run, stride run_stride */
	uint32_t nruns, run_stride;
	const unsigned char *relocs; /* little-endian uint64_t, stride reloc_stride */
	uint32_t nrelocs, reloc_stride;
};

#define IOMMU_RUN_FIELD(dst, p, f) \
	memcpy(&(dst), (p) + offsetof(struct smmub_run, f), sizeof(dst))

/*
 * The run at p (runs + i * run_stride), fields in host order; its first
 * word is page * 512 + index. Read field by field, into locals the
 * compiler keeps in registers (a copy of the whole struct went through
 * the stack); and a stride from a newer writer need not keep the fields
 * aligned.
 */
static inline void iommu_run_read(const unsigned char *p, struct smmub_run *r, uint64_t *first)
{
	IOMMU_RUN_FIELD(r->page, p, page);
	IOMMU_RUN_FIELD(r->index, p, index);
	IOMMU_RUN_FIELD(r->count, p, count);
	IOMMU_RUN_FIELD(r->value, p, value);
	IOMMU_RUN_FIELD(r->step, p, step);
	r->page = smmub_le32(r->page);
	r->index = le16toh(r->index);
	r->count = le16toh(r->count);
	r->value = smmub_le64(r->value);
	r->step = smmub_le64(r->step);
	*first = (uint64_t)r->page * IOMMU_PAGE_WORDS + r->index;
}

/* Relocation i as a byte offset into the pages. */
static inline uint64_t iommu_pages_reloc(const struct iommu_pages *p, uint32_t i)
{
	uint64_t r;

	memcpy(&r, p->relocs + (uint64_t)i * p->reloc_stride, sizeof(r));
	return smmub_le64(r);
}

/*
 * The rules of struct smmub_run for every run, and every relocation naming
 * a run's word, 8-aligned, strictly ascending. 0, or -SMMUB_ERR_BADVALUE
 * with *bad the blob offset of the first bad entry (runs_off and
 * relocs_off: where the two sections start).
 */
int iommu_pages_check(const struct iommu_pages *p, uint64_t runs_off, uint64_t relocs_off,
		      uint64_t *bad);

/*
 * Writes the pages into mem (npages pages, 8-byte aligned, as table memory
 * always is), each byte once: the runs, and zeros between them. With
 * reloc, phys is added to every relocated word as it is written, and
 * ptrs[i] (when not NULL) keeps relocation i's word as written.
 */
void iommu_pages_expand(const struct iommu_pages *p, uint8_t *mem, bool reloc, uint64_t phys,
			uint64_t *ptrs);

/*
 * The writer: the non-zero words of npages pages (little-endian) as runs,
 * each as long as the step between its first two words holds, so one
 * identity-mapped range is one run per table page. A new array *runs
 * (fields little-endian, the caller frees it) of *nruns, or -1 when out of
 * memory (*runs NULL).
 */
int iommu_runs_encode(const uint8_t *pages, size_t npages, struct smmub_run **runs,
		      size_t *nruns);

/*
 * Adds base (4 KiB aligned) to the address field (the bits of addr_mask)
 * of the little-endian word at each of the n byte offsets into npages
 * pages, in place; the other bits stay. 0, -EINVAL (base unaligned, an
 * offset unaligned or outside the pages), or -ERANGE (an address beyond
 * the field).
 */
int iommu_relocate(uint8_t *pages, size_t npages, const uint64_t *relocs, size_t n, uint64_t base,
		   uint64_t addr_mask);

/*
 * A builder's output in the caller's memory: pages and the offsets of
 * their relocated words. Once either is short the builder stops writing
 * and only counts, so npages and nrelocs say what a second call needs.
 */
struct iommu_writer {
	uint8_t *pool; /* NULL: a dry run, counting only */
	uint64_t *relocs;
	size_t pool_pages, reloc_cap;
	bool spilled; /* the pool or the relocations were too small */
	size_t npages, nrelocs;
};

static inline void iommu_writer_spill(struct iommu_writer *w)
{
	w->pool = NULL;
	w->spilled = true;
}

/* Records that the word at byte offset off holds a table address. */
static inline void iommu_writer_reloc(struct iommu_writer *w, uint64_t off)
{
	if (w->pool && w->nrelocs == w->reloc_cap)
		iommu_writer_spill(w);
	if (w->pool)
		w->relocs[w->nrelocs] = off;
	w->nrelocs++;
}

/*
 * Zeroed pages for a builder or a proof, or NULL: anonymous memory,
 * untouched until written, so a generous guess costs address space only.
 */
void *iommu_pool_map(size_t pages);
void iommu_pool_unmap(void *pool, size_t pages);

#endif
