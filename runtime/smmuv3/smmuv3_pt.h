/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SMMUv3 tables: the builder's input (a policy held in memory) and the
 * builder, which turns it into 4 KiB pages relative to the start of table
 * memory: a stream table (linear, or 2-level), and per domain a context
 * descriptor and stage-1 LPAE tables, or stage-2 LPAE tables, identity
 * mapped (IOVA/IPA == PA). Every word that holds a table address holds it
 * relative to table memory and is listed in the relocation list;
 * smmuv3_relocate() adds the physical base once the pages are in place.
 * The format constants are in smmuv3_regs.h, shared with the walker.
 *
 * Deny by default: a StreamID the policy does not grant has an invalid
 * STE (V=0: the unit records C_BAD_STE with the StreamID) or, in a
 * 2-level table, an invalid L1 descriptor (recorded too). A device whose
 * domain has no grant gets the same.
 */
#ifndef SMMU_SMMUV3_PT_H
#define SMMU_SMMUV3_PT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "smmuv3/smmuv3_regs.h"

/* Permissions, as in schemas/smmub.h. */
#define SMMUV3_PERM_R 1u
#define SMMUV3_PERM_W 2u

/* Leaf sizes, as a bit set (smmuv3_build_out.sizes_used, the contract). */
#define SMMUV3_PGSZ_4K 1u
#define SMMUV3_PGSZ_2M 2u
#define SMMUV3_PGSZ_1G 4u

struct smmuv3_profile {
	unsigned stage;	 /* 1: a CD and stage-1 tables per domain; 2: stage-2 tables */
	unsigned ias;	 /* input address bits: 48 (4 levels, from level 0) or 39 (3, from 1) */
	unsigned oas;	 /* output address bits (IDR5.OAS: 32 36 40 42 44 48 52) */
	bool blk2m;	 /* 2 MiB blocks allowed where a run is aligned */
	bool blk1g;	 /* 1 GiB blocks allowed */
	bool st_2lvl;	 /* a 2-level stream table allowed (else always linear) */
};

struct smmuv3_range {
	uint64_t start;	 /* 4 KiB aligned */
	uint64_t length; /* 4 KiB multiple, > 0 */
	uint32_t perms;	 /* SMMUV3_PERM_*; stage 1 cannot express W without R */
};

struct smmuv3_domain_in {
	uint16_t tag; /* ASID (stage 1) or VMID (stage 2), from 1, unique */
	const struct smmuv3_range *ranges; /* ascending, not overlapping */
	size_t nranges;
};

struct smmuv3_device_in {
	uint32_t sid;	 /* StreamID */
	uint32_t domain; /* index into the domains */
};

struct smmuv3_policy {
	struct smmuv3_profile prof;
	const struct smmuv3_domain_in *domains;
	size_t ndomains;
	const struct smmuv3_device_in *devices; /* ascending by sid, each sid once */
	size_t ndevices;
};

/*
 * Where the builder puts its result. pool and relocs are the caller's:
 * pool holds pool_pages zeroed pages (pool NULL: a dry run that only
 * counts), relocs holds reloc_cap byte offsets into the pool. Outputs:
 * npages and nrelocs (needed, also when they did not fit), sizes_used
 * (SMMUV3_PGSZ_*), and the stream table: its byte offset in the pool
 * (aligned to its size, which is strtab_align: table memory must be
 * aligned to that much), and the STRTAB_BASE_CFG value for it.
 */
struct smmuv3_build_out {
	uint8_t *pool;
	size_t pool_pages;
	uint64_t *relocs;
	size_t reloc_cap;

	size_t npages;
	size_t nrelocs;
	unsigned sizes_used;
	uint64_t strtab;
	uint32_t strtab_cfg;
	uint64_t strtab_align;
};

/*
 * Builds pol into out. Returns 0; -ENOSPC when pool_pages or reloc_cap is
 * short (npages, nrelocs say what is needed: call again); -EINVAL for a
 * policy the profile cannot express (a range beyond ias or oas, unaligned,
 * W without R at stage 1, a sid beyond 32 bits of table, a tag of 0 or
 * repeated, devices not ascending); -ENOMEM. Deterministic: the same policy
 * gives the same bytes.
 */
int smmuv3_build(const struct smmuv3_policy *pol, struct smmuv3_build_out *out);

/* Adds base to the 64-bit little-endian word at each of the n offsets; -EINVAL if one is out of the pages. */
int smmuv3_relocate(uint8_t *pages, size_t npages, const uint64_t *relocs, size_t n,
		    uint64_t base);

#endif
