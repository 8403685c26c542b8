/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot-time proof: before translation is enabled, the VT-d tables in
 * table memory grant nothing the policy does not. It runs on the tables
 * as written (prebuilt runs expanded from a blob, or pages rebuilt at
 * boot) against the policy's own statement of the grants (the blob's
 * DOMAINS, REGIONS and DEVICES records, or the builder's input), and
 * shares nothing with the builder but the format constants of vtd_pt.h.
 *
 * What it proves, entry by entry (schemas/vtd.md, "The proof at boot"):
 * every present root and context entry has only the bits the builder
 * sets; a context entry exists only for a requester id the policy gives a
 * domain, with translation type 0, the tables' address width, the
 * domain's DID, and every id of one domain on the same top page; every
 * pointer is a relocated word landing on a table page that has one role
 * only (root, context table of one bus, paging level L at one address),
 * and every relocated word is such a pointer; every leaf is identity
 * mapped, of a size the tables may use, inside the grants of every domain
 * that reaches it with no more permission, and clear of the forbidden
 * ranges (all table memory, the grow-heap reserve included).
 *
 * Cost: linear in the relocations and the runs (or the words of the pages
 * reached, for rebuilt pages), plus, for each leaf run, one step of a
 * cursor or one binary search over its domain's grants. A page reached
 * from several domains is checked once per domain. No exit, no log: a
 * negative VTD_BC_ERR_* and the first bad entry.
 */
#ifndef SMMU_VTD_BOOTCHECK_H
#define SMMU_VTD_BOOTCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "blob/blob.h"
#include "vtd/vtd_blob.h"
#include "vtd/vtd_pt.h"

/* From 100: apart from the blob reader's SMMUB_ERR_*, so one return can carry either. */
enum vtd_bc_err {
	VTD_BC_ERR_INVAL = 100,	 /* arguments, or relocations not ascending inside the pages */
	VTD_BC_ERR_NOMEM,	 /* scratch allocation failed */
	VTD_BC_ERR_ROOT_BITS,	 /* root entry: bits the builder never sets */
	VTD_BC_ERR_ROOT_HI,	 /* root entry high quadword not zero */
	VTD_BC_ERR_CTX_BITS,	 /* context entry: reserved, FPD or unknown bits */
	VTD_BC_ERR_CTX_TT,	 /* context entry: translation type not 0 (e.g. pass-through) */
	VTD_BC_ERR_CTX_AW,	 /* context entry: address width not the tables' */
	VTD_BC_ERR_CTX_NODOMAIN, /* context entry for a requester id with no domain */
	VTD_BC_ERR_CTX_DID,	 /* context entry: DID not its domain's */
	VTD_BC_ERR_CTX_TOP,	 /* one domain (one DID) on two top pages */
	VTD_BC_ERR_DID_SHARED,	 /* one DID for two domains of the policy */
	VTD_BC_ERR_PTR_RANGE,	 /* pointer outside the table pages */
	VTD_BC_ERR_PTR_ROLE,	 /* page reached in two roles, levels or places (cycle) */
	VTD_BC_ERR_PTR_BITS,	 /* non-leaf entry: bits the builder never sets */
	VTD_BC_ERR_NOT_RELOC,	 /* a pointer (or stray word) that is not relocated */
	VTD_BC_ERR_RELOC_LEAF,	 /* a relocated word that is not a pointer */
	VTD_BC_ERR_LEAF_BITS,	 /* leaf: SNP, TM, or bits the builder never sets */
	VTD_BC_ERR_LEAF_SIZE,	 /* leaf of a size the tables may not use */
	VTD_BC_ERR_LEAF_IDENTITY, /* leaf output address is not its IOVA */
	VTD_BC_ERR_LEAF_TABLE_MEM, /* leaf maps table memory or the grow-heap reserve */
	VTD_BC_ERR_LEAF_GRANT,	 /* leaf maps memory the domain is not granted */
	VTD_BC_ERR_LEAF_PERM,	 /* leaf grants more permission than the domain has */
	VTD_BC_ERR_MAX
};

/* A physical range no leaf may map: [start, start + length). */
struct vtd_bc_range {
	uint64_t start;
	uint64_t length;
};

#define VTD_BC_NONE 0xffffffffu

/* The first bad entry; fields a check does not know are VTD_BC_NONE / false. */
struct vtd_bc_bad {
	uint32_t page;	 /* table page, relative to table memory */
	uint32_t index;	 /* 64-bit word in the page (a 128-bit entry: its low word) */
	uint64_t word;	 /* its value as written (relocated) */
	uint32_t sid;	 /* requester id, or VTD_BC_NONE */
	uint32_t domain; /* policy domain index, or VTD_BC_NONE */
	uint32_t did;	 /* its DID, or VTD_BC_NONE */
	bool has_iova;
	uint64_t iova;	 /* the address the problem is at */
};

/* The tables as they are in table memory, and what may be in them. */
struct vtd_bc_tables {
	const uint8_t *mem; /* table memory: page 0 is the root table */
	uint64_t phys;	    /* its physical address, page aligned */
	uint32_t npages;
	unsigned levels;    /* 3 or 4 */
	unsigned sizes;	    /* VTD_PGSZ_* leaves the tables may use */
	/* the relocated words: a blob's (view set) or the builder's offsets */
	const struct vtd_tables_view *view; /* prebuilt: runs and relocations; or NULL */
	const uint64_t *relocs;		    /* rebuilt: byte offsets, ascending */
	size_t nrelocs;
	/* each relocated word as written, by relocation index (NULL: read mem) */
	const uint64_t *ptrs;
	const struct vtd_bc_range *forbid;
	size_t nforbid;
};

/*
 * Proves the tables against the grants of the blob's records (v, after
 * smmub_validate_structure and the CRC) or of the builder input pol:
 * exactly one of the two. Returns 0, or -VTD_BC_ERR_* and the first bad
 * entry in *bad (may be NULL). Checks run in a fixed order: root entries
 * and context entries (by bus, then devfn), the paging structures domain
 * by domain (pointers), then every non-zero word in page order (leaves).
 */
int vtd_bootcheck(const struct vtd_bc_tables *tb, const struct smmub_view *v,
		  const struct vtd_policy *pol, struct vtd_bc_bad *bad);

/* Text for a (negative or positive) VTD_BC_ERR_*; never NULL. */
const char *vtd_bootcheck_strerror(int err);

/*
 * One line naming the bad entry: "page P index I word 0xW: what is wrong,
 * requester id pci:B:D.F, domain did N, address 0xA" (the parts known, the
 * requester id as the policy spells it). Returns snprintf's.
 */
int vtd_bootcheck_msg(int err, const struct vtd_bc_bad *bad, char *buf, size_t len);

/*
 * The prebuilt path of smmuman's boot, in one call so that the benchmark
 * times what boots: the CRC (when check_crc), the pages expanded and
 * relocated in one pass, then the proof against v's records. mem holds
 * t->npages pages. Returns 0, -SMMUB_ERR_BADCRC (mem untouched), or
 * -VTD_BC_ERR_* with *bad (mem then holds refused tables: block the unit).
 */
int vtd_tables_install_proven(const struct smmub_view *v, const struct vtd_tables_view *t,
			      uint8_t *mem, uint64_t phys, bool check_crc,
			      const struct vtd_bc_range *forbid, size_t nforbid,
			      struct vtd_bc_bad *bad);

#endif
