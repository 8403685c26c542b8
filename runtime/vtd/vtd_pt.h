/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VT-d legacy-mode translation tables: the format (stated once, used by
 * the builder and by the independent walker) and the builder.
 *
 * The builder turns a policy held in memory (domains with page-aligned
 * ranges, devices naming a domain) into 4 KiB pages addressed relative to
 * the start of table memory. Page 0 is the root table. Every entry that
 * holds a table address holds it relative to table memory and is listed
 * in the relocation list; vtd_relocate() adds the physical base once the
 * pages sit in table memory. Mapping is identity: IOVA == PA.
 */
#ifndef SMMU_VTD_PT_H
#define SMMU_VTD_PT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the table format ------------------------------------------------ */
#define VTD_PAGE_SHIFT 12
#define VTD_PAGE_SIZE  4096ull
#define VTD_SIZE_2M    (1ull << 21)
#define VTD_SIZE_1G    (1ull << 30)
#define VTD_ADDR_MASK  0x000ffffffffff000ull /* bits 51:12 of any entry */

/* Root entry (128 bits, indexed by bus): lo holds P and the context table. */
#define VTD_ROOT_ENTRIES 256
#define VTD_ROOT_P	 (1ull << 0)
#define VTD_ROOT_LO_RSVD 0x0000000000000ffeull /* bits 11:1; hi is all reserved */

/* Context entry (128 bits, indexed by devfn). */
#define VTD_CTX_ENTRIES	     256
#define VTD_CTX_LO_P	     (1ull << 0)
#define VTD_CTX_LO_FPD	     (1ull << 1)
#define VTD_CTX_LO_TT_SHIFT  2
#define VTD_CTX_LO_TT_MASK   (3ull << 2)
#define VTD_CTX_TT_SLPT	     0ull /* untranslated requests via second-level tables */
#define VTD_CTX_LO_RSVD	     0x0000000000000ff0ull /* bits 11:4 */
#define VTD_CTX_HI_AW_MASK   0x7ull
#define VTD_CTX_AW_39	     1u /* 3-level */
#define VTD_CTX_AW_48	     2u /* 4-level */
#define VTD_CTX_HI_DID_SHIFT 8
#define VTD_CTX_HI_DID_MASK  (0xffffull << 8)
#define VTD_CTX_HI_RSVD	     0xffffffffff000080ull /* bits 63:24 and 7 */

/* Second-level paging entry (64 bits, 512 per table). */
#define VTD_SL_ENTRIES 512
#define VTD_SL_R       (1ull << 0)
#define VTD_SL_W       (1ull << 1)
#define VTD_SL_PS      (1ull << 7)  /* leaf at PD (2 MiB) or PDPT (1 GiB) level */
#define VTD_SL_SNP     (1ull << 11) /* reserved unless ECAP.SC */
#define VTD_SL_TM      (1ull << 62) /* reserved unless device TLBs */
#define VTD_LEVEL_BITS 9
/* Bytes one entry at 'level' maps (level 1 = PT, 2 = PD, 3 = PDPT, 4 = PML4). */
#define VTD_LEVEL_SPAN(level) (1ull << (VTD_PAGE_SHIFT + VTD_LEVEL_BITS * ((level)-1)))

/* Permissions, as in schemas/smmub.h. */
#define VTD_PERM_R 1u
#define VTD_PERM_W 2u

/* Page sizes, as a bit set (vtd_build_out.sizes_used, the blob contract). */
#define VTD_PGSZ_4K 1u
#define VTD_PGSZ_2M 2u
#define VTD_PGSZ_1G 4u

#define VTD_NO_PAGE 0xffffffffu

/* ---- the builder ----------------------------------------------------- */

struct vtd_profile {
	unsigned levels; /* 3 (39-bit) or 4 (48-bit) */
	bool sp2m;	 /* 2 MiB leaves allowed */
	bool sp1g;	 /* 1 GiB leaves allowed */
};

struct vtd_range {
	uint64_t start;	 /* 4 KiB aligned */
	uint64_t length; /* 4 KiB multiple, > 0 */
	uint32_t perms;	 /* VTD_PERM_* */
};

struct vtd_domain_in {
	uint16_t did; /* from 1 */
	const struct vtd_range *ranges;
	size_t nranges;
};

struct vtd_device_in {
	uint16_t sid;	 /* bus << 8 | dev << 3 | fn */
	uint32_t domain; /* index into the domains */
};

struct vtd_policy {
	struct vtd_profile prof;
	const struct vtd_domain_in *domains;
	size_t ndomains;
	const struct vtd_device_in *devices;
	size_t ndevices;
};

/*
 * Where the builder puts its result. pool/relocs/dom_top are the caller's:
 * pool holds pool_pages pages (pool NULL: dry run, only the counts),
 * relocs holds reloc_cap byte offsets, dom_top holds one entry per domain
 * (may be NULL). Outputs: npages, nrelocs, sizes_used (VTD_PGSZ_*),
 * dom_top[d] = top-level page of domain d, or VTD_NO_PAGE for a domain
 * with no grants (its devices get no context entry and fault).
 */
struct vtd_build_out {
	uint8_t *pool;
	size_t pool_pages;
	uint64_t *relocs;
	size_t reloc_cap;
	uint32_t *dom_top;

	size_t npages;
	size_t nrelocs;
	unsigned sizes_used;
};

/*
 * Builds the tables. Returns 0, -EINVAL (bad profile, unaligned or empty
 * range, range beyond the address width, did 0, device naming a missing
 * domain, one sid in two domains), -ENOSPC (pool or relocs too small; the
 * counts needed are still reported, and the pool holds a partial build),
 * -ENOMEM (scratch allocation failed). One pass over the policy.
 * Deterministic: equal input gives equal bytes. Identical subtrees of
 * different domains are shared, so no two pages are equal.
 */
int vtd_build(const struct vtd_policy *pol, struct vtd_build_out *out);

/* Dry run: the exact page and relocation counts vtd_build needs. */
int vtd_build_size(const struct vtd_policy *pol, size_t *npages, size_t *nrelocs);

/* Adds base to the address field of every relocated entry. */
int vtd_relocate(uint8_t *pages, size_t npages, const uint64_t *relocs, size_t nrelocs,
		 uint64_t base);

#endif
