/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Policy blob sections for Intel VT-d translation tables (types 16..31 of
 * schemas/smmub.h). Documented in schemas/vtd.md.
 *
 * The compiler builds the tables from the blob's own policy records
 * (runtime/vtd/vtd_policy.c), proves them with the independent walker, and
 * stores them here for one hardware profile: the capability contract.
 * The pages (page 0 the root table) are stored as runs: table pages are
 * almost all zeros, and the non-zero words come in arithmetic sequences
 * (an identity-mapped range is one leaf after another, each a page size
 * above the last), so VTD_RUNS grows with the regions, not with the bytes
 * they map. At boot smmuman writes page_count pages of table memory once,
 * zeros between the runs, adds the table memory's physical address to
 * every word listed in VTD_RELOCS, and points RTADDR at page 0. If the
 * unit's CAP cannot honour the contract, smmuman rebuilds from the
 * records with the same builder instead.
 * A blob without these sections (late-bound, or no VT-d target) is always
 * built at boot.
 */
#ifndef SMMUB_VTD_H
#define SMMUB_VTD_H

#include <stdint.h>

enum smmub_vtd_section_type {
	SMMUB_SEC_VTD_CONTRACT = 16, /* exactly one struct smmub_vtd_contract */
	/* 17 held the non-zero words one by one before runs: retired, never reused */
	SMMUB_SEC_VTD_RELOCS = 18, /* uint64_t byte offsets into the pages, ascending */
	SMMUB_SEC_VTD_DOMTOP = 19, /* uint32_t per DOMAINS entry: its top-level page, or SMMUB_NONE */
	SMMUB_SEC_VTD_RUNS = 20,   /* struct smmub_run: the pages' non-zero words */
};

enum smmub_vtd_pgsz {
	SMMUB_VTD_PGSZ_4K = 1u << 0,
	SMMUB_VTD_PGSZ_2M = 1u << 1,
	SMMUB_VTD_PGSZ_1G = 1u << 2,
};

/*
 * What the tables assume of the unit. levels 3 needs CAP.SAGAW bit 1
 * (39-bit), 4 needs bit 2 (48-bit); a 2M / 1G bit in sizes_used needs
 * CAP.SLLPS bit 0 / 1. sizes_allowed is what the profile permitted (so a
 * rebuild at boot keeps the integrator's choice).
 */
struct smmub_vtd_contract {
	uint32_t levels;        /* 3 or 4 */
	uint32_t aw_bits;       /* 39 or 48 */
	uint32_t sizes_used;    /* enum smmub_vtd_pgsz */
	uint32_t sizes_allowed; /* enum smmub_vtd_pgsz */
	uint32_t page_count;    /* pages the tables occupy in table memory */
	uint32_t reloc_count;   /* == VTD_RELOCS count */
	uint32_t device_count;  /* requester ids with a context entry */
	uint32_t reserved;
};

/* VTD_RUNS entries are struct smmub_run (schemas/smmub.h), the run encoding every
 * architecture's table pages share. */

#endif
