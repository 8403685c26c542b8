/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The table-memory page pool of live updates: which 4 KiB pages of a
 * range of table memory are free. It hands out offsets only; zeroing a
 * page (iommu_tmem_zero: table memory is Device memory on arm64) and
 * writing it are the architecture's. A bitmap, one bit a page; allocation
 * is first-fit from a moving hint, so a run of allocations is linear.
 */
#ifndef SMMU_IOMMU_POOL_H
#define SMMU_IOMMU_POOL_H

#include <stddef.h>
#include <stdint.h>

struct iommu_pool {
	uint64_t off;	  /* table-memory offset of the first page */
	size_t npages;
	size_t nfree;
	size_t hint;	  /* where the next search starts */
	uint64_t *used;	  /* one bit a page */
};

/* The pages of [off, off + len), both 4 KiB aligned. 0, -EINVAL, -ENOMEM. */
int iommu_pool_init(struct iommu_pool *p, uint64_t off, uint64_t len);
void iommu_pool_fini(struct iommu_pool *p);
/* A free page's offset into *off: 0, or -ENOMEM when none is left. */
int iommu_pool_alloc(struct iommu_pool *p, uint64_t *off);
/* Gives back a page iommu_pool_alloc handed out: 0, or -EINVAL (not one of ours, or free). */
int iommu_pool_free(struct iommu_pool *p, uint64_t off);

#endif
