/* SPDX-License-Identifier: BSD-2-Clause */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "iommu/pages.h"
#include "util/le.h"

#define PAGE 4096u
#define WORDS IOMMU_PAGE_WORDS

static int fail(uint64_t *out, uint64_t off)
{
	if (out)
		*out = off;
	return -SMMUB_ERR_BADVALUE;
}

/*
 * The rules of struct smmub_run, against the previous run's end and
 * the end of the pages, in fewer tests: with count >= 1, index + count <=
 * 512 keeps index below 512, and first + count <= the pages' words keeps
 * page below page_count. The last word's wrap is checked without a
 * division, which every run with a step would otherwise pay at each boot.
 */
static inline bool run_ok(const struct iommu_pages *t, const struct smmub_run *r,
			  uint64_t first, uint64_t prev_end)
{
	uint64_t span;

	if (!r->count || r->index + r->count > WORDS || first + r->count > (uint64_t)t->npages * WORDS ||
	    first < prev_end || !r->value)
		return false;
	if (!r->step)
		return true;
	return r->count > 1 && !__builtin_mul_overflow((uint64_t)r->count - 1, r->step, &span) &&
	       span <= UINT64_MAX - r->value;
}

int iommu_pages_check(const struct iommu_pages *p, uint64_t runs_off, uint64_t relocs_off,
		      uint64_t *bad)
{
	uint64_t prev = 0;

	for (uint32_t i = 0; i < p->nruns; i++) {
		struct smmub_run run;
		uint64_t first;

		iommu_run_read(p->runs + (uint64_t)i * p->run_stride, &run, &first);
		if (!run_ok(p, &run, first, prev))
			return fail(bad, runs_off + (uint64_t)i * p->run_stride);
		prev = first + run.count;
	}
	for (uint32_t i = 0, j = 0; i < p->nrelocs; i++) {
		uint64_t off = iommu_pages_reloc(p, i), first = UINT64_MAX;

		/* each names a stored word, strictly ascending: a merge with the runs */
		for (; j < p->nruns; j++) {
			struct smmub_run run;

			iommu_run_read(p->runs + (uint64_t)j * p->run_stride, &run, &first);
			if (first + run.count > off / 8)
				break;
		}
		if ((off & 7) || j == p->nruns || first > off / 8 ||
		    (i && off <= iommu_pages_reloc(p, i - 1)))
			return fail(bad, relocs_off + (uint64_t)i * p->reloc_stride);
	}
	return 0;
}

/*
 * n zero words. The pages are table memory itself at boot, a Device
 * mapping on arm64 (devmem.h): no memset, which may fault there on
 * hardware (DC ZVA, unaligned heads), and volatile stores so the compiler
 * cannot make the loop a memset call, nor pair or widen the stores.
 */
static inline void zero_words(volatile uint64_t *w, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		w[i] = 0;
}

/*
 * A run's words. Four a step, each from the step's first word, so the adds
 * do not wait on each other: identity maps make runs of hundreds of words,
 * most of the table bytes a boot writes.
 */
static inline void run_write(volatile uint64_t *out, const struct smmub_run *r)
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
 * Each byte once; with reloc, a relocated word gets phys as it is written,
 * while its cache line is still hot (a separate pass would read it back
 * from anywhere in table memory). iommu_pages_check proved that every
 * relocation names a run's word, ascending.
 */
void iommu_pages_expand(const struct iommu_pages *t, uint8_t *mem, bool reloc, uint64_t phys,
		   uint64_t *ptrs)
{
	/* table memory is page aligned; aligned 64-bit accesses only (zero_words) */
	volatile uint64_t *word = (volatile uint64_t *)(void *)mem;
	uint64_t done = 0;			  /* words written */
	uint64_t next = reloc && t->nrelocs ? iommu_pages_reloc(t, 0) / 8 : UINT64_MAX;
	uint32_t j = 0;

	/* each byte once: the zeros before a run, then the run */
	for (uint32_t i = 0; i < t->nruns; i++) {
		struct smmub_run run;
		uint64_t first;

		iommu_run_read(t->runs + (uint64_t)i * t->run_stride, &run, &first);
		zero_words(word + done, first - done);
		run_write(word + first, &run);
		done = first + run.count;
		for (; next < done; j++) {
			uint64_t e = le64toh(word[next]) + phys;

			word[next] = htole64(e);
			if (ptrs)
				ptrs[j] = e;
			next = j + 1 < t->nrelocs ? iommu_pages_reloc(t, j + 1) / 8 : UINT64_MAX;
		}
	}
	zero_words(word + done, (uint64_t)t->npages * WORDS - done);
}

static uint64_t word_at(const uint8_t *page, unsigned i)
{
	uint64_t w;

	memcpy(&w, page + i * 8u, sizeof(w));
	return le64toh(w);
}

int iommu_runs_encode(const uint8_t *pages, size_t npages, struct smmub_run **runs,
		      size_t *nruns)
{
	struct smmub_run *r = NULL;
	size_t n = 0, cap = 0;

	for (size_t p = 0; p < npages; p++) {
		const uint8_t *pg = pages + p * PAGE;

		for (unsigned i = 0, j; i < PAGE / 8; i = j) {
			uint64_t first = word_at(pg, i), step = 0;

			j = i + 1;
			if (!first)
				continue;
			if (j < PAGE / 8 && word_at(pg, j) > first)
				step = word_at(pg, j) - first;
			/* the next word continues the run: one step up, without wrapping */
			while (step && j < PAGE / 8 && word_at(pg, j) > word_at(pg, j - 1) &&
			       word_at(pg, j) - word_at(pg, j - 1) == step)
				j++;
			if (n == cap) {
				struct smmub_run *nr;

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
			r[n++] = (struct smmub_run){ htole32((uint32_t)p), htole16((uint16_t)i),
							 htole16((uint16_t)(j - i)), htole64(first),
							 htole64(step) };
		}
	}
	*runs = r;
	*nruns = n;
	return 0;
}

int iommu_relocate(uint8_t *pages, size_t npages, const uint64_t *relocs, size_t n, uint64_t base,
		   uint64_t addr_mask)
{
	uint64_t bytes = (uint64_t)npages * PAGE;

	if (base & (PAGE - 1))
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		uint64_t e, a;

		if (relocs[i] & 7 || relocs[i] >= bytes)
			return -EINVAL;
		e = le64_get(pages + relocs[i]);
		a = (e & addr_mask) + base;
		if (a & ~addr_mask)
			return -ERANGE;
		le64_put(pages + relocs[i], (e & ~addr_mask) | a);
	}
	return 0;
}

#define HUGE_PAGE (2u << 20)

/*
 * Table pages for the builder: anonymous memory, zero and untouched until
 * written, so a generous guess costs address space only. Where it spans
 * 2 MiB pages it asks for them (MADV_HUGEPAGE, a hint the kernel may
 * ignore): the builder touches the pool page after page, and one fault
 * for 512 pages costs less than 512 faults.
 */
void *iommu_pool_map(size_t pages)
{
	size_t len = pages * PAGE, slack = len >= HUGE_PAGE ? HUGE_PAGE : 0;
	uint8_t *p = mmap(NULL, len + slack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	size_t head;

	if (p == MAP_FAILED)
		return NULL;
	/* on a 2 MiB boundary: the slack before and after goes back */
	head = slack ? (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE : 0;
	if (head)
		munmap(p, head);
	if (slack - head)
		munmap(p + head + len, slack - head);
#ifdef MADV_HUGEPAGE
	if (slack)
		madvise(p + head, len, MADV_HUGEPAGE);
#endif
	return p + head;
}

void iommu_pool_unmap(void *pool, size_t pages)
{
	if (pool)
		munmap(pool, pages * PAGE);
}
