/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reading the VT-d table sections of a validated blob (schemas/smmub_vtd.h):
 * no allocation, every count and offset checked before the runtime copies
 * a byte into table memory.
 */
#ifndef SMMU_VTD_BLOB_H
#define SMMU_VTD_BLOB_H

#include <endian.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "blob/blob.h"
#include "iommu/pages.h"
#include "smmub_vtd.h"

struct vtd_tables_view {
	bool present;         /* the blob carries prebuilt tables */
	unsigned levels;      /* 3 or 4 */
	unsigned sizes_used;  /* enum smmub_vtd_pgsz */
	unsigned sizes_allowed;
	uint32_t npages;      /* pages the tables occupy */
	uint32_t nruns;       /* runs of their non-zero words */
	const unsigned char *runs; /* struct smmub_run, stride run_stride */
	uint32_t run_stride;
	uint32_t nrelocs;
	const unsigned char *relocs; /* nrelocs little-endian uint64_t, stride 8+ */
	uint32_t reloc_stride;
	uint32_t ndevices;
};

/*
 * Fills t from v. A blob without VTD_CONTRACT has no tables (present =
 * false, returns 0). Returns -SMMUB_ERR_* if the sections contradict each
 * other: counts differ from the contract, a run outside the pages, across
 * a page, overlapping the one before, wrapping or with a zero word, a
 * relocation not on a run's word, unaligned or not ascending, a domain's
 * top page out of range, levels or page sizes unknown. *bad_offset gets
 * the blob offset of the problem.
 */
int vtd_tables_view(const struct smmub_view *v, struct vtd_tables_view *t, uint64_t *bad_offset);

/* The run and relocation sections of t, for the neutral reader (iommu/pages.h). */
static inline struct iommu_pages vtd_tables_pages(const struct vtd_tables_view *t)
{
	return (struct iommu_pages){ t->npages, t->runs, t->nruns, t->run_stride,
				     t->relocs, t->nrelocs, t->reloc_stride };
}

/* Relocation i as a byte offset into the pages. */
uint64_t vtd_tables_reloc(const struct vtd_tables_view *t, uint32_t i);

/*
 * Writes the tables' pages into mem (t->npages pages, 8-byte aligned, as
 * table memory always is), each byte once: the runs, and zeros between
 * them; addresses still relative (no relocation).
 */
void vtd_tables_expand(const struct vtd_tables_view *t, uint8_t *mem);

/*
 * Installs the prebuilt tables at table memory mem (physical address
 * phys): checks the whole blob's CRC first when check_crc (v from
 * smmub_validate_structure), then expands the pages and adds phys to every
 * relocated word, in one pass. mem must hold t->npages pages. Returns 0,
 * or -SMMUB_ERR_BADCRC, and then mem is left untouched. Not proven: the
 * boot path goes through vtd_tables_install_proven (vtd_bootcheck.h).
 */
int vtd_tables_install(const struct smmub_view *v, const struct vtd_tables_view *t, uint8_t *mem,
		       uint64_t phys, bool check_crc);

/* The same, keeping each relocated word as written in ptrs[i] (t->nrelocs, or NULL). */
int vtd_tables_install_ptrs(const struct smmub_view *v, const struct vtd_tables_view *t,
			    uint8_t *mem, uint64_t phys, bool check_crc, uint64_t *ptrs);

#endif
