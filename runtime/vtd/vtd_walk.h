/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An independent VT-d legacy-mode table walker: it reads tables the way
 * the hardware does (root -> context -> second-level levels -> leaf),
 * written apart from the builder so that the one can check the other.
 * It shares only the format constants (vtd_pt.h) and vtd_regs.h.
 * Fault reasons are those QEMU's model records (see vtd_regs.h); a
 * non-present or permission-denied paging entry is 0x5 (write) or 0x6
 * (read), as QEMU reports it.
 */
#ifndef SMMU_VTD_WALK_H
#define SMMU_VTD_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vtd/vtd_pt.h"

/* Table memory as the unit sees it: size bytes at physical base. */
struct vtd_mem {
	const uint8_t *mem;
	uint64_t base;
	uint64_t size;
};

/* What the unit supports (its CAP/ECAP), which decides reserved bits. */
struct vtd_walk_cfg {
	unsigned sagaw; /* VTD_SAGAW_* bits: the context AW values accepted */
	unsigned haw;	/* host address width, bits (address bits above are reserved) */
	unsigned mgaw;	/* max guest address width, bits; 0: only the context AW limits */
	bool sp2m;	/* CAP.SLLPS: PS at the PD level allowed */
	bool sp1g;	/* CAP.SLLPS: PS at the PDPT level allowed */
	bool snoop;	/* ECAP.SC: SNP bit allowed in paging entries */
};

enum vtd_walk_status {
	VTD_WALK_OK = 0,      /* translated: pa, page_size */
	VTD_WALK_FAULT = 1,   /* the unit records 'reason' */
	VTD_WALK_OUTSIDE = 2, /* an entry lies outside table memory: bad_addr */
};

struct vtd_walk_res {
	enum vtd_walk_status status;
	unsigned reason;    /* enum vtd_fault_reason, when FAULT */
	uint64_t pa;	    /* when OK */
	uint64_t page_size; /* when OK: 4 KiB, 2 MiB or 1 GiB */
	unsigned level;	    /* level of the entry the walk ended at (0: root/context) */
	uint16_t did;	    /* from the context entry, when one was read */
	bool fpd;	    /* the context entry disables fault recording */
	uint64_t bad_addr;  /* when OUTSIDE: the entry's physical address */
};

/*
 * Walks one request: rtaddr is the latched root table address, sid the
 * requester id, iova the address, write the access. Returns res->status.
 * Every table read is bounds-checked against m.
 */
int vtd_walk(const struct vtd_mem *m, const struct vtd_walk_cfg *cfg, uint64_t rtaddr, uint16_t sid,
	     uint64_t iova, bool write, struct vtd_walk_res *res);

/*
 * The paging part of a walk, as vtd_walk goes on after the context entry:
 * from the second-level table at physical address table, which holds the
 * entries of 'level' (levels..1), for iova and the access. Sets status,
 * reason, level, pa, page_size and bad_addr of res and leaves the rest.
 * Entries above a table decide alike for every address beneath it, so a
 * caller that walked one such address whole may resume here for others.
 */
int vtd_walk_tables(const struct vtd_mem *m, const struct vtd_walk_cfg *cfg, uint64_t table,
		    unsigned level, uint64_t iova, bool write, struct vtd_walk_res *res);

/* The walker configuration a build profile assumes (HAW 48). */
void vtd_walk_cfg_from_profile(const struct vtd_profile *prof, struct vtd_walk_cfg *cfg);

/* ---- the proof -------------------------------------------------------- */

struct vtd_mismatch {
	uint16_t sid;
	uint64_t iova;
	bool write;
	bool expected;		 /* the policy allows the access */
	bool got;		 /* the tables allow it (to pa == iova) */
	struct vtd_walk_res res; /* the walker's full answer */
};

/*
 * Proves that the tables built from pol (npages pages at physical base, the
 * root table at base) grant exactly pol. First by sampling, as the hardware
 * would be asked: for every device, the boundaries of every domain's ranges
 * (each side, first and last page, superpage edges around them), reads and
 * writes. Then completely: every one of the 65536 requester ids the unit
 * refuses outright must be granted nothing, and for every other one
 * every entry of its tables is visited; an access right an entry drops
 * must be granted by the policy nowhere beneath it, a leaf must be granted
 * on every page it maps, and one walk per leaf and access (which decides
 * every address under it; whole for a table's first leaf, resumed at the
 * table for the others) must translate to the same address. The policy's
 * answer comes from the input ranges, never from the builder.
 * Returns 0 when proven, 1 with *mm set on the first difference found,
 * -EINVAL/-ENOMEM on bad input, -ELOOP if the tables hold more entries
 * than npages pages can (entries pointing back up the tree). *nchecked
 * (may be NULL) counts the walks done.
 */
int vtd_verify(const struct vtd_policy *pol, const uint8_t *pages, size_t npages, uint64_t base,
	       struct vtd_mismatch *mm, size_t *nchecked);

#endif
