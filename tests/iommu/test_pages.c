/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The table-page encoding every architecture stores (runtime/iommu/pages.c):
 * the writer's exact runs, the reader's round trip with and without
 * relocation, and each rule of the reader's check.
 */
#include <CUnit/Basic.h>
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "iommu/pages.h"

#define PAGE 4096u

static uint8_t pages[3 * PAGE];

static void put(unsigned page, unsigned index, uint64_t w)
{
	uint64_t le = htole64(w);

	memcpy(pages + page * PAGE + index * 8u, &le, 8);
}

/* Three pages: an identity run, a lone word, a run at a page's end and a pointer. */
static void fill(void)
{
	memset(pages, 0, sizeof(pages));
	for (unsigned i = 0; i < 10; i++)
		put(0, 4 + i, 0x200000 + 0x1000ull * i + 0x743);
	put(1, 0, 0x1003);	 /* a relative pointer to page 1 */
	put(1, 511, 0x5555);
	put(2, 510, 7);
	put(2, 511, 9);
}

static struct iommu_pages view(const struct smmub_run *r, size_t n, const uint64_t *rel, size_t nr)
{
	return (struct iommu_pages){ 3, (const unsigned char *)r, (uint32_t)n, sizeof(*r),
				     (const unsigned char *)rel, (uint32_t)nr, sizeof(uint64_t) };
}

static void test_encode(void)
{
	struct smmub_run *r;
	size_t n;

	fill();
	CU_ASSERT_EQUAL_FATAL(iommu_runs_encode(pages, 3, &r, &n), 0);
	CU_ASSERT_EQUAL_FATAL(n, 4);
	/* page, index, count, value, step (little-endian fields) */
	CU_ASSERT(le32toh(r[0].page) == 0 && le16toh(r[0].index) == 4 && le16toh(r[0].count) == 10);
	CU_ASSERT(le64toh(r[0].value) == 0x200743 && le64toh(r[0].step) == 0x1000);
	CU_ASSERT(le32toh(r[1].page) == 1 && le16toh(r[1].index) == 0 && le16toh(r[1].count) == 1);
	CU_ASSERT_EQUAL(le64toh(r[1].step), 0); /* one word: the canonical step */
	CU_ASSERT(le32toh(r[2].page) == 1 && le16toh(r[2].index) == 511 && le16toh(r[2].count) == 1);
	/* 7 then 9: a step of 2 holds for the two words */
	CU_ASSERT(le16toh(r[3].index) == 510 && le16toh(r[3].count) == 2 && le64toh(r[3].step) == 2);
	free(r);
}

static void test_round_trip(void)
{
	static uint8_t back[3 * PAGE];
	uint64_t rel[1] = { htole64(PAGE) }, ptrs[1];
	struct smmub_run *r;
	struct iommu_pages p;
	size_t n;

	fill();
	CU_ASSERT_EQUAL_FATAL(iommu_runs_encode(pages, 3, &r, &n), 0);
	p = view(r, n, rel, 1);
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 100, 200, NULL), 0);
	memset(back, 0xa5, sizeof(back)); /* every byte is written: zeros too */
	iommu_pages_expand(&p, back, false, 0, NULL);
	CU_ASSERT_EQUAL(memcmp(back, pages, sizeof(back)), 0);
	iommu_pages_expand(&p, back, true, 0xc000000, ptrs);
	CU_ASSERT_EQUAL(ptrs[0], 0xc001003);
	put(1, 0, 0xc001003);
	CU_ASSERT_EQUAL(memcmp(back, pages, sizeof(back)), 0);
	free(r);
}

static void test_check(void)
{
	struct smmub_run r[2] = {
		{ htole32(0), htole16(0), htole16(2), htole64(1), htole64(1) },
		{ htole32(1), htole16(0), htole16(1), htole64(5), 0 },
	};
	uint64_t rel[2] = { htole64(8), htole64(PAGE) }, bad = 0;
	struct iommu_pages p = view(r, 2, rel, 2);

	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), 0);
	/* runs out of order (overlapping the one before) */
	r[1].page = 0;
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), -SMMUB_ERR_BADVALUE);
	CU_ASSERT_EQUAL(bad, 1000 + sizeof(r[0]));
	r[1].page = htole32(3); /* beyond the 3 pages */
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), -SMMUB_ERR_BADVALUE);
	r[1].page = htole32(1);
	r[1].index = htole16(511);
	r[1].count = htole16(2); /* across a page */
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), -SMMUB_ERR_BADVALUE);
	r[1].index = 0;
	r[1].count = htole16(1);
	r[1].value = 0; /* a zero word is no run */
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), -SMMUB_ERR_BADVALUE);
	r[1].value = htole64(5);
	r[0].value = htole64(UINT64_MAX); /* the last word wraps */
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), -SMMUB_ERR_BADVALUE);
	CU_ASSERT_EQUAL(bad, 1000);
	r[0].value = htole64(1);
	/* relocations: on a stored word, aligned, ascending */
	rel[0] = htole64(16); /* word 2 of page 0 is not stored */
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), -SMMUB_ERR_BADVALUE);
	CU_ASSERT_EQUAL(bad, 2000);
	rel[0] = htole64(9);
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), -SMMUB_ERR_BADVALUE);
	rel[0] = htole64(PAGE);
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), -SMMUB_ERR_BADVALUE);
	CU_ASSERT_EQUAL(bad, 2000 + 8);
	rel[0] = htole64(0);
	CU_ASSERT_EQUAL(iommu_pages_check(&p, 1000, 2000, &bad), 0);
}

static const struct cu_case cases[] = {
	{ "writer: exact runs", test_encode },
	{ "reader: round trip, relocated", test_round_trip },
	{ "reader: every rule", test_check },
};

int main(void)
{
	return CU_RUN("iommu pages", cases);
}
