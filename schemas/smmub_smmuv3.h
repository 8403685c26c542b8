/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Policy blob sections for ARM SMMUv3 tables (types 32..47 of
 * schemas/smmub.h). Documented in schemas/smmuv3.md.
 *
 * As for VT-d: the compiler builds the tables from the blob's own records
 * (runtime/smmuv3/smmuv3_policy.c), proves them with the independent
 * walker, and stores them for one hardware profile, the capability
 * contract. The pages (a stream table, context descriptors, LPAE tables)
 * are stored as runs (struct smmub_run, schemas/smmub.h) with the list of
 * words that hold a table address relative to table memory. At boot
 * smmuman writes page_count pages, adds the table memory's physical
 * address to every relocated word, proves them, and brings the unit up
 * with the stream table at strtab_offset (STRTAB_BASE_CFG = strtab_cfg)
 * still all invalid, filling its entries in once the unit blocks every
 * stream. A unit that cannot honour the contract gets tables rebuilt from
 * the records with the same builder.
 */
#ifndef SMMUB_SMMUV3_H
#define SMMUB_SMMUV3_H

#include <stdint.h>

enum smmub_smmuv3_section_type {
	SMMUB_SEC_SMMUV3_CONTRACT = 32, /* exactly one struct smmub_smmuv3_contract */
	SMMUB_SEC_SMMUV3_RELOCS = 33,	/* uint64_t byte offsets into the pages, ascending */
	SMMUB_SEC_SMMUV3_RUNS = 34,	/* struct smmub_run: the pages' non-zero words */
};

enum smmub_smmuv3_pgsz {
	SMMUB_SMMUV3_PGSZ_4K = 1u << 0,
	SMMUB_SMMUV3_PGSZ_2M = 1u << 1,
	SMMUB_SMMUV3_PGSZ_1G = 1u << 2,
};

enum smmub_smmuv3_flags {
	SMMUB_SMMUV3_LINEAR_ONLY = 1u << 0, /* the profile forbade a 2-level stream table */
};

/*
 * What the tables assume of the unit: stage 1 needs IDR0.S1P, stage 2
 * IDR0.S2P; ias 48 or 39 (the walk's first level); output addresses and
 * tables within oas bits (IDR5.OAS); a 2-level stream table (strtab_cfg
 * FMT 1) needs IDR0.ST_LEVEL 1; table memory aligned to strtab_align.
 * sizes_allowed and the flags are what the profile permitted, so that a
 * rebuild at boot keeps the integrator's choice.
 */
struct smmub_smmuv3_contract {
	uint32_t stage;		/* 1 or 2 */
	uint32_t ias;		/* 39 or 48 */
	uint32_t oas;		/* bits: 32 36 40 42 44 48 52 */
	uint32_t sizes_used;	/* enum smmub_smmuv3_pgsz */
	uint32_t sizes_allowed; /* enum smmub_smmuv3_pgsz */
	uint32_t flags;		/* enum smmub_smmuv3_flags */
	uint32_t strtab_cfg;	/* STRTAB_BASE_CFG: FMT, SPLIT, LOG2SIZE */
	uint32_t page_count;	/* pages the tables occupy in table memory */
	uint64_t strtab_offset; /* byte offset of the stream table in the pages */
	uint64_t strtab_align;	/* the alignment of table memory the stream table needs */
	uint32_t reloc_count;	/* == SMMUV3_RELOCS count */
	uint32_t device_count;	/* StreamIDs with a valid STE */
};

#endif
