/* SPDX-License-Identifier: BSD-2-Clause */
/* The live-update page pool: every page once, then -ENOMEM; frees checked. */
#include <errno.h>
#include <stdlib.h>

#include "cu_run.h"
#include "iommu/pool.h"

#define PAGE 4096ull

static void test_all_once(void)
{
	/* 70 pages: the last word of the bitmap is partly beyond the pool */
	struct iommu_pool p;
	char seen[70] = { 0 };
	uint64_t off;

	CU_ASSERT_EQUAL_FATAL(iommu_pool_init(&p, 0x10000, 70 * PAGE), 0);
	for (int i = 0; i < 70; i++) {
		CU_ASSERT_EQUAL_FATAL(iommu_pool_alloc(&p, &off), 0);
		CU_ASSERT_TRUE_FATAL(off >= 0x10000 && off < 0x10000 + 70 * PAGE);
		CU_ASSERT_EQUAL(off % PAGE, 0);
		CU_ASSERT_FALSE(seen[(off - 0x10000) / PAGE]);
		seen[(off - 0x10000) / PAGE] = 1;
	}
	CU_ASSERT_EQUAL(p.nfree, 0);
	CU_ASSERT_EQUAL(iommu_pool_alloc(&p, &off), -ENOMEM);
	/* one back: that one again, wherever the search starts */
	CU_ASSERT_EQUAL(iommu_pool_free(&p, 0x10000 + 65 * PAGE), 0);
	CU_ASSERT_EQUAL(iommu_pool_alloc(&p, &off), 0);
	CU_ASSERT_EQUAL(off, 0x10000 + 65 * PAGE);
	CU_ASSERT_EQUAL(iommu_pool_free(&p, 0x10000 + 3 * PAGE), 0);
	CU_ASSERT_EQUAL(iommu_pool_alloc(&p, &off), 0);
	CU_ASSERT_EQUAL(off, 0x10000 + 3 * PAGE);
	iommu_pool_fini(&p);
}

static void test_bad_frees(void)
{
	struct iommu_pool p;
	uint64_t off;

	CU_ASSERT_EQUAL_FATAL(iommu_pool_init(&p, 0x10000, 4 * PAGE), 0);
	CU_ASSERT_EQUAL(iommu_pool_free(&p, 0x10000), -EINVAL); /* never handed out */
	CU_ASSERT_EQUAL(iommu_pool_alloc(&p, &off), 0);
	CU_ASSERT_EQUAL(iommu_pool_free(&p, off + 8), -EINVAL); /* not a page */
	CU_ASSERT_EQUAL(iommu_pool_free(&p, 0xf000), -EINVAL);	/* below */
	CU_ASSERT_EQUAL(iommu_pool_free(&p, 0x10000 + 4 * PAGE), -EINVAL); /* beyond */
	CU_ASSERT_EQUAL(iommu_pool_free(&p, off), 0);
	CU_ASSERT_EQUAL(iommu_pool_free(&p, off), -EINVAL); /* twice */
	CU_ASSERT_EQUAL(p.nfree, 4);
	iommu_pool_fini(&p);
}

static void test_init(void)
{
	struct iommu_pool p;
	uint64_t off;

	CU_ASSERT_EQUAL(iommu_pool_init(&p, 0x10001, PAGE), -EINVAL);
	CU_ASSERT_EQUAL(iommu_pool_init(&p, 0x10000, 100), -EINVAL);
	CU_ASSERT_EQUAL(iommu_pool_init(&p, UINT64_MAX - PAGE + 1, 2 * PAGE), -EINVAL);
	/* an empty pool: every allocation fails */
	CU_ASSERT_EQUAL_FATAL(iommu_pool_init(&p, 0x10000, 0), 0);
	CU_ASSERT_EQUAL(iommu_pool_alloc(&p, &off), -ENOMEM);
	iommu_pool_fini(&p);
}

static const struct cu_case cases[] = {
	{ "every page once, then ENOMEM", test_all_once },
	{ "frees that are not ours", test_bad_frees },
	{ "ranges refused", test_init },
};

int main(void)
{
	return CU_RUN("iommu pool", cases);
}
