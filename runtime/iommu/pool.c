/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdlib.h>

#include "iommu/arch.h"
#include "iommu/pool.h"

int iommu_pool_init(struct iommu_pool *p, uint64_t off, uint64_t len)
{
	p->off = off;
	p->npages = 0;
	p->nfree = 0;
	p->hint = 0;
	p->used = NULL;
	if ((off | len) % IOMMU_PAGE_SIZE || off > UINT64_MAX - len)
		return -EINVAL;
	if (len / IOMMU_PAGE_SIZE > SIZE_MAX / 2)
		return -ENOMEM;
	p->npages = (size_t)(len / IOMMU_PAGE_SIZE);
	p->used = calloc(p->npages / 64 + 1, sizeof(*p->used));
	if (!p->used) {
		p->npages = 0;
		return -ENOMEM;
	}
	p->nfree = p->npages;
	return 0;
}

void iommu_pool_fini(struct iommu_pool *p)
{
	free(p->used);
	p->used = NULL;
	p->npages = p->nfree = 0;
}

int iommu_pool_alloc(struct iommu_pool *p, uint64_t *off)
{
	if (!p->nfree)
		return -ENOMEM;
	/* a free page exists: at most one lap, whole words skipped */
	for (size_t i = p->hint, seen = 0; seen <= p->npages; seen++) {
		if (i >= p->npages)
			i = 0;
		if (p->used[i / 64] == UINT64_MAX && i % 64 == 0) {
			i += 64;
			seen += 63;
			continue;
		}
		if (!(p->used[i / 64] & (1ull << (i % 64)))) {
			p->used[i / 64] |= 1ull << (i % 64);
			p->nfree--;
			p->hint = i + 1;
			*off = p->off + (uint64_t)i * IOMMU_PAGE_SIZE;
			return 0;
		}
		i++;
	}
	return -ENOMEM; /* nfree disagrees with the bitmap: never */
}

int iommu_pool_free(struct iommu_pool *p, uint64_t off)
{
	uint64_t rel = off - p->off;
	size_t i;

	if (off < p->off || rel % IOMMU_PAGE_SIZE || rel / IOMMU_PAGE_SIZE >= p->npages)
		return -EINVAL;
	i = (size_t)(rel / IOMMU_PAGE_SIZE);
	if (!(p->used[i / 64] & (1ull << (i % 64))))
		return -EINVAL;
	p->used[i / 64] &= ~(1ull << (i % 64));
	p->nfree++;
	if (i < p->hint)
		p->hint = i;
	return 0;
}
