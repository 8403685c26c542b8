/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reading the SMMUv3 table sections of a validated blob
 * (schemas/smmub_smmuv3.h): no allocation, the contract's every field and
 * every count and offset checked before the runtime copies a byte into
 * table memory.
 */
#ifndef SMMU_SMMUV3_BLOB_H
#define SMMU_SMMUV3_BLOB_H

#include <stdbool.h>
#include <stdint.h>
#include "blob/blob.h"
#include "iommu/pages.h"
#include "smmub_smmuv3.h"
#include "smmuv3/smmuv3_pt.h"

struct smmuv3_tables_view {
	bool present;		     /* the blob carries prebuilt tables */
	struct smmuv3_profile prof;  /* the contract as the builder's profile */
	unsigned sizes_used;	     /* SMMUV3_PGSZ_* */
	unsigned sizes_allowed;
	uint32_t strtab_cfg;
	uint64_t strtab_off, strtab_align;
	uint32_t ndevices;
	struct iommu_pages pages;    /* runs and relocations */
};

/*
 * Fills t from v. A blob without SMMUV3_CONTRACT has no tables (present
 * false, returns 0). Returns -SMMUB_ERR_BADVALUE with *bad_offset the blob
 * offset of the problem when the sections contradict each other or the
 * contract names what no SMMUv3 has: a stage other than 1 or 2, an input
 * size other than 39 or 48, an OAS not in IDR5's list, a stage-2 input
 * larger than the output, unknown page sizes or flags, a stream table
 * format or size that is not one, a stream table outside the pages or
 * not aligned, counts that differ from their sections, bad runs.
 */
int smmuv3_tables_view(const struct smmub_view *v, struct smmuv3_tables_view *t,
		       uint64_t *bad_offset);

/* The bytes of the stream table STRTAB_BASE_CFG cfg describes (linear: STEs; 2-level: L1). */
uint64_t smmuv3_strtab_bytes(uint32_t cfg);

#endif
